/**
 * xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c): 32-bit
 * outputs, 128-bit state, period 2^128 - 1. The state lives in an Int32Array(4) that the caller
 * owns, so that a stream can be saved, replayed and handed between functions; hot loops copy it
 * into locals, run, and store it back (closure-captured `let`s cost more than the arithmetic).
 *
 * The reference outputs of the authors' C code are checked in test/engine/rng-reference.test.ts.
 */
export type StreamState = Int32Array;

/** One 32-bit output as a signed int32 (reinterpret with `>>> 0` for unsigned). */
export function nextInt32(st: StreamState): number {
  let s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
  const m = Math.imul(s1, 5);
  const r = Math.imul((m << 7) | (m >>> 25), 9);
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
  st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
  return r;
}

/** 2^-32 */
export const U32_SCALE = 2.3283064365386963e-10;

/** A uniform on (0, 1), never 0 or 1: (k + 0.5) / 2^32 for a 32-bit output k. */
export function nextUniform(st: StreamState): number {
  return ((nextInt32(st) >>> 0) + 0.5) * U32_SCALE;
}

/** Fills out[offset .. offset+n) with uniforms on (0, 1), as nextUniform would, n times. */
export function fillUniforms(st: StreamState, out: Float64Array, offset: number, n: number): void {
  let s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
  for (let i = 0; i < n; i++) {
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    out[offset + i] = ((r >>> 0) + 0.5) * U32_SCALE;
  }
  st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
}

/** A state from four 32-bit words; the all-zero state (a fixed point) is refused. */
export function streamFromWords(a: number, b: number, c: number, d: number): StreamState {
  if ((a | b | c | d) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  return Int32Array.of(a, b, c, d);
}
