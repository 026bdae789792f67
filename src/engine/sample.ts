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
import { nextNormal } from './normals.js';
import { nextUniform, type StreamState } from './rng.js';

function gamma(st: StreamState, shape: number): number {
  if (shape < 1) return gamma(st, shape + 1) * nextUniform(st) ** (1 / shape);
  const d = shape - 1 / 3;
  return gammaOf(st, d, 1 / Math.sqrt(9 * d));
}

/** gamma(shape >= 1) with d = shape - 1/3 and c = 1 / sqrt(9 d) given. */
function gammaOf(st: StreamState, d: number, c: number): number {
  for (;;) {
    let x: number, v: number;
    do {
      x = nextNormal(st);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = nextUniform(st);
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
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
    case 'normal':
      for (let p = 0; p < n; p++) out[p] = d.mean + d.sd * nextNormal(st) + offset;
      return;
    case 'lognormal':
      for (let p = 0; p < n; p++) out[p] = d.median * Math.exp(d.sdlog * nextNormal(st)) + offset;
      return;
    case 'uniform': {
      const w = d.max - d.min;
      for (let p = 0; p < n; p++) out[p] = d.min + w * nextUniform(st) + offset;
      return;
    }
    case 'triangular': {
      const w = d.max - d.min, lo = d.mode - d.min, hi = d.max - d.mode;
      const fc = lo / w;
      for (let p = 0; p < n; p++) {
        const u = nextUniform(st);
        out[p] = (u < fc ? d.min + Math.sqrt(u * w * lo) : d.max - Math.sqrt((1 - u) * w * hi)) + offset;
      }
      return;
    }
    case 'pert': {
      const w = d.max - d.min;
      const a = 1 + (4 * (d.mode - d.min)) / w;
      const b = 1 + (4 * (d.max - d.mode)) / w;
      if (a >= 1 && b >= 1) {
        const da = a - 1 / 3, ca = 1 / Math.sqrt(9 * da), db = b - 1 / 3, cb = 1 / Math.sqrt(9 * db);
        for (let p = 0; p < n; p++) {
          const ga = gammaOf(st, da, ca);
          const gb = gammaOf(st, db, cb);
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
