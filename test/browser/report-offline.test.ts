/**
 * Opens report.html from disk in headless Chromium (Debian's /usr/bin/chromium) and checks that
 * every chart is drawn, with tooltips, with no console error and no network request at all: a
 * run's, and each study's that the CLI writes (compare, sensitivity, goal, backtest).
 * Skipped, saying so, where Chromium is missing; fails instead when CI=true.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCharts, writeReport } from '../../src/charts/index.js';
import type { Summary } from '../../src/results/summary.js';
import { NASTY, makeSummary, nastySummary } from '../charts/fixture-summary.js';
import { cli } from '../helpers/scenario-files.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.artifacts');
const haveChromium = existsSync(CHROMIUM);
const inCI = process.env.CI === 'true';

if (!haveChromium) {
  console.warn(
    `report-offline: ${CHROMIUM} is missing (apt-get install chromium); the browser test is ${inCI ? 'failing (CI=true)' : 'skipped'}.`,
  );
}

describe.runIf(!haveChromium && inCI)('report in a browser (CI)', () => {
  it('needs Chromium at /usr/bin/chromium', () => {
    expect.fail(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  });
});

interface PageLog {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

describe.runIf(haveChromium)('report.html in headless Chromium, offline', () => {
  let work: string;
  let context: BrowserContext;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'trade-sim-browser-'));
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
      viewport: { width: 1100, height: 900 },
      offline: false, // requests are caught and counted below, not hidden by offline mode
    });
  });

  afterAll(async () => {
    await context?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function openReport(summary: Summary, name: string): Promise<{ page: Page; log: PageLog; url: string }> {
    const out = join(work, name);
    const charts = await writeCharts(summary, out);
    return openFile(await writeReport(summary, charts, out));
  }

  async function openFile(file: string): Promise<{ page: Page; log: PageLog; url: string }> {
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const log: PageLog = { errors: [], requests: [], dialogs: [] };
    page.on('console', (msg) => {
      if (msg.type() === 'error') log.errors.push(msg.text());
    });
    page.on('pageerror', (error) => log.errors.push(String(error)));
    page.on('dialog', (dialog) => {
      log.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url() !== url) log.requests.push(request.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 60_000 });
    return { page, log, url };
  }

  it('draws every chart, with tooltips, no console error and no request but the page', async () => {
    const summary = makeSummary();
    const { page, log } = await openReport(summary, 'plain');

    const charts = await page.$$eval('.vis', (els) =>
      els.map((el) => ({
        chart: el.getAttribute('data-chart'),
        rendered: el.getAttribute('data-rendered'),
        // Marks drawn: children of Vega's mark groups (paths, rects, lines, text) in an svg or canvas.
        marks: el.querySelectorAll('svg g.role-mark > *').length,
        canvas: el.querySelectorAll('canvas').length,
        width: el.querySelector('svg, canvas')?.getBoundingClientRect().width ?? 0,
      })),
    );
    expect(charts.map((c) => c.chart)).toEqual([
      'fan-total',
      'target-probability',
      'first-year',
      'target-year-distribution',
      'sectors-mean',
      'sectors-fan',
      'directions-fan',
      'corridor-shares',
    ]);
    for (const c of charts) {
      expect(c.rendered, c.chart ?? '').toBe('true');
      expect(c.marks + c.canvas, c.chart ?? '').toBeGreaterThan(5);
      expect(c.width, c.chart ?? '').toBeGreaterThan(300);
    }
    // The fan has its two bands and the target rule.
    expect(await page.locator('#vis-fan-total g.band_90_marks path').count()).toBe(1);
    expect(await page.locator('#vis-fan-total g.band_50_marks path').count()).toBe(1);
    expect(await page.locator('#vis-fan-total g.target_rule_marks line').count()).toBe(1);
    expect(await page.locator('#vis-fan-total g.history_points_marks path').count()).toBe(8);

    // Hovering a median point shows its numbers.
    const point = page.locator('#vis-fan-total g.median_points_marks path').nth(4);
    await point.scrollIntoViewIfNeeded();
    await point.hover({ force: true });
    const tooltip = page.locator('.tooltip');
    await expect.poll(() => tooltip.isVisible(), { timeout: 5_000 }).toBe(true);
    const tip = await tooltip.innerText();
    expect(tip).toContain('Median');
    expect(tip).toContain('2030');
    await page.mouse.move(0, 0);

    expect(await page.locator('h1').innerText()).toBe(summary.scenario.title);
    expect(await page.locator('#headline .card').count()).toBeGreaterThanOrEqual(4);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });

    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    expect(log.dialogs).toEqual([]);
    await page.close();
  });

  it('draws every chart of each study\'s report (compare, sensitivity, goal, backtest), with no console error and no request', async () => {
    const studies: Array<[string, string[], string[]]> = [
      ['compare', ['compare', 'test/fixtures/compare/base.yaml', 'test/fixtures/compare/customs.yaml', '--paths', '2048'], ['difference-probability', 'target-probability', 'fans', 'difference-fan', 'first-year']],
      ['sensitivity', ['sensitivity', 'test/fixtures/compare/customs.yaml', '--paths', '1024', '--by', '2029'], ['sobol', 'tornado']],
      ['goal', ['goal', 'test/fixtures/compare/customs.yaml', '--lever', 'agreements.customs.probability', '--probability', '0.2', '--by', '2030', '--range', '0..1', '--paths', '2048'], ['goal-curve']],
      ['backtest', ['backtest', 'scenarios/baseline-kz.yaml', '--origins', '2021..2024', '--paths', '1024'], ['backtest-fan', 'backtest-pit', 'backtest-coverage']],
    ];
    for (const [name, args, expected] of studies) {
      const out = join(work, `study-${name}`);
      const r = cli([...args, '--seed', '5', '--quiet', '--out', out]);
      expect(r.stderr, name).toBe('');
      const { page, log } = await openFile(join(out, 'report.html'));
      const charts = await page.$$eval('.vis', (els) => els.map((el) => ({
        chart: el.getAttribute('data-chart'),
        rendered: el.getAttribute('data-rendered'),
        marks: el.querySelectorAll('svg g.role-mark > *').length,
      })));
      expect(charts.map((c) => c.chart), name).toEqual(expected);
      for (const c of charts) {
        expect(c.rendered, `${name}: ${c.chart}`).toBe('true');
        expect(c.marks, `${name}: ${c.chart}`).toBeGreaterThan(2);
      }
      expect(log.errors, name).toEqual([]);
      expect(log.requests, name).toEqual([]);
      await page.close();
    }
  });

  it('shows hostile text from the summary as text, runs none of it, still draws every chart', async () => {
    const { page, log } = await openReport(nastySummary(), 'nasty');
    expect(await page.locator('h1').innerText()).toBe(NASTY.title);
    expect(await page.locator('#warnings li').last().innerText()).toBe(NASTY.warning);
    expect(await page.locator('.vis[data-rendered="true"]').count()).toBe(8);
    expect(await page.locator('img, iframe').count()).toBe(0);
    expect(log.dialogs).toEqual([]);
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    await page.close();
  });
});
