/**
 * The statistics of every study, from what the engine keeps of its paths: series statistics from
 * chunk-ordered sums and histograms, proportions and their Monte Carlo standard errors, the
 * reached-by curve, quantiles of (signed) histograms. Pure functions of counts and sums.
 */
import { binEdges, BINS } from '../engine/histogram.js';
import { signedCounts, type SignedCounts } from '../engine/signed-histogram.js';
import { QUANTILE_KEYS, QUANTILE_LEVELS, type SeriesStats } from './summary.js';

/** The two-sided 95% normal quantile, Φ⁻¹(0.975): intervals are estimate ± Z95 standard errors. */
export const Z95 = 1.959963984540054;

/** sqrt(p (1 - p) / n): the Monte Carlo standard error of a proportion. */
export const proportionSe = (p: number, n: number) => Math.sqrt(Math.max(0, p * (1 - p)) / n);

/**
 * sqrt(var(h_B - h_A) / n), the standard error of a paired difference of proportions on n paths,
 * from the discordant paths: n10 where only A has the property, n01 where only B has it.
 */
export function pairedProportionSe(n: number, n10: number, n01: number): number {
  const diff = (n01 - n10) / n;
  return Math.sqrt(Math.max(0, (n10 + n01) / n - diff * diff) / n);
}

/*
 * The standard errors a precision rule (engine/driver.ts) stops on. After few paths a proportion
 * of 0 or 1 (or no discordant path) has a plain standard error of 0, which would stop a run at
 * once: these take the larger of the plain one and the one with a pseudo-path added each way, so
 * the plain standard error reported in the summary is never above them.
 */

/** The standard error to stop on for a proportion of k paths out of n. */
export const cautiousProportionSe = (k: number, n: number) => Math.max(proportionSe(k / n, n), proportionSe((k + 1) / (n + 2), n));

/** The standard error to stop on for a paired difference (see pairedProportionSe). */
export const cautiousPairedSe = (n: number, n10: number, n01: number) =>
  Math.max(pairedProportionSe(n, n10, n01), pairedProportionSe(n + 2, n10 + 1, n01 + 1));

/** Mean and its standard error sd / sqrt(n), from the sum and the sum of squares of n values. */
export function meanFromSums(sum: number, sumsq: number, n: number): { mean: number; standardError: number } {
  const mean = sum / n;
  const variance = Math.max(0, sumsq / n - mean * mean);
  return { mean, standardError: Math.sqrt(variance / n) };
}

/**
 * SeriesStats of the histograms `indices` (histogram h: sums sum[h], sumsq[h], counts
 * hist[h * BINS ..]), each of n values: one entry per index.
 */
export function seriesStats(n: number, sum: Float64Array, sumsq: Float64Array, hist: Uint32Array, indices: number[]): SeriesStats {
  const out: SeriesStats = { mean: [], meanStandardError: [], p05: [], p10: [], p25: [], p50: [], p75: [], p90: [], p95: [] };
  for (const h of indices) {
    const m = meanFromSums(sum[h] as number, sumsq[h] as number, n);
    out.mean.push(m.mean);
    out.meanStandardError.push(m.standardError);
    QUANTILE_KEYS.forEach((key, i) => out[key].push(histogramQuantile(hist, h * BINS, n, QUANTILE_LEVELS[i] as number)));
  }
  return out;
}

/** P(target reached in year y or before), from counts of first years firstYear[offset + y] (y < years), over n paths. */
export function reachedBy(firstYear: Float64Array, offset: number, years: number, n: number): number[] {
  const out: number[] = [];
  let cum = 0;
  for (let y = 0; y < years; y++) { cum += firstYear[offset + y] as number; out.push(cum / n); }
  return out;
}

/** The first year by which at least half the paths reached the target; null when none. */
export function medianFirstYear(reached: number[], years: number[]): number | null {
  const i = reached.findIndex((p) => p >= 0.5);
  return i < 0 ? null : (years[i] as number);
}

/**
 * The q-quantile of the values counted in hist[offset .. offset + BINS), with `total` counts, by
 * linear interpolation inside the bin where the cumulative count passes q * total (the values
 * are taken as spread evenly over the bin). Error at most one bin width: 0.39% relative above
 * USD 65,536; USD 65,536 absolute below.
 */
export function histogramQuantile(hist: Uint32Array | Float64Array, offset: number, total: number, q: number): number {
  if (total <= 0) return NaN;
  const want = q * total;
  let cum = 0;
  for (let b = 0; b < BINS; b++) {
    const c = hist[offset + b] as number;
    if (c > 0 && cum + c >= want) {
      const [lo, hi] = binEdges(b);
      const frac = Math.min(1, Math.max(0, (want - cum) / c));
      return lo + (hi - lo) * frac;
    }
    cum += c;
  }
  return binEdges(BINS - 1)[0];
}

/**
 * The value at rank `want` (0 < want <= total, counted from the most negative value) of a signed
 * histogram (engine/signed-histogram.ts), with the values spread evenly over their bins and exact
 * zeros a point mass at 0.
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
