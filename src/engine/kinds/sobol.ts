/**
 * The `sobol` kind: pick-freeze estimation of Sobol indices on the components' streams. Plans:
 * A (the scenario), B (every input re-keyed), then A_B^i for each input i (A with only input i's
 * components re-keyed as in B), all on the same paths. Per output and input, it keeps the sums
 * of the vector Z = (a, b, a², b², u, w) and of its pairwise products (the delta method's
 * covariance), where a = f(A), b = f(B), c = f(A_B^i), u = b (c - a) (Saltelli 2010, first order)
 * and w = (a - c)² / 2 (Jansen 1999, total); and once more for u and w summed over the inputs
 * (the sum of the indices, whose interval needs their covariances). For plan A it also keeps, per uncertain parameter,
 * the sums that give the correlation of each output with the parameter's rank F(x) on the path.
 */
import type { Plan } from '../../scenario/plan.js';
import type { Distribution } from '../../scenario/schema.js';
import { distributionCdf } from '../distributions.js';
import { CHUNK } from '../kernel/index.js';
import { sampleDistribution } from '../sample.js';
import { streamFor } from '../streams.js';
import { OUTPUT_COUNT, pathOutputsKind } from './path-outputs.js';

/** Entries of Z. */
export const Z_SIZE = 6;
/** Sums per (output, input): Z, then Z_j Z_k for j <= k. */
export const MOMENTS = Z_SIZE + (Z_SIZE * (Z_SIZE + 1)) / 2;
/** Per (output, parameter) rank sums: r, r², r f; after the output's own f, f². */
export const RANK_SUMS = 3;

export const inputCount = (plans: Plan[]) => {
  if (plans.length < 3) throw new Error(`internal: the sobol kind takes A, B and one plan per input, found ${plans.length} plans`);
  return plans.length - 2;
};

/**
 * The plan's uncertain parameters: each `param:` component once, with its distribution, sorted
 * by component. Found by walking the plan's flows, corridors, borders (a shared border's
 * `reopens` and closure figures) and agreements, so a parameter added to one of them is found too.
 */
export function uncertainParameters(plan: Plan): Array<{ component: string; dist: Distribution }> {
  const found = new Map<string, Distribution>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return;
    if (Array.isArray(v)) { v.forEach(walk); return; }
    const o = v as Record<string, unknown>;
    if (o.kind === 'dist' && typeof o.component === 'string' && o.dist) found.set(o.component, o.dist as Distribution);
    else Object.values(o).forEach(walk);
  };
  walk([plan.flows, plan.corridors, plan.borders, plan.agreements]);
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([component, dist]) => ({ component, dist }));
}

export const sobol = pathOutputsKind({
  name: 'sobol',
  sums: ['moments', 'ranks'] as const,
  lengths: (plans) => ({
    moments: OUTPUT_COUNT * (inputCount(plans) + 1) * MOMENTS,
    ranks: OUTPUT_COUNT * (2 + RANK_SUMS * uncertainParameters(plans[0] as Plan).length),
  }),
  accumulator: (plans) => {
    const d = inputCount(plans);
    const params = uncertainParameters(plans[0] as Plan);
    const ranks = params.map(() => new Float64Array(CHUNK));
    const z = new Float64Array(Z_SIZE);
    const su = new Float64Array(CHUNK), sw = new Float64Array(CHUNK);
    const add = (m: Float64Array, at: number) => {
      let q = at + Z_SIZE;
      for (let r = 0; r < Z_SIZE; r++) {
        const zr = z[r] as number;
        m[at + r] = (m[at + r] as number) + zr;
        for (let s = r; s < Z_SIZE; s++) { m[q] = (m[q] as number) + zr * (z[s] as number); q++; }
      }
    };
    return (values, n, into, seed, chunk) => {
      const A = values[0] as Float64Array, B = values[1] as Float64Array;
      const m = into.moments;
      for (let o = 0; o < OUTPUT_COUNT; o++) {
        su.fill(0); sw.fill(0);
        for (let i = 0; i <= d; i++) {
          const Ci = values[2 + i] as Float64Array | undefined;
          const at = (o * (d + 1) + i) * MOMENTS;
          for (let p = 0; p < n; p++) {
            const j = o * CHUNK + p;
            const a = A[j] as number, b = B[j] as number;
            z[0] = a; z[1] = b; z[2] = a * a; z[3] = b * b;
            if (Ci) {
              const c = Ci[j] as number;
              z[4] = b * (c - a); z[5] = 0.5 * (a - c) * (a - c);
              su[p] = (su[p] as number) + (z[4] as number); sw[p] = (sw[p] as number) + (z[5] as number);
            } else {
              z[4] = su[p] as number; z[5] = sw[p] as number;
            }
            add(m, at);
          }
        }
      }
      // Each parameter's draws on these paths, as the kernel makes them for plan A (one draw per
      // path, in path order, from the parameter's stream for the chunk), as ranks F(x).
      params.forEach(({ component, dist }, j) => {
        const st = streamFor(seed, chunk, component, plans[0]?.streamSalt?.[component]);
        const r = ranks[j] as Float64Array;
        for (let p = 0; p < n; p++) r[p] = distributionCdf(dist, sampleDistribution(dist, st));
      });
      const rk = into.ranks;
      const stride = 2 + RANK_SUMS * params.length;
      for (let o = 0; o < OUTPUT_COUNT; o++) {
        const at = o * stride;
        for (let p = 0; p < n; p++) {
          const f = A[o * CHUNK + p] as number;
          rk[at] = (rk[at] as number) + f;
          rk[at + 1] = (rk[at + 1] as number) + f * f;
        }
        params.forEach((_, j) => {
          const r = ranks[j] as Float64Array;
          let s = 0, ss = 0, sf = 0;
          for (let p = 0; p < n; p++) {
            const v = r[p] as number;
            s += v; ss += v * v; sf += v * (A[o * CHUNK + p] as number);
          }
          const k = at + 2 + RANK_SUMS * j;
          rk[k] = (rk[k] as number) + s;
          rk[k + 1] = (rk[k + 1] as number) + ss;
          rk[k + 2] = (rk[k + 2] as number) + sf;
        });
      }
    };
  },
});
