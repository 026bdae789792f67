/**
 * Forecast scores (src/results/scores.ts) against closed forms for a normal predictive N(mu, s^2):
 * - CRPS(N(mu, s^2), y) = s (z (2 Phi(z) - 1) + 2 phi(z) - 1/sqrt(pi)), z = (y - mu) / s
 *   (Gneiting & Raftery 2007, eq. 5; Gneiting et al. 2005).
 * - PIT(y) = Phi(z); central interval of level a: mu +- s Phi^-1((1 + a) / 2).
 * - The Gaussian kernel estimate with bandwidth h of N(mu, s^2) samples has expectation the
 *   N(mu, s^2 + h^2) density, and variance about f(y) / (2 sqrt(pi) n h) (Silverman 1986, 3.3).
 * Tolerances are five Monte Carlo standard errors, each derived below from the sample size; the
 * histogram's binning error is bounded separately. Phi and Phi^-1 from test/engine/stats-helpers.ts.
 */
import { describe, expect, it } from 'vitest';
import { BINS, binEdges, binOf } from '../../src/engine/histogram.js';
import { fillNormals } from '../../src/engine/normals.js';
import { streamFor } from '../../src/engine/streams.js';
import { histogramPredictive, samplePredictive, scoreOutcome, summariseScores } from '../../src/results/scores.js';
import { KS_C_001, ksStatistic, normalCdf, normalPdf, normalQuantile } from '../engine/stats-helpers.js';

const MU = 100e6;
const SD = 20e6;
const N = 200_000;
const Z_POINTS = [-2, -0.5, 0, 1, 2.5];

function normalSamples(n: number, seed: number, mu = MU, sd = SD): Float64Array {
  const z = new Float64Array(n);
  fillNormals(streamFor(seed, 0, 'test:scores'), z, 0, n);
  return z.map((v) => mu + sd * v);
}

function normalCrps(mu: number, sd: number, y: number): number {
  const z = (y - mu) / sd;
  return sd * (z * (2 * normalCdf(z) - 1) + 2 * normalPdf(z) - 1 / Math.sqrt(Math.PI));
}

/** E|x - X'| for X' ~ N(mu, sd^2). */
function meanAbsToNormal(x: number, mu: number, sd: number): number {
  const d = (x - mu) / sd;
  return sd * (2 * normalPdf(d) + d * (2 * normalCdf(d) - 1));
}

/**
 * Standard error of the sample CRPS: the estimator is a V-statistic whose first-order projection
 * is h(x) = |x - y| - E|x - X'|, so its standard error is sd(h(X)) / sqrt(n); its bias is
 * E|X - X'| / (2n) = s / (sqrt(pi) n).
 */
function crpsTolerance(samples: Float64Array, y: number): number {
  const n = samples.length;
  let m = 0;
  let m2 = 0;
  for (const x of samples) {
    const h = Math.abs(x - y) - meanAbsToNormal(x, MU, SD);
    m += h;
    m2 += h * h;
  }
  m /= n;
  const sd = Math.sqrt(m2 / n - m * m);
  return 5 * sd / Math.sqrt(n) + SD / (Math.sqrt(Math.PI) * n);
}

describe('scores from samples', () => {
  const samples = normalSamples(N, 1);
  const pred = samplePredictive(samples);

  it('CRPS is the exact CRPS of the empirical distribution (against the O(n^2) double sum)', () => {
    const small = normalSamples(500, 2);
    const p = samplePredictive(small);
    for (const y of [MU - 3 * SD, MU, MU + 0.3 * SD, small[7]!]) {
      let a = 0;
      let b = 0;
      for (const x of small) {
        a += Math.abs(x - y);
        for (const x2 of small) b += Math.abs(x - x2);
      }
      const brute = a / small.length - b / (2 * small.length ** 2);
      expect(Math.abs(p.crps(y) - brute)).toBeLessThan(1e-9 * brute);
    }
  });

  it.each(Z_POINTS)('CRPS at z = %s agrees with the normal closed form within Monte Carlo error', (z) => {
    const y = MU + z * SD;
    expect(Math.abs(pred.crps(y) - normalCrps(MU, SD, y))).toBeLessThan(crpsTolerance(samples, y));
  });

  it.each(Z_POINTS)('PIT at z = %s is Phi(z) within five binomial standard errors', (z) => {
    const p = normalCdf(z);
    expect(Math.abs(pred.pit(MU + z * SD) - p)).toBeLessThan(5 * Math.sqrt(p * (1 - p) / N) + 1 / N);
  });

  it('central 50% and 90% intervals are the normal quantiles within the sample quantile error, and coverage follows', () => {
    for (const level of [0.5, 0.9]) {
      const q = (1 + level) / 2;
      const zq = normalQuantile(q);
      // sd of a sample quantile: sqrt(q (1 - q) / n) / f(x_q).
      const tol = 5 * Math.sqrt(q * (1 - q) / N) / (normalPdf(zq) / SD);
      expect(Math.abs(pred.quantile(q) - (MU + zq * SD))).toBeLessThan(tol);
      expect(Math.abs(pred.quantile(1 - q) - (MU - zq * SD))).toBeLessThan(tol);
    }
    const at = (z: number) => scoreOutcome(pred, MU + z * SD).intervals.map((i) => i.covered);
    expect(at(0)).toEqual([true, true]);
    expect(at(1)).toEqual([false, true]); // |z| = 1 is outside 0.674, inside 1.645
    expect(at(-2.5)).toEqual([false, false]);
  });

  it.each([-1.5, 0, 0.8])('log score at z = %s is -ln of the kernel estimate\'s expected density, N(mu, s^2 + h^2)', (z) => {
    const y = MU + z * SD;
    const h = pred.bandwidth;
    const s2 = Math.sqrt(SD * SD + h * h);
    const expected = normalPdf((y - MU) / s2) / s2;
    const sd = Math.sqrt(expected / (2 * Math.sqrt(Math.PI) * N * h));
    const density = Math.exp(-pred.logScore(y));
    expect(Math.abs(density - expected)).toBeLessThan(5 * sd);
  });

  it('log score in log space transforms the density back to the outcome scale', () => {
    // Lognormal(median m, sdlog 0.5): -ln f(y) = ln(y sdlog sqrt(2 pi)) + (ln y - ln m)^2 / (2 sdlog^2).
    const sdlog = 0.5;
    const logs = normalSamples(N, 3, Math.log(MU), sdlog);
    const p = samplePredictive(logs.map(Math.exp), { densitySpace: 'log' });
    for (const y of [0.6 * MU, MU, 1.7 * MU]) {
      const exact = Math.log(y * sdlog * Math.sqrt(2 * Math.PI)) + (Math.log(y / MU) ** 2) / (2 * sdlog * sdlog);
      expect(Math.abs(p.logScore(y) - exact)).toBeLessThan(0.01);
    }
    expect(p.logScore(0)).toBe(Infinity);
  });

  it('a calibrated predictive gives uniform PITs and nominal coverage; an overconfident one does not', () => {
    const outcomes = normalSamples(2000, 4);
    const good = summariseScores([...outcomes].map((y) => scoreOutcome(pred, y)));
    const pits = Float64Array.from([...outcomes].map((y) => pred.pit(y)));
    // KS against uniform at the 0.1% level (the predictive's own sampling error, about
    // 1/sqrt(N) = 0.002 in the PIT, is far inside the critical value 1.95 / sqrt(2000) = 0.044).
    expect(Math.sqrt(pits.length) * ksStatistic(pits, (u) => Math.min(1, Math.max(0, u)))).toBeLessThan(KS_C_001);
    for (const c of good.coverage) {
      // The number covered is Binomial(2000, level): within four standard deviations (two-sided
      // p about 6e-5 in the normal approximation, which at n p (1 - p) >= 180 is accurate).
      expect(Math.abs(c.covered - 2000 * c.level)).toBeLessThan(4 * Math.sqrt(2000 * c.level * (1 - c.level)));
    }
    expect(good.pitHistogram.reduce((a, b) => a + b, 0)).toBe(2000);

    const narrow = samplePredictive(normalSamples(N, 5, MU, SD / 2));
    const bad = summariseScores([...outcomes].map((y) => scoreOutcome(narrow, y)));
    // Half the spread: the 90% interval covers P(|Z| < 0.82) = 59%.
    expect(bad.coverage[1]!.rate).toBeLessThan(0.65);
    expect(bad.meanCrps).toBeGreaterThan(good.meanCrps);
    // PITs pile up in the end bins: PIT < 0.1 when Z < Phi^-1(0.1) / 2, so the two end bins hold
    // 2 Phi(Phi^-1(0.1) / 2) = 52% of outcomes rather than 20% (within four binomial sd, and 1% for the narrow predictive's own sampling error).
    const ends = 2 * normalCdf(normalQuantile(0.1) / 2);
    expect(Math.abs(bad.pitHistogram[0]! + bad.pitHistogram[9]! - 2000 * ends)).toBeLessThan(4 * Math.sqrt(2000 * ends * (1 - ends)) + 2000 * 0.01);
  });
});

describe('scores from the engine histogram', () => {
  /**
   * A histogram whose bin counts are the normal's bin probabilities times 10^9, rounded: its
   * distribution is the normal with its CDF interpolated linearly across each bin. With bins at
   * most 1/256 of their lower edge wide (USD 0.55M at 140M), the interpolation error of the CDF
   * is at most w^2 max|phi'| / 8 per bin; together with the rounding (1e-9 per bin) this bounds
   * |F_hist - Phi| and so the CRPS error by 2 * integral |F_hist - Phi|.
   */
  const TOTAL = 1e9;
  const hist = new Float64Array(BINS);
  let total = 0;
  let cdfErrorIntegral = 0;
  for (let b = 2; b < BINS - 1; b++) {
    const [lo, hi] = binEdges(b);
    if (hi < MU - 9 * SD || lo > MU + 9 * SD) continue;
    const c = Math.round(TOTAL * (normalCdf((hi - MU) / SD) - normalCdf((lo - MU) / SD)));
    hist[b] = c;
    total += c;
    const w = hi - lo;
    // max |phi'| of N(mu, s^2) is phi(1) / s^2.
    cdfErrorIntegral += w * (w * w * normalPdf(1) / (SD * SD) / 8);
  }
  const pred = histogramPredictive(hist, 0, total);
  const cdfError = 1e-6; // sum of the rounding errors (at most 0.5 / 1e9 per bin, < 2000 bins)

  it.each(Z_POINTS)('CRPS at z = %s agrees with the normal closed form within the binning bound', (z) => {
    const y = MU + z * SD;
    expect(Math.abs(pred.crps(y) - normalCrps(MU, SD, y))).toBeLessThan(2 * cdfErrorIntegral + 2 * cdfError * 18 * SD);
  });

  it.each(Z_POINTS)('PIT at z = %s is Phi(z) within the binning bound', (z) => {
    const y = MU + z * SD;
    const w = binEdges(binOf(y))[1] - binEdges(binOf(y))[0];
    expect(Math.abs(pred.pit(y) - normalCdf(z))).toBeLessThan(w * w * normalPdf(1) / (SD * SD) / 8 + cdfError);
  });

  it.each([-1.5, 0, 0.8])('log score at z = %s is -ln of the bin-average density', (z) => {
    const y = MU + z * SD;
    const [lo, hi] = binEdges(binOf(y));
    const binAverage = (normalCdf((hi - MU) / SD) - normalCdf((lo - MU) / SD)) / (hi - lo);
    expect(Math.abs(pred.logScore(y) + Math.log(binAverage))).toBeLessThan(1e-6);
    // The bin average is within one bin of the density at y: |d ln phi / dy| <= (|z| + w / s) / s.
    const w = hi - lo;
    expect(Math.abs(pred.logScore(y) + Math.log(normalPdf(z) / SD))).toBeLessThan((Math.abs(z) + w / SD) * w / SD + 1e-6);
  });

  it('interval ends are the normal quantiles to within a bin', () => {
    for (const q of [0.05, 0.25, 0.75, 0.95]) {
      const x = MU + normalQuantile(q) * SD;
      expect(Math.abs(pred.quantile(q) - x)).toBeLessThan(binEdges(binOf(x))[1] - binEdges(binOf(x))[0]);
    }
  });

  it('Monte Carlo draws binned as the engine bins them score like the samples themselves', () => {
    const samples = normalSamples(N, 6);
    const counts = new Uint32Array(BINS);
    let width = 0;
    for (const x of samples) {
      const b = binOf(x);
      counts[b]! += 1;
      width += binEdges(b)[1] - binEdges(b)[0];
    }
    const fromHist = histogramPredictive(counts, 0, N);
    const fromSamples = samplePredictive(samples);
    for (const z of Z_POINTS) {
      const y = MU + z * SD;
      // Moving each value within its bin moves the CDF by at most its bin's count over n along a
      // bin width, so |CRPS_hist - CRPS_samples| <= 2 * integral |F_hist - F_n| <= 2 * mean width.
      expect(Math.abs(fromHist.crps(y) - fromSamples.crps(y))).toBeLessThan(2 * width / N);
      expect(Math.abs(fromHist.crps(y) - normalCrps(MU, SD, y))).toBeLessThan(crpsTolerance(samples, y) + 2 * width / N);
      expect(Math.abs(fromHist.pit(y) - fromSamples.pit(y))).toBeLessThan(counts[binOf(y)]! / N + 1e-12);
    }
  });

  it('point masses: exact zeros in bin 0 and a single value give the CRPS of a point mass, |y - a|', () => {
    const h = new Uint32Array(BINS);
    h[0] = 10;
    const zero = histogramPredictive(h, 0, 10);
    expect(zero.crps(5e6)).toBeCloseTo(5e6, 6);
    expect(zero.pit(0)).toBe(0.5);
    expect(zero.pit(1)).toBe(1);
    expect(zero.logScore(1e6)).toBe(Infinity);
    h[binOf(100e6)] = 10;
    const half = histogramPredictive(h, 0, 20);
    expect(half.pit(0)).toBe(0.25);
    expect(half.pit(50e6)).toBe(0.5);
  });

  it('reads a histogram at an offset inside a larger array (the engine stores one per year)', () => {
    const big = new Uint32Array(3 * BINS);
    const counts = new Uint32Array(BINS);
    for (const x of normalSamples(10_000, 7)) counts[binOf(x)]! += 1;
    big.set(counts, BINS);
    const a = histogramPredictive(counts, 0, 10_000);
    const b = histogramPredictive(big, BINS, 10_000);
    for (const y of [MU - SD, MU, MU + 2 * SD]) {
      expect(b.crps(y)).toBe(a.crps(y));
      expect(b.pit(y)).toBe(a.pit(y));
      expect(b.quantile(0.9)).toBe(a.quantile(0.9));
    }
  });
});
