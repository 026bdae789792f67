/**
 * pow(x, y) = x^y, fdlibm's e_pow.c transcribed operation for operation: the function Node 20's
 * and 22's V8 run for Math.pow and `**` (V8 src/base/ieee754.cc, `legacy::pow`).
 *
 * Why ours: V8 13 (Node 24) took Math.pow from another library. Its results are closer to the
 * correctly rounded ones, and differ from Node 22's in the last bit for about 2% of arguments
 * (349 of 20,032 measured: x in [0, 2), y in [-0.1, 0.1]). Every `**` with a fractional exponent
 * in the engine (2^(j/32) in fastExp's table, the transitory part's phi^dt, route adjustment's
 * half-lives, small-shape gamma draws) moved the summaries' means in their last digits, so the
 * same scenario and seed gave other bits on Node 24. With this, every Node line gives the bits
 * Node 20 and 22 give (test/engine/pow.test.ts; test/results/golden-sha.test.ts on each line in
 * .ci/run). ESLint refuses `**` and Math.pow in src/ outside a few exact uses.
 *
 * Accuracy (fdlibm): nearly rounded, within 1 ulp of the correctly rounded result; pow of integers
 * exact where representable. Where |y| > 2^31 (log x from a short series in x - 1) it loses bits:
 * up to about 600 ulps measured. The engine's exponents are small.
 * Special cases as ECMAScript's Number::exponentiate (which took them from fdlibm), except that
 * NaN is returned as NaN whatever its bits.
 *
 * Method (fdlibm): |x| = 2^n (1 + f); log2|x| = t1 + t2 in extra precision (t1 with 29 trailing
 * zero bits), from s = (|x| - b) / (|x| + b), b = 1 or 1.5, and a polynomial in s^2; then
 * y log2|x| = y1 t1 + (y - y1) t1 + y t2 with y1 y's high word (exact products), split as an
 * integer m plus a part within [-1/2, 1/2]; 2^part by a rational approximation of exp; then the
 * result's exponent plus m.
 */

import { TWO_BIAS as SHARED_BIAS, TWO_TO as SHARED_TABLE } from './powers-of-two.js';

/** The double's words: [0] low, [1] high (little-endian, as every platform Node runs on). */
const D = new Float64Array(1);
const W = new Uint32Array(D.buffer);

/** x's high word, signed. Shared with trig.ts. */
export const hiWord = (x: number): number => {
  D[0] = x;
  return (W[1] as number) | 0;
};
const loWord = (x: number): number => {
  D[0] = x;
  return (W[0] as number) | 0;
};

/** 2^(i - TWO_BIAS) (module-local aliases of the shared table: an imported binding is read through a cell at every use). */
const TWO_BIAS = SHARED_BIAS;
const TWO_TO = SHARED_TABLE;

/*
 * Doubles made from words without writing words: a 4-byte store followed by an 8-byte load of the
 * same double stalls the processor (the store cannot be forwarded), about 12 cycles each time, and
 * fdlibm's pow made seven of them a call (100 ns against Math.pow's 35). A normal double whose
 * low word is 0 is +-(2^20 + its high word's 20 mantissa bits) 2^(e - 1043): exact in binary64.
 */
/** The double whose high word is hi and low word 0 (hi's exponent field neither 0 nor 0x7ff). Shared with trig.ts, cbrt.ts and exp-log.ts's log2. */
export const fromHigh = (hi: number): number => {
  const v = ((hi & 0x000fffff) | 0x00100000) * (TWO_TO[((hi >>> 20) & 0x7ff) - 1043 + TWO_BIAS] as number);
  return hi < 0 ? -v : v;
};
/** x with its low word zeroed. */
export const clearLow = (x: number): number => {
  D[0] = x;
  const hi = (W[1] as number) | 0;
  const e = (hi >>> 20) & 0x7ff;
  if (e === 0 || e === 0x7ff) { // 0, subnormal, Infinity, NaN: the words themselves
    W[0] = 0;
    return D[0] as number;
  }
  return fromHigh(hi);
};

const TWO53 = 9007199254740992.0; // 43400000 00000000
const TWO54 = 1.80143985094819840000e+16; // 43500000 00000000
const TWOM54 = 5.55111512312578270212e-17; // 3C900000 00000000
const HUGE = 1.0e300;
const TINY = 1.0e-300;
const BP = [1.0, 1.5];
const DP_H = [0.0, 5.84962487220764160156e-1]; // 3FE2B803 40000000: log2(1.5), high part
const DP_L = [0.0, 1.35003920212974897128e-8]; // 3E4CFDEB 43CFD006: its tail
// (3/2)(log(x) - 2s - (2/3) s^3) as a polynomial in s^2
const L1 = 5.99999999999994648725e-1; // 3FE33333 33333303
const L2 = 4.28571428578550184252e-1; // 3FDB6DB6 DB6FABFF
const L3 = 3.33333329818377432918e-1; // 3FD55555 518F264D
const L4 = 2.72728123808534006489e-1; // 3FD17460 A91D4101
const L5 = 2.30660745775561754067e-1; // 3FCD864A 93C9DB65
const L6 = 2.06975017800338417784e-1; // 3FCA7E28 4A454EEF
// exp's rational approximation, as in fdlibm's e_exp.c
const P1 = 1.66666666666666019037e-1; // 3FC55555 5555553E
const P2 = -2.77777777770155933842e-3; // BF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-5; // 3F11566A AF25DE2C
const P4 = -1.65339022054652515390e-6; // BEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-8; // 3E663769 72BEA4D0
const LG2 = 6.93147180559945286227e-1; // 3FE62E42 FEFA39EF
const LG2_H = 6.93147182464599609375e-1; // 3FE62E43 00000000
const LG2_L = -1.90465429995776804525e-9; // BE205C61 0CA86C39
const OVT = 8.008566259537294e-17; // -(1024 - log2(overflow + 0.5 ulp)); fdlibm writes 8.0085662595372944372e-17, the same double
const CP = 9.61796693925975554329e-1; // 3FEEC709 DC3A03FD: 2 / (3 ln 2)
const CP_H = 9.61796700954437255859e-1; // 3FEEC709 E0000000: CP to 24 bits
const CP_L = -7.02846165095275826516e-9; // BE3E2FE0 145B01F5: its tail
const IVLN2 = 1.44269504088896338700e+0; // 3FF71547 652B82FE: 1 / ln 2
const IVLN2_H = 1.44269502162933349609e+0; // 3FF71547 60000000: to 24 bits
const IVLN2_L = 1.92596299112661746887e-8; // 3E54AE0B F85DDF44: its tail

/** x^y, the same bits as fdlibm's pow (Node 20 and 22's Math.pow) on every platform. */
export function pow(x: number, y: number): number {
  D[0] = x;
  const hx = (W[1] as number) | 0;
  const lx = (W[0] as number) | 0;
  D[0] = y;
  const hy = (W[1] as number) | 0;
  const ly = (W[0] as number) | 0;
  const ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x^0 = 1, even for NaN
  if (x !== x || y !== y) return NaN;

  // For x < 0: is y an integer, and odd (1) or even (2)? 0: not an integer.
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2; // |y| >= 2^53: even
    else if (iy >= 0x3ff00000) {
      const e = (iy >> 20) - 0x3ff;
      if (e > 20) {
        const j = ly >>> (52 - e);
        if ((j << (52 - e)) === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - e);
        if ((j << (20 - e)) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x7ff00000) { // y = ±Infinity
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±Infinity
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // |x| > 1
      return hy < 0 ? -y : 0; // |x| < 1
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x >= +0 (sqrt is exact-rounded everywhere)
  }

  const ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) { // x = ±0, ±Infinity, ±1
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = NaN; // (-1)^non-integer
      else if (yisint === 1) z = -z; // (x < 0)^odd
    }
    return z;
  }

  const neg = (hx >> 31) + 1; // 0 for x < 0
  if ((neg | yisint) === 0) return NaN; // (x < 0)^non-integer
  const s = (neg | (yisint - 1)) === 0 ? -1 : 1; // the result's sign: (x < 0)^odd

  let t1: number, t2: number;
  if (iy > 0x41e00000) { // |y| > 2^31
    if (iy > 0x43f00000) { // |y| > 2^64: over- or underflows
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // |1 - x| <= 2^-20: log(x) = t - t^2/2 + t^3/3 - t^4/4 suffices
    const t = ax - 1;
    const w = (t * t) * (0.5 - t * (0.3333333333333333 - t * 0.25)); // fdlibm: 0.3333333333333333333333, the same double
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    T[0] = ax;
    log2Split(ix);
    t1 = T[0] as number;
    t2 = T[1] as number;
  }

  // (y1 + y2)(t1 + t2), y1 = y's high word
  const y1 = clearLow(y);
  const pl = (y - y1) * t1 + y * t2;
  const ph = y1 * t1;
  const z = pl + ph;
  const j = hiWord(z);
  const i = loWord(z);
  if (j >= 0x40900000) { // z >= 1024
    if (((j - 0x40900000) | i) !== 0) return s * HUGE * HUGE;
    if (pl + OVT > z - ph) return s * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) { // z <= -1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return s * TINY * TINY;
    if (pl <= z - ph) return s * TINY * TINY;
  }
  T[0] = ph;
  T[1] = pl;
  exp2Split(j);
  return s * (T[0] as number);
}

/**
 * What pow hands its two halves and they hand back, in a typed array: log2Split's argument and
 * result T[0] + T[1], exp2Split's arguments ph, pl and result. As arguments and return values
 * (and before, module-level variables) each double was boxed, 45 bytes of garbage a call of pow.
 */
const T = new Float64Array(2);

/** log2(ax) as T[0] + T[1], T[0] with its low word zero; ax in T[0], ix its high word (ax finite, > 0, not 1). */
function log2Split(ix: number): void {
  let ax = T[0] as number;
  let n = 0;
  if (ix < 0x00100000) { // subnormal
    ax *= TWO53;
    n -= 53;
    ix = hiWord(ax);
  }
  let e = (ix >> 20) - 0x3ff;
  const j = ix & 0x000fffff;
  ix = j | 0x3ff00000; // the mantissa in [1, 2)
  let k: number;
  if (j <= 0x3988e) k = 0; // < sqrt(3/2)
  else if (j < 0xbb67a) k = 1; // < sqrt(3)
  else {
    k = 0;
    e += 1;
    ix -= 0x00100000;
  }
  n += e;
  // fdlibm writes ix as ax's high word: ax 2^-e, exactly (both normal)
  ax *= TWO_TO[TWO_BIAS - e] as number;

  // ss = s_h + s_l = (ax - b) / (ax + b)
  const bp = BP[k] as number;
  let u = ax - bp;
  let v = 1 / (ax + bp);
  const ss = u * v;
  const sH = clearLow(ss);
  let tH = fromHigh(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)); // ax + b, high part
  let tL = ax - (tH - bp);
  const sL = v * ((u - sH * tH) - sH * tL);
  // log(ax)
  let s2 = ss * ss;
  let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
  r += sL * (sH + ss);
  s2 = sH * sH;
  tH = clearLow(3.0 + s2 + r);
  tL = r - ((tH - 3.0) - s2);
  u = sH * tH;
  v = sL * tH + tL * ss;
  // 2 / (3 ln 2) (ss + ...)
  const pH = clearLow(u + v);
  const pL = v - (pH - u);
  const zH = CP_H * pH;
  const zL = CP_L * pH + pL * CP + (DP_L[k] as number);
  const t = n;
  const dpH = DP_H[k] as number;
  const t1 = clearLow(((zH + zL) + dpH) + t);
  T[0] = t1;
  T[1] = zL - (((t1 - t) - dpH) - zH);
}

/** T[0] = 2^(ph + pl), ph and pl in T; j: the high word of ph + pl (within the range that neither overflows nor underflows by far). */
function exp2Split(j: number): void {
  let ph = T[0] as number;
  const pl = T[1] as number;
  const i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  let n = 0;
  if (i > 0x3fe00000) { // |z| > 0.5: n = [z + 0.5]
    n = (j + (0x00100000 >> (k + 1))) | 0;
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromHigh(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    ph -= t;
  }
  let t = clearLow(pl + ph);
  const u = t * LG2_H;
  const v = (pl - (t - ph)) * LG2 + t * LG2_L;
  let z = u + v;
  const w = v - (z - u);
  t = z * z;
  const t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const r = (z * t1) / ((t1 - 2) - (w + z * w));
  z = 1 - (r - z);
  const hz = hiWord(z);
  if (((hz + (n << 20)) >> 20) <= 0) T[0] = scalbn(z, n); // a subnormal result
  // fdlibm adds n to z's exponent field: z 2^n, exactly (2^1024 in two steps)
  else T[0] = n > 1023 ? z * (TWO_TO[n - 1 + TWO_BIAS] as number) * 2 : z * (TWO_TO[n + TWO_BIAS] as number);
}

/** x with its high word replaced by hi (scalbn's rare cases only: see fromHigh). */
const withHigh = (x: number, hi: number): number => {
  D[0] = x;
  W[1] = hi;
  return D[0] as number;
};

/** x 2^n, as fdlibm's scalbn (one rounding, at the end). */
function scalbn(x: number, n: number): number {
  let hx = hiWord(x);
  const lx = loWord(x);
  let k = (hx & 0x7ff00000) >> 20;
  if (k === 0) { // 0 or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return x;
    x *= TWO54;
    hx = hiWord(x);
    k = ((hx & 0x7ff00000) >> 20) - 54;
    if (n < -50000) return TINY * x; // underflow
  }
  if (k === 0x7ff) return x + x; // NaN or Infinity
  k += n;
  if (k > 0x7fe) return HUGE * Math.sign(x) * HUGE; // overflow
  if (k > 0) return withHigh(x, (hx & 0x800fffff) | (k << 20));
  if (k <= -54) {
    if (n > 50000) return HUGE * Math.sign(x) * HUGE; // overflow
    return TINY * Math.sign(x) * TINY; // underflow
  }
  k += 54;
  return withHigh(x, (hx & 0x800fffff) | (k << 20)) * TWOM54;
}
