/**
 * quantiles.csv carries every probability the run table prints with its standard error: P(reached
 * by then) as well as P(annual total >= target), as comparison.csv already does.
 */
import { describe, expect, it } from 'vitest';
import { compile, loadScenario, run } from '../../src/index.js';
import { quantilesCsv } from '../../src/results/write.js';

describe('quantiles.csv', () => {
  it('has p_reached_by_se for each year, equal to summary.json', async () => {
    const s = await run(compile(loadScenario('test/fixtures/scenarios/smoke.yaml')), { paths: 1024, seed: 5, workers: 0 });
    const rows = quantilesCsv(s).trim().split('\n').map((l) => l.split(','));
    const se = rows.filter((r) => r[1] === 'total' && r[2] === 'p_reached_by_se');
    expect(se.map((r) => Number(r[0]))).toEqual(s.years);
    expect(se.map((r) => Number(r[3]))).toEqual(s.target.reachedByStandardError);
    expect(s.target.reachedByStandardError.some((v) => v > 0)).toBe(true);
  });
});
