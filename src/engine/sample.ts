/**
 * Draws from a scenario distribution, from a given stream: once per path per uncertain parameter,
 * a block's paths at a time.
 *
 * - normal(mean, sd); lognormal(median, sdlog) = median * exp(sdlog * Z)
 * - uniform(min, max); triangular(min, mode, max) by inverse CDF
 * - PERT(min, mode, max) = min + (max - min) * Beta(a, b), a = 1 + 4 (mode - min) / (max - min),
 *   b = 1 + 4 (max - mode) / (max - min) (Vose 2008), Beta from two gammas
 * - gamma(shape >= 1) by Marsaglia & Tsang (2000, ACM TOMS 26(3))
 */
import type { Distribution } from '../scenario/schema.js';
import { fillNormals, nextNormal, slowNormal, zigguratTables } from './normals.js';
import { fillUniforms, nextUniform, U32_SCALE, type StreamState } from './rng.js';
import { pow } from './pow.js';
import { exp, log } from './exp-log.js';

/** gamma(shape), one at a time: PERT's rare shapes below 1 (pertDraws has the loop for the rest). */
function gamma(st: StreamState, shape: number): number {
  if (shape < 1) return gamma(st, shape + 1) * pow(nextUniform(st), 1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = nextNormal(st);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = nextUniform(st);
    if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}

const { KN, WN } = zigguratTables;

/**
 * out[p] = min + w Beta + offset, p < n, Beta = ga / (ga + gb) from gammas of shape da + 1/3 and
 * db + 1/3 (both >= 1): gamma's draws, ga then gb per path, with the generator in locals across
 * all of them (rng.ts nextInt32 and normals.ts nextNormal written out), the same numbers. Doubles
 * stay in locals: V8 boxes one passed to or returned from a call it does not inline.
 */
function pertDraws(st: StreamState, out: Float64Array, n: number, min: number, w: number, da: number, db: number, offset: number): void {
  const ca = 1 / Math.sqrt(9 * da), cb = 1 / Math.sqrt(9 * db);
  let s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
  // one loop over the 2n gammas (ga of path i >> 1 when i is even, gb when odd), a try per turn
  let d = da, c = ca, ga = 0;
  for (let i = 0, end = 2 * n; i < end;) {
    let m = Math.imul(s1, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9);
    let t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    const iz = hz & 127;
    let x: number;
    if (Math.abs(hz) < (KN[iz] as number)) x = hz * (WN[iz] as number);
    else {
      st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
      // `+`: x stays an unboxed double. Without it V8 merged this call's result (a tagged value)
      // with hz * WN[iz] and kept x tagged, boxing every normal: 35 bytes of garbage per PERT
      // draw, and half its time (60 -> 32 ns a draw).
      x = +slowNormal(st, hz, iz);
      s0 = st[0] as number; s1 = st[1] as number; s2 = st[2] as number; s3 = st[3] as number;
    }
    let v = 1 + c * x;
    if (v <= 0) continue; // a new normal, no uniform
    v = v * v * v;
    m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    const u = ((r >>> 0) + 0.5) * U32_SCALE;
    if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v))) {
      if ((i & 1) === 0) { ga = d * v; d = db; c = cb; }
      else { const gb = d * v; out[i >> 1] = min + (w * ga) / (ga + gb) + offset; d = da; c = ca; }
      i++;
    }
  }
  st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
}

/** One draw of d from st. */
export function sampleDistribution(d: Distribution, st: StreamState): number {
  sampleInto(d, st, one, 1, -0); // x + -0 is x, bit for bit, for every x
  return one[0] as number;
}
const one = new Float64Array(1);

/**
 * out[p] = a draw of d from st, plus offset, for p < n, the draws one after another. What is the
 * same for every draw (PERT's gamma constants, the widths) is computed once: a block's draws of a
 * parameter come here (kernel/simulator.ts), one call for all its paths.
 */
export function sampleInto(d: Distribution, st: StreamState, out: Float64Array, n: number, offset: number): void {
  switch (d.dist) {
    // one draw per value: the draws filled first (generator state in locals), then transformed in place
    case 'normal':
      fillNormals(st, out, 0, n);
      for (let p = 0; p < n; p++) out[p] = d.mean + d.sd * (out[p] as number) + offset;
      return;
    case 'lognormal':
      fillNormals(st, out, 0, n);
      for (let p = 0; p < n; p++) out[p] = d.median * exp(d.sdlog * (out[p] as number)) + offset;
      return;
    case 'uniform': {
      const w = d.max - d.min;
      fillUniforms(st, out, 0, n);
      for (let p = 0; p < n; p++) out[p] = d.min + w * (out[p] as number) + offset;
      return;
    }
    case 'triangular': {
      const w = d.max - d.min, lo = d.mode - d.min, hi = d.max - d.mode;
      const fc = lo / w;
      fillUniforms(st, out, 0, n);
      for (let p = 0; p < n; p++) {
        const u = out[p] as number;
        out[p] = (u < fc ? d.min + Math.sqrt(u * w * lo) : d.max - Math.sqrt((1 - u) * w * hi)) + offset;
      }
      return;
    }
    case 'pert': {
      const w = d.max - d.min;
      const a = 1 + (4 * (d.mode - d.min)) / w;
      const b = 1 + (4 * (d.max - d.mode)) / w;
      if (a >= 1 && b >= 1) {
        pertDraws(st, out, n, d.min, w, a - 1 / 3, b - 1 / 3, offset);
      } else {
        for (let p = 0; p < n; p++) {
          const ga = gamma(st, a);
          const gb = gamma(st, b);
          out[p] = d.min + (w * ga) / (ga + gb) + offset;
        }
      }
      return;
    }
  }
}

/** The distribution's mean, for tests and the parameter table. */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'normal': return d.mean;
    case 'lognormal': return d.median * exp(0.5 * d.sdlog * d.sdlog);
    case 'uniform': return (d.min + d.max) / 2;
    case 'triangular': return (d.min + d.mode + d.max) / 3;
    case 'pert': return (d.min + 4 * d.mode + d.max) / 6;
  }
}
