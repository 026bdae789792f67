/**
 * log1p(x) = ln(1 + x), a transcription of the function V8's Math.log1p runs (V8 src/base/ieee754.cc
 * log1p, from fdlibm's s_log1p.c; Node 20's V8 11.3), operation for operation, so that it gives the
 * same bits as Math.log1p (test/engine/log1p.test.ts compares the two, and kernel.wat's $log1pw, on
 * every branch). Why ours: kernel.wat has its twin, so that the route loops there (routesMemo,
 * adjustTargets) take the log1p of a route cost with no call out to JS (an imported function boxes
 * its argument and result, ~30 ns a call), and this one serves their JS twins, so that the two stay
 * the same bits; and every log1p of the project takes it (the kernel's set-up, distributions,
 * scenario expressions), because Math.log1p's bits depend on how V8 was built: Node's Linux arm64
 * build fuses its multiply-adds, and newer V8 takes it from LLVM's libc (exp-log.ts says more).
 * Only +, -, *, / and the words of the double: binary64 without fused multiply-adds in JS and wasm
 * alike.
 *
 * Method (fdlibm): 1 + x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2), c the rounding error of
 * 1 + x over u; log1p(f) = f - (hfsq - s (hfsq + R)), s = f / (2 + f), hfsq = f^2 / 2, R a
 * degree-7 polynomial in s^2 (Lp1..Lp7); then k ln2 (ln2 split as LN2_HI + LN2_LO) + c / u.
 */
import { TWO_BIAS, TWO_TO } from './powers-of-two.js';

const LN2_HI = 6.93147180369123816490e-1; // 3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10; // 3dea39ef 35793c76
const LP1 = 6.666666666666735130e-1; // 3FE55555 55555593
const LP2 = 3.999999999940941908e-1; // 3FD99999 9997FA04
const LP3 = 2.857142874366239149e-1; // 3FD24924 94229359
const LP4 = 2.222219843214978396e-1; // 3FCC71C5 1D8E78AF
const LP5 = 1.818357216161805012e-1; // 3FC74664 96CB03DE
const LP6 = 1.531383769920937332e-1; // 3FC39A09 D078C69F
const LP7 = 1.479819860511658591e-1; // 3FC2F112 DF3E5244
/** Lp1..Lp7, which fdlibm's log (exp-log.ts) takes too, as its Lg1..Lg7. */
export const LOG_POLY = [LP1, LP2, LP3, LP4, LP5, LP6, LP7] as const;

/** 2^(i - POW2_BIAS): u * 2^-k for k from -53 (u = 2^-53) to 1024 (u near 2^1024) (module-local aliases of the shared table). */
const POW2_BIAS = TWO_BIAS;
const POW2 = TWO_TO;

/** The double's words: [0] low, [1] high (little-endian, as every platform Node runs on). */
const D = new Float64Array(1);
const W = new Uint32Array(D.buffer);
/** kZero's and kNonZero's result. */
const R = new Float64Array(1);

/**
 * fdlibm's log1p, split in three so that V8 inlines it where it is called (a function of more than
 * 460 bytes of bytecode is not inlined, and a double returned by a call is boxed: the whole in one
 * function took 17 ns a call against Math.log1p's 7; split, 7): the special cases here, then the
 * branch with k = 0 (sqrt(2)/2- <= 1 + x < sqrt(2)+) or the other. The two branches take x from D
 * and leave their result in R, not as an argument and a return value: where a caller had spent
 * its inlining budget, they were calls, and each boxed its double argument and result (the
 * reference costs' log1p made 14% of baseline-pk's garbage).
 */
export function log1p(x: number): number {
  D[0] = x;
  const hx = (W[1] as number) | 0;
  if (hx < 0x3fda827a) { // 1 + x < sqrt(2)+
    const ax = hx & 0x7fffffff;
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x <= -1 (or a NaN with the sign bit)
    // |x| < 2^-29, then |x| < 2^-54 (fdlibm's two54 + x > 0, there to raise inexact, always holds)
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : x - x * x * 0.5;
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      kZero();
      return R[0] as number;
    }
  } else if (hx >= 0x7ff00000) return x + x;
  kNonZero(hx);
  return R[0] as number;
}

/** R(s^2) of log(1 + f) = 2s + s R, s = f / (2 + f). */
const poly = (z: number): number => z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));

/** k = 0: f = x, in D (and fdlibm's hu = 1: never the |f| < 2^-20 branch); the result in R. */
function kZero(): void {
  const f = D[0] as number;
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const r = poly(s * s);
  R[0] = f - (hfsq - s * (hfsq + r));
}

/** 1 + x = 2^k (1 + f), k != 0, c the rounding error of u = 1 + x over u (0 for x >= 2^53, where u is x); x in D, hx its high word; the result in R. */
function kNonZero(hx: number): void {
  const x = D[0] as number;
  let u = x, c = 0, hu = hx;
  if (hx < 0x43400000) { // x < 2^53
    u = 1.0 + x;
    D[0] = u;
    hu = (W[1] as number) | 0;
  }
  let k = (hu >> 20) - 1023;
  if (hx < 0x43400000) c = (k > 0 ? 1.0 - (u - x) : x - (u - 1.0)) / u; // correction term
  hu &= 0x000fffff;
  // fdlibm sets u's exponent to 0 (u ~< sqrt(2)), else to -1 (k + 1): that is u * 2^-k, exactly
  // (u is normal, >= 2^-53, and so is u * 2^-k), without writing the double's words back.
  if (hu >= 0x6a09e) {
    k += 1;
    hu = (0x00100000 - hu) >> 2;
  }
  const f = u * (POW2[POW2_BIAS - k] as number) - 1.0;
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    R[0] = nearPowerOfTwo(f, k, c, hfsq);
    return;
  }
  const s = f / (2.0 + f);
  const r = poly(s * s);
  R[0] = k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
}

/** |f| < 2^-20. */
function nearPowerOfTwo(f: number, k: number, c: number, hfsq: number): number {
  if (f === 0) {
    if (k === 0) return 0;
    c += k * LN2_LO;
    return k * LN2_HI + c;
  }
  const r = hfsq * (1.0 - 0.6666666666666666 * f); // fdlibm: 0.66666666666666666, the same double (3FE55555 55555555)
  if (k === 0) return f - r;
  return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
}
