/**
 * cbrt, the cube root: FreeBSD's s_cbrt.c (fdlibm's, reworked by Bruce Evans) transcribed
 * operation for operation, as V8 runs it for Math.cbrt on x64 in Node 20 to 26
 * (src/base/ieee754.cc): the same bits there (test/engine/trig.test.ts), and on every other machine,
 * for the reason trig.ts gives (newer V8 takes Math.cbrt from LLVM's libc). Scenario expressions
 * take it (src/scenario/expressions.ts).
 *
 * Method: a first guess to 5 bits from x's high word divided by 3 (the exponent / 3, biased); to 23
 * bits by a polynomial of degree 4 in t^3 / x for 1 / cbrt; rounded away from 0 to 23 bits, so that
 * t^2 is exact; one step of Newton's iteration to 53 bits.
 *
 * Accuracy: under 0.667 ulp.
 */
import { fromHigh, hiWord } from './pow.js';
import { TWO_BIAS, TWO_TO } from './powers-of-two.js';

/** 2^(i - POW2_BIAS): exact powers of two (module-local aliases of the shared table). */
const POW2_BIAS = TWO_BIAS;
const POW2 = TWO_TO;

const B1 = 715094163; // (1023 - 1023/3 - 0.03306235651) 2^20
const B2 = 696219795; // (1023 - 1023/3 - 54/3 - 0.03306235651) 2^20
const TWO54 = 1.80143985094819840000e+16; // 43500000 00000000
// |1/cbrt(r) - P(r)| < 2^-23.5 for |r - 1| < 1/10
const P0 = 1.87595182427177009643; // 3FFE03E6 0F61E692
const P1 = -1.88497979543377169875; // BFFE28E0 92F02420
const P2 = 1.62142972010535446614; // 3FF9F160 4A49D6C2 (fdlibm: 1.621429720105354466140, the same double)
const P3 = -0.758397934778766047437; // BFE844CB BEE751D9
const P4 = 0.145996192886612446982; // 3FC2B000 D4E4EDD7

/** x^(1/3), for every x (negative ones included). */
export function cbrt(x: number): number {
  const hx = hiWord(x);
  const sign = hx & 0x80000000;
  const ax = hx & 0x7fffffff; // |x|'s high word
  if (ax >= 0x7ff00000) return x + x; // NaN, +-Infinity
  let t: number;
  if (ax < 0x00100000) { // 0 or subnormal
    if (x === 0) return x;
    // fdlibm: t = 2^54, t *= x
    t = fromHigh(sign | (Math.floor((hiWord(TWO54 * x) & 0x7fffffff) / 3) + B2));
  } else {
    t = fromHigh(sign | (Math.floor(ax / 3) + B1));
  }

  // to 23 bits: cbrt(x) = t cbrt(x / t^3) ~ t P(t^3 / x)
  let r = (t * t) * (t / x);
  t = t * ((P0 + r * (P1 + r * P2)) + ((r * r) * r) * (P3 + r * P4));

  // fdlibm rounds t's bits to 23 of mantissa, away from 0 by one or two 23-bit ulps: adds 2^31 to
  // the 64 bits and clears the low 30. In t's unit u = 2^(e - 22) that is (floor(|t| / u) + 2) u,
  // exactly, without writing the double's words.
  const e = ((hiWord(t) >>> 20) & 0x7ff) - 1023; // t is normal
  const m = (Math.floor(Math.abs(t) * (POW2[POW2_BIAS + 22 - e] as number)) + 2) * (POW2[POW2_BIAS + e - 22] as number);
  t = t < 0 ? -m : m;

  // one step of Newton's iteration, to 53 bits
  const s = t * t; // exact
  r = x / s;
  const w = t + t; // exact
  r = (r - t) / (w + r); // r - t is exact; w + r ~ 3t
  return t + t * r;
}
