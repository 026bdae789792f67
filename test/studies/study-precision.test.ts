/**
 * --precision on the sensitivity and goal studies (issue 16): the stopping rule is decided on the
 * chunk-ordered prefix, so the study is the same bits for 0, 1 and 2 workers, and it is the study
 * of a fixed number of paths (those it stopped at); the standard error it stops on is the one the
 * README says (sensitivity: the largest over the inputs of the first-order index of P(reached), or
 * of the tornado's swing; goal: P at the grid step that brackets the probability), at most the one
 * asked, unless the cap binds, which the summary then says.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { closeBackends } from '../../src/engine/backends/index.js';
import { CHUNK } from '../../src/engine/kernel/index.js';
import { FIRST_ROUND_CHUNKS } from '../../src/engine/driver.js';
import { Z95, cautiousProportionSe } from '../../src/results/statistics.js';
import { runSensitivity, type SensitivitySummary } from '../../src/studies/sensitivity/sensitivity.js';
import { bracketOf, runGoal } from '../../src/studies/goal/goal.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(async () => { dir.remove(); await closeBackends(); });

const file = () => dir.file('one-flow.yaml', `
name: one-flow
start: 2026-01
horizon: 6
stepsPerYear: 1
target: { value: 200e6, year: 2029 }
flows:
  textiles:
    PK>KZ: { base: 100e6, growth: { dist: uniform, min: -0.04, max: 0.24 }, volatility: 0.3, tariff: 0.1 }
    KZ>PK: { base: 20e6, growth: { dist: uniform, min: 0, max: 0.1 }, volatility: 0.2 }
agreements:
  pk-side:
    probability: 0.5
    delay: { dist: uniform, min: 0, max: 2 }
    effects:
      - directions: [PK>KZ]
        tariff: { set: 0 }
`);

const FIRST = FIRST_ROUND_CHUNKS * CHUNK;
/** The largest standard error over the inputs of their first-order index of P(reached), from the summary's 95% intervals. */
const largestFirstSe = (s: SensitivitySummary) => Math.max(...s.inputs.map((i) => ((i.reached.first?.high ?? NaN) - (i.reached.first?.low ?? NaN)) / (2 * Z95)));
const withoutRule = (s: { precision?: object }) => JSON.stringify({ ...s, precision: { ...s.precision, stoppingRule: undefined } });

describe('sensitivity --precision', () => {
  it('Sobol and tornado: the same bits on 0, 1 and 2 workers, the fixed-path study of the paths it stopped at, the largest first-order SE <= asked', async () => {
    const prep = prepareScenario(file());
    const { summary: first } = await runSensitivity(prep, { paths: FIRST, seed: 4, workers: 0 });
    const asked = 0.7 * largestFirstSe(first); // needs a second round at least
    expect(asked).toBeGreaterThan(0);
    const runs = [];
    for (const workers of [0, 1, 2]) runs.push((await runSensitivity(prep, { precision: asked, maxPaths: 1e6, seed: 4, workers })).summary);
    const [s0, s1, s2] = runs as [SensitivitySummary, SensitivitySummary, SensitivitySummary];
    expect(JSON.stringify(s1)).toBe(JSON.stringify(s0));
    expect(JSON.stringify(s2)).toBe(JSON.stringify(s0));
    const rule = s0.precision.stoppingRule;
    expect(rule?.asked).toBe(asked);
    expect(rule?.capped).toBe(false);
    expect(rule?.reached).toBeLessThanOrEqual(asked);
    expect(s0.paths).toBeGreaterThan(FIRST);
    expect(s0.paths % CHUNK).toBe(0);
    // The statistic is the one named: the largest first-order SE of P(reached), as the summary reports it.
    expect(rule?.statistic).toMatch(/first-order index of P\(reached by 2029\)/);
    expect(largestFirstSe(s0)).toBeCloseTo(rule?.reached as number, 12);
    // Both methods ran on the paths the Sobol study decided: the study of that fixed number of paths.
    const { summary: fixed } = await runSensitivity(prep, { paths: s0.paths, seed: 4, workers: 0 });
    expect(withoutRule(s0)).toBe(withoutRule(fixed));
    expect(fixed.precision.stoppingRule).toBeUndefined();
  });

  it('tornado alone: the largest paired SE of the swings in P(reached) <= asked', async () => {
    const prep = prepareScenario(file());
    const { summary: s } = await runSensitivity(prep, { precision: 0.004, maxPaths: 1e6, seed: 4, workers: 0, methods: ['tornado'] });
    const rule = s.precision.stoppingRule;
    expect(rule?.statistic).toMatch(/swing in P\(reached/);
    expect(rule?.capped).toBe(false);
    expect(rule?.reached).toBeLessThanOrEqual(0.004);
    const swings = s.inputs.flatMap((i) => (i.reached.swing ? [i.reached.swing.se] : []));
    expect(swings.length).toBeGreaterThan(0);
    // The rule's SE is cautious (a pseudo-path each way): at least the plain one reported.
    expect(Math.max(...swings)).toBeLessThanOrEqual(rule?.reached as number);
  });

  it('a cap that binds stops the study at the cap and says so', async () => {
    const { summary: s } = await runSensitivity(prepareScenario(file()), { precision: 1e-5, maxPaths: 3000, seed: 4, workers: 0 });
    expect(s.paths).toBe(3000);
    expect(s.precision.stoppingRule?.capped).toBe(true);
    expect(s.precision.stoppingRule?.maxPaths).toBe(3000);
    expect(s.precision.stoppingRule?.reached).toBeGreaterThan(1e-5);
  });
});

describe('goal --precision', () => {
  const goal = (opts: { precision: number; maxPaths?: number; workers: number }) =>
    runGoal(prepareScenario(file()), { lever: 'flows.textiles.PK>KZ.growth', probability: 0.5, by: 2029, range: [0, 0.5], seed: 6, ...opts });

  it('the same bits on 0, 1 and 2 workers; P at the bracketing grid step within the SE asked; the bisection on as many paths', async () => {
    const asked = 0.006;
    const { summary: g0 } = await goal({ precision: asked, workers: 0 });
    for (const workers of [1, 2]) expect(JSON.stringify((await goal({ precision: asked, workers })).summary)).toBe(JSON.stringify(g0));
    const rule = g0.precision?.stoppingRule;
    expect(rule?.capped).toBe(false);
    expect(rule?.reached).toBeLessThanOrEqual(asked);
    expect(g0.found).toBe(true);
    // Recomputed from the grid (every value on the same paths): the bracket's ends, cautious SE.
    const grid = g0.curve.filter((c) => Number.isInteger(Math.round(c.value * 16 * 1e9) / 1e9)); // 0, 1/16, ..., 1/2
    expect(grid).toHaveLength(9);
    const i = bracketOf(grid.map((c) => c.probability), 0.5);
    expect(i).toBeGreaterThanOrEqual(0);
    const se = (c: { probability: number }) => cautiousProportionSe(Math.round(c.probability * g0.paths), g0.paths);
    expect(Math.max(se(grid[i]!), se(grid[i + 1]!))).toBe(rule?.reached);
    // The study of that fixed number of paths, the same bits but for the rule.
    const { summary: fixed } = await runGoal(prepareScenario(file()), { lever: 'flows.textiles.PK>KZ.growth', probability: 0.5, by: 2029, range: [0, 0.5], seed: 6, paths: g0.paths, workers: 0 });
    const { precision: _p, ...rest } = g0;
    expect(JSON.stringify(fixed)).toBe(JSON.stringify(rest));
  });

  it('a cap that binds is reported', async () => {
    const { summary: g } = await goal({ precision: 1e-4, maxPaths: 2048, workers: 0 });
    expect(g.paths).toBe(2048);
    expect(g.precision?.stoppingRule.capped).toBe(true);
    expect(g.precision?.stoppingRule.reached).toBeGreaterThan(1e-4);
  });
});
