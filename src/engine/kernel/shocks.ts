/**
 * Flow shocks: the standard normals of normals.ts (nextNormal: Marsaglia & Tsang's ziggurat on
 * xoshiro128**), the same draws bit for bit (test/engine/kernel-twin.test.ts), filled faster, and
 * their correlation c = L z.
 *
 * The fast path (about 97% of draws) is fillNormals'. The rest, the wedges and the tail, cost
 * fillNormals about half its time, mostly in Math.exp (about 20 ns in V8): a wedge accepts x when
 * y < exp(-x^2/2), and fastExp decides that without Math.exp whenever the two sides differ by
 * more than 1e-15 relative (fastExp is within 4.5e-16 of Math.exp, fast-exp-twin.test.ts), which
 * is every time but about once in 10^15; then exp decides (exp-log.ts: x64's Math.exp, on every
 * machine), as in nextNormal.
 */
import { fastExp } from '../fast-exp.js';
import { zigguratTables } from '../normals.js';
import { U32_SCALE, type StreamState } from '../rng.js';
import { BLOCK } from './layout.js';
import { exp, log } from '../exp-log.js';

// Module-local bindings: an imported binding is read through a cell at every use.
const { KN, WN, FN, R: ZIG_R } = zigguratTables;
/** 2^-32 */
const U32 = U32_SCALE;
const EXP_BELOW = 1 - 1e-15;
const EXP_ABOVE = 1 + 1e-15;

/** rng.ts nextUniform, for the rare path. */
function uniformOf(st: StreamState): number {
  const s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
  const m = Math.imul(s1, 5);
  const r = Math.imul((m << 7) | (m >>> 25), 9);
  const t = s1 << 9;
  const n2 = s2 ^ s0, n3 = s3 ^ s1;
  st[0] = s0 ^ n3; st[1] = s1 ^ n2; st[2] = n2 ^ t; st[3] = (n3 << 11) | (n3 >>> 21);
  return ((r >>> 0) + 0.5) * U32;
}

/** normals.ts slowNormal: a wedge or the tail, drawing further outputs from the stream. */
function slowShock(st: StreamState, hz: number, iz: number): number {
  for (;;) {
    let x = hz * (WN[iz] as number);
    if (iz === 0) {
      let y: number;
      do {
        x = -log(uniformOf(st)) / ZIG_R;
        y = -log(uniformOf(st));
      } while (y + y < x * x);
      return hz > 0 ? ZIG_R + x : -ZIG_R - x;
    }
    const y = (FN[iz] as number) + uniformOf(st) * ((FN[iz - 1] as number) - (FN[iz] as number));
    const t = -0.5 * x * x;
    const e = fastExp(t);
    if (y < e * EXP_BELOW || (!(y > e * EXP_ABOVE) && y < exp(t))) return x;
    const s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
    const m = Math.imul(s1, 5);
    hz = Math.imul((m << 7) | (m >>> 25), 9);
    const tt = s1 << 9;
    const n2 = s2 ^ s0, n3 = s3 ^ s1;
    st[0] = s0 ^ n3; st[1] = s1 ^ n2; st[2] = n2 ^ tt; st[3] = (n3 << 11) | (n3 >>> 21);
    iz = hz & 127;
    if (Math.abs(hz) < (KN[iz] as number)) return hz * (WN[iz] as number);
  }
}

/** out[offset .. offset + n) = n draws of nextNormal(st) (normals.ts), as fillNormals would. */
export function fillShocks(st: StreamState, out: Float64Array, offset: number, n: number): void {
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
      out[offset + i] = slowShock(st, hz, iz);
      s0 = st[0] as number; s1 = st[1] as number; s2 = st[2] as number; s3 = st[3] as number;
    }
  }
  st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
}

/**
 * The correlated shocks c = L z for a block: c[cOff + f * BLOCK + p] = sum over j <= f of
 * L[f][j] z[zOff + j * BLOCK + p], the terms added in order of j, starting from j = 0 and leaving
 * out the other zeros of L (as the plain loop does). One per shape of L (makeCorrelate), called with L.
 */
export type Correlate = (L: Float64Array, m: Float64Array, zOff: number, cOff: number, nb: number) => void;

/** The terms of row f of L: j = 0 always, then every other j <= f with L[f][j] != 0. */
function rowTerms(L: Float64Array, F: number, f: number): number[] {
  const js = [0];
  for (let j = 1; j <= f; j++) if ((L[f * F + j] as number) !== 0) js.push(j);
  return js;
}

/**
 * A correlate function for L's shape; call it with L. Per path, the F normals are read once into
 * registers and each row's sum is formed there: about a third of the loads and stores of
 * row-by-row passes, and 11% faster on K1. That needs the rows written out, so the function's
 * source is generated for (F, the zero pattern of L, BLOCK): it holds only indices, the
 * coefficients are read from its argument L. The functions are kept by source and take L as an
 * argument rather than closing over it, so that every simulator of a thread whose L has the same
 * shape calls the same function: a closure per simulator was a new call target at runBlock's call
 * site, which deoptimised it on each thread's second simulator. Where code cannot be generated
 * (node --disallow-code-generation-from-strings), correlatePasses forms the same sums.
 */
export function makeCorrelate(L: Float64Array, F: number, generate = true): Correlate {
  if (!generate) return correlatePasses;
  const coef: string[] = [];
  const body: string[] = [];
  for (let j = 0; j < F; j++) body.push(`const z${j} = m[zOff + ${j * BLOCK} + p];`);
  for (let f = 0; f < F; f++) {
    const terms = rowTerms(L, F, f).map((j) => {
      coef.push(`const l${f}_${j} = L[${f * F + j}];`);
      return `l${f}_${j} * z${j}`;
    });
    body.push(`m[cOff + ${f * BLOCK} + p] = ${terms.join(' + ')};`);
  }
  const source = `${coef.join('\n')}\nfor (let p = 0; p < nb; p++) {\n  ${body.join('\n  ')}\n}`;
  let fn = generated.get(source);
  if (!fn) {
    try {
      // The source holds integers only (indices and offsets, above); L's values are an argument.
      fn = new Function('L', 'm', 'zOff', 'cOff', 'nb', source) as Correlate;
    } catch {
      return correlatePasses; // code generation disallowed
    }
    generated.set(source, fn);
  }
  return fn;
}

const generated = new Map<string, Correlate>();

/** The sums of makeCorrelate's functions, in the same order, by passes over the block, row by row and term by term. */
export function correlatePasses(L: Float64Array, m: Float64Array, zOff: number, cOff: number, nb: number): void {
  const F = Math.round(Math.sqrt(L.length));
  for (let f = 0; f < F; f++) {
    const oc = cOff + f * BLOCK;
    const l0 = L[f * F] as number;
    for (let p = 0; p < nb; p++) m[oc + p] = l0 * (m[zOff + p] as number);
    for (let j = 1; j <= f; j++) {
      const l = L[f * F + j] as number, o = zOff + j * BLOCK;
      if (l === 0) continue;
      for (let p = 0; p < nb; p++) m[oc + p] = (m[oc + p] as number) + l * (m[o + p] as number);
    }
  }
}

/**
 * Whether kernel.wat's correlate forms makeCorrelate's sums: it adds every term L[f][j] z[j],
 * j <= f, where the JS functions leave out the zeros (a zero term can turn a sum of -0 into +0).
 * Where wasm runs and this holds, the kernel uses it: on K1's L, 0.6 us per block against 2.0 for
 * the generated function (four rows and four paths at a time, each coefficient loaded once per
 * four paths and each normal once per four rows, the sums in registers).
 */
export const correlateDense = (L: Float64Array, F: number): boolean => {
  for (let f = 1; f < F; f++) if (rowTerms(L, F, f).length !== f + 1) return false;
  return true;
};

const F4 = (F: number) => Math.ceil(F / 4) * 4;
/** Doubles of correlateTable's table for F flows. */
export const correlateTableSize = (F: number): number => 2 * F4(F) * F4(F);

/**
 * L as kernel.wat's correlate reads it, at out[off..]: rows 4g..4g+3 of L at 8 F4 g doubles
 * (F4: F rounded up to a multiple of 4), L[4g + k][j] twice (both lanes) at + 8 j + 2 k, 0 past row F.
 */
export function correlateTable(L: Float64Array, F: number, out: Float64Array, off: number): void {
  const f4 = F4(F);
  out.fill(0, off, off + correlateTableSize(F));
  for (let f = 0; f < F; f++) {
    for (let j = 0; j <= f; j++) {
      const i = off + 8 * f4 * (f >> 2) + 8 * j + 2 * (f & 3), l = L[f * F + j] as number;
      out[i] = l;
      out[i + 1] = l;
    }
  }
}
