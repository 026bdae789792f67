/**
 * Cumulative distribution and quantile functions of the scenario distributions (sample.ts draws
 * from them): the 10th and 90th percentiles of a tornado, and the rank F(x) of a per-path draw.
 *
 * - normal: Φ and Φ⁻¹ from normal-dist.ts (accurate to about 1e-15; Φ⁻¹ by bisection on Φ).
 * - PERT: min + (max - min) Beta(a, b) (sample.ts); the regularised incomplete beta by its
 *   continued fraction (Lentz), lgamma by Lanczos; its quantile by bisection to 1e-12.
 */
import type { Distribution } from '../scenario/schema.js';
import { normalCdf, normalQuantile } from './normal-dist.js';
import { exp, log } from './exp-log.js';
import { log1p } from './log1p.js';

export { normalCdf, normalQuantile } from './normal-dist.js';

const LANCZOS = [76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.001208650973866179, -0.000005395239384953];

function lgamma(x: number): number {
  let y = x;
  const t = x + 5.5 - (x + 0.5) * log(x + 5.5);
  let s = 1.000000000190015;
  for (const c of LANCZOS) s += c / ++y;
  return -t + log((2.5066282746310007 * s) / x);
}

function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1, d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** I_x(a, b), the Beta(a, b) CDF at x. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

const pertShape = (d: { min: number; mode: number; max: number }) => {
  const w = d.max - d.min;
  return { w, a: 1 + (4 * (d.mode - d.min)) / w, b: 1 + (4 * (d.max - d.mode)) / w };
};

/** P(X <= x). */
export function distributionCdf(d: Distribution, x: number): number {
  switch (d.dist) {
    case 'normal': return normalCdf((x - d.mean) / d.sd);
    case 'lognormal': return x <= 0 ? 0 : normalCdf(log(x / d.median) / d.sdlog);
    case 'uniform': return Math.min(1, Math.max(0, (x - d.min) / (d.max - d.min)));
    case 'triangular': {
      if (x <= d.min) return 0;
      if (x >= d.max) return 1;
      const w = d.max - d.min;
      return x <= d.mode ? ((x - d.min) ** 2) / (w * (d.mode - d.min)) : 1 - ((d.max - x) ** 2) / (w * (d.max - d.mode));
    }
    case 'pert': {
      const { w, a, b } = pertShape(d);
      return betaCdf((x - d.min) / w, a, b);
    }
  }
}

/** The p-quantile, 0 < p < 1. */
export function distributionQuantile(d: Distribution, p: number): number {
  switch (d.dist) {
    case 'normal': return d.mean + d.sd * normalQuantile(p);
    case 'lognormal': return d.median * exp(d.sdlog * normalQuantile(p));
    case 'uniform': return d.min + (d.max - d.min) * p;
    case 'triangular': {
      const w = d.max - d.min;
      const fc = (d.mode - d.min) / w;
      return p < fc ? d.min + Math.sqrt(p * w * (d.mode - d.min)) : d.max - Math.sqrt((1 - p) * w * (d.max - d.mode));
    }
    case 'pert': {
      const { w, a, b } = pertShape(d);
      let lo = 0, hi = 1;
      while (hi - lo > 1e-12) {
        const mid = 0.5 * (lo + hi);
        if (betaCdf(mid, a, b) < p) lo = mid; else hi = mid;
      }
      return d.min + w * 0.5 * (lo + hi);
    }
  }
}
