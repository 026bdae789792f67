/**
 * The lognormal predictive (closed forms) and the naive benchmarks built from it
 * (src/results/scores.ts). The lognormal CRPS formula (Baran & Lerch 2015) is checked against a
 * direct quadrature of its definition, integral (F(x) - 1{x >= y})^2 dx, over a fine grid of the
 * exact CDF; the log score against the CDF's numerical derivative.
 */
import { describe, expect, it } from 'vitest';
import { lognormalPredictive, naiveBenchmarks, piecewiseLinearCrps, type Benchmark } from '../../src/results/scores.js';
import { normalCdf } from '../engine/stats-helpers.js';

/** CRPS by quadrature: the exact lognormal CDF at 40,001 knots, equally spaced in ln x over mu +- 12 sigma. */
function quadratureCrps(mu: number, sigma: number, y: number): number {
  const K = 40_000;
  const xs: number[] = [0];
  const fs: number[] = [0];
  for (let i = 0; i <= K; i++) {
    const z = -12 + (24 * i) / K;
    xs.push(Math.exp(mu + sigma * z));
    fs.push(normalCdf(z));
  }
  return piecewiseLinearCrps(xs, fs, y);
}

describe('lognormal predictive', () => {
  const mu = Math.log(150e6);
  const sigma = 0.6;
  const p = lognormalPredictive(mu, sigma);

  it.each([20e6, 90e6, 150e6, 400e6, 2e9])('CRPS at y = %d agrees with quadrature of the definition', (y) => {
    const q = quadratureCrps(mu, sigma, y);
    // Halving the grid's spacing changes the quadrature by under 1e-7 relative here.
    expect(Math.abs(p.crps(y) - q)).toBeLessThan(1e-6 * q);
  });

  it('CRPS below the support is the mean distance, less half the mean pair distance', () => {
    expect(Math.abs(p.crps(0) - quadratureCrps(mu, sigma, 0))).toBeLessThan(1e-6 * p.crps(0));
  });

  it('PIT, quantile and log score are consistent: quantile(PIT(y)) = y, density = dF/dy', () => {
    for (const y of [30e6, 150e6, 700e6]) {
      expect(p.quantile(p.pit(y)) / y).toBeCloseTo(1, 8);
      const h = y * 1e-5;
      const density = (p.pit(y + h) - p.pit(y - h)) / (2 * h);
      expect(Math.abs(Math.exp(-p.logScore(y)) / density - 1)).toBeLessThan(1e-6);
    }
    expect(p.quantile(0.5)).toBeCloseTo(150e6, 0);
  });
});

describe('naive benchmarks', () => {
  const available = (b: Benchmark) => {
    if (!b.available) throw new Error(`unavailable: ${b.reason}`);
    return b;
  };

  it('random walk with drift: the drift and the spread about it from yearly log changes, a gap counting as its years', () => {
    // 2020 100, 2021 110, 2023 99: drift = ln(0.99) / 3; residuals of the changes ln 1.1 (1 year)
    // and ln 0.9 (2 years) about the drift, squared and divided by their years, summed, over m - 1 = 1.
    const b = available(naiveBenchmarks([2020, 2021, 2023], [100, 110, 99], 2).randomWalkWithDrift);
    const drift = Math.log(0.99) / 3;
    const ss = (Math.log(1.1) - drift) ** 2 + (Math.log(0.9) - 2 * drift) ** 2 / 2;
    expect(b.drift).toBeCloseTo(drift, 12);
    expect(b.volatility).toBeCloseTo(Math.sqrt(ss), 12);
    // Two years ahead: the median moved by two years of drift, spread by sigma sqrt(2).
    expect(b.predictive.quantile(0.5)).toBeCloseTo(99 * Math.exp(2 * drift), 6);
    expect(b.predictive.quantile(normalCdf(1)) / (99 * Math.exp(2 * drift))).toBeCloseTo(Math.exp(Math.sqrt(ss) * Math.SQRT2), 6);
  });

  it('no change: the median at the last value, the spread of the changes about zero (not about a drift)', () => {
    const b = available(naiveBenchmarks([2020, 2021, 2023], [100, 110, 99], 2).noChange);
    // By hand: (ln 1.1)^2 / 1 + (ln 0.9)^2 / 2, over m = 2 changes.
    const sigma = Math.sqrt((Math.log(1.1) ** 2 + Math.log(0.9) ** 2 / 2) / 2);
    expect(b.volatility).toBeCloseTo(sigma, 12);
    expect(b.predictive.quantile(0.5)).toBeCloseTo(99, 6);
    expect(b.predictive.quantile(normalCdf(1)) / 99).toBeCloseTo(Math.exp(sigma * Math.SQRT2), 6);
    // Its CRPS is the closed-form lognormal one at that median and spread.
    expect(b.predictive.crps(120)).toBeCloseTo(lognormalPredictive(Math.log(99), sigma * Math.SQRT2).crps(120), 9);
  });

  it('two observations give no change (one change: its square is the variance) but no drift walk', () => {
    const b = naiveBenchmarks([2023, 2024], [52.5, 53.7], 1);
    expect(available(b.noChange).volatility).toBeCloseTo(Math.abs(Math.log(53.7 / 52.5)), 12);
    expect(b.randomWalkWithDrift.available).toBe(false);
    if (!b.randomWalkWithDrift.available) expect(b.randomWalkWithDrift.reason).toMatch(/at least 3 whole-year observations .* found 2/);
  });

  it('one observation gives neither, and says why', () => {
    const b = naiveBenchmarks([2024], [185.25], 1);
    expect(b.noChange.available).toBe(false);
    if (!b.noChange.available) expect(b.noChange.reason).toMatch(/at least 2 whole-year observations .* found 1/);
    expect(b.randomWalkWithDrift.available).toBe(false);
  });
});
