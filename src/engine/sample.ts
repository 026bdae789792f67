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
import { fillNormals } from './normals.js';
import { fillUniforms, nextUniform, type StreamState } from './rng.js';

function gamma(st: StreamState, shape: number): number {
  if (shape < 1) return gamma(st, shape + 1) * nextUniform(st) ** (1 / shape);
  const d = shape - 1 / 3;
  dc[0] = d; dc[1] = 1 / Math.sqrt(9 * d);
  gammaOf(st, dc, 0);
  return pair[0] as number;
}

/**
 * gamma(shape >= 1) into pair[j], with d = shape - 1/3 and c = 1 / sqrt(9 d) at dc[2 j] and
 * dc[2 j + 1]. Doubles pass through typed arrays: V8 boxes one passed to or returned from a call
 * it does not inline, and PERT's draws were 64% of what baseline-pk allocated (now nothing).
 */
function gammaOf(st: StreamState, dc: Float64Array, j: number): void {
  const d = dc[2 * j] as number, c = dc[2 * j + 1] as number;
  for (;;) {
    let x: number, v: number;
    do {
      fillNormals(st, z1, 0, 1); // nextNormal's value, not boxed (its result merges its slow path's)
      x = z1[0] as number;
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = nextUniform(st);
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) { pair[j] = d * v; return; }
  }
}
/** gammaOf's constants (d c, then PERT's second pair) and results (module scratch). */
const dc = new Float64Array(4);
const pair = new Float64Array(2);
const z1 = new Float64Array(1);

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
      for (let p = 0; p < n; p++) out[p] = d.median * Math.exp(d.sdlog * (out[p] as number)) + offset;
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
        const da = a - 1 / 3, db = b - 1 / 3;
        dc[0] = da; dc[1] = 1 / Math.sqrt(9 * da); dc[2] = db; dc[3] = 1 / Math.sqrt(9 * db);
        for (let p = 0; p < n; p++) {
          gammaOf(st, dc, 0);
          gammaOf(st, dc, 1);
          const ga = pair[0] as number, gb = pair[1] as number;
          out[p] = d.min + (w * ga) / (ga + gb) + offset;
        }
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
    case 'lognormal': return d.median * Math.exp(0.5 * d.sdlog * d.sdlog);
    case 'uniform': return (d.min + d.max) / 2;
    case 'triangular': return (d.min + d.mode + d.max) / 3;
    case 'pert': return (d.min + 4 * d.mode + d.max) / 6;
  }
}
