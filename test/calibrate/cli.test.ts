/**
 * `trade-sim calibrate`: prints a YAML fragment a scenario can paste (growth, volatility,
 * transitoryVolatility, persistence, each with a value and a source naming the method and the
 * observations), warns when the history cannot identify the split, and refuses bad input with
 * exit code 2 and a message naming the file and series.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { simulateHistory } from './simulate.js';

const dir = new TempDir();
afterAll(() => dir.remove());

describe('trade-sim calibrate', () => {
  it('recovers known parameters from a long synthetic history and prints them as pasteable YAML', () => {
    const truth = { mu: 0.05, sigmaP: 0.2, sigmaT: 0.3, phi: 0.3 };
    const h = simulateHistory(truth, 300, 42);
    const file = dir.file('long.yaml', stringify({
      series: { synthetic: { label: 'synthetic', source: 'simulated', points: h.years.map((year, i) => ({ year, value: Math.exp(h.y[i]!), source: 'simulated' })) } },
    }));
    const r = cli(['calibrate', file, '--series', 'synthetic']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const out = parse(r.stdout) as Record<string, { value: number; source: string }>;
    expect(Object.keys(out)).toEqual(['growth', 'volatility', 'transitoryVolatility', 'persistence']);
    for (const v of Object.values(out)) expect(v.source).toMatch(/maximum likelihood, Kalman filter .* 300 whole years 1900-2199/);
    // Within the 90% intervals the source prints.
    const within = (key: string, x: number) => {
      const m = /90% interval (\S+) to (\S+?)\)/.exec(out[key]!.source)!;
      expect(x, key).toBeGreaterThanOrEqual(Number(m[1]));
      expect(x, key).toBeLessThanOrEqual(Number(m[2]));
    };
    within('volatility', truth.sigmaP);
    within('transitoryVolatility', truth.sigmaT);
    within('persistence', truth.phi);
    within('growth', truth.mu); // the interval printed with growth is mu's
    expect(out.growth!.value).toBeCloseTo(Math.exp(Number(/mu = (\S+) a year/.exec(out.growth!.source)![1])) - 1, 3);
  });

  it('on the library history, says the four Kazakh years cannot separate the shocks', () => {
    const r = cli(['calibrate', 'scenarios/history.yaml', '--series', 'kazakhstan-stat']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# Used: 2021 95M, 2022 73.5M, 2023 52.5M, 2024 53.7M.');
    expect(r.stdout).toMatch(/# Left out, partial years: 2018 \(January-August 2018\)/);
    expect(r.stdout).toMatch(/# WARNING: 4 whole years \(3 changes\) for 4 parameters: too short/);
    expect(r.stderr).toMatch(/^warning: 4 whole years/m);
    const out = parse(r.stdout) as Record<string, { value: number; source: string }>;
    expect(out.volatility!.source).toContain('NOT IDENTIFIED');
  });

  it('refuses a series with too few whole years, naming the file, the series and what it found', () => {
    const r = cli(['calibrate', 'scenarios/history.yaml', '--series', 'pakistan-sbp-exports']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('scenarios/history.yaml: series.pakistan-sbp-exports: expected at least 3 whole years to calibrate on, found 2 (2024, 2025)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown series and a missing --series with exit code 2', () => {
    const unknown = cli(['calibrate', 'scenarios/history.yaml', '--series', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/series\.nope: no such series; the file has "pakistan-sbp"/);
    const missing = cli(['calibrate', 'scenarios/history.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--series: expected the name of a series');
    const from = cli(['calibrate', 'scenarios/history.yaml', '--series', 'kazakhstan-stat', '--from', '2023']);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('expected at least 3 whole years from 2023 to calibrate on, found 2 (2023, 2024)');
  });
});
