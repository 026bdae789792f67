/**
 * exp and log, fdlibm's (e_exp.c, e_log.c), and log2 and log10 (FreeBSD's e_log2.c, fdlibm's
 * e_log10.c), transcribed operation for operation, as V8 runs them for Math.exp, Math.log,
 * Math.log2 and Math.log10 on x64 in Node 20 to 26 (src/base/ieee754.cc): the same bits there
 * (test/engine/exp-log.test.ts, trig.test.ts), and on every other machine. Scenario expressions
 * take log2 and log10.
 *
 * Why ours: Math.exp and Math.log are C code compiled into V8, and the bits they return depend on
 * how it was compiled. Node's Linux arm64 build contracts a * b + c into fused multiply-adds: its
 * Math.exp and Math.log differ from x64's in the last bit for a share of arguments (measured under
 * qemu-aarch64, Node 20.20.2), and newer V8 takes Math.log from LLVM's libc. JavaScript arithmetic
 * is IEEE binary64 with one rounding per operation on every platform, so these give x64's bits
 * everywhere. Every exp and log of the engine, the results and scenario expressions takes these
 * (ESLint refuses Math.exp and Math.log in src/ outside display code); the kernel's hot loop has its
 * own exp (fast-exp.ts) and log1p (log1p.ts), and powers come from pow.ts.
 *
 * Accuracy (fdlibm): under 1 ulp.
 */
import { LOG_POLY } from './log1p.js';
import { clearLow } from './pow.js';
import { TWO_BIAS, TWO_TO } from './powers-of-two.js';

/** The double's words: [0] low, [1] high (little-endian, as every platform Node runs on). */
const D = new Float64Array(1);
const W = new Uint32Array(D.buffer);

// exported for hyperbolic.ts's expm1, which reduces its argument the same way
export const LN2_HI = 6.93147180369123816490e-1; // 3FE62E42 FEE00000
export const LN2_LO = 1.90821492927058770002e-10; // 3DEA39EF 35793C76
export const INV_LN2 = 1.44269504088896338700e+0; // 3FF71547 652B82FE
export const O_THRESHOLD = 7.09782712893383973096e+2; // 40862E42 FEFA39EF: exp overflows above
const U_THRESHOLD = -7.45133219101941108420e+2; // C0874910 D52D3051: exp underflows below
const TWOM1000 = 9.33263618503218878990e-302; // 2^-1000
const TWO1023 = 8.988465674311579539e+307; // 2^1023
const TWO54 = 1.80143985094819840000e+16; // 2^54
// log2 and log10
const IVLN2_HI = 1.44269504072144627571e+0; // 3FF71547 65200000: 1/ln2, high part
const IVLN2_LO = 1.67517131648865118353e-10; // 3DE705FC 2EEFA200: its tail
const IVLN10 = 4.34294481903251816668e-1; // 3FDBCB7B 1526E50E: 1/ln10
const LOG10_2HI = 3.01029995663611771306e-1; // 3FD34413 509F6000: log10(2), leading 40 bits
const LOG10_2LO = 3.69423907715893078616e-13; // 3D59FEF3 11F12B36: its tail
// exp: R(r^2) = r (e^r + 1) / (e^r - 1) ~ 2 + P1 r^2 + ... + P5 r^10
const P1 = 1.66666666666666019037e-1; // 3FC55555 5555553E
const P2 = -2.77777777770155933842e-3; // BF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-5; // 3F11566A AF25DE2C
const P4 = -1.65339022054652515390e-6; // BEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-8; // 3E663769 72BEA4D0
// log: log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)), s = f / (2 + f), R ~ Lg1 s^2 + ... + Lg7 s^14,
// with log1p's coefficients (module-local copies: an imported binding is read through a cell at every use)
const [LG1, LG2, LG3, LG4, LG5, LG6, LG7] = LOG_POLY;

/** 2^(i - POW2_BIAS): exact powers of two (module-local aliases of the shared table, as above). */
const POW2_BIAS = TWO_BIAS;
const POW2 = TWO_TO;

const words = (hi: number, lo: number): number => {
  W[1] = hi;
  W[0] = lo;
  return D[0] as number;
};
// fdlibm's tests on |x|'s high word, as comparisons of |x| (the same decisions, no word reads)
const EXP_LARGE = words(0x40862e42, 0); // |x| >= this: hx >= 0x40862e42
const HALF_LN2_ABOVE = words(0x3fd62e43, 0); // |x| >= this: hx > 0x3fd62e42
const ONE_AND_HALF_LN2 = words(0x3ff0a2b2, 0); // |x| < this: hx < 0x3ff0a2b2
const TWOM28 = words(0x3e300000, 0); // 2^-28
const MIN_NORMAL = words(0x00100000, 0); // 2^-1022

/**
 * e^x. Method (fdlibm): x = k ln2 + r, |r| <= ln2 / 2, r carried as hi - lo; e^r = 1 + r +
 * r c / (2 - c), c = r - r^2 (P1 + ... ), by a Remez fit of degree 5 in r^2; then 2^k.
 */
export function exp(x: number): number {
  const ax = Math.abs(x);
  // the common case inline: ln2 / 2 < |x| < 709.78..., except 0.5 ln2 < |x| < 1.5 ln2
  if (ax >= ONE_AND_HALF_LN2 && ax < EXP_LARGE) {
    const k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0; // truncated toward 0, as C's int cast
    const hi = x - k * LN2_HI; // exact: LN2_HI has 21 trailing zero bits
    const lo = k * LN2_LO;
    return expReduced(hi, lo, k);
  }
  return expOther(x, ax);
}

/** fdlibm's exp, given x = k ln2 + (hi - lo), k != 0. */
function expReduced(hi: number, lo: number, k: number): number {
  const x = hi - lo;
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) return k === 1024 ? y * 2.0 * TWO1023 : y * (POW2[k + POW2_BIAS] as number);
  return y * (POW2[k + 1000 + POW2_BIAS] as number) * TWOM1000;
}

/** exp's other cases: |x| <= 1.5 ln2, |x| >= 709.78..., NaN. */
function expOther(x: number, ax: number): number {
  if (!(ax < EXP_LARGE)) { // |x| >= 709.78..., or NaN
    if (x !== x) return NaN;
    if (x > O_THRESHOLD) return Infinity; // and e^Infinity
    if (x < U_THRESHOLD) return 0; // and e^-Infinity
    const k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
    return expReduced(x - k * LN2_HI, k * LN2_LO, k);
  }
  if (ax >= HALF_LN2_ABOVE) { // ln2 / 2 < |x| < 1.5 ln2
    if (x === 1) return Math.E; // V8's own: the reduction gets e's last bit wrong
    return x < 0 ? expReduced(x + LN2_HI, -LN2_LO, -1) : expReduced(x - LN2_HI, LN2_LO, 1);
  }
  if (ax < TWOM28) return 1 + x;
  const t = x * x; // k = 0
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  return 1 - ((x * c) / (c - 2.0) - x);
}

/**
 * ln x. Method (fdlibm): x = 2^k (1 + f), sqrt(2)/2 < 1 + f < sqrt(2); log(1 + f) from
 * s = f / (2 + f) and a Remez fit R(s^2) of degree 7; then k ln2, with ln2 as LN2_HI + LN2_LO.
 * Split so that V8 inlines it where it is called: a double returned by a call that is not inlined
 * is boxed (see log1p.ts).
 */
export function log(x: number): number {
  D[0] = x;
  let hx = (W[1] as number) | 0;
  let k0 = 0;
  if (hx < 0x00100000 || hx >= 0x7ff00000) {
    if (!(x > 0 && x < Infinity)) return logSpecial(x, hx);
    x *= TWO54; // subnormal: scale up
    D[0] = x;
    hx = (W[1] as number) | 0;
    k0 = -54;
  }
  const m = hx & 0x000fffff;
  const i = (m + 0x95f64) & 0x100000; // fdlibm: 1 + f is x's mantissa, or half of it above sqrt(2)
  const k = k0 + (hx >> 20) - 1023 + (i >> 20);
  // fdlibm writes 1 + f's exponent into x's words; x 2^-(k - k0) is that double, exactly
  const f = x * (POW2[POW2_BIAS + k0 - k] as number) - 1.0;
  if ((0x000fffff & (2 + m)) < 3) return logNearPowerOfTwo(f, k);
  return logOf(f, k, ((m - 0x6147a) | (0x6b851 - m)) > 0);
}

/** log(0), log(x < 0), log(Infinity), log(NaN). */
function logSpecial(x: number, hx: number): number {
  if (x === 0) return -Infinity;
  if (hx < 0 || x !== x) return NaN;
  return x; // Infinity
}

/** |f| < 2^-20. */
function logNearPowerOfTwo(f: number, k: number): number {
  if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
  const r = f * f * (0.5 - 0.3333333333333333 * f); // fdlibm writes 0.33333333333333333, the same double
  return k === 0 ? f - r : k * LN2_HI - ((r - k * LN2_LO) - f);
}

/** R(s^2) of log(1 + f) = f - f^2/2 + s (f^2/2 + R), split in its odd and even terms as fdlibm's (t2 + t1), z = s^2. */
function logPoly(z: number): number {
  const w = z * z;
  return z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
}

/** log(2^k (1 + f)); near: x's mantissa within [1.38, 1.42], where fdlibm takes its other form. */
function logOf(f: number, k: number, near: boolean): number {
  const s = f / (2.0 + f);
  const r = logPoly(s * s);
  if (near) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - r) : k * LN2_HI - ((s * (f - r) - k * LN2_LO) - f);
}

/**
 * log2 x: FreeBSD's e_log2.c, as V8 has it. Method: x = 2^k (1 + f) as for log; log(1 + f) =
 * f - f^2/2 + s (f^2/2 + R) with f - f^2/2 split as hi + lo (hi with its low word cleared); then
 * (hi + lo) / ln2 + k in extra precision, 1/ln2 split as IVLN2_HI + IVLN2_LO.
 */
export function log2(x: number): number {
  if (x >= MIN_NORMAL && x < Infinity) return log2Of(x, 0);
  return x > 0 && x < Infinity ? log2Of(x * TWO54, -54) : logSpecial(x, x < 0 ? -1 : 0); // subnormal: scaled up
}

/** log2 of x 2^k0, x normal. */
function log2Of(x: number, k0: number): number {
  if (x === 1) return 0;
  D[0] = x;
  const hx = (W[1] as number) | 0;
  const m = hx & 0x000fffff;
  const i = (m + 0x95f64) & 0x100000; // as log: 1 + f is x's mantissa, or half of it above sqrt(2)
  const k = k0 + (hx >> 20) - 1023 + (i >> 20);
  const f = x * (POW2[POW2_BIAS + k0 - k] as number) - 1.0;
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const r = s * (hfsq + logPoly(s * s)); // fdlibm's k_log1p(f)
  // f - hfsq in extra precision (it cancels near sqrt(2) and sqrt(2)/2), and k added likewise
  const hi = clearLow(f - hfsq);
  const lo = (f - hi) - hfsq + r;
  let valHi = hi * IVLN2_HI;
  let valLo = (lo + hi) * IVLN2_LO + lo * IVLN2_HI;
  const w = k + valHi;
  valLo += (k - w) + valHi;
  valHi = w;
  return valLo + valHi;
}

/**
 * log10 x: fdlibm's e_log10.c, as V8 has it. Method: x = 2^n y, y in [1, 2) (in [1/2, 1) for
 * n < 0); log10 x = n log10(2) + log(y) / ln10, log10(2) split as LOG10_2HI + LOG10_2LO, and log
 * above (V8's calls its own log).
 */
export function log10(x: number): number {
  if (x >= MIN_NORMAL && x < Infinity) return log10Of(x, 0);
  return x > 0 && x < Infinity ? log10Of(x * TWO54, -54) : logSpecial(x, x < 0 ? -1 : 0);
}

/** log10 of x 2^k0, x normal. */
function log10Of(x: number, k0: number): number {
  if (x === 1) return 0;
  D[0] = x;
  const k = k0 + ((((W[1] as number) | 0) >> 20) - 1023);
  const n = k < 0 ? k + 1 : k;
  // fdlibm writes y's exponent (0, or -1 for k < 0) into x's words: x 2^-(n - k0), exactly
  const y = x * (POW2[POW2_BIAS + k0 - n] as number);
  const z = n * LOG10_2LO + IVLN10 * log(y);
  return z + n * LOG10_2HI;
}
