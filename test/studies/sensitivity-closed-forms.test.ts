/**
 * Sobol indices, tornado swings and rank correlations against closed forms. One flow with growth
 * g of mean mu and standard deviation tau (uniform: the schema bounds growth to [-1, 2], so no
 * normal) and GBM shocks of volatility s, one step a year: ln V(T) = ln B + (g - s²/2) T + s √T Z,
 * so the log total is additive in growth and shocks, with variance tau² T² + s² T. Growth's
 * first-order and total indices are tau² T² / (tau² T² + s² T), the shocks' the complement; an
 * agreement on the other direction, where the file has no trade, has no effect at all. Each check
 * is "the closed form lies in the study's own 95% interval", on fixed seeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { runSensitivity, type InputResult, type SensitivitySummary } from '../../src/studies/sensitivity/sensitivity.js';
import type { Interval } from '../../src/studies/sensitivity/indices.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const B = 100e6, mu = 0.1, tau = 0.08, s = 0.3, T = 4, L = 200e6;
const half = tau * Math.sqrt(3);
const file = () => dir.file('one-flow.yaml', `
name: one-flow
start: 2026-01
horizon: 6
stepsPerYear: 1
target: { value: ${L}, year: ${2025 + T} }
flows:
  textiles:
    PK>KZ: { base: ${B}, growth: { dist: uniform, min: ${mu - half}, max: ${mu + half} }, volatility: ${s}, tariff: 0.1 }
agreements:
  kz-side:
    probability: 0.5
    delay: { dist: uniform, min: 0, max: 2 }
    effects:
      - directions: [KZ>PK]
        tariff: { set: 0 }
`);

const inside = (truth: number, x: Interval | null | undefined) => {
  expect(x).toBeTruthy();
  const i = x as Interval;
  expect(truth).toBeGreaterThanOrEqual(i.low);
  expect(truth).toBeLessThanOrEqual(i.high);
};

describe('sensitivity of a one-flow scenario', () => {
  let summary: SensitivitySummary;
  const input = (name: string) => summary.inputs.find((i) => i.name === name) as InputResult;
  const share = (tau * tau * T * T) / (tau * tau * T * T + s * s * T);

  beforeAll(async () => {
    ({ summary } = await runSensitivity(prepareScenario(file()), { paths: 20_000, seed: 5, workers: 0 }));
  });

  it('names the inputs as the file writes them', () => {
    expect(summary.inputs.map((i) => i.name)).toEqual(['agreements.kz-side', 'flows.textiles.PK>KZ.growth', 'shocks']);
    expect(summary.by).toBe(2029);
  });

  it('growth and market noise: first-order and total indices of the log total match the closed form', () => {
    const g = input('flows.textiles.PK>KZ.growth').logTotal, z = input('shocks').logTotal;
    for (const x of [g.first, g.total]) { inside(share, x); expect((x as Interval).high - (x as Interval).low).toBeLessThan(0.05); }
    for (const x of [z.first, z.total]) inside(1 - share, x);
    inside(tau * tau * T * T + s * s * T, { value: 0, low: summary.output.logTotal!.variance * 0.97, high: summary.output.logTotal!.variance * 1.03 });
  });

  it('an input with no effect gets indices of 0 (exactly: its re-keyed paths are the same paths)', () => {
    const a = input('agreements.kz-side');
    for (const o of ['reached', 'total', 'logTotal'] as const) {
      inside(0, a[o].first);
      inside(0, a[o].total);
      expect(a[o].swing?.high).toBe(a[o].swing?.low);
    }
  });

  it('the first-order indices of the additive log total sum to 1 within their interval; not so for P(reached)', () => {
    inside(1, summary.sumOfFirst.logTotal);
    expect(summary.sumOfFirst.reached!.high).toBeLessThan(0.9);
  });

  it('tornado: growth at its 10th and 90th percentiles moves the log total by exactly T (q90 - q10) on every path', () => {
    const w = input('flows.textiles.PK>KZ.growth').logTotal.swing!;
    const q10 = mu - half + 0.1 * 2 * half, q90 = mu - half + 0.9 * 2 * half;
    expect(w.high - w.low).toBeCloseTo(T * (q90 - q10), 9);
    expect(w.se).toBeLessThan(1e-9);
    // The mean total at each setting: E[V(T) | g] = B e^{g T}; their difference within its paired interval.
    const t = input('flows.textiles.PK>KZ.growth').total.swing!;
    const diff = B * (Math.exp(q90 * T) - Math.exp(q10 * T));
    expect(Math.abs(t.high - t.low - diff)).toBeLessThan(1.96 * t.se);
  });

  it('rank correlation: the log total against growth\'s rank (uniform: linear in g) is sqrt of its share', () => {
    const r = summary.rankCorrelation.find((x) => x.parameter === 'flows.textiles.PK>KZ.growth')!;
    inside(Math.sqrt(share), r.correlation.logTotal);
    expect(r.input).toBe('flows.textiles.PK>KZ.growth');
  });
});

describe('sensitivity runs are the same bits', () => {
  it('for any number of workers', async () => {
    const prep = prepareScenario(file());
    const { summary: a } = await runSensitivity(prep, { paths: 3000, seed: 9, workers: 0 });
    const { summary: b } = await runSensitivity(prep, { paths: 3000, seed: 9, workers: 2 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
