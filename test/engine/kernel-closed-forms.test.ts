/**
 * The kernel against closed forms (model.md): with no corridors, tariffs, agreements or potential
 * a flow is geometric Brownian motion; a corridor's long-run closed fraction is the chain's
 * stationary probability; a tariff change moves the long-run level by ((1+p1)/(1+p0))^-e; an
 * agreement with probability q is in force on a fraction q of paths after its delay.
 * Tolerances: 4 Monte Carlo standard errors, plus the histogram's bin width for quantiles.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { RELATIVE_BIN_WIDTH } from '../../src/engine/histogram.js';
import { TempDir } from '../helpers/scenario-files.js';
import { normalCdf } from '../helpers/normal.js';

const dir = new TempDir();
afterAll(() => dir.remove());

async function run(yaml: string, paths: number, seed = 7) {
  const prep = prepareScenario(dir.file(`s${Math.random().toString(36).slice(2)}.yaml`, yaml));
  return (await runPrepared(prep, { paths, seed, workers: 0 })).summary;
}

describe('a lone flow is geometric Brownian motion', () => {
  const base = 100e6, g = 0.12, s = 0.35, K = 250e6;
  for (const stepsPerYear of [1, 12]) {
    it(`mean, median and P(V >= K) at each year (stepsPerYear ${stepsPerYear})`, async () => {
      const N = 40_000;
      const summary = await run(`
name: gbm
start: 2026-01
horizon: 5
stepsPerYear: ${stepsPerYear}
target: { value: ${K}, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: ${base}, growth: ${g}, volatility: ${s} }
`, N);
      for (let y = 0; y < 5; y++) {
        if (stepsPerYear === 1) {
          // One step per year: the annual value is V(t) at t = y + 1 exactly.
          const t = y + 1;
          const mean = base * Math.exp(g * t);
          const mu = Math.log(base) + (g - s * s / 2) * t;
          const sigma = s * Math.sqrt(t);
          const median = Math.exp(mu);
          const sdPath = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
          expect(Math.abs((summary.annual.total.mean[y] as number) - mean)).toBeLessThan(4 * sdPath / Math.sqrt(N));
          // SE of a sample median: sqrt(1/4N) / density at the median; lognormal density there is 1/(m sigma sqrt(2 pi)).
          const medianSe = Math.sqrt(0.25 / N) * median * sigma * Math.sqrt(2 * Math.PI);
          expect(Math.abs((summary.annual.total.p50[y] as number) - median)).toBeLessThan(4 * medianSe + median * RELATIVE_BIN_WIDTH);
          const p = 1 - normalCdf((Math.log(K) - mu) / sigma);
          expect(Math.abs((summary.target.probability[y] as number) - p)).toBeLessThan(4 * Math.sqrt(p * (1 - p) / N) + 1e-9);
        } else {
          // The last step of each year: steps.total at t = 12 (y + 1) / 12.
          const k = 12 * (y + 1) - 1;
          const t = summary.steps.time[k] as number;
          expect(t).toBeCloseTo(y + 1, 12);
          const mean = base * Math.exp(g * t);
          const sigma = s * Math.sqrt(t);
          const median = base * Math.exp((g - s * s / 2) * t);
          const sdPath = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
          expect(Math.abs((summary.steps.total.mean[k] as number) - mean)).toBeLessThan(4 * sdPath / Math.sqrt(N));
          const medianSe = Math.sqrt(0.25 / N) * median * sigma * Math.sqrt(2 * Math.PI);
          expect(Math.abs((summary.steps.total.p50[k] as number) - median)).toBeLessThan(4 * medianSe + median * RELATIVE_BIN_WIDTH);
          // The annual total is the mean of the year's monthly rates: E = base/12 * sum_j e^{g t_j}.
          let annualMean = 0;
          for (let j = 12 * y + 1; j <= 12 * (y + 1); j++) annualMean += base * Math.exp(g * j / 12) / 12;
          expect(Math.abs((summary.annual.total.mean[y] as number) - annualMean)).toBeLessThan(4 * sdPath / Math.sqrt(N));
        }
      }
    });
  }

  it('the mean standard error reported is the closed-form sd / sqrt(N), within 5%', async () => {
    const N = 40_000;
    const summary = await run(`
name: gbm-se
start: 2026-01
horizon: 2
stepsPerYear: 1
target: { value: 1B, year: 2027 }
flows:
  textiles:
    PK>KZ: { base: ${base}, growth: ${g}, volatility: ${s} }
`, N);
    const t = 2, mean = base * Math.exp(g * t);
    const sd = mean * Math.sqrt(Math.exp(s * s * t) - 1);
    expect((summary.annual.total.meanStandardError[1] as number) / (sd / Math.sqrt(N))).toBeGreaterThan(0.95);
    expect((summary.annual.total.meanStandardError[1] as number) / (sd / Math.sqrt(N))).toBeLessThan(1.05);
  });
});

describe('corridors', () => {
  it('the long-run closed fraction is the stationary probability p_close / (p_close + p_open)', async () => {
    const N = 20_000, closuresPerYear = 1.5, meanClosureDays = 45, dt = 1 / 12;
    // Value does not depend on the route (elasticity 0, no shocks), so the cheap corridor's share
    // of value is the fraction of path-steps it is open.
    const summary = await run(`
name: markov
start: 2026-01
horizon: 8
target: { value: 1B, year: 2030 }
defaults: { elasticity: 0 }
flows:
  textiles:
    PK>KZ: { base: 100M, growth: 0, volatility: 0 }
corridors:
  cheap: { freightCost: 0.05, transitDays: 5, closuresPerYear: ${closuresPerYear}, meanClosureDays: ${meanClosureDays} }
  fallback: { freightCost: 0.2, transitDays: 30 }
`, N);
    const pClose = 1 - Math.exp(-closuresPerYear * dt);
    const pOpen = 1 - Math.exp(-dt * 365 / meanClosureDays);
    const closed = pClose / (pClose + pOpen);
    // A year's closed fraction lies in [0, 1], so its variance is at most closed (1 - closed).
    const se = Math.sqrt(closed * (1 - closed) / N);
    for (const y of [5, 6, 7]) {
      expect(Math.abs(1 - (summary.corridorShare.cheap?.[y] as number) - closed)).toBeLessThan(4 * se);
      expect((summary.corridorShare.cheap?.[y] as number) + (summary.corridorShare.fallback?.[y] as number)).toBeCloseTo(1, 12);
    }
  });

  it('a seasonal closure sends the months December to March to the other corridor', async () => {
    const summary = await run(`
name: seasonal
start: 2026-01
horizon: 2
target: { value: 1B, year: 2027 }
defaults: { elasticity: 0 }
flows:
  textiles:
    PK>KZ: { base: 100M, growth: 0, volatility: 0 }
corridors:
  pass: { freightCost: 0.05, transitDays: 5, closedMonths: [Dec, Jan, Feb, Mar] }
  sea: { freightCost: 0.2, transitDays: 30 }
`, 1000);
    expect(summary.corridorShare.pass?.[0]).toBeCloseTo(8 / 12, 12);
  });
});

describe('policy', () => {
  it('a tariff change moves the long-run level by ((1 + p1) / (1 + p0))^-e', async () => {
    const p0 = 0.1, p1 = 0.3, e = 4, h = 0.5;
    const summary = await run(`
name: tariff
start: 2026-01
horizon: 10
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 100M, growth: 0, volatility: 0, elasticity: ${e}, adjustmentHalfLife: ${h}, tariff: { 2026: ${p0}, 2027: ${p1} } }
`, 256);
    const expected = 100e6 * ((1 + p1) / (1 + p0)) ** -e;
    // After 9 years at a half-life of 0.5 years the remaining gap is 2^-18 of the log change.
    expect((summary.annual.total.mean[9] as number) / expected).toBeCloseTo(1, 4);
    expect(summary.annual.total.mean[0]).toBeCloseTo(100e6, 0);
  });

  it('an agreement with probability q is in force on a fraction q of paths after its delay', async () => {
    const q = 0.35, N = 20_000;
    // NTM 0.5 removed at once (half-life 0) by the agreement: value rises by 1.5^2 = 2.25x.
    const summary = await run(`
name: agreement
start: 2026-01
horizon: 6
target: { value: 200M, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 100M, growth: 0, volatility: 0, elasticity: 2, adjustmentHalfLife: 0, ntm: 0.5 }
agreements:
  deal:
    probability: ${q}
    delay: 2
    effects: [ { ntm: { set: 0 } } ]
`, N);
    expect(summary.target.probability[0]).toBe(0);
    expect(summary.target.probability[1]).toBe(0);
    for (const y of [2, 3, 4, 5]) {
      expect(Math.abs((summary.target.probability[y] as number) - q)).toBeLessThan(4 * Math.sqrt(q * (1 - q) / N));
    }
    // In force, the level is exactly 2.25 x base.
    expect(summary.annual.total.p95[5] as number).toBeCloseTo(225e6, -6);
  });
});
