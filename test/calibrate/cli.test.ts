/**
 * `trade-sim calibrate`: prints a YAML fragment a scenario can paste (growth, volatility,
 * transitoryVolatility, persistence, each with a value and a source naming the method and the
 * observations), with the numbers of the library's fit on the same whole years; leaves partial
 * years out and says so; warns when the history cannot identify the split; and refuses bad input
 * with exit code 2 and a message naming the file and series.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { calibrate } from '../../src/calibrate/fit.js';
import type { AnnualLogs } from '../../src/calibrate/kalman.js';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { engineHistories } from './engine-histories.js';

const dir = new TempDir();
afterAll(() => dir.remove());

type Fragment = Record<'growth' | 'volatility' | 'transitoryVolatility' | 'persistence', { value: number; source: string }>;

const TRUTH = { mu: 0.05, sigmaP: 0.2, sigmaT: 0.3, phi: 0.3 };
/** Three engine paths of 40 years (2010-2049): the total and the two directions of a history file. */
const [total, exports, imports] = engineHistories(dir, TRUTH, 40, 3, 42) as [AnnualLogs, AnnualLogs, AnnualLogs];
const GAPS = new Set([2015, 2016, 2031]);
const points = (h: AnnualLogs) => [
  ...h.years.flatMap((year, i) => (GAPS.has(year) ? [] : [{ year, value: Math.exp(h.y[i]!), source: 'engine path' }])),
  { year: 2050, period: 'January-June 2050', months: 6, value: 1e6, source: 'engine path, half a year' },
  { year: 2016, period: 'July-December 2016', months: 6, value: 2e6, source: 'a partial year inside a gap' },
];
const historyFile = dir.file('history.yaml', stringify({
  series: {
    both: { label: 'synthetic total', source: 'trade-sim', flow: 'total', points: points(total) },
    pk: { label: 'synthetic exports', source: 'trade-sim', flow: 'PK>KZ', points: points(exports) },
    kz: { label: 'synthetic imports', source: 'trade-sim', flow: 'KZ>PK', points: points(imports) },
  },
}));
const wholeYears = (h: AnnualLogs, from = 0): AnnualLogs => {
  const keep = h.years.map((y, i) => i).filter((i) => !GAPS.has(h.years[i]!) && h.years[i]! >= from);
  return { years: keep.map((i) => h.years[i]!), y: keep.map((i) => h.y[i]!) };
};

/** The fragment pasted under a flow of a minimal scenario (comments and all), then validated. */
function pasteAndValidate(fragment: string, direction: string): { code: number; stdout: string; stderr: string } {
  const indented = fragment.trimEnd().split('\n').map((l) => `      ${l}`).join('\n');
  const file = dir.file(`pasted-${direction.replace('>', '-')}.yaml`, `name: pasted
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030, source: "test" }
flows:
  textiles:
    ${direction}:
      base: { value: 100M, source: "test" }
${indented}
`);
  return cli(['validate', '--strict', file]);
}

describe('trade-sim calibrate', () => {
  for (const [id, h, direction] of [['both', total, 'PK>KZ'], ['pk', exports, 'PK>KZ'], ['kz', imports, 'KZ>PK']] as const) {
    it(`series ${id}: the library's fit of the whole years, gaps named, partial years left out, and the YAML pastes into a scenario that validates`, () => {
      const r = cli(['calibrate', historyFile, '--series', id]);
      expect(r.code, r.stderr).toBe(0);
      const out = parse(r.stdout) as Fragment;
      expect(Object.keys(out)).toEqual(['growth', 'volatility', 'transitoryVolatility', 'persistence']);
      const fit = calibrate(wholeYears(h), 0.9);
      expect(out.growth.value).toBeCloseTo(fit.growth.value, 3);
      expect(out.volatility.value).toBeCloseTo(fit.params.sigmaP, 3);
      expect(out.transitoryVolatility.value).toBeCloseTo(fit.params.sigmaT, 3);
      expect(out.persistence.value).toBeCloseTo(fit.params.phi, 3);
      // growth is the scenario's mean growth rate: mu + sigmaP^2 / 2, mu the drift of the log level.
      expect(fit.growth.value).toBeCloseTo(fit.params.mu + fit.params.sigmaP ** 2 / 2, 12);
      for (const v of Object.values(out)) {
        expect(v.source).toContain(`maximum likelihood, Kalman filter`);
        expect(v.source).toContain(`ln USD of 37 whole years 2010-2049 (37 of 40; none for 2015, 2016, 2031); partial years left out (2050 (January-June 2050); 2016 (July-December 2016))`);
      }
      expect(r.stdout).toContain('# Left out, partial years: 2050 (January-June 2050); 2016 (July-December 2016).');
      expect(r.stdout).toContain(id === 'both' ? 'flow: total, both directions' : `flow: ${direction}`);
      const v = pasteAndValidate(r.stdout, direction);
      expect(v.code, v.stderr).toBe(0);
      expect(v.stdout).toMatch(/^ok: .*pasted, 1 flows/);
    });
  }

  it('--from leaves the earlier whole years out, in the fit and in every source', () => {
    const r = cli(['calibrate', historyFile, '--series', 'pk', '--from', '2030']);
    expect(r.code, r.stderr).toBe(0);
    const out = parse(r.stdout) as Fragment;
    const fit = calibrate(wholeYears(exports, 2030), 0.9);
    expect(fit.observations).toBe(19);
    expect(out.volatility.value).toBeCloseTo(fit.params.sigmaP, 3);
    for (const v of Object.values(out)) expect(v.source).toMatch(/19 whole years 2030-2049 \(19 of 20; none for 2031\).*whole years before 2030 left out \(2010, 2011/);
    expect(r.stdout).toContain('# Left out, before 2030: 2010, 2011, 2012');
  });

  it('on the library history, says the four Kazakh years cannot separate the shocks, and the fragment still validates', () => {
    const r = cli(['calibrate', 'scenarios/history.yaml', '--series', 'kazakhstan-stat']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# Used: 2021 95M, 2022 73.5M, 2023 52.5M, 2024 53.7M.');
    expect(r.stdout).toMatch(/# Left out, partial years: 2018 \(January-August 2018\)/);
    expect(r.stdout).toMatch(/# WARNING: 4 whole years \(3 changes\) for 4 parameters: too short/);
    expect(r.stderr).toMatch(/^warning: 4 whole years/m);
    const out = parse(r.stdout) as Fragment;
    for (const v of Object.values(out)) expect(v.source).toContain('NOT IDENTIFIED');
    // Profile-likelihood intervals, an end on a parameter's bound marked as such.
    expect(r.stdout).toContain('# 90% intervals are profile-likelihood intervals:');
    expect(out.persistence.source).toContain('90% interval 0 (the bound) to 0.98 (the bound)');
    expect(out.volatility.source).toMatch(/90% interval 0 \(the bound\) to 0\.\d+\)/);
    expect(out.growth.source).toMatch(/partial years left out \(2018 \(January-August 2018\)/);
    const v = pasteAndValidate(r.stdout, 'KZ>PK');
    expect(v.code, v.stderr).toBe(0);
  });

  it('refuses a series with too few whole years, naming the file, the series and what it found', () => {
    const r = cli(['calibrate', 'scenarios/history.yaml', '--series', 'pakistan-sbp-exports']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // The line and column of the series' key in the file.
    const line = readFileSync('scenarios/history.yaml', 'utf8').split('\n').findIndex((l) => l === '  pakistan-sbp-exports:') + 1;
    expect(line).toBeGreaterThan(0);
    expect(r.stderr).toContain(`scenarios/history.yaml:${line}:3: series.pakistan-sbp-exports: expected at least 3 whole years to calibrate on, found 2 (2024, 2025)`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown series (listing the known ones), a missing --series and a --from that leaves too few years, with exit code 2', () => {
    const unknown = cli(['calibrate', historyFile, '--series', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('history.yaml: series.nope: no such series (--series); the file has "both", "pk", "kz"');
    const missing = cli(['calibrate', 'scenarios/history.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--series: expected the name of a series');
    const from = cli(['calibrate', 'scenarios/history.yaml', '--series', 'kazakhstan-stat', '--from', '2023']);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('expected at least 3 whole years from 2023 to calibrate on, found 2 (2023, 2024)');
    expect(from.stderr).not.toMatch(/\n\s+at /);
  });
});
