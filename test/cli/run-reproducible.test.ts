/**
 * Reproducibility and the output folder: the same scenario and seed give the same summary.json,
 * byte for byte, for any number of workers; the folder holds every file the README lists.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { toJson } from '../../src/results/write.js';
import { cli, TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());
const SMOKE = 'test/fixtures/scenarios/smoke.yaml';

describe('same seed, same bytes', () => {
  it('--workers 1 and --workers 2 write byte-identical summary.json', () => {
    const outs = [1, 2].map((w) => {
      const out = join(dir.path, `w${w}`);
      const r = cli(['run', SMOKE, '--paths', '5000', '--seed', '42', '--workers', String(w), '--out', out, '--quiet', '--no-charts']);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(join(out, 'summary.json'), 'utf8');
    });
    expect(outs[0]).toBe(outs[1]);
    const manifests = [1, 2].map((w) => JSON.parse(readFileSync(join(dir.path, `w${w}`, 'manifest.json'), 'utf8')) as { workers: number });
    expect(manifests.map((m) => m.workers)).toEqual([1, 2]);
  });

  it('in this thread and on the pool, the summary is the same bytes', async () => {
    const prep = prepareScenario(SMOKE);
    const a = await runPrepared(prep, { paths: 3000, seed: 9, workers: 0 });
    const b = await runPrepared(prep, { paths: 3000, seed: 9, workers: 2 });
    expect(toJson(a.summary)).toBe(toJson(b.summary));
  });

  it('a different seed gives different numbers', async () => {
    const prep = prepareScenario(SMOKE);
    const a = await runPrepared(prep, { paths: 2000, seed: 1, workers: 0 });
    const b = await runPrepared(prep, { paths: 2000, seed: 2, workers: 0 });
    expect(a.summary.annual.total.mean[5]).not.toBe(b.summary.annual.total.mean[5]);
  });

  it('more paths extend a run: the first chunks are the same paths', async () => {
    // Chunk streams depend on (seed, chunk, component) only, so 1024 paths are a prefix of 2048.
    const prep = prepareScenario(SMOKE);
    const a = await runPrepared(prep, { paths: 1024, seed: 5, workers: 0 });
    const b = await runPrepared(prep, { paths: 2048, seed: 5, workers: 0 });
    const c = await runPrepared(prep, { paths: 1024, seed: 5, workers: 0 });
    expect(a.summary).toEqual(c.summary);
    expect(b.result.partial.hits[9]).toBeGreaterThanOrEqual(a.result.partial.hits[9] as number);
  });
});

describe('the output folder', () => {
  it('holds summary.json, manifest.json and quantiles.csv with the documented fields', () => {
    const out = join(dir.path, 'full');
    const r = cli(['run', SMOKE, '--paths', '3000', '--seed', '3', '--out', out, '--no-charts']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('P(annual total >= $1B)');
    expect(r.stdout).toMatch(/2030 +\S+ \[\S+ - \S+\]/);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.paths).toBe(3000);
    expect(s.seed).toBe(3);
    expect(s.scenario.name).toBe('smoke');
    expect(s.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.years).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
    for (const series of [s.annual.total, s.annual.bySector.textiles, s.annual.bySector.energy, s.annual.byDirection['PK>KZ'], s.annual.byDirection['KZ>PK']]) {
      for (const k of ['mean', 'p05', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95']) expect(series[k]).toHaveLength(10);
      for (let y = 0; y < 10; y++) {
        const q = ['p05', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'].map((k) => series[k][y] as number);
        expect([...q].sort((a, b) => a - b)).toEqual(q);
      }
    }
    // Sectors add up to the total, in means.
    for (let y = 0; y < 10; y++) {
      const sum = (Object.values(s.annual.bySector) as Array<{ mean: number[] }>).reduce((a, x) => a + (x.mean[y] as number), 0);
      expect(sum / s.annual.total.mean[y]).toBeCloseTo(1, 10);
    }
    expect(s.target.reachedBy).toHaveLength(10);
    for (let y = 1; y < 10; y++) expect(s.target.reachedBy[y]).toBeGreaterThanOrEqual(s.target.reachedBy[y - 1]);
    const fy = s.target.firstYear;
    expect(fy.probability.reduce((a: number, b: number) => a + b, 0) + fy.never).toBeCloseTo(1, 12);
    expect(s.steps.time).toHaveLength(120);
    expect(Object.keys(s.corridorShare)).toEqual(['afghan-road', 'northern', 'caspian']);
    const csv = readFileSync(join(out, 'quantiles.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('year,series,statistic,value');
    expect(csv.some((l) => l.startsWith('2030,sector:textiles,p50,'))).toBe(true);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.engine.name).toBe('trade-sim');
    expect(m.flowStepsPerSecond).toBeGreaterThan(0);
    expect(m.chunkSize).toBe(1024);
    expect(readdirSync(dir.path).filter((f) => f.includes('.partial-'))).toEqual([]);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });
});
