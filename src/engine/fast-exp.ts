/**
 * exp(x) by Tang's table method (Tang 1989, ACM TOMS 15(2)): x = (32k + j) ln2/32 + r with
 * |r| <= ln2/64, exp(x) = 2^k * 2^(j/32) * exp(r), exp(r) by a degree-6 Taylor polynomial.
 * Within 2 ulp of Math.exp for |x| < 700 (test/engine/fast-exp-twin.test.ts compares the two).
 * Ours because V8's Math.exp costs about 13-20 ns (measured on the benchmark machine), half of
 * the plain kernel; this one is a few multiplies and two table loads, and the same bits on every
 * platform.
 * Outside (-708, 709) it is exp-log.ts's exp (fdlibm's, the bits x64's Math.exp gives):
 * exp(-Infinity) is 0 (the kernel uses it for a flow with no open corridor), exp(709.78) is finite.
 *
 * The tables are module-local bindings, and exported under other names: V8 reads an exported
 * binding through a cell on every access, even inside an optimised loop, which cost about 1 ns
 * per call here (bench/README.md).
 */
import { pow } from './pow.js';
import { exp } from './exp-log.js';
import { TWO_BIAS, TWO_TO } from './powers-of-two.js';

const N = 32;
const INV_LN2_N = N / Math.LN2;
/** ln2/32 split as in fdlibm: a high part with 32 significant bits (so k * HI is exact) and the rest. */
const LN2_N_HI = 6.93147180369123816490e-1 / N;
const LN2_N_LO = 1.90821492927058770002e-10 / N;
const ROUND = 6755399441055744.0; // 1.5 * 2^52: adding and subtracting it rounds to an integer

/** 2^(j/32), j = 0..31 */
const FRAC = Float64Array.from({ length: N }, (_, j) => pow(2, j / N));
/** 2^(i - POW2_BIAS): exact powers of two, 0 and Infinity at the ends (module-local aliases of the shared table). */
const POW2_BIAS = TWO_BIAS;
const POW = TWO_TO;

/** 2^(j/32), j = 0..31 (read only) */
export const EXP2_FRAC = FRAC;

export function fastExp(x: number): number {
  // Outside (-708, 709), and NaN: exp-log.ts's exp (the table's 2^k would overflow or go subnormal).
  if (!(x > -708 && x < 709)) return exp(x);
  const kf = x * INV_LN2_N + ROUND - ROUND;
  const r = x - kf * LN2_N_HI - kf * LN2_N_LO;
  const k = kf | 0;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
  const t = FRAC[k & 31] as number;
  return (t + t * p) * (POW[(k >> 5) + POW2_BIAS] as number);
}
