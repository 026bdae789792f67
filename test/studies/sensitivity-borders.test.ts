/**
 * A shared border's uncertain figures are parameters like a corridor's: the tornado sets a
 * border's `reopens` at its 10th and 90th percentiles, and the one-run rank correlations include
 * it (README, "What drives the answer": "Dates are parameters (a corridor's opens, a closed
 * corridor's or border's reopens)"). They were left out: the plan walks of sensitivity/design.ts
 * and kinds/sobol.ts skipped plan.borders, so baseline-pk's `borders.afghanistan.reopens`,
 * `closuresPerYear` and `meanClosureDays` had Sobol indices but no tornado and no correlation.
 *
 * And a political factor is not an agreement: the tornado labelled `politicalFactors.<name>`
 * "never implemented" / "implemented (probability 1)" and reported a swing of exactly 0 with
 * standard error 0, from two identical plans (it looked for an agreement of that name).
 *
 * The scenario of the closed forms: one flow without noise (volatility 0), a road across a border shut at the start
 * that reopens at U ~ uniform(2026, 2027), and a dearer route always open. The corridor is usable
 * from the first monthly step starting at or after the date, so 2026 has K = ceil(12 U) months on
 * the dear route; the 60M target is reached in 2026 exactly when K <= 6, i.e. U <= 1/2. So:
 * - P(reached by 2026) is 1 at the 10th percentile (K = 2) and 0 at the 90th (K = 11), on every path;
 * - the tornado's mean total at each setting is the total of the scenario with `reopens` fixed
 *   there (no other randomness reaches 2026: exactly equal);
 * - the correlation of `reached` with the rank U is corr(U, 1{U <= 1/2}) = -sqrt(3)/2, which must
 *   lie in the study's own 95% interval (Fisher z) on a fixed seed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { runSensitivity, type InputResult } from '../../src/studies/sensitivity/sensitivity.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { inputsOf } from '../../src/studies/sensitivity/inputs.js';
import { tornadoSettings } from '../../src/studies/sensitivity/design.js';
import { uncertainParameters } from '../../src/engine/kinds/sobol.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const scenario = (reopens: string, regime = false) => `
name: border-reopens
start: 2026-01
horizon: 2
stepsPerYear: 12
target: { value: 60M, year: 2026 }
defaults: { elasticity: 5, timeCostPerDay: 0 }
flows:
  textiles:
    PK>KZ: { base: 100M, growth: 0, volatility: 0, tariff: 0.2 }
borders:
  afghanistan:
    initiallyClosed: true
    reopens: ${reopens}${regime ? `
    closuresPerYear: { dist: uniform, min: 0.5, max: 1.5 }
    meanClosureDays: { dist: uniform, min: 10, max: 40 }` : ''}
corridors:
  road: { freightCost: 0.1, transitDays: 10, border: afghanistan }
  caspian: { freightCost: 0.5, transitDays: 10 }
basesObservedWith: { open: [road] }
politicalFactors:
  relations: { correlation: 0.5 }
agreements:
  a: { probability: 0.5, delay: 1.5, politicalFactor: relations, effects: [{ tariff: { set: 0 } }] }
  b: { probability: 0.5, delay: 1.5, politicalFactor: relations, effects: [{ ntm: { add: -0.05 } }] }
`;

describe('a border\'s uncertain figures in the tornado and the rank correlations', () => {
  const UNIFORM = '{ dist: uniform, min: 2026, max: 2027 }';
  const file = () => dir.file('border.yaml', scenario(UNIFORM));

  it('every parameter input has a tornado, borders\' included; a political factor has none', () => {
    const plan = prepareScenario(dir.file('border-regime.yaml', scenario(UNIFORM, true))).compiled.plan;
    const inputs = inputsOf(plan);
    const withTornado = new Set(tornadoSettings(plan, inputs).map((s) => s.input));
    const parameters = inputs.filter((i) => i.kind === 'parameter').map((i) => i.name);
    expect(parameters).toEqual(['borders.afghanistan.closuresPerYear', 'borders.afghanistan.meanClosureDays', 'borders.afghanistan.reopens']);
    for (const p of parameters) expect(withTornado.has(p), p).toBe(true);
    expect(withTornado.has('agreements.a')).toBe(true);
    expect(withTornado.has('politicalFactors.relations')).toBe(false);
    expect(uncertainParameters(plan).map((p) => p.component)).toEqual(parameters.map((p) => `param:${p}`));
  });

  it('matches the closed forms: the swing in P(reached), the totals at the settings, the rank correlation', async () => {
    const prep = prepareScenario(file());
    const { summary } = await runSensitivity(prep, { paths: 4096, seed: 1, workers: 0 });
    const input = (name: string) => summary.inputs.find((i) => i.name === name) as InputResult;
    const re = input('borders.afghanistan.reopens');
    // The settings name the dates to the hundredth of a year (they read "2026" and "2027" before).
    expect(re.settings).toEqual({ low: '10th percentile, 2026.1', high: '90th percentile, 2026.9' });
    expect(re.reached.swing).toEqual({ low: 1, high: 0, se: 0 });
    for (const [at, key] of [[2026.1, 'low'], [2026.9, 'high']] as const) {
      const fixed = (await runPrepared(prepareScenario(dir.file(`border-${key}.yaml`, scenario(String(at)))), { paths: 256, seed: 1, workers: 0 })).summary;
      // Deterministic: every path has the same 2026 total (its standard error is rounding only).
      expect(fixed.annual.total.meanStandardError[0]).toBeLessThan(1e-6 * (fixed.annual.total.mean[0] as number));
      expect((re.total.swing as { low: number; high: number })[key]).toBeCloseTo(fixed.annual.total.mean[0] as number, 3);
    }
    const r = summary.rankCorrelation.find((x) => x.parameter === 'borders.afghanistan.reopens');
    expect(r?.input).toBe('borders.afghanistan.reopens');
    const c = r?.correlation.reached;
    expect(c).toBeTruthy();
    expect(-Math.sqrt(3) / 2).toBeGreaterThanOrEqual(c!.low);
    expect(-Math.sqrt(3) / 2).toBeLessThanOrEqual(c!.high);
    // The political factor: no tornado row claiming "never implemented" with a swing of 0 +- 0.
    const pf = input('politicalFactors.relations');
    expect(pf.settings).toBeUndefined();
    expect(pf.reached.swing).toBeUndefined();
    expect(pf.reached.first).toBeDefined();
  });
});
