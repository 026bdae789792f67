/**
 * Histograms of signed values (paired differences B - A, USD/yr), for streaming quantiles with
 * flat memory: two log-linear histograms of the engine's kind (engine/histogram.ts), one for the
 * positive values and one for the magnitudes of the negative values, plus a count of exact zeros.
 * Counts are integers, so they merge exactly in any order.
 *
 * Negating every value swaps the two halves; their quantiles (signedQuantiles in
 * results/statistics.ts) are built so that the quantiles of -d are exactly (bit for bit) the
 * negated mirror quantiles of d. Comparing B with A and A with B then gives fans of opposite sign.
 */
import { BINS, binOf } from './histogram.js';

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
