/**
 * Standard normals by the ziggurat method of Marsaglia & Tsang (2000, J. Stat. Softw. 5(8)),
 * 128 layers, driven by xoshiro128** (rng.ts): one 32-bit output gives both the layer (low 7
 * bits) and the value, and about 98.8% of draws take the fast path of one multiply and one compare.
 * Written out here rather than taken from a package because it is the hot loop: the state is held
 * in locals across a whole fill. Tests: test/engine/normals-*.test.ts (Kolmogorov-Smirnov, moments,
 * and a slow twin that draws one at a time).
 */
import type { StreamState } from './rng.js';
import { nextUniform, nextInt32 } from './rng.js';
import { exp, log } from './exp-log.js';

const KN = new Int32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
/** Start of the tail: the base layer's right edge. */
const R = 3.442619855899;
{
  const m1 = 2147483648.0;
  const vn = 9.91256303526217e-3;
  let dn = R, tn = dn;
  const q = vn / exp(-0.5 * dn * dn);
  KN[0] = Math.trunc((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * log(vn / dn + exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.trunc((dn / tn) * m1);
    tn = dn;
    FN[i] = exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
}

/** The tables and the tail's start, for the kernel's fill (kernel/shocks.ts) and its wasm twin (read only). */
export const zigguratTables = { KN, WN, FN, R };

/** The rare path: a wedge or the tail. Draws further outputs from the same stream (also sample.ts's PERT loop). */
export function slowNormal(st: StreamState, hz: number, iz: number): number {
  for (;;) {
    let x = hz * (WN[iz] as number);
    if (iz === 0) {
      let y: number;
      do {
        x = -log(nextUniform(st)) / R;
        y = -log(nextUniform(st));
      } while (y + y < x * x);
      return hz > 0 ? R + x : -R - x;
    }
    if ((FN[iz] as number) + nextUniform(st) * ((FN[iz - 1] as number) - (FN[iz] as number)) < exp(-0.5 * x * x)) return x;
    hz = nextInt32(st);
    iz = hz & 127;
    if (Math.abs(hz) < (KN[iz] as number)) return hz * (WN[iz] as number);
  }
}

/** One standard normal: the obvious form, and the twin that fillNormals must agree with. */
export function nextNormal(st: StreamState): number {
  const hz = nextInt32(st);
  const iz = hz & 127;
  return Math.abs(hz) < (KN[iz] as number) ? hz * (WN[iz] as number) : slowNormal(st, hz, iz);
}

/** Fills out[offset .. offset+n) with standard normals: the same numbers as n calls of nextNormal. */
export function fillNormals(st: StreamState, out: Float64Array, offset: number, n: number): void {
  let s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
  for (let i = 0; i < n; i++) {
    const m = Math.imul(s1, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    const iz = hz & 127;
    if (Math.abs(hz) < (KN[iz] as number)) {
      out[offset + i] = hz * (WN[iz] as number);
    } else {
      st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
      out[offset + i] = slowNormal(st, hz, iz);
      s0 = st[0] as number; s1 = st[1] as number; s2 = st[2] as number; s3 = st[3] as number;
    }
  }
  st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
}
