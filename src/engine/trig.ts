/**
 * sin, cos, tan and atan, fdlibm's (s_sin.c, s_cos.c, s_tan.c, k_sin.c, k_cos.c, k_tan.c,
 * e_rem_pio2.c, k_rem_pio2.c, s_atan.c) transcribed operation for operation, as V8 runs them for
 * Math.sin, Math.cos, Math.tan and Math.atan on x64 in Node 20 to 26 (src/base/ieee754.cc): the
 * same bits there (test/engine/trig.test.ts), and on every other machine, for the reason
 * exp-log.ts gives: under qemu-aarch64, Node 20.20.2's arm64 Math.sin, cos, tan and atan differ from
 * x64's in the last bit for 0.7%, 0.5%, 0.8% and 0.04% of 500,000 arguments. And V8 has since moved
 * on: at v8/v8 1e79e037 its ieee754.cc forwards sin, cos, tan, log2, log10 and cbrt to LLVM's libc,
 * which aims at correctly rounded results, not fdlibm's. Scenario expressions take these
 * (src/scenario/expressions.ts).
 *
 * Method (fdlibm): x = n pi/2 + (y0 + y1), |y0 + y1| <= pi/4 (about), with pi/2 in 33-bit pieces
 * for |x| < 2^19 pi/2 and, beyond, from as many 24-bit digits of 2/pi as x's exponent needs
 * (Payne and Hanek: a sin of 1e300 is as accurate as one of 1); then sin or cos of y0 + y1 by
 * polynomials of degree 13 and 14 on [-pi/4, pi/4], tan by one of degree 27 (with
 * tan(pi/4 - y) above 0.6744), the quadrant n choosing which and its sign. atan: atan(x) =
 * atan(c) + atan((x - c) / (1 + x c)) for c in {0, 1/2, 1, 3/2} by |x|, pi/2 + atan(-1/x) beyond
 * 2.4375, then a polynomial of degree 22 in the remainder.
 *
 * Accuracy (fdlibm): under 1 ulp.
 */
import { clearLow, fromHigh, hiWord } from './pow.js';
import { TWO_BIAS, TWO_TO } from './powers-of-two.js';

/** 2^(i - POW2_BIAS): exact powers of two (module-local aliases of the shared table). */
const POW2_BIAS = TWO_BIAS;
const POW2 = TWO_TO;

// fdlibm's tests on |x|'s high word, as comparisons of |x| (the same decisions, no word reads)
const PIO4_ABOVE = fromHigh(0x3fe921fc); // |x| < this: ix <= 0x3fe921fb, |x| ~<= pi/4
const TWOM27 = fromHigh(0x3e400000); // 2^-27
const TWOM28 = fromHigh(0x3e300000); // 2^-28
const COS_03 = fromHigh(0x3fd33333); // |x| < this: ix < 0x3fd33333, |x| < 0.3
const COS_078 = fromHigh(0x3fe90001); // |x| >= this: ix > 0x3fe90000, |x| > 0.78125
const TAN_06744 = fromHigh(0x3fe59428); // |x| >= this: ix >= 0x3fe59428, |x| >= 0.6744

// __kernel_sin: sin(x) ~ x + S1 x^3 + ... + S6 x^13 on [-pi/4, pi/4]
const S1 = -1.66666666666666324348e-1; // BFC55555 55555549
const S2 = 8.33333333332248946124e-3; // 3F811111 1110F8A6
const S3 = -1.98412698298579493134e-4; // BF2A01A0 19C161D5
const S4 = 2.75573137070700676789e-6; // 3EC71DE3 57B1FE7D
const S5 = -2.50507602534068634195e-8; // BE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155010221e-10; // 3DE5D93A 5ACFD57C
// __kernel_cos: cos(x) ~ 1 - x^2/2 + C1 x^4 + ... + C6 x^14
const C1 = 4.16666666666666019037e-2; // 3FA55555 5555554C
const C2 = -1.38888888888741095749e-3; // BF56C16C 16C15177
const C3 = 2.48015872894767294178e-5; // 3EFA01A0 19CB1590
const C4 = -2.75573143513906633035e-7; // BE927E4F 809C52AD
const C5 = 2.08757232129817482790e-9; // 3E21EE9E BDB4B1C4
const C6 = -1.13596475577881948265e-11; // BDA8FAE9 BE8838D4
// __kernel_tan: tan(x) ~ x + T0 x^3 + ... + T12 x^27 on [0, 0.67434]
const T0 = 3.33333333333334091986e-1; // 3FD55555 55555563
const T1 = 1.33333333333201242699e-1; // 3FC11111 1110FE7A
const T2 = 5.39682539762260521377e-2; // 3FABA1BA 1BB341FE
const T3 = 2.18694882948595424599e-2; // 3F9664F4 8406D637
const T4 = 8.86323982359930005737e-3; // 3F8226E3 E96E8493
const T5 = 3.59207910759131235356e-3; // 3F6D6D22 C9560328
const T6 = 1.45620945432529025516e-3; // 3F57DBC8 FEE08315
const T7 = 5.88041240820264096874e-4; // 3F4344D8 F2F26501
const T8 = 2.46463134818469906812e-4; // 3F3026F7 1A8D1068
const T9 = 7.81794442939557092300e-5; // 3F147E88 A03792A6
const T10 = 7.14072491382608190305e-5; // 3F12B80F 32F0A7E9
const T11 = -1.85586374855275456654e-5; // BEF375CB DB605373
const T12 = 2.59073051863633712884e-5; // 3EFB2A70 74BF7AD4
const PIO4 = 7.85398163397448278999e-1; // 3FE921FB 54442D18
const PIO4_LO = 3.06161699786838301793e-17; // 3C81A626 33145C07

// __ieee754_rem_pio2
const INV_PIO2 = 6.36619772367581382433e-1; // 3FE45F30 6DC9C883: 53 bits of 2/pi
const PIO2_1 = 1.57079632673412561417e+0; // 3FF921FB 54400000: the first 33 bits of pi/2
const PIO2_1T = 6.07710050650619224932e-11; // 3DD0B461 1A626331: pi/2 - PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // 3DD0B461 1A600000: the second 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // 3BA3198A 2E037073: pi/2 - (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // 3BA3198A 2E000000: the third 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // 397B839A 252049C1: pi/2 - (PIO2_1 + PIO2_2 + PIO2_3)
const TWO24 = 1.67772160000000000000e+7; // 41700000 00000000
const TWON24 = 5.96046447753906250000e-8; // 3E700000 00000000
/** The high words of n pi/2, n = 1..32: where x is near one, the reduction may cancel. */
const NPIO2_HW = Int32Array.of(
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb,
  0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb,
  0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c,
  0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
);
/** 2/pi in 24-bit digits: TWO_OVER_PI[i] 2^(-24 (i + 1)), 396 hex digits. */
const TWO_OVER_PI = Int32Array.of(
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163,
  0xabdebb, 0xc561b7, 0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129,
  0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c,
  0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf,
  0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7, 0x8a5292,
  0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3,
  0x91615e, 0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca,
  0x73a8c9, 0x60e27b, 0xc08c6b,
);
/** pi/2 in pieces of 24 bits (__kernel_rem_pio2's PIo2). */
const PIO2_24 = Float64Array.of(
  1.57079625129699707031e+0, // 3FF921FB 40000000
  7.54978941586159635335e-8, // 3E74442D 00000000
  5.39030252995776476554e-15, // 3CF84698 80000000
  3.28200341580791294123e-22, // 3B78CC51 60000000
  1.27065575308067607349e-29, // 39F01B83 80000000
  1.22933308981111328932e-36, // 387A2520 40000000
  2.73370053816464559624e-44, // 36E38222 80000000
  2.16741683877804819444e-51, // 3569F31D 00000000
);

// atan
const ATAN_HI = Float64Array.of(
  4.63647609000806093515e-1, // 3FDDAC67 0561BB4F: atan(0.5), high part
  7.85398163397448278999e-1, // 3FE921FB 54442D18: atan(1)
  9.82793723247329054082e-1, // 3FEF730B D281F69B: atan(1.5)
  1.57079632679489655800e+0, // 3FF921FB 54442D18: atan(Infinity)
);
const ATAN_LO = Float64Array.of(
  2.26987774529616870924e-17, // 3C7A2B7F 222F65E2: its tail
  3.06161699786838301793e-17, // 3C81A626 33145C07
  1.39033110312309984516e-17, // 3C700788 7AF0CBBD
  6.12323399573676603587e-17, // 3C91A626 33145C07
);
const AT0 = 3.33333333333329318027e-1; // 3FD55555 5555550D
const AT1 = -1.99999999998764832476e-1; // BFC99999 9998EBC4
const AT2 = 1.42857142725034663711e-1; // 3FC24924 920083FF
const AT3 = -1.11111104054623557880e-1; // BFBC71C6 FE231671
const AT4 = 9.09088713343650656196e-2; // 3FB745CD C54C206E
const AT5 = -7.69187620504482999495e-2; // BFB3B0F2 AF749A6D
const AT6 = 6.66107313738753120669e-2; // 3FB10D66 A0D03D51
const AT7 = -5.83357013379057348645e-2; // BFADDE2D 52DEFD9A
const AT8 = 4.97687799461593236017e-2; // 3FA97B4B 24760DEB
const AT9 = -3.65315727442169155270e-2; // BFA2B444 2C6A6C2F
const AT10 = 1.62858201153657823623e-2; // 3F90AD3A E322DA11

/** sin x. */
export function sin(x: number): number {
  if (Math.abs(x) < PIO4_ABOVE) return kernelSin(x, 0, 0);
  if (!(Math.abs(x) < Infinity)) return NaN; // fdlibm's x - x: Infinity or NaN
  switch (remPio2(x) & 3) {
    case 0: return kernelSin(Y0, Y1, 1);
    case 1: return kernelCos(Y0, Y1);
    case 2: return -kernelSin(Y0, Y1, 1);
    default: return -kernelCos(Y0, Y1);
  }
}

/** cos x. */
export function cos(x: number): number {
  if (Math.abs(x) < PIO4_ABOVE) return kernelCos(x, 0);
  if (!(Math.abs(x) < Infinity)) return NaN;
  switch (remPio2(x) & 3) {
    case 0: return kernelCos(Y0, Y1);
    case 1: return -kernelSin(Y0, Y1, 1);
    case 2: return -kernelCos(Y0, Y1);
    default: return kernelSin(Y0, Y1, 1);
  }
}

/** tan x. */
export function tan(x: number): number {
  if (Math.abs(x) < PIO4_ABOVE) return kernelTan(x, 0, 1);
  if (!(Math.abs(x) < Infinity)) return NaN;
  const n = remPio2(x);
  return kernelTan(Y0, Y1, 1 - ((n & 1) << 1)); // 1: n even, -1: n odd
}

/** sin(x + y) for |x| ~<= pi/4, y x's tail; iy = 0: y is 0. */
function kernelSin(x: number, y: number, iy: number): number {
  if (Math.abs(x) < TWOM27) return x; // fdlibm's (int) x == 0, there to raise inexact, always holds
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/** cos(x + y) for |x| ~<= pi/4, y x's tail. */
function kernelCos(x: number, y: number): number {
  const ax = Math.abs(x);
  if (ax < TWOM27) return 1.0;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ax < COS_03) return 1.0 - (0.5 * z - (z * r - x * y));
  // fdlibm: qx = |x| / 4 with its low word cleared (exact), 0.28125 above 0.78125
  const qx = ax >= COS_078 ? 0.28125 : fromHigh(hiWord(ax) - 0x00200000);
  const hz = 0.5 * z - qx;
  const a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

/** tan(x + y) (iy = 1) or -1 / tan(x + y) (iy = -1) for |x| ~<= pi/4, y x's tail. */
function kernelTan(x: number, y: number, iy: number): number {
  const negative = x < 0;
  const big = Math.abs(x) >= TAN_06744;
  if (Math.abs(x) < TWOM28) { // fdlibm's (int) x == 0 always holds
    if (x === 0 && iy === -1) return 1.0 / Math.abs(x);
    if (iy === 1) return x;
    return minusInverse(x + y, x, y); // -1 / (x + y), carefully
  }
  if (big) { // tan(pi/4 - (pi/4 - |x|))
    if (negative) {
      x = -x;
      y = -y;
    }
    const z = PIO4 - x;
    const w = PIO4_LO - y;
    x = z + w;
    y = 0.0;
  }
  const z = x * x;
  let w = z * z;
  // x^5 (T1 + x^2 T2 + ...), split into x^5 (T1 + x^4 T3 + ... + x^20 T11) + x^5 (x^2 (T2 + x^4 T4 + ... + x^22 T12))
  let r = T1 + w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * T11))));
  let v = z * (T2 + w * (T4 + w * (T6 + w * (T8 + w * (T10 + w * T12)))));
  const s = z * x;
  r = y + z * (s * (r + v) + y);
  r += T0 * s;
  w = x + r;
  if (big) {
    v = iy;
    return (negative ? -1 : 1) * (v - 2.0 * (x - (w * w / (w + v) - r)));
  }
  if (iy === 1) return w;
  return minusInverse(w, x, r); // if allow error up to 2 ulp, simply return -1.0 / (x + r) here
}

/** -1 / w, w = x + r rounded, to within an ulp (fdlibm's: from w's and -1/w's high parts). */
function minusInverse(w: number, x: number, r: number): number {
  const z = clearLow(w);
  const v = r - (z - x); // z + v = r + x
  const a = -1.0 / w;
  const t = clearLow(a);
  const s = 1.0 + t * z;
  return t + a * (s + t * v);
}

/** remPio2's result: x - n pi/2 = Y0 + Y1 (module-local, so that no array is made per call). */
let Y0 = 0, Y1 = 0;

/** x - n pi/2 as Y0 + Y1, |Y0| <= pi/4 (about); returns n. x finite, |x| ~> pi/4. */
function remPio2(x: number): number {
  const hx = hiWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) { // |x| < 3pi/4: n = +-1
    let z: number;
    if (hx > 0) {
      z = x - PIO2_1;
      if (ix !== 0x3ff921fb) { // 33 + 53 bits of pi suffice
        Y0 = z - PIO2_1T;
        Y1 = (z - Y0) - PIO2_1T;
      } else { // near pi/2: 33 + 33 + 53 bits
        z -= PIO2_2;
        Y0 = z - PIO2_2T;
        Y1 = (z - Y0) - PIO2_2T;
      }
      return 1;
    }
    z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      Y0 = z + PIO2_1T;
      Y1 = (z - Y0) + PIO2_1T;
    } else {
      z += PIO2_2;
      Y0 = z + PIO2_2T;
      Y1 = (z - Y0) + PIO2_2T;
    }
    return -1;
  }
  const n = ix <= 0x413921fb ? remPio2Medium(Math.abs(x), ix) : remPio2Large(Math.abs(x), ix);
  if (hx < 0) {
    Y0 = -Y0;
    Y1 = -Y1;
    return -n;
  }
  return n;
}

/** |x| = t ~<= 2^19 pi/2: n pi/2 in up to three pieces of 33 bits, as many as the cancellation needs. */
function remPio2Medium(t: number, ix: number): number {
  const n = (t * INV_PIO2 + 0.5) | 0;
  const fn = n;
  let r = t - fn * PIO2_1;
  let w = fn * PIO2_1T; // first round good to 85 bits
  Y0 = r - w;
  if (n >= 32 || ix === NPIO2_HW[n - 1]) {
    const j = ix >> 20;
    let i = j - ((hiWord(Y0) >> 20) & 0x7ff);
    if (i > 16) { // second round, good to 118 bits
      let u = r;
      w = fn * PIO2_2;
      r = u - w;
      w = fn * PIO2_2T - ((u - r) - w);
      Y0 = r - w;
      i = j - ((hiWord(Y0) >> 20) & 0x7ff);
      if (i > 49) { // third round, 151 bits: covers every case
        u = r;
        w = fn * PIO2_3;
        r = u - w;
        w = fn * PIO2_3T - ((u - r) - w);
        Y0 = r - w;
      }
    }
  }
  Y1 = (r - Y0) - w;
  return n;
}

/** __kernel_rem_pio2's work arrays (fdlibm's locals: 20 entries each). */
const TX = new Float64Array(3);
const F = new Float64Array(20);
const Q = new Float64Array(20);
const FQ = new Float64Array(20);
const IQ = new Int32Array(20);

/** |x| = ax > 2^19 pi/2, finite: fdlibm splits it in three 24-bit digits for __kernel_rem_pio2. */
function remPio2Large(ax: number, ix: number): number {
  const e0 = (ix >> 20) - 1046; // ilogb(ax) - 23
  let z = ax * (POW2[POW2_BIAS - e0] as number); // fdlibm writes ax's exponent: 2^23 <= z < 2^24, exactly
  for (let i = 0; i < 2; i++) {
    TX[i] = z | 0;
    z = (z - (TX[i] as number)) * TWO24;
  }
  TX[2] = z;
  let nx = 3;
  while (TX[nx - 1] === 0) nx--; // skip zero digits
  return kernelRemPio2(e0, nx);
}

/**
 * fdlibm's __kernel_rem_pio2 for 53-bit results (its prec 2: jk = 4): the last three bits of n and
 * the fraction of x 2/pi, from x's nx 24-bit digits TX (x = sum TX[i] 2^(e0 - 24 i)) times the digits
 * of 2/pi that matter (those that make x 2/pi an integer multiple of 8 are skipped), then times pi/2.
 */
function kernelRemPio2(e0: number, nx: number): number {
  const jk = 4, jp = 4;
  const jx = nx - 1;
  let jv = ((e0 - 3) / 24) | 0; // C's division: toward 0
  if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);

  // F[0..jx + jk] = TWO_OVER_PI[jv - jx..jv + jk]
  let j = jv - jx;
  const m = jx + jk;
  for (let i = 0; i <= m; i++, j++) F[i] = j < 0 ? 0 : (TWO_OVER_PI[j] as number);
  // Q[0..jk]
  for (let i = 0; i <= jk; i++) {
    let fw = 0.0;
    for (let k = 0; k <= jx; k++) fw += (TX[k] as number) * (F[jx + i - k] as number);
    Q[i] = fw;
  }

  let jz = jk;
  let z: number, n: number, ih: number;
  for (;;) {
    // distill Q into 24-bit digits IQ, reversed
    let i = 0;
    z = Q[jz] as number;
    for (let k = jz; k > 0; i++, k--) {
      const fw = (TWON24 * z) | 0;
      IQ[i] = (z - TWO24 * fw) | 0;
      z = (Q[k - 1] as number) + fw;
    }
    // n
    z *= POW2[POW2_BIAS + q0] as number; // fdlibm's scalbn(z, q0): exact
    z -= 8.0 * Math.floor(z * 0.125); // drop the integer part's multiples of 8
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) { // IQ[jz - 1] holds the integer part's last bits
      const b = (IQ[jz - 1] as number) >> (24 - q0);
      n += b;
      IQ[jz - 1] = (IQ[jz - 1] as number) - (b << (24 - q0));
      ih = (IQ[jz - 1] as number) >> (23 - q0);
    } else if (q0 === 0) ih = (IQ[jz - 1] as number) >> 23;
    else if (z >= 0.5) ih = 2;

    if (ih > 0) { // the fraction is >= 1/2: take 1 - it, and n + 1
      n += 1;
      let carry = 0;
      for (let k = 0; k < jz; k++) {
        const d = IQ[k] as number;
        if (carry === 0) {
          if (d !== 0) {
            carry = 1;
            IQ[k] = 0x1000000 - d;
          }
        } else IQ[k] = 0xffffff - d;
      }
      if (q0 === 1) IQ[jz - 1] = (IQ[jz - 1] as number) & 0x7fffff; // rare: 1 in 12
      else if (q0 === 2) IQ[jz - 1] = (IQ[jz - 1] as number) & 0x3fffff;
      if (ih === 2) {
        z = 1.0 - z;
        if (carry !== 0) z -= POW2[POW2_BIAS + q0] as number;
      }
    }

    // the fraction cancelled to 0 in the digits taken: take more digits of 2/pi, and again
    if (z !== 0) break;
    let d = 0;
    for (let k = jz - 1; k >= jk; k--) d |= IQ[k] as number;
    if (d !== 0) break;
    let more = 1;
    while (jk >= more && IQ[jk - more] === 0) more++;
    for (let k = jz + 1; k <= jz + more; k++) {
      F[jx + k] = TWO_OVER_PI[jv + k] as number;
      let fw = 0.0;
      for (let l = 0; l <= jx; l++) fw += (TX[l] as number) * (F[jx + k - l] as number);
      Q[k] = fw;
    }
    jz += more;
  }

  // drop zero digits, or split z into 24-bit digits
  if (z === 0.0) {
    jz -= 1;
    q0 -= 24;
    while (IQ[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z *= POW2[POW2_BIAS - q0] as number; // scalbn(z, -q0)
    if (z >= TWO24) {
      const fw = (TWON24 * z) | 0;
      IQ[jz] = z - TWO24 * fw;
      jz += 1;
      q0 += 24;
      IQ[jz] = fw;
    } else IQ[jz] = z;
  }

  // the digits as doubles, then times pi/2
  let fw = POW2[POW2_BIAS + q0] as number;
  for (let i = jz; i >= 0; i--) {
    Q[i] = fw * (IQ[i] as number);
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0.0;
    for (let k = 0; k <= jp && k <= jz - i; k++) fw += (PIO2_24[k] as number) * (Q[i + k] as number);
    FQ[jz - i] = fw;
  }
  // FQ summed into Y0 + Y1
  fw = 0.0;
  for (let i = jz; i >= 0; i--) fw += FQ[i] as number;
  Y0 = ih === 0 ? fw : -fw;
  fw = (FQ[0] as number) - fw;
  for (let i = 1; i <= jz; i++) fw += FQ[i] as number;
  Y1 = ih === 0 ? fw : -fw;
  return n & 7;
}

/** atan x. */
export function atan(x: number): number {
  const hx = hiWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x44100000) { // |x| >= 2^66, Infinity, NaN
    if (x !== x) return NaN;
    const t = (ATAN_HI[3] as number) + (ATAN_LO[3] as number);
    return hx > 0 ? t : -(ATAN_HI[3] as number) - (ATAN_LO[3] as number);
  }
  let id: number;
  if (ix < 0x3fdc0000) { // |x| < 0.4375
    if (ix < 0x3e400000) return x; // |x| < 2^-27 (fdlibm's huge + x > one always holds)
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3ff30000) { // |x| < 1.1875
      if (ix < 0x3fe60000) { // 7/16 <= |x| < 11/16
        id = 0;
        x = (2.0 * x - 1.0) / (2.0 + x);
      } else { // 11/16 <= |x| < 19/16
        id = 1;
        x = (x - 1.0) / (x + 1.0);
      }
    } else if (ix < 0x40038000) { // |x| < 2.4375
      id = 2;
      x = (x - 1.5) / (1.0 + 1.5 * x);
    } else { // 2.4375 <= |x| < 2^66
      id = 3;
      x = -1.0 / x;
    }
  }
  const z = x * x;
  const w = z * z;
  // the sum of AT[i] z^(i + 1), split into its odd and even terms
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) return x - x * (s1 + s2);
  const r = (ATAN_HI[id] as number) - ((x * (s1 + s2) - (ATAN_LO[id] as number)) - x);
  return hx < 0 ? -r : r;
}
