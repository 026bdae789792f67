/** The statistics module against closed forms and direct computation from the values. */
import { describe, expect, it } from 'vitest';
import { binOf, BINS } from '../../src/engine/histogram.js';
import { histogramQuantile, meanFromSums, medianFirstYear, proportionSe, reachedBy, seriesStats, Z95 } from '../../src/results/statistics.js';
import { normalCdf } from '../helpers/normal.js';

describe('statistics', () => {
  it('Z95 is the 97.5% point of the standard normal', () => {
    expect(normalCdf(Z95)).toBeCloseTo(0.975, 13);
  });

  it('mean and standard error from sums are those of the values (population variance / n)', () => {
    const values = [3, 7, 7, 19, 24, 0.5];
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
    const m = meanFromSums(values.reduce((a, b) => a + b, 0), values.reduce((a, v) => a + v * v, 0), n);
    expect(m.mean).toBeCloseTo(mean, 12);
    expect(m.standardError).toBeCloseTo(Math.sqrt(variance / n), 12);
    // Equal values: the variance from sums can come out a hair below zero; it is clamped.
    expect(meanFromSums(3 * 0.1, 3 * 0.1 * 0.1, 3).standardError).toBeGreaterThanOrEqual(0);
  });

  it('proportion standard error is sqrt(p(1-p)/n), 0 at 0 and 1', () => {
    expect(proportionSe(0.5, 10_000)).toBeCloseTo(0.005, 15);
    expect(proportionSe(0.1, 900)).toBeCloseTo(0.01, 15);
    expect(proportionSe(0, 100)).toBe(0);
    expect(proportionSe(1, 100)).toBe(0);
  });

  it('reached-by is the cumulative share of first years; the median first year is where it passes one half', () => {
    // 10 paths: first year 0 on 2, year 1 on 3, year 2 on 1, never on 4 (offset 1: another block before).
    const counts = new Float64Array([99, 2, 3, 1, 4]);
    const r = reachedBy(counts, 1, 3, 10);
    expect(r).toEqual([0.2, 0.5, 0.6]);
    expect(medianFirstYear(r, [2030, 2031, 2032])).toBe(2031);
    expect(medianFirstYear([0.1, 0.4], [2030, 2031])).toBeNull();
  });

  it('series statistics read each histogram at its own offset', () => {
    const hist = new Uint32Array(2 * BINS);
    const a = [1e6, 2e6, 3e6, 4e6], b = [5e8, 5e8, 5e8, 5e8];
    for (const v of a) hist[binOf(v)]! += 1;
    for (const v of b) hist[BINS + binOf(v)]! += 1;
    const sum = new Float64Array([a.reduce((x, y) => x + y), b.reduce((x, y) => x + y)]);
    const sumsq = new Float64Array([a.reduce((x, y) => x + y * y, 0), b.reduce((x, y) => x + y * y, 0)]);
    const s = seriesStats(4, sum, sumsq, hist, [1, 0]);
    expect(s.mean).toEqual([5e8, 2.5e6]);
    expect(s.meanStandardError[0]).toBe(0);
    expect(s.p50[0]! / 5e8).toBeCloseTo(1, 2);
    expect(s.p50[1]).toBe(histogramQuantile(hist, 0, 4, 0.5));
    expect(s.p50[1]! / 2e6).toBeCloseTo(1, 2);
  });
});
