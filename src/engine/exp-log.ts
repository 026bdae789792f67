/**
 * exp and log, fdlibm's (e_exp.c, e_log.c) transcribed operation for operation, as V8 runs them for
 * Math.exp and Math.log on x64 in Node 20 to 26 (src/base/ieee754.cc): the same bits there
 * (test/engine/exp-log.test.ts), and on every other machine.
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

/** The double's words: [0] low, [1] high (little-endian, as every platform Node runs on). */
const D = new Float64Array(1);
const W = new Uint32Array(D.buffer);

const LN2_HI = 6.93147180369123816490e-1; // 3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 3DEA39EF 35793C76
const INV_LN2 = 1.44269504088896338700e+0; // 3FF71547 652B82FE
const O_THRESHOLD = 7.09782712893383973096e+2; // 40862E42 FEFA39EF: exp overflows above
const U_THRESHOLD = -7.45133219101941108420e+2; // C0874910 D52D3051: exp underflows below
const TWOM1000 = 9.33263618503218878990e-302; // 2^-1000
const TWO1023 = 8.988465674311579539e+307; // 2^1023
const TWO54 = 1.80143985094819840000e+16; // 2^54
// exp: R(r^2) = r (e^r + 1) / (e^r - 1) ~ 2 + P1 r^2 + ... + P5 r^10
const P1 = 1.66666666666666019037e-1; // 3FC55555 5555553E
const P2 = -2.77777777770155933842e-3; // BF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-5; // 3F11566A AF25DE2C
const P4 = -1.65339022054652515390e-6; // BEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-8; // 3E663769 72BEA4D0
// log: log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)), s = f / (2 + f), R ~ Lg1 s^2 + ... + Lg7 s^14
const LG1 = 6.666666666666735130e-1; // 3FE55555 55555593
const LG2 = 3.999999999940941908e-1; // 3FD99999 9997FA04
const LG3 = 2.857142874366239149e-1; // 3FD24924 94229359
const LG4 = 2.222219843214978396e-1; // 3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-1; // 3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-1; // 3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-1; // 3FC2F112 DF3E5244

/**
 * e^x. Method (fdlibm): x = k ln2 + r, |r| <= ln2 / 2, r carried as hi - lo; e^r = 1 + r +
 * r c / (2 - c), c = r - r^2 (P1 + ... ), by a Remez fit of degree 5 in r^2; then 2^k.
 */
export function exp(x: number): number {
  D[0] = x;
  let hx = (W[1] as number) | 0;
  const xsb = (hx >>> 31) & 1; // 1 for x < 0
  hx &= 0x7fffffff;

  if (hx >= 0x40862e42) { // |x| >= 709.78..., or not finite
    if (hx >= 0x7ff00000) {
      if (x !== x) return NaN;
      return xsb === 0 ? x : 0; // e^Infinity, e^-Infinity
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }

  let hi = 0, lo = 0, k = 0;
  if (hx > 0x3fd62e42) { // |x| > ln2 / 2
    if (hx < 0x3ff0a2b2) { // and |x| < 1.5 ln2
      if (x === 1) return Math.E; // V8's own: the reduction below gets e's last bit wrong
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = (INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5)) | 0; // truncated toward 0, as C's int cast
      hi = x - k * LN2_HI; // exact: LN2_HI has 21 trailing zero bits
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) { // |x| < 2^-28
    return 1 + x;
  }

  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * TWO1023;
    W[1] = (0x3ff00000 + (k << 20)) | 0;
    W[0] = 0;
    return y * (D[0] as number); // y 2^k
  }
  W[1] = 0x3ff00000 + ((k + 1000) << 20);
  W[0] = 0;
  return y * (D[0] as number) * TWOM1000; // y 2^(k + 1000) 2^-1000
}

/**
 * ln x. Method (fdlibm): x = 2^k (1 + f), sqrt(2)/2 < 1 + f < sqrt(2); log(1 + f) from
 * s = f / (2 + f) and a Remez fit R(s^2) of degree 7; then k ln2, with ln2 as LN2_HI + LN2_LO.
 */
export function log(x: number): number {
  D[0] = x;
  let hx = (W[1] as number) | 0;
  const lx = (W[0] as number) | 0;
  let k = 0;
  if (hx < 0x00100000) { // x < 2^-1022: 0, subnormal, negative or -NaN
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(±0)
    if (hx < 0) return NaN; // log(x < 0), and NaNs with the sign bit
    k -= 54;
    x *= TWO54; // subnormal: scale up
    D[0] = x;
    hx = (W[1] as number) | 0;
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  W[1] = hx | (i ^ 0x3ff00000); // x or x/2, whichever is in [sqrt(2)/2, sqrt(2))
  k += i >> 20;
  const f = (D[0] as number) - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f); // fdlibm writes 0.33333333333333333, the same double
    return k === 0 ? f - r : k * LN2_HI - ((r - k * LN2_LO) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) { // x's mantissa within [1.38, 1.42]: fdlibm's other form
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - r) : k * LN2_HI - ((s * (f - r) - k * LN2_LO) - f);
}
