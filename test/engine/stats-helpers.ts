/**
 * Statistical helpers for the test/engine/*-*.test.ts files: the normal distribution
 * (src/engine/normal-dist.ts), Kolmogorov-Smirnov statistics, the asymptotic Kolmogorov
 * distribution, exact binomial tails and raw moments, each written out so that its accuracy is known.
 */

export { normalCdf, normalPdf, normalQuantile, normalSf } from '../../src/engine/normal-dist.js';

/**
 * Two-sided Kolmogorov-Smirnov statistic D_n = sup |F_n(x) - F(x)| of a sample (sorted in
 * place) against a continuous CDF.
 */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  sample.sort();
  const n = sample.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sample[i] as number);
    const dPlus = (i + 1) / n - f;
    const dMinus = f - i / n;
    if (dPlus > d) d = dPlus;
    if (dMinus > d) d = dMinus;
  }
  return d;
}

/**
 * The asymptotic Kolmogorov distribution: P(K > t) = 2 sum_{k >= 1} (-1)^(k-1) exp(-2 k^2 t^2),
 * the limit of P(sqrt(n) D_n > t) (Kolmogorov 1933).
 */
export function kolmogorovSf(t: number): number {
  if (t <= 0) return 1;
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * t * t);
    s += k % 2 === 1 ? term : -term;
    if (term < 1e-20) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/** c with P(K > c) = 0.01 (scipy.stats.kstwobign.isf(0.01) = 1.6276236115189504). */
export const KS_C_01 = 1.6276;
/** c with P(K > c) = 0.001 (scipy.stats.kstwobign.isf(0.001) = 1.9494746035043753). */
export const KS_C_001 = 1.9495;

/** P(X > k) for X ~ Binomial(n, p), exactly: the upper sum of the pmf, by its recurrence. */
export function binomialSf(n: number, p: number, k: number): number {
  let pmf = (1 - p) ** n;
  let upper = 0;
  for (let j = 0; j <= n; j++) {
    if (j > k) upper += pmf;
    pmf *= ((n - j) / (j + 1)) * (p / (1 - p));
  }
  return upper;
}

/** Running raw moments sum x, x^2, x^3, x^4 of a stream of values. */
export class RawMoments {
  n = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  s4 = 0;
  addAll(a: Float64Array, from = 0, to = a.length): void {
    let s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (let i = from; i < to; i++) {
      const x = a[i] as number;
      const x2 = x * x;
      s1 += x;
      s2 += x2;
      s3 += x2 * x;
      s4 += x2 * x2;
    }
    this.n += to - from;
    this.s1 += s1;
    this.s2 += s2;
    this.s3 += s3;
    this.s4 += s4;
  }
  /** The k-th raw sample moment, k = 1..4. */
  raw(k: 1 | 2 | 3 | 4): number {
    return [this.s1, this.s2, this.s3, this.s4][k - 1]! / this.n;
  }
}

/** Pearson correlation of two equally long samples. */
export function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}
