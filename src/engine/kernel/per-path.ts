/**
 * The per-path arithmetic of a block's set-up (the simulator's initFlow, Routes' initCorridors and
 * initAdjustment, Transitory's initFlow), for parameters drawn per path: each a small function of
 * its own. The set-up functions themselves fill what is the same on every path (a fixed parameter:
 * one `fill`, once a simulator or once a chunk) and copy what is the same as another row
 * (`copyWithin`, `set`), builtins that run at native speed before V8 optimises anything: without
 * loops over the paths of their own they stay cold (K1: none of them is compiled by TurboFan in a
 * fresh worker), and the small loops here are quick to compile where they run.
 * Each loop computes what the per-path loop it replaced computed, with the same operations in the
 * same order: the same bits (test/engine/kernel-setup.test.ts).
 */
import { pow } from '../pow.js';
import { stepOf } from './layout.js';
import { exp, log } from '../exp-log.js';

/** The share of a gap closed per step of dt years with half-life h years, 1 - 2^(-dt / h) (1 when h <= 0 or NaN: at once). */
export const halfLifeShare = (h: number, dt: number): number => (h > 0 ? 1 - pow(2, -dt / h) : 1);

/** dst[o + p] = halfLifeShare(h[p], dt), p < n. */
export function halfLifeShares(dst: Float64Array, o: number, h: Float64Array, dt: number, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = halfLifeShare(h[p] as number, dt);
}

/** dst[o + p] = src[p] * k, p < n. */
export function scaled(dst: Float64Array, o: number, src: Float64Array, k: number, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = (src[p] as number) * k;
}

/** dst[o + p] = ln src[p], p < n. */
export function logs(dst: Float64Array, o: number, src: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = log(src[p] as number);
}

/** dst[o + p] = the step of the time src[p] years (layout.ts stepOf), p < n. */
export function steps(dst: Int32Array, o: number, src: Float64Array, stepsPerYear: number, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = stepOf(src[p] as number, stepsPerYear);
}

/** dst[o + p] = max(dst[o + p], src[at + p]), p < n (steps: the later one). */
export function latest(dst: Int32Array, o: number, src: Int32Array, at: number, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = Math.max(dst[o + p] as number, src[at + p] as number);
}

/** A flow's volatility terms per step of dt years: drift[o + p] = -s^2 dt / 2 and vs[o + p] = s sqrt(dt), s = s[p], p < n. */
export function volatilityTerms(drift: Float64Array, vs: Float64Array, o: number, s: Float64Array, dt: number, n: number): void {
  const sqrtDt = Math.sqrt(dt);
  for (let p = 0; p < n; p++) {
    const sp = s[p] as number;
    drift[o + p] = -0.5 * sp * sp * dt;
    vs[o + p] = sp * sqrtDt;
  }
}

/** dst[o + p] += src[p], p < n. */
export function added(dst: Float64Array, o: number, src: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = (dst[o + p] as number) + (src[p] as number);
}

/** dst[o + p] = -src[p], p < n. */
export function negated(dst: Float64Array, o: number, src: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = -(src[p] as number);
}

/** Jumps a step of dt years, rate[p] a year: lam[o + p] = rate[p] dt, and the probability of none, p0[o + p] = exp(-lam), p < n. */
export function jumpRates(lam: Float64Array, p0: Float64Array, o: number, rate: Float64Array, dt: number, n: number): void {
  for (let p = 0; p < n; p++) {
    const l = (rate[p] as number) * dt;
    lam[o + p] = l;
    p0[o + p] = exp(-l);
  }
}

/** dst[o + p] = 1 / src[p], p < n. */
export function reciprocals(dst: Float64Array, o: number, src: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = 1 / (src[p] as number);
}

/** dst[o + p] = a[p] / b[p], p < n. */
export function ratios(dst: Float64Array, o: number, a: Float64Array, b: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = (a[p] as number) / (b[p] as number);
}

/**
 * The pair (x, y) at a[at + 2p] and a[at + 2p + 1], p < n (a chain's leave probabilities that are
 * the same on every path): written once, then copied in doubling runs.
 */
export function fillPairs(a: Float64Array, at: number, x: number, y: number, n: number): void {
  if (n <= 0) return;
  a[at] = x;
  a[at + 1] = y;
  for (let k = 2, end = 2 * n; k < end; k *= 2) a.copyWithin(at + k, at, at + Math.min(k, end - k));
}
