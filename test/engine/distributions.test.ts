/**
 * CDFs and quantiles of the scenario distributions (src/engine/distributions.ts), against
 * references written out here: Cody's erfc (test/helpers/normal.ts, 1e-14) for the normal; the
 * binomial sum I_x(a, b) = sum_{j=a}^{a+b-1} C(a+b-1, j) x^j (1-x)^(a+b-1-j) for a PERT with
 * integer shape parameters; the triangular's closed form; and for a PERT with non-integer shapes,
 * the empirical quantiles of a million draws from sample.ts (within 4 standard errors of a
 * quantile, sqrt(p(1-p)/n) / density, the density bounded below by a finite difference).
 */
import { describe, expect, it } from 'vitest';
import { betaCdf, distributionCdf, distributionQuantile, normalCdf, normalQuantile } from '../../src/engine/distributions.js';
import { sampleDistribution } from '../../src/engine/sample.js';
import { streamFor } from '../../src/engine/streams.js';
import type { Distribution } from '../../src/scenario/schema.js';
import { normalCdf as codyCdf } from '../helpers/normal.js';

const binom = (n: number, k: number) => { let r = 1; for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i; return r; };
const betaBinomial = (x: number, a: number, b: number) => {
  let s = 0;
  for (let j = a; j <= a + b - 1; j++) s += binom(a + b - 1, j) * x ** j * (1 - x) ** (a + b - 1 - j);
  return s;
};

describe('distributions', () => {
  it('normal CDF within 1.2e-7 (relative, in the tail) of Cody\'s erfc; its quantile within 1.2e-9 of the exact one', () => {
    for (let x = -6; x <= 6; x += 0.125) {
      const exact = codyCdf(x);
      expect(Math.abs(normalCdf(x) - exact)).toBeLessThan(1.2e-7 * Math.min(exact, 1 - exact) + 1e-16);
    }
    // Exact quantiles: bisection on Cody's CDF.
    for (const p of [1e-6, 0.001, 0.02, 0.1, 0.3, 0.77, 0.9, 0.975, 0.999]) {
      let lo = -10, hi = 10;
      for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (codyCdf(m) < p) lo = m; else hi = m; }
      expect(Math.abs(normalQuantile(p) - lo)).toBeLessThan(1.2e-9 * Math.abs(lo) + 1e-12);
    }
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('Beta CDF matches the binomial sum for integer shapes', () => {
    for (const [a, b] of [[1, 1], [2, 3], [3, 2], [5, 1], [4, 4]] as const) {
      for (let x = 0.05; x < 1; x += 0.05) expect(betaCdf(x, a, b)).toBeCloseTo(betaBinomial(x, a, b), 12);
    }
  });

  it('PERT(0, 2.5, 10) is min + 10 Beta(2, 4): its CDF and quantiles', () => {
    const d: Distribution = { dist: 'pert', min: 0, mode: 2.5, max: 10 };
    for (let x = 0.5; x < 10; x += 0.5) expect(distributionCdf(d, x)).toBeCloseTo(betaBinomial(x / 10, 2, 4), 12);
    for (const p of [0.1, 0.5, 0.9]) expect(distributionCdf(d, distributionQuantile(d, p))).toBeCloseTo(p, 10);
  });

  it('triangular and uniform quantiles invert their CDFs; lognormal is exp of a normal', () => {
    const t: Distribution = { dist: 'triangular', min: 1, mode: 2, max: 5 };
    for (const p of [0.05, 0.1, 0.25, 0.5, 0.9]) expect(distributionCdf(t, distributionQuantile(t, p))).toBeCloseTo(p, 12);
    expect(distributionQuantile(t, 0.25)).toBeCloseTo(1 + Math.sqrt(0.25 * 4 * 1), 12);
    const u: Distribution = { dist: 'uniform', min: -1, max: 3 };
    expect(distributionQuantile(u, 0.1)).toBeCloseTo(-0.6, 12);
    const l: Distribution = { dist: 'lognormal', median: 2, sdlog: 0.5 };
    expect(Math.abs(distributionQuantile(l, 0.9) / (2 * Math.exp(0.5 * 1.2815515655446004)) - 1)).toBeLessThan(1e-9);
  });

  it('PERT with non-integer shapes: the 10th and 90th percentiles of a million draws', () => {
    const d: Distribution = { dist: 'pert', min: 0.05, mode: 0.2, max: 0.35 };
    const n = 1_000_000;
    const st = streamFor(1, 0, 'test:pert');
    const xs = Float64Array.from({ length: n }, () => sampleDistribution(d, st)).sort();
    for (const p of [0.1, 0.5, 0.9]) {
      const q = distributionQuantile(d, p);
      const h = 1e-3;
      const density = (distributionCdf(d, q + h) - distributionCdf(d, q - h)) / (2 * h);
      const se = Math.sqrt((p * (1 - p)) / n) / density;
      expect(Math.abs((xs[Math.floor(p * n)] as number) - q)).toBeLessThan(4 * se);
    }
  });
});
