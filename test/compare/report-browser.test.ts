/**
 * report.html in a real browser, offline: every chart is drawn and nothing is fetched from the
 * network. Skipped where no Chromium is installed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareComparison, runComparison } from '../../src/studies/compare/compare.js';
import { writeComparisonOutputs } from '../../src/studies/compare/report.js';
import { TempDir } from '../helpers/scenario-files.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const dir = new TempDir();
afterAll(() => dir.remove());

describe.skipIf(!CHROMIUM)('the comparison report in a browser', () => {
  it('draws every chart offline, without errors', async () => {
    const files = ['test/fixtures/compare/base.yaml', 'test/fixtures/compare/customs.yaml'];
    const { summary } = await runComparison(prepareComparison(files), files, { paths: 2000, seed: 1, workers: 0 });
    const report = await writeComparisonOutputs(summary, dir.path);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM as string, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network: ${r.url()}`); });
      await page.goto(pathToFileURL(report).href);
      await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 60_000 });
      const rendered = await page.$$eval('.vis', (els) => els.map((e) => e.getAttribute('data-rendered')));
      expect(rendered).toEqual(['true', 'true', 'true', 'true', 'true']);
      expect(await page.$$eval('.vis svg', (els) => els.length)).toBe(5);
      expect(problems).toEqual([]);
      expect(existsSync(join(dir.path, 'charts', 'fans.png'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
