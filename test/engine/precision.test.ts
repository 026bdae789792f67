/**
 * Runs with a precision rule (--precision): rounds of chunks, each decided on the folded prefix
 * before it, so the stopping point and the result are the same bits for any number of workers;
 * the standard error stopped on is at most the one asked; a cap that binds is reported; and such
 * a run is exactly a fixed run of the paths it used.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { drive, FIRST_ROUND_CHUNKS, nextRoundEnd } from '../../src/engine/driver.js';
import { CHUNK } from '../../src/engine/kernel/index.js';
import { closeBackends } from '../../src/engine/backends/index.js';
import { paired, single } from '../../src/engine/kinds/index.js';
import { reachedByPrecision, simulate } from '../../src/studies/run/run.js';
import { pairedReachedByPrecision } from '../../src/studies/compare/compare.js';
import { cautiousPairedSe, cautiousProportionSe, pairedProportionSe, proportionSe } from '../../src/results/statistics.js';
import type { Plan } from '../../src/scenario/plan.js';

afterAll(() => closeBackends());

const plan = (file: string): Plan => prepareScenario(file).compiled.plan;
const SMOKE = plan('test/fixtures/scenarios/smoke.yaml');
const PAIR = [plan('test/fixtures/compare/base.yaml'), plan('test/fixtures/compare/customs.yaml')];
const SEED = 11;

/** A run's result as plain numbers (Float64 values compare bit for bit through Object.is). */
const bits = ({ paths, partial, totals }: { paths: number; partial: object; totals: object }) => JSON.stringify({ paths, partial, totals }, (_k, v: unknown) =>
  ArrayBuffer.isView(v) ? Array.from(v as Float64Array).map((x) => Object.is(x, -0) ? '-0' : x) : v);

describe('the stopping rule', () => {
  it('single: the same paths and bits on 0, 1 and 2 workers; the SE stopped on is <= asked; it is a fixed run of those paths', async () => {
    // Asked: 0.6 of the SE after the first round, so that at least one more round is needed.
    const rule = (se: number) => reachedByPrecision(SMOKE, se);
    const first = await drive(single, [SMOKE], { paths: FIRST_ROUND_CHUNKS * CHUNK, seed: SEED, workers: 0 });
    const asked = 0.6 * rule(1).of(first.partial, first.totals);
    const runs = [];
    for (const workers of [0, 1, 2]) runs.push(await simulate(SMOKE, { paths: 1e6, seed: SEED, workers, precision: asked }));
    const [r0, r1, r2] = runs as [typeof runs[0], typeof runs[0], typeof runs[0]];
    expect(r0.precision?.rounds).toBeGreaterThanOrEqual(2);
    expect(r0.precision?.capped).toBe(false);
    expect(r0.precision?.reached).toBeLessThanOrEqual(asked);
    expect(r0.paths % CHUNK).toBe(0);
    for (const r of [r1, r2]) {
      expect(r.paths).toBe(r0.paths);
      expect(r.precision).toEqual(r0.precision);
      expect(bits(r)).toBe(bits(r0));
    }
    // The plain SE the summary reports is never above the one stopped on.
    const yi = SMOKE.target.yearIndex;
    let reached = 0;
    for (let y = 0; y <= yi; y++) reached += r0.partial.firstYear[y] as number;
    expect(proportionSe(reached / r0.paths, r0.paths)).toBeLessThanOrEqual(r0.precision?.reached as number);
    // The last round was needed: the prefix before it had not reached the SE asked.
    const fixed = await simulate(SMOKE, { paths: r0.paths, seed: SEED, workers: 0 });
    expect(bits(fixed)).toBe(bits(r0));
  });

  it('single: a cap that binds stops the run at the cap and says so', async () => {
    const r = await simulate(SMOKE, { paths: 5000, seed: SEED, workers: 2, precision: 1e-4 });
    expect(r.paths).toBe(5000);
    expect(r.precision?.capped).toBe(true);
    expect(r.precision?.maxPaths).toBe(5000);
    expect(r.precision?.reached).toBeGreaterThan(1e-4);
    const fixed = await simulate(SMOKE, { paths: 5000, seed: SEED, workers: 0 });
    expect(bits(fixed)).toBe(bits(r));
  });

  it('paired: the same bits on 0 and 2 workers, the paired SE of P(reached by the target year) <= asked', async () => {
    const first = await drive(paired, PAIR, { paths: FIRST_ROUND_CHUNKS * CHUNK, seed: SEED, workers: 0 });
    const asked = 0.7 * pairedReachedByPrecision(PAIR, 1).of(first.partial, first.totals);
    expect(asked).toBeGreaterThan(0);
    const r0 = await drive(paired, PAIR, { paths: 1e6, seed: SEED, workers: 0 }, pairedReachedByPrecision(PAIR, asked));
    const r2 = await drive(paired, PAIR, { paths: 1e6, seed: SEED, workers: 2 }, pairedReachedByPrecision(PAIR, asked));
    expect(r0.precision?.rounds).toBeGreaterThanOrEqual(2);
    expect(r0.precision?.reached).toBeLessThanOrEqual(asked);
    expect(r2.precision).toEqual(r0.precision);
    expect(bits(r2)).toBe(bits(r0));
  });
});

describe('the rule\'s arithmetic', () => {
  it('the next round aims at the paths the SE projects, within [done + 8, 4 x done] chunks and the cap', () => {
    expect(nextRoundEnd(8, 2, 1, 1000)).toBe(32); // wants 8 x 4 x 1.1 = 35.2, at most 4 x 8
    expect(nextRoundEnd(8, 1.2, 1, 1000)).toBe(16); // wants 12.7: at least 8 more
    expect(nextRoundEnd(100, 1.5, 1, 1000)).toBe(248); // ceil(100 x 2.25 x 1.1)
    expect(nextRoundEnd(100, 1.5, 1, 150)).toBe(150);
  });

  it('the SE stopped on is at least the plain one, and above 0 when every path agrees', () => {
    for (const n of [10, 1000, 8192]) {
      for (const k of [0, 1, n / 10, n / 2, n - 1, n]) expect(cautiousProportionSe(k, n)).toBeGreaterThanOrEqual(proportionSe(k / n, n));
      for (const [a, b] of [[0, 0], [1, 0], [n / 10, n / 20], [n / 2, n / 2]] as const) expect(cautiousPairedSe(n, a, b)).toBeGreaterThanOrEqual(pairedProportionSe(n, a, b));
    }
    expect(cautiousProportionSe(0, 8192)).toBeGreaterThan(0);
    expect(cautiousPairedSe(8192, 0, 0)).toBeGreaterThan(0);
  });
});
