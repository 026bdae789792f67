/**
 * The standard normal distribution: density, CDF and survival function accurate to about 1e-15
 * (checked against mpmath in test/engine/normals-ks.test.ts), and the quantile by bisection on
 * the CDF. Written here rather than taken from a package so that each number's accuracy is known:
 * simple-statistics' cumulativeStdNormalProbability is a table good to about 1e-4 only.
 */
import { exp } from './exp-log.js';
const SQRT_2PI = 2.5066282746310002;

/** The standard normal density. */
export function normalPdf(x: number): number {
  return exp(-0.5 * x * x) / SQRT_2PI;
}

/** Where the upper-tail computation switches from the power series to the continued fraction. */
const SWITCH = 2.5;
/** Depth of the continued fraction; at x = 2.5 its truncation error is far below 1e-17. */
const CF_DEPTH = 400;

/**
 * Phi(x) - 1/2 for 0 <= x < SWITCH by the power series (Abramowitz & Stegun 26.2.11)
 * Phi(x) - 1/2 = phi(x) * sum_{n >= 0} x^(2n+1) / (1 * 3 * 5 * ... * (2n+1)); all terms are
 * positive, so the sum is accurate to a few ulp.
 */
function centralPart(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 3; term > sum * 1e-18; k += 2) {
    term *= x2 / k;
    sum += term;
  }
  return normalPdf(x) * sum;
}

/**
 * Q(x) = 1 - Phi(x) for x >= SWITCH by Laplace's continued fraction (A&S 26.2.14)
 * Q(x) = phi(x) / (x + 1/(x + 2/(x + 3/(x + ...)))), evaluated backwards from CF_DEPTH terms;
 * accurate to a few ulp relative, also far out in the tail.
 */
function tailPart(x: number): number {
  let f = x;
  for (let k = CF_DEPTH; k >= 1; k--) f = x + k / f;
  return normalPdf(x) / f;
}

/** Q(x) = 1 - Phi(x) = P(Z > x), with small relative error in the upper tail. */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 1;
  if (x >= SWITCH) return tailPart(x);
  if (x >= 0) return 0.5 - centralPart(x);
  return 1 - normalSf(-x);
}

/** Phi(x) = P(Z <= x), with small relative error in the lower tail. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === -Infinity) return 0;
  if (x === Infinity) return 1;
  if (x <= -SWITCH) return tailPart(-x);
  if (x <= 0) return 0.5 - centralPart(-x);
  return 1 - normalCdf(-x);
}

/** The p-quantile of the standard normal, inf{x : Phi(x) >= p}, by bisection on normalCdf (to the last bit; exactly 0 at 1/2). */
export function normalQuantile(p: number): number {
  // Phi rounds to 1/2 within about 1e-16 of 0, where the bisection would stop.
  if (p === 0.5) return 0;
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return hi;
}
