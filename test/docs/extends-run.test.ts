/**
 * README, "Reproducing a run": adding paths extends a run in whole blocks of 256 paths. A run's
 * first 1,024 paths are those of a 1,024-path run with the same seed; a last block of fewer than
 * 256 paths draws its streams differently (the README said "adding paths extends a run" of any
 * size, and a 1,000-path run's paths 768-999 are not those of a 2,048-path run).
 */
import { expect, it } from 'vitest';
import { annualValues, compile, loadScenario } from '../../src/index.js';

const compiled = compile(loadScenario('test/fixtures/scenarios/smoke.yaml'));

/** The first path at which a run of `paths` differs from the 2,048-path run of the same seed, or -1. */
function firstDifference(paths: number): number {
  const large = annualValues(compiled, { paths: 2048, seed: 9 });
  const small = annualValues(compiled, { paths, seed: 9 });
  const Y = small.years.length;
  for (let i = 0; i < paths * Y; i++) if (small.values[i] !== large.values[i]) return Math.floor(i / Y);
  return -1;
}

it('a run of whole blocks is a prefix of a larger run', () => {
  expect(firstDifference(1024)).toBe(-1);
  expect(firstDifference(1280)).toBe(-1);
});

it("a last block of fewer than 256 paths is not: a 1,000-path run shares its first 768 paths only", () => {
  expect(firstDifference(1000)).toBe(768);
});
