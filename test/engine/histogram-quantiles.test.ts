/**
 * Log-linear histograms (src/engine/histogram.ts): binOf and binEdges agree with each other, the
 * bins have the documented widths, and histogramQuantile is within one bin width of the exact
 * sample quantile.
 *
 * Where the expected numbers come from:
 * - Bin layout, from the module's documentation: bin 0 = exact zeros, bin 1 = (0, 2^16),
 *   256 bins per octave from 2^16 to 2^48, last bin >= 2^48; BINS = 2 + 32 * 256 + 1 = 8195.
 * - Exact sample quantile: the order statistic x_(ceil(q n)) of the sorted sample (the inverse of
 *   the empirical CDF). histogramQuantile interpolates inside the bin that holds that order
 *   statistic, so the two differ by at most the bin's width, at most 1/256 of its lower edge.
 * - Population quantiles of lognormal(median, s): median exp(s Phi^-1(q)), Phi^-1 from
 *   stats-helpers.ts; the sample quantile's standard error is sqrt(q (1 - q) / n) / f(x_q).
 * Data: 10^6 lognormal(200e6, 0.8) draws (USD 200 million median, as trade flows), fixed seed.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { binEdges, BINS, binOf, HIGH_EXP, LOW_EXP, RELATIVE_BIN_WIDTH } from '../../src/engine/histogram.js';
import { histogramQuantile } from '../../src/results/statistics.js';
import { fillNormals } from '../../src/engine/normals.js';
import { nextUniform } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import { normalPdf, normalQuantile } from './stats-helpers.js';

const LOW = 2 ** 16;
const HIGH = 2 ** 48;
const LAST = BINS - 1;

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
/** The largest double below a positive double. */
function prevDouble(x: number): number {
  f64[0] = x;
  u64[0] = (u64[0] as bigint) - 1n;
  return f64[0] as number;
}

describe('binOf and binEdges', () => {
  test('the layout is the documented one', () => {
    expect([LOW_EXP, HIGH_EXP]).toEqual([16, 48]);
    expect(BINS).toBe(2 + 32 * 256 + 1);
    expect(RELATIVE_BIN_WIDTH).toBe(1 / 256);
    expect(binEdges(0)).toEqual([0, 0]);
    expect(binEdges(1)).toEqual([0, LOW]);
    expect(binEdges(2)).toEqual([LOW, LOW * (1 + 1 / 256)]);
    expect(binEdges(LAST - 1)).toEqual([HIGH * (1 - 1 / 512), HIGH]);
    expect(binEdges(LAST)).toEqual([HIGH, HIGH]);
  });

  test('special values: zero, negatives, NaN -> 0; (0, 2^16) -> 1; >= 2^48 and Infinity -> last', () => {
    expect(binOf(0)).toBe(0);
    expect(binOf(-0)).toBe(0);
    expect(binOf(-5)).toBe(0);
    expect(binOf(-Infinity)).toBe(0);
    expect(binOf(NaN)).toBe(0);
    expect(binOf(5e-324)).toBe(1);
    expect(binOf(1)).toBe(1);
    expect(binOf(prevDouble(LOW))).toBe(1);
    expect(binOf(LOW)).toBe(2);
    expect(binOf(prevDouble(HIGH))).toBe(LAST - 1);
    expect(binOf(HIGH)).toBe(LAST);
    expect(binOf(Number.MAX_VALUE)).toBe(LAST);
    expect(binOf(Infinity)).toBe(LAST);
  });

  test('every regular bin: binOf(lower) = bin = binOf(largest double below upper), upper = next lower, width in (1/512, 1/256] of lower', () => {
    for (let b = 2; b < LAST; b++) {
      const [lo, hi] = binEdges(b);
      expect(binOf(lo)).toBe(b);
      expect(binOf(prevDouble(hi))).toBe(b);
      expect(binOf(hi)).toBe(b + 1);
      expect(binEdges(b + 1)[0]).toBe(hi);
      const rel = (hi - lo) / lo;
      expect(rel).toBeLessThanOrEqual(1 / 256);
      expect(rel).toBeGreaterThan(1 / 512);
    }
    expect(binEdges(1)[1]).toBe(binEdges(2)[0]);
  });

  test('10^6 random values (log-uniform over 2^10 .. 2^50): each lies in [lower, upper) of its bin', () => {
    const st = streamFor(3, 0, 'test:histogram:bins');
    let bad = 0;
    const seenBins = new Set<number>();
    for (let i = 0; i < 1_000_000; i++) {
      const v = 2 ** (10 + 40 * nextUniform(st));
      const b = binOf(v);
      seenBins.add(b);
      const [lo, hi] = binEdges(b);
      const inside = b === LAST ? v >= HIGH : v >= lo && v < hi;
      if (!inside) bad++;
      if (v >= LOW && v < HIGH && (hi - lo) / lo > 1 / 256) bad++;
    }
    expect(bad).toBe(0);
    expect(seenBins.size).toBe(BINS - 1); // every bin but the zero bin was hit
  });
});

describe('histogramQuantile against exact sample quantiles, 10^6 lognormal draws', () => {
  const N = 1_000_000;
  const MEDIAN = 200e6;
  const SDLOG = 0.8;
  const values = new Float64Array(N);
  const hist = new Uint32Array(BINS);
  let sorted = new Float64Array(0);
  beforeAll(() => {
    fillNormals(streamFor(5, 0, 'test:histogram:quantiles'), values, 0, N);
    for (let i = 0; i < N; i++) values[i] = MEDIAN * Math.exp(SDLOG * (values[i] as number));
    for (const v of values) hist[binOf(v)]!++;
    sorted = Float64Array.from(values).sort();
  });
  const exact = (q: number) => sorted[Math.max(1, Math.ceil(q * N)) - 1] as number;
  const QS = [0, 1e-4, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1];

  test('all draws are inside the log-linear range (so the 1/256 bound applies)', () => {
    expect(sorted[0]! >= LOW && sorted[N - 1]! < HIGH).toBe(true);
  });

  test.each(QS)('q = %d: within one bin width (1/256 relative) of the order statistic x_(ceil(qn))', (q) => {
    const h = histogramQuantile(hist, 0, N, q);
    const x = exact(q);
    const [lo, hi] = binEdges(binOf(x));
    expect(h).toBeGreaterThanOrEqual(lo);
    expect(h).toBeLessThanOrEqual(hi);
    expect(Math.abs(h - x) / x).toBeLessThanOrEqual(1 / 256);
  });

  test('close to the population quantiles: within 4 SE of the sample quantile plus one bin width', () => {
    for (const q of [0.01, 0.1, 0.5, 0.9, 0.99]) {
      const zq = normalQuantile(q);
      const xq = MEDIAN * Math.exp(SDLOG * zq);
      const density = normalPdf(zq) / (SDLOG * xq); // lognormal density at x_q
      const se = Math.sqrt((q * (1 - q)) / N) / density;
      const h = histogramQuantile(hist, 0, N, q);
      expect(Math.abs(h - xq), `q = ${q}`).toBeLessThan(4 * se + xq / 256);
    }
  });

  test('the same from a Float64Array at an offset, and from two half histograms merged', () => {
    const offset = 3 * BINS + 7;
    const big = new Float64Array(offset + BINS + 11).fill(0);
    const a = new Uint32Array(BINS);
    const b = new Uint32Array(BINS);
    for (let i = 0; i < N; i++) (i % 2 === 0 ? a : b)[binOf(values[i] as number)]!++;
    for (let k = 0; k < BINS; k++) big[offset + k] = (b[k] as number) + (a[k] as number);
    // junk around the histogram must not be read
    big.fill(1e9, 0, offset);
    big.fill(1e9, offset + BINS);
    for (const q of QS) expect(histogramQuantile(big, offset, N, q)).toBe(histogramQuantile(hist, 0, N, q));
  });

  test('zeros and small values: quantiles in the zero bin are 0; total 0 gives NaN', () => {
    const h = new Uint32Array(BINS);
    h[0] = 300; // 30% exact zeros
    h[1] = 100; // 10% in (0, 2^16)
    h[binOf(1e6)] = 600;
    expect(histogramQuantile(h, 0, 1000, 0.1)).toBe(0);
    expect(histogramQuantile(h, 0, 1000, 0.3)).toBe(0);
    const small = histogramQuantile(h, 0, 1000, 0.35);
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(LOW);
    const [lo, hi] = binEdges(binOf(1e6));
    const big = histogramQuantile(h, 0, 1000, 0.7);
    expect(big >= lo && big <= hi).toBe(true);
    expect(histogramQuantile(h, 0, 0, 0.5)).toBeNaN();
  });
});
