/**
 * `--json` on run and compare: stdout is one JSON document and nothing else; its figures are those
 * of the output folder's summary.json / comparison.json; it says where the output is and which
 * scenario (by hash) was run. The table and messages go to stderr, and --quiet drops them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());
const SMOKE = 'test/fixtures/scenarios/smoke.yaml';
const BASE = 'test/fixtures/compare/base.yaml', CUSTOMS = 'test/fixtures/compare/customs.yaml';

describe('trade-sim run --json', () => {
  const out = join(dir.path, 'run');
  const r = cli(['run', SMOKE, '--paths', '3000', '--seed', '5', '--out', out, '--no-charts', '--json']);

  it('exits 0 with one JSON document on stdout', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('}');
  });

  it("holds summary.json's figures, the scenario hash and where the output is", () => {
    const j = JSON.parse(r.stdout);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(j.format).toBe('trade-sim/run-result/v1');
    expect(j.scenario).toEqual({ name: s.scenario.name, title: s.scenario.title, file: SMOKE, sha256: s.scenario.sha256 });
    expect(j.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect([j.paths, j.seed]).toEqual([3000, 5]);
    expect(j.years).toEqual(s.years);
    expect(j.yearLabels).toEqual(s.yearLabels);
    for (const k of ['value', 'year', 'probability', 'standardError', 'reachedBy', 'reachedByStandardError', 'medianFirstYear']) {
      expect(j.target[k], k).toEqual(s.target[k]);
    }
    expect(j.target.neverReached).toBe(s.target.firstYear.never);
    for (const k of ['mean', 'p05', 'p50', 'p95']) expect(j.annualTotal[k], k).toEqual(s.annual.total[k]);
    expect(j.output).toBe(out);
    expect(j.result).toBe(join(out, 'summary.json'));
    expect(j.report).toBeNull();
  });

  it('prints the table on stderr instead', () => {
    expect(r.stderr).toContain('P(annual total >= ');
    expect(r.stderr).toContain(`output: ${out}`);
  });

  it('with --quiet prints nothing else at all, and the same figures', () => {
    const q = cli(['run', SMOKE, '--paths', '3000', '--seed', '5', '--out', join(dir.path, 'quiet'), '--json', '--quiet']);
    expect(q.code, q.stderr).toBe(0);
    expect(q.stderr).toBe('');
    const a = JSON.parse(q.stdout), b = JSON.parse(r.stdout);
    expect(a.target).toEqual(b.target);
    expect(a.report).toBe(join(dir.path, 'quiet', 'report.html'));
    expect(existsSync(a.report)).toBe(true);
  });
});

describe('trade-sim compare --json', () => {
  const out = join(dir.path, 'compare');
  const r = cli(['compare', BASE, CUSTOMS, '--paths', '2000', '--seed', '9', '--out', out, '--no-charts', '--json', '--quiet']);

  it("is one JSON document holding comparison.json's figures", () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    const s = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(j.format).toBe('trade-sim/compare-result/v1');
    expect([j.paths, j.seed, j.years, j.target]).toEqual([s.paths, s.seed, s.years, s.target]);
    expect(j.scenarios.map((x: { key: string; sha256: string }) => [x.key, x.sha256])).toEqual(s.scenarios.map((x: { key: string; sha256: string }) => [x.key, x.sha256]));
    expect(j.scenarios[1].annualTotalMedian).toEqual(s.scenarios[1].annualTotal.p50);
    const [jc, sc] = [j.comparisons[0], s.comparisons[0]];
    for (const k of ['difference', 'standardError', 'lower95', 'upper95', 'baseline', 'scenario']) {
      expect(jc.reachedBy[k], k).toEqual(sc.reachedBy[k]);
      expect(jc.probability[k], k).toEqual(sc.probability[k]);
    }
    expect(jc.annualTotal.meanDifference).toEqual(sc.annualTotal.meanDifference);
    expect(jc.annualTotal.pairedDifference.p50).toEqual(sc.annualTotal.pairedDifference.p50);
    expect(jc.firstYear).toEqual(sc.firstYear);
    expect(j.output).toBe(out);
    expect(j.result).toBe(join(out, 'comparison.json'));
  });
});
