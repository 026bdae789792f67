/**
 * The flows' levels (step 4 of the model): the hot loops of a step, per flow, over the paths of a
 * block: small module-level functions, so that few values are live in each loop (V8 inlines them
 * into the block loop when it sees fit). All read and write one array, m (ChunkSimulator.mem), at
 * region offsets. kernel.wat holds their wasm twins (test/engine/kernel-wasm.test.ts).
 */
import { fastExp } from '../fast-exp.js';

/** The regions of ChunkSimulator.mem the hot loops touch, each F * BLOCK long (stepTotal: T * BLOCK), in this order. */
export const HOT_REGIONS = ['x', 'v', 'seg', 'lnRoute', 'z', 'c', 'e', 'lnm', 'tgt', 'alpha', 'gdt', 'drift', 'vs', 'ipot', 'lnAdj',
  'zt', 'tu', 'tv', 'tphi', 'ts', 'adj', 'alr', 'atg', 'acap'] as const;
/** Offsets of the regions of ChunkSimulator.mem. */
export type Regions = Record<(typeof HOT_REGIONS)[number] | 'stepTotal', number>;
/** The regions levelsGeneral reads and writes. */
type LevelRegions = Pick<Regions, 'x' | 'v' | 'lnRoute' | 'e' | 'gdt' | 'ipot' | 'drift' | 'vs' | 'lnm' | 'alpha' | 'tgt'>;

/** x += g (1 - v ip) + d + s c; e = x (+ lnRoute when or >= 0): parameters the same on every path, no policy. */
export function levelsFixed(m: Float64Array, oc: number, ox: number, ov: number, or: number, oe: number, g: number, ip: number, d: number, s: number, nb: number): void {
  if (or >= 0) {
    for (let p = 0; p < nb; p++) {
      const xv = (m[ox + p] as number) + g * (1 - (m[ov + p] as number) * ip) + d + s * (m[oc + p] as number);
      m[ox + p] = xv;
      m[oe + p] = xv + (m[or + p] as number);
    }
  } else {
    for (let p = 0; p < nb; p++) {
      const xv = (m[ox + p] as number) + g * (1 - (m[ov + p] as number) * ip) + d + s * (m[oc + p] as number);
      m[ox + p] = xv;
      m[oe + p] = xv;
    }
  }
}

/** As levelsFixed, with per-path parameters (unless `fixed`) and the policy multiplier (unless `stat`). */
export function levelsGeneral(m: Float64Array, R: LevelRegions, o: number, oc: number, fixed: boolean, stat: boolean, routed: boolean, g: number, ip: number, d: number, s: number, nb: number): void {
  const ox = R.x + o, ov = R.v + o, or = R.lnRoute + o, oe = R.e + o;
  const og = R.gdt + o, oi = R.ipot + o, od = R.drift + o, ovs = R.vs + o;
  const olm = R.lnm + o, oa = R.alpha + o, ot = R.tgt + o;
  for (let p = 0; p < nb; p++) {
    const cf = m[oc + p] as number;
    const xv = fixed
      ? (m[ox + p] as number) + g * (1 - (m[ov + p] as number) * ip) + d + s * cf
      : (m[ox + p] as number) + (m[og + p] as number) * (1 - (m[ov + p] as number) * (m[oi + p] as number)) + (m[od + p] as number) + (m[ovs + p] as number) * cf;
    m[ox + p] = xv;
    if (stat) {
      m[oe + p] = routed ? xv + (m[or + p] as number) : xv;
    } else {
      const l0 = m[olm + p] as number;
      const lm = l0 + (m[oa + p] as number) * ((m[ot + p] as number) - l0);
      m[olm + p] = lm;
      m[oe + p] = routed ? xv + lm + (m[or + p] as number) : xv + lm;
    }
  }
}

/**
 * v = exp(e); seg += v; the step's total += v (= v for the first flow). Apart from the levels: a
 * loop of exp alone keeps more of them in flight at once (its dependency chain is long), 7% faster.
 */
export function observe(m: Float64Array, oe: number, ov: number, os: number, tk: number, first: boolean, nb: number): void {
  const exp = fastExp;
  if (first) {
    for (let p = 0; p < nb; p++) {
      const vv = exp(m[oe + p] as number);
      m[ov + p] = vv;
      m[os + p] = (m[os + p] as number) + vv;
      m[tk + p] = vv;
    }
  } else {
    for (let p = 0; p < nb; p++) {
      const vv = exp(m[oe + p] as number);
      m[ov + p] = vv;
      m[os + p] = (m[os + p] as number) + vv;
      m[tk + p] = (m[tk + p] as number) + vv;
    }
  }
}
