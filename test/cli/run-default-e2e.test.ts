/**
 * The default scenario end to end through the CLI, as `npm start` runs it: exit 0, the table on
 * stdout, and an output folder with data, charts in three formats and the report.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CHARTS } from '../../src/charts/specs.js';
import { cli, TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

it('runs scenarios/baseline-pk.yaml and writes every output file', () => {
  const out = join(dir.path, 'baseline-pk');
  const r = cli(['run', 'scenarios/baseline-pk.yaml', '--paths', '2000', '--seed', '11', '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain("Baseline, Pakistan's statistics");
  expect(r.stdout).toMatch(/FY2029-30 +\d+\.\d+% ± (< )?\d+\.\d+% +\d+\.\d+% ± (< )?\d+\.\d+% +<- target year/);
  expect(r.stdout).toContain(`report: ${join(out, 'report.html')}`);
  for (const f of ['summary.json', 'manifest.json', 'quantiles.csv', 'report.html']) expect(existsSync(join(out, f)), f).toBe(true);
  const charts = readdirSync(join(out, 'charts'));
  for (const c of CHARTS) {
    for (const ext of ['.vl.json', '.svg', '.png']) expect(charts, `${c.name}${ext}`).toContain(`${c.name}${ext}`);
  }
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  expect(summary.scenario.name).toBe('baseline-pk');
  expect(summary.history.length).toBeGreaterThan(0);
  expect(summary.parameters.every((p: { source?: string; assumption?: string }) => Boolean(p.source ?? p.assumption))).toBe(true);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).toContain(summary.scenario.sha256);
  expect(readdirSync(dir.path).filter((f) => f.startsWith('.'))).toEqual([]);
});
