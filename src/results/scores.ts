/**
 * Scores of an observed outcome under a predictive distribution: where it fell (probability
 * integral transform), whether central intervals covered it, the continuous ranked probability
 * score and the log score. The predictive is given either as Monte Carlo samples or as the
 * engine's log-binned histogram (src/engine/histogram.ts). Proper scoring rules as in Gneiting &
 * Raftery (2007), "Strictly proper scoring rules, prediction, and estimation", JASA 102(477).
 *
 * Conventions: CRPS and log score are losses (lower is better), in the units of the outcome
 * (CRPS, USD) and in nats (log score = -ln f(y)). PIT uses the mid-point for ties, so a point
 * mass at the outcome gives 0.5 rather than 0 or 1.
 */
import { BINS, binEdges } from '../engine/histogram.js';
import { histogramQuantile } from './statistics.js';
import { normalCdf, normalQuantile } from '../engine/normal-dist.js';
import { pow } from '../engine/pow.js';
import { exp, log } from '../engine/exp-log.js';

export interface Predictive {
  /** P(X < y) + P(X = y) / 2. */
  pit(y: number): number;
  quantile(q: number): number;
  crps(y: number): number;
  /** -ln of the predictive density at y (nats); Infinity where the density is 0. */
  logScore(y: number): number;
}

export interface Interval {
  /** Nominal probability of the central interval, e.g. 0.9 for 5%-95%. */
  level: number;
  lower: number;
  upper: number;
  covered: boolean;
}

export interface OutcomeScores {
  outcome: number;
  pit: number;
  intervals: Interval[];
  crps: number;
  logScore: number;
}

export const DEFAULT_LEVELS: readonly number[] = [0.5, 0.9];

/** Every score of one outcome. */
export function scoreOutcome(predictive: Predictive, outcome: number, levels: readonly number[] = DEFAULT_LEVELS): OutcomeScores {
  return {
    outcome,
    pit: predictive.pit(outcome),
    intervals: levels.map((level) => {
      const lower = predictive.quantile((1 - level) / 2);
      const upper = predictive.quantile((1 + level) / 2);
      return { level, lower, upper, covered: outcome >= lower && outcome <= upper };
    }),
    crps: predictive.crps(outcome),
    logScore: predictive.logScore(outcome),
  };
}

export interface ScoreSummary {
  count: number;
  /** Share of outcomes inside each central interval, against its nominal level. */
  coverage: Array<{ level: number; covered: number; rate: number }>;
  meanCrps: number;
  meanLogScore: number;
  /** Counts of PIT values in `bins` equal bins of [0, 1]: flat when the forecasts are calibrated. */
  pitHistogram: number[];
}

export function summariseScores(scores: readonly OutcomeScores[], bins = 10): ScoreSummary {
  const pitHistogram = new Array<number>(bins).fill(0);
  for (const s of scores) pitHistogram[Math.min(bins - 1, Math.floor(s.pit * bins))]! += 1;
  const levels = scores[0]?.intervals.map((i) => i.level) ?? [];
  const mean = (f: (s: OutcomeScores) => number) => scores.reduce((a, s) => a + f(s), 0) / scores.length;
  return {
    count: scores.length,
    coverage: levels.map((level, k) => {
      const covered = scores.filter((s) => s.intervals[k]?.covered === true).length;
      return { level, covered, rate: covered / scores.length };
    }),
    meanCrps: mean((s) => s.crps),
    meanLogScore: mean((s) => s.logScore),
    pitHistogram,
  };
}

export interface SampleOptions {
  /**
   * Where the kernel density estimate behind the log score is formed: 'linear' on the values,
   * 'log' on their logarithms (for positive, right-skewed values such as trade; the density is
   * then transformed back, f(y) = g(ln y) / y). Default 'linear'.
   */
  densitySpace?: 'linear' | 'log';
}

/**
 * A predictive distribution given by samples (the empirical distribution). The log score needs a
 * density: a Gaussian kernel estimate with Silverman's rule-of-thumb bandwidth
 * h = 0.9 min(sd, IQR / 1.34) n^(-1/5) (Silverman 1986, eq. 3.31).
 */
export function samplePredictive(values: ArrayLike<number>, options: SampleOptions = {}): Predictive & { bandwidth: number } {
  const n = values.length;
  if (n === 0) throw new RangeError('samplePredictive: no samples');
  const sorted = Float64Array.from(values).sort();
  const space = options.densitySpace ?? 'linear';
  if (space === 'log' && !((sorted[0] as number) > 0)) throw new RangeError('samplePredictive: a log-space density needs positive samples');
  // sum_i |x_i - x_j| over all pairs, from the sorted order: sum_i (2i - n + 1) x_(i), i from 0.
  let pairSum = 0;
  for (let i = 0; i < n; i++) pairSum += (2 * i - n + 1) * (sorted[i] as number);
  const halfMeanPairDistance = pairSum / (n * n);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (sorted[i] as number);

  const kde = space === 'log' ? sorted.map((v) => log(v)) : sorted;
  const bandwidth = silverman(kde);

  return {
    bandwidth,
    pit(y) {
      const below = lowerBound(sorted, y);
      const atOrBelow = upperBound(sorted, y);
      return (below + (atOrBelow - below) / 2) / n;
    },
    quantile(q) {
      return sortedQuantile(sorted, q);
    },
    crps(y) {
      // CRPS(F_n, y) = mean |x_i - y| - (1 / 2n^2) sum_ij |x_i - x_j|.
      const k = lowerBound(sorted, y);
      const total = prefix[n] as number;
      const left = prefix[k] as number;
      const meanAbs = (k * y - left + (total - left) - (n - k) * y) / n;
      return meanAbs - halfMeanPairDistance;
    },
    logScore(y) {
      if (space === 'log' && !(y > 0)) return Infinity;
      const z = space === 'log' ? log(y) : y;
      const density = kernelDensity(kde, bandwidth, z) / (space === 'log' ? y : 1);
      return -log(density);
    },
  };
}

/**
 * A predictive distribution given by the engine's histogram: counts in hist[offset .. offset +
 * BINS), `total` of them, each bin's values taken as spread evenly over the bin (as
 * histogramQuantile does); bin 0 is a point mass at 0 and the last bin one at its lower edge.
 */
export interface HistogramOptions {
  /**
   * The density behind the log score: 'bins' (default), each bin's count over its width, exact
   * for a histogram of probabilities but noisy for one of a few thousand Monte Carlo draws (a bin
   * is 0.4% wide: most hold a handful of paths, many none); 'log-kernel', a Gaussian kernel
   * estimate on the logarithms of the values, each bin's count at its geometric mid-point, with
   * Silverman's bandwidth from the binned logs (as samplePredictive's 'log' space), transformed
   * back, f(y) = g(ln y) / y; exact zeros keep their share of the mass and no density.
   */
  density?: 'bins' | 'log-kernel';
}

export function histogramPredictive(hist: Uint32Array | Float64Array, offset: number, total: number, options: HistogramOptions = {}): Predictive {
  if (!(total > 0)) throw new RangeError('histogramPredictive: an empty histogram');
  // The CDF as knots (x, F) joined linearly; a point mass is two knots at the same x.
  const xs: number[] = [];
  const fs: number[] = [];
  let cum = 0;
  for (let b = 0; b < BINS; b++) {
    const c = hist[offset + b] as number;
    if (c === 0) continue;
    const [lo, hi] = binEdges(b);
    if (xs.length === 0 || xs[xs.length - 1] !== lo || fs[fs.length - 1] !== cum / total) {
      xs.push(lo);
      fs.push(cum / total);
    }
    cum += c;
    xs.push(hi);
    fs.push(cum / total);
  }
  let kernel: { density(y: number): number } | undefined;
  const logKernel = () => (kernel ??= binnedLogKernel(hist, offset, total));
  return {
    pit(y) {
      // Mid-point at a point mass: the average of the CDF just below and at y.
      return (cdfAt(xs, fs, y, false) + cdfAt(xs, fs, y, true)) / 2;
    },
    quantile(q) {
      return histogramQuantile(hist, offset, total, q);
    },
    crps(y) {
      return piecewiseLinearCrps(xs, fs, y);
    },
    logScore(y) {
      if (options.density === 'log-kernel') return -log(logKernel().density(y));
      for (let k = 0; k + 1 < xs.length; k++) {
        const x0 = xs[k] as number;
        const x1 = xs[k + 1] as number;
        if (x1 > x0 && y >= x0 && y < x1) return -log(((fs[k + 1] as number) - (fs[k] as number)) / (x1 - x0));
      }
      return Infinity;
    },
  };
}

/** The 'log-kernel' density of a histogram (see HistogramOptions). */
function binnedLogKernel(hist: Uint32Array | Float64Array, offset: number, total: number): { density(y: number): number } {
  const centres: number[] = [];
  const weights: number[] = [];
  for (let b = 1; b < BINS; b++) {
    const c = hist[offset + b] as number;
    if (c === 0) continue;
    const [lo, hi] = binEdges(b);
    centres.push(b === 1 ? log(hi / 2) : hi > lo ? 0.5 * (log(lo) + log(hi)) : log(lo));
    weights.push(c);
  }
  const n = weights.reduce((a, w) => a + w, 0);
  if (n === 0) return { density: () => 0 };
  let mean = 0;
  for (let i = 0; i < centres.length; i++) mean += (weights[i] as number) * (centres[i] as number);
  mean /= n;
  let ss = 0;
  for (let i = 0; i < centres.length; i++) ss += (weights[i] as number) * ((centres[i] as number) - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, n - 1));
  const weightedQuantile = (q: number) => {
    const want = q * n;
    let cum = 0;
    for (let i = 0; i < centres.length; i++) {
      cum += weights[i] as number;
      if (cum >= want) return centres[i] as number;
    }
    return centres[centres.length - 1] as number;
  };
  const iqr = weightedQuantile(0.75) - weightedQuantile(0.25);
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  const h = 0.9 * spread * pow(n, -0.2);
  return {
    density(y) {
      if (!(y > 0) || !(h > 0)) return 0;
      const z = log(y);
      let sum = 0;
      for (let i = 0; i < centres.length; i++) {
        const t = ((centres[i] as number) - z) / h;
        if (t * t < 1600) sum += (weights[i] as number) * exp(-0.5 * t * t);
      }
      return sum / (total * h * Math.sqrt(2 * Math.PI)) / y;
    },
  };
}

/**
 * A lognormal predictive: ln X ~ N(mu, sigma^2), in closed form, for benchmarks such as a random
 * walk in logs. CRPS by Baran & Lerch (2015), "Log-normal distribution based ensemble model
 * output statistics models for probabilistic wind-speed forecasting", QJRMS 141, eq. 5:
 *   CRPS = y (2 Phi(z) - 1) - 2 exp(mu + sigma^2 / 2) (Phi(z - sigma) + Phi(sigma / sqrt 2) - 1),
 * z = (ln y - mu) / sigma, for y > 0.
 */
export function lognormalPredictive(mu: number, sigma: number): Predictive {
  if (!(sigma > 0)) throw new RangeError(`lognormalPredictive: sigma must be > 0, found ${sigma}`);
  const mean = exp(mu + (sigma * sigma) / 2);
  return {
    pit: (y) => (y > 0 ? normalCdf((log(y) - mu) / sigma) : 0),
    quantile: (q) => exp(mu + sigma * normalQuantile(q)),
    crps(y) {
      // For y <= 0 all the mass lies above y: CRPS = E|X - y| - E|X - X'| / 2 = mean - y - E|X - X'| / 2.
      const halfPairs = mean * (2 * normalCdf(sigma / Math.SQRT2) - 1);
      if (!(y > 0)) return mean - y - halfPairs;
      const z = (log(y) - mu) / sigma;
      return y * (2 * normalCdf(z) - 1) - 2 * mean * (normalCdf(z - sigma) + normalCdf(sigma / Math.SQRT2) - 1);
    },
    logScore(y) {
      if (!(y > 0)) return Infinity;
      const z = (log(y) - mu) / sigma;
      return log(y * sigma * Math.sqrt(2 * Math.PI)) + (z * z) / 2;
    },
  };
}

/** A naive forecast, or why it cannot be made from the observations given. */
export type Benchmark =
  | { available: true; predictive: Predictive; /** log drift a year (0 for no change) */ drift: number; /** sd of a year's log change */ volatility: number; observations: number }
  | { available: false; reason: string; observations: number };

export interface NaiveBenchmarks {
  /** No change: the median at the last observed value, spread by the yearly log changes about 0. */
  noChange: Benchmark;
  /** Random walk with the historical drift: the median moves by the mean log change a year, spread by the changes about it. */
  randomWalkWithDrift: Benchmark;
}

/**
 * The naive forecasts a back-test scores the model against, `horizon` years after the last of
 * `years` (whole-year observations, ascending, gaps allowed), both random walks in logs whose
 * variance grows with the horizon. A change over a gap of k years counts as k years. Each
 * benchmark's spread is estimated under its own model, from the m changes:
 * - no change (drift 0): sigma^2 = sum of change^2 / k over m; needs m >= 1 (two observations);
 * - random walk with drift: drift = total log change / years spanned (the estimate for a walk
 *   seen with gaps), sigma^2 = sum of (change - drift k)^2 / k over m - 1; needs m >= 2.
 * With fewer observations the benchmark is unavailable, with the reason, rather than invented.
 */
export function naiveBenchmarks(years: readonly number[], values: readonly number[], horizon: number): NaiveBenchmarks {
  const n = years.length;
  if (values.length !== n) throw new RangeError(`naiveBenchmarks: ${n} years but ${values.length} values`);
  if (!(horizon > 0)) throw new RangeError(`naiveBenchmarks: the horizon must be > 0 years, found ${horizon}`);
  if (values.some((v) => !(v > 0))) throw new RangeError('naiveBenchmarks: the observations must be positive (the walks are in logs)');
  const logs = values.map((v) => log(v));
  const unavailable = (needed: number, what: string): Benchmark => ({
    available: false, observations: n,
    reason: `needs at least ${needed} whole-year observations up to the origin for ${what}, found ${n}`,
  });
  if (n < 2) return { noChange: unavailable(2, 'a spread of the yearly changes'), randomWalkWithDrift: unavailable(3, 'a drift and a spread about it') };
  const last = logs[n - 1] as number;
  const span = (years[n - 1] as number) - (years[0] as number);
  const drift = ((logs[n - 1] as number) - (logs[0] as number)) / span;
  let ssZero = 0, ssDrift = 0;
  for (let i = 1; i < n; i++) {
    const k = (years[i] as number) - (years[i - 1] as number);
    const change = (logs[i] as number) - (logs[i - 1] as number);
    ssZero += change ** 2 / k;
    ssDrift += (change - drift * k) ** 2 / k;
  }
  const m = n - 1;
  const walk = (mu: number, volatility: number, d: number, what: string): Benchmark => (volatility > 0
    ? { available: true, predictive: lognormalPredictive(mu, volatility * Math.sqrt(horizon)), drift: d, volatility, observations: n }
    : { available: false, observations: n, reason: `the observations up to the origin have no spread ${what}` });
  return {
    noChange: walk(last, Math.sqrt(ssZero / m), 0, 'of their yearly changes'),
    randomWalkWithDrift: m >= 2 ? walk(last + drift * horizon, Math.sqrt(ssDrift / (m - 1)), drift, 'about their drift') : unavailable(3, 'a drift and a spread about it'),
  };
}

/**
 * The CDF at y from its knots: F(y) when `withMass` (a point mass at y counted), else the limit
 * from below, F(y-). Interpolates between the last knot at (or below) y and the next.
 */
function cdfAt(xs: readonly number[], fs: readonly number[], y: number, withMass: boolean): number {
  const k = (withMass ? upperBound(xs, y) : lowerBound(xs, y)) - 1;
  if (k < 0) return 0;
  if (k >= xs.length - 1) return fs[xs.length - 1] as number;
  const x0 = xs[k] as number;
  const x1 = xs[k + 1] as number;
  return (fs[k] as number) + ((fs[k + 1] as number) - (fs[k] as number)) * (y - x0) / (x1 - x0);
}

/**
 * CRPS = integral of (F(x) - 1{x >= y})^2 dx for a CDF that is linear between knots (and 0 before
 * the first, 1 after the last). On a piece of length L where F - H runs linearly from u to v the
 * integral is L (u^2 + uv + v^2) / 3.
 */
export function piecewiseLinearCrps(xs: readonly number[], fs: readonly number[], y: number): number {
  const first = xs[0] as number;
  const last = xs[xs.length - 1] as number;
  let sum = 0;
  if (y < first) sum += first - y;
  if (y > last) sum += y - last;
  const piece = (a: number, b: number, fa: number, fb: number, h: number) => {
    const u = fa - h;
    const v = fb - h;
    sum += (b - a) * (u * u + u * v + v * v) / 3;
  };
  for (let k = 0; k + 1 < xs.length; k++) {
    const a = xs[k] as number;
    const b = xs[k + 1] as number;
    if (b <= a) continue;
    const fa = fs[k] as number;
    const fb = fs[k + 1] as number;
    if (y <= a) piece(a, b, fa, fb, 1);
    else if (y >= b) piece(a, b, fa, fb, 0);
    else {
      const fy = fa + (fb - fa) * (y - a) / (b - a);
      piece(a, y, fa, fy, 0);
      piece(y, b, fy, fb, 1);
    }
  }
  return sum;
}

function silverman(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sorted[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((sorted[i] as number) - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, n - 1));
  const iqr = sortedQuantile(sorted, 0.75) - sortedQuantile(sorted, 0.25);
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  return 0.9 * spread * pow(n, -0.2);
}

function kernelDensity(sorted: ArrayLike<number>, h: number, z: number): number {
  if (!(h > 0)) return 0;
  // Kernels further than 40 h contribute below 1e-300.
  const lo = lowerBound(sorted, z - 40 * h);
  const hi = upperBound(sorted, z + 40 * h);
  let sum = 0;
  for (let i = lo; i < hi; i++) {
    const t = ((sorted[i] as number) - z) / h;
    sum += exp(-0.5 * t * t);
  }
  return sum / (sorted.length * h * Math.sqrt(2 * Math.PI));
}

/** Quantile of sorted values by linear interpolation between order statistics (type 7). */
function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const i = Math.floor(pos);
  const lo = sorted[i] as number;
  const hi = sorted[Math.min(n - 1, i + 1)] as number;
  return lo + (hi - lo) * (pos - i);
}

/** The number of values < y. */
function lowerBound(sorted: ArrayLike<number>, y: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of values <= y. */
function upperBound(sorted: ArrayLike<number>, y: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
