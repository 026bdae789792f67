/**
 * Histograms of signed values (paired differences B - A, USD/yr), for streaming quantiles with
 * flat memory: two log-linear histograms of the engine's kind (engine/histogram.ts), one for the
 * positive values and one for the magnitudes of the negative values, plus a count of exact zeros.
 * Counts are integers, so they merge exactly in any order.
 *
 * Negating every value swaps the two halves; the quantiles below are built so that the quantiles
 * of -d are exactly (bit for bit) the negated mirror quantiles of d. Comparing B with A and A with
 * B then gives fans of opposite sign, exactly.
 */
import { BINS, binOf, histogramQuantile } from './histogram.js';

/** Layout of one signed histogram in a flat array: [positive BINS][negative BINS][zeros 1]. */
export const SIGNED_BINS = 2 * BINS + 1;
const ZERO = 2 * BINS;

/** Adds value v to the signed histogram at `offset` of `hist`. */
export function addSigned(hist: Uint32Array, offset: number, v: number): void {
  const i = v > 0 ? offset + binOf(v) : v < 0 ? offset + BINS + binOf(-v) : offset + ZERO;
  hist[i] = (hist[i] as number) + 1;
}

export interface SignedCounts {
  positive: number;
  negative: number;
  zero: number;
}

export function signedCounts(hist: Uint32Array, offset: number): SignedCounts {
  let positive = 0, negative = 0;
  for (let b = 0; b < BINS; b++) {
    positive += hist[offset + b] as number;
    negative += hist[offset + BINS + b] as number;
  }
  return { positive, negative, zero: hist[offset + ZERO] as number };
}

/**
 * The value at rank `want` (0 < want <= total, counted from the most negative value), with the
 * values spread evenly over their bins and exact zeros a point mass at 0.
 */
function fromLeft(hist: Uint32Array, offset: number, c: SignedCounts, want: number, mirrored: boolean): number {
  const pos = mirrored ? offset + BINS : offset;
  const neg = mirrored ? offset : offset + BINS;
  const nNeg = mirrored ? c.positive : c.negative;
  const nPos = mirrored ? c.negative : c.positive;
  if (want < nNeg) return -histogramQuantile(hist, neg, nNeg, (nNeg - want) / nNeg);
  const beyond = want - nNeg - c.zero;
  if (beyond > 0 && nPos > 0) return histogramQuantile(hist, pos, nPos, beyond / nPos);
  return 0;
}

/**
 * Quantiles of a signed histogram at tail levels: for each level a (< 0.5) the a- and (1 - a)-
 * quantiles, and the median. The upper quantile is the lower one of the mirrored values, negated,
 * and the median the mean of the two readings, so that negating the data negates every quantile
 * exactly (p05 of -d is -p95 of d).
 */
export function signedQuantiles(hist: Uint32Array, offset: number, tails: readonly number[]): { lower: number[]; upper: number[]; median: number; counts: SignedCounts } {
  const c = signedCounts(hist, offset);
  const n = c.positive + c.negative + c.zero;
  if (n === 0) return { lower: tails.map(() => NaN), upper: tails.map(() => NaN), median: NaN, counts: c };
  const lower = tails.map((a) => fromLeft(hist, offset, c, a * n, false));
  const upper = tails.map((a) => -fromLeft(hist, offset, c, a * n, true));
  const median = 0.5 * (fromLeft(hist, offset, c, 0.5 * n, false) - fromLeft(hist, offset, c, 0.5 * n, true));
  return { lower, upper, median, counts: c };
}
