/**
 * annualValues (src/engine/annual-paths.ts, through the library API): each path's annual values
 * are the paths of a run with the same seed. Checked against the run's summary.json means, which
 * the driver forms from the same paths (to rounding of the summation order), for the total and a
 * direction; and an unknown series is refused, naming the ones there are.
 */
import { describe, expect, it } from 'vitest';
import { annualValues, compile, loadScenario, run } from '../../src/index.js';

describe('annualValues', () => {
  const compiled = compile(loadScenario('scenarios/baseline-pk.yaml'));
  const paths = 3000, seed = 17;

  it.each([['total', (s: Awaited<ReturnType<typeof run>>) => s.annual.total], ['KZ>PK', (s: Awaited<ReturnType<typeof run>>) => s.annual.byDirection['KZ>PK']!]] as const)('gives the paths of a run with the same seed: series %s', async (series, pick) => {
    const summary = await run(compiled, { paths, seed, workers: 0 });
    const a = annualValues(compiled, { paths, seed, series });
    const Y = a.years.length;
    expect(a.years).toEqual(summary.yearLabels);
    for (let y = 0; y < Y; y++) {
      let sum = 0;
      for (let p = 0; p < paths; p++) sum += a.values[p * Y + y]!;
      expect(sum / paths).toBeCloseTo(pick(summary).mean[y]!, -Math.round(Math.log10(Math.abs(sum / paths))) + 9);
    }
  }, 60_000);

  it('refuses a series the scenario does not have, naming those it has', () => {
    expect(() => annualValues(compiled, { paths: 10, seed: 1, series: 'nope' })).toThrow(/no annual series "nope" in the plan; it has "total", .*"PK>KZ", "KZ>PK"/);
  });
});
