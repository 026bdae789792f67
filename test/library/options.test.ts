/**
 * The library's options (src/library-options.ts, through src/index.ts): paths, seed and workers
 * are checked at the API boundary with the CLI's ranges (workers may also be 0, this thread), and a
 * bad value throws a RangeError naming the option, what was expected and what was found, before
 * anything is compiled or simulated: never the engine's "internal:" errors, never a bad seed
 * recorded in the summary. Valid edge values still run and give the numbers they gave before the
 * checks (recorded from the build before them, smoke.yaml).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { annualValues, close, compare, compareFiles, compile, loadScenario, run, type RunOptions } from '../../src/index.js';
import { thrown } from '../helpers/thrown.js';

const SMOKE = 'test/fixtures/scenarios/smoke.yaml';
const scenario = loadScenario(SMOKE);
const compiled = compile(scenario);

afterAll(() => close());

const SEED = 'seed: expected a whole number from 0 to 2^53 - 1, found ';
const PATHS = 'paths: expected a whole number from 1 to 10^9, found ';
const WORKERS = 'workers: expected a whole number from 0 (this thread alone) to 256, found ';

const bad: Array<[keyof RunOptions, unknown, string]> = [
  ['seed', -1, `${SEED}-1`],
  ['seed', 1.5, `${SEED}1.5`],
  ['seed', 2 ** 53, `${SEED}9007199254740992`],
  ['seed', NaN, `${SEED}NaN`],
  ['seed', Infinity, `${SEED}Infinity`],
  ['seed', 'x', `${SEED}the text "x"`],
  ['seed', '7', `${SEED}the text "7"`],
  ['seed', null, `${SEED}null`],
  ['seed', true, `${SEED}boolean true`],
  ['seed', 7n, `${SEED}bigint 7`],
  ['paths', 0, `${PATHS}0`],
  ['paths', -5, `${PATHS}-5`],
  ['paths', 1.5, `${PATHS}1.5`],
  ['paths', NaN, `${PATHS}NaN`],
  ['paths', 1e10, `${PATHS}10000000000`],
  ['paths', '100', `${PATHS}the text "100"`],
  ['paths', {}, `${PATHS}an object with fields (none)`],
  ['workers', -1, `${WORKERS}-1`],
  ['workers', 1.5, `${WORKERS}1.5`],
  ['workers', 257, `${WORKERS}257`],
  ['workers', 1000, `${WORKERS}1000`],
  ['workers', '2', `${WORKERS}the text "2"`],
];

describe('library options: bad values are refused', () => {
  it.each(bad)('run: %s = %o', async (option, value, message) => {
    const opts = { paths: 10, seed: 1, workers: 0, [option]: value } as RunOptions;
    for (const s of [scenario, compiled]) {
      const e = await thrown(() => run(s, opts));
      expect(e).toBeInstanceOf(RangeError);
      expect((e as Error).message).toBe(message);
    }
  });

  it.each(bad)('compare and compareFiles: %s = %o', async (option, value, message) => {
    const opts = { paths: 10, seed: 1, workers: 0, [option]: value } as RunOptions;
    for (const f of [() => compare([compiled, compiled], opts), () => compareFiles([SMOKE, SMOKE], opts)]) {
      const e = await thrown(f);
      expect(e).toBeInstanceOf(RangeError);
      expect((e as Error).message).toBe(message);
    }
  });

  it.each(bad.filter(([option]) => option !== 'workers'))('annualValues: %s = %o', async (option, value, message) => {
    const e = await thrown(() => annualValues(compiled, { paths: 10, seed: 1, [option]: value } as { paths: number; seed: number }));
    expect(e).toBeInstanceOf(RangeError);
    expect((e as Error).message).toBe(message);
  });

  it('annualValues requires paths and seed', async () => {
    const noSeed = await thrown(() => annualValues(compiled, { paths: 5 } as { paths: number; seed: number }));
    expect(noSeed).toBeInstanceOf(RangeError);
    expect((noSeed as Error).message).toBe('seed: expected a whole number from 0 to 2^53 - 1, found none (it is required)');
    const noPaths = await thrown(() => annualValues(compiled, { seed: 5 } as { paths: number; seed: number }));
    expect(noPaths).toBeInstanceOf(RangeError);
    expect((noPaths as Error).message).toBe('paths: expected a whole number from 1 to 10^9, found none (it is required)');
  });

  it('no message says "internal"', async () => {
    for (const [option, value] of bad) {
      const e = await thrown(() => run(compiled, { paths: 10, seed: 1, workers: 0, [option]: value } as RunOptions));
      expect((e as Error).message).not.toMatch(/internal/);
    }
  });
});

describe('library options: valid edge values give the numbers they gave before', () => {
  // Recorded with the build before the checks (dist/index.js): summary.annual.total.mean and target.reachedBy.
  const before = [
    { paths: 1, seed: 0, workers: 0, reachedBy: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], mean: [57697418.68767524, 124669373.64137411, 154455174.85611135, 162509766.68941993, 194562983.8469998, 211056817.85191494, 425968775.96366364, 408799807.19434404, 561270307.52717, 564566461.8163861] },
    { paths: 1, seed: 2 ** 53 - 1, workers: 0, reachedBy: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], mean: [81722763.23302141, 102598578.48122953, 146962462.14138272, 207672705.24915385, 258921931.43049157, 369581276.2934414, 430863476.8482814, 624724828.0144147, 853450551.638402, 1181547174.991705] },
    { paths: 50, seed: 0, workers: 1, reachedBy: [0, 0, 0, 0, 0, 0, 0, 0.04, 0.06, 0.14], mean: [105367320.75986217, 119762202.75231627, 151572656.71811432, 182650399.89163926, 214405838.33089256, 275547589.1827111, 331951154.6327355, 375209591.3209008, 426254509.96739876, 462190984.1818721] },
    { paths: 50, seed: 2 ** 53 - 1, workers: 0, reachedBy: [0, 0, 0, 0, 0, 0.02, 0.02, 0.08, 0.12, 0.14], mean: [108815695.57309715, 128057625.32878768, 165920725.1991659, 208217656.44230676, 255790335.7790206, 311808824.1443824, 359244715.9502224, 415644629.0946803, 454682584.93813133, 444225556.1363563] },
  ];

  it.each(before)('run: paths $paths, seed $seed, workers $workers', async ({ paths, seed, workers, reachedBy, mean }) => {
    const summary = await run(scenario, { paths, seed, workers });
    expect(summary.seed).toBe(seed);
    expect(summary.paths).toBe(paths);
    expect(summary.target.reachedBy).toEqual(reachedBy);
    expect(summary.annual.total.mean).toEqual(mean);
  });

  it('annualValues: paths 3, seed 2^53 - 1', () => {
    const a = annualValues(compiled, { paths: 3, seed: 2 ** 53 - 1 });
    expect(a.paths).toBe(3);
    expect(Array.from(a.values.slice(0, 3))).toEqual([133229355.27215883, 155368120.1309535, 330596466.86985886]);
    expect(a.values[29]).toBe(224168961.4076026);
  });
});
