/**
 * expm1, tanh and atanh, fdlibm's (s_expm1.c, s_tanh.c, e_atanh.c) transcribed operation for
 * operation, as V8 runs them for Math.expm1, Math.tanh and Math.atanh on x64 in Node 20 to 26: the
 * same bits there (test/engine/exp-log.test.ts), and on every other machine, for the reason
 * exp-log.ts gives. The sensitivity study's rank-correlation intervals (Fisher's z) and the
 * calibration's persistence parameter take them.
 *
 * Accuracy (fdlibm): under 1 ulp for expm1; tanh and atanh within 2 ulp.
 */
import { INV_LN2, LN2_HI, LN2_LO, O_THRESHOLD } from './exp-log.js';
import { log1p } from './log1p.js';
import { twoTo } from './powers-of-two.js';

/** The double's words: [0] low, [1] high (little-endian, as every platform Node runs on). */
const D = new Float64Array(1);
const W = new Uint32Array(D.buffer);

const TWO1023 = 8.98846567431158e+307; // 2^1023
// R1(r^2) of expm1, with its coefficients scaled by 2^n for z = r^2 / 2
const Q1 = -3.33333333333331316428e-2; // BFA11111 111110F4
const Q2 = 1.58730158725481460165e-3; // 3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-5; // BF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-6; // 3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-7; // BE8AFDB7 6E09C32D

/**
 * e^x - 1. Method (fdlibm): x = k ln2 + r, |r| <= ln2 / 2, with c the rounding error of r;
 * expm1(r) from a Remez fit R1 of r (e^r + 1) / (e^r - 1); then 2^k (expm1(r) + 1) - 1, written
 * per range of k so as to lose no bits.
 */
export function expm1(x: number): number {
  D[0] = x;
  let hx = (W[1] as number) | 0;
  const negative = hx < 0;
  hx &= 0x7fffffff;

  if (hx >= 0x4043687a) { // |x| >= 56 ln2
    if (hx >= 0x40862e42) { // |x| >= 709.78...
      if (hx >= 0x7ff00000) {
        if (x !== x) return NaN;
        return negative ? -1 : x; // expm1(±Infinity)
      }
      if (x > O_THRESHOLD) return Infinity;
    }
    if (negative) return -1; // x < -56 ln2
  }

  let k = 0, c = 0;
  if (hx > 0x3fd62e42) { // |x| > ln2 / 2
    let hi: number, lo: number;
    if (hx < 0x3ff0a2b2) { // and |x| < 1.5 ln2
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0; // truncated toward 0, as C's int cast
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000) { // |x| < 2^-54
    return x;
  }

  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1 + 2.0 * (x - e);
  if (k <= -2 || k > 56) { // exp(x) - 1 suffices
    let y = 1 - (e - x);
    y = k === 1024 ? y * 2.0 * TWO1023 : y * twoTo(k);
    return y - 1;
  }
  let y: number;
  if (k < 20) {
    t = 1 - twoTo(-k); // fdlibm writes its words: exact, as k < 20
    y = (t - (e - x)) * twoTo(k);
  } else {
    t = twoTo(-k);
    y = x - (e + t);
    y += 1;
    y = y * twoTo(k);
  }
  return y;
}

/** tanh x. Method (fdlibm): from expm1 of 2|x|, or of -2|x| below 1; ±1 beyond 22. */
export function tanh(x: number): number {
  D[0] = x;
  const jx = (W[1] as number) | 0;
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return jx >= 0 ? 1 / x + 1 : 1 / x - 1; // ±Infinity: ±1; NaN: NaN
  let z: number;
  if (ix < 0x40360000) { // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2^-28
    if (ix >= 0x3ff00000) { // |x| >= 1
      const t = expm1(2 * Math.abs(x));
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else {
    z = 1; // fdlibm's 1 - tiny, which rounds to 1
  }
  return jx >= 0 ? z : -z;
}

/** atanh x = log1p(2x / (1 - x)) / 2. Method (fdlibm): on |x|, two forms either side of 1/2. */
export function atanh(x: number): number {
  D[0] = x;
  const hx = (W[1] as number) | 0;
  const lx = (W[0] as number) | 0;
  const ix = hx & 0x7fffffff;
  // |x| > 1 (the low word counts when the high word is 1's), or NaN
  if ((ix | ((lx | -lx) >>> 31)) > 0x3ff00000) return NaN;
  if (ix === 0x3ff00000) return x > 0 ? Infinity : -Infinity;
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  W[1] = ix; // |x|
  const a = D[0] as number;
  const t = ix < 0x3fe00000 // |x| < 0.5
    ? 0.5 * log1p(a + a + (a + a) * a / (1 - a))
    : 0.5 * log1p((a + a) / (1 - a));
  return hx >= 0 ? t : -t;
}
