/** Signed histograms: quantiles of differences that may be negative, mirrored exactly under negation. */
import { describe, expect, it } from 'vitest';
import { addSigned, SIGNED_BINS } from '../../src/engine/signed-histogram.js';
import { signedQuantiles } from '../../src/results/statistics.js';
import { RELATIVE_BIN_WIDTH } from '../../src/engine/histogram.js';

function hist(values: number[]): Uint32Array {
  const h = new Uint32Array(SIGNED_BINS);
  for (const v of values) addSigned(h, 0, v);
  return h;
}

describe('signed histogram quantiles', () => {
  // A deterministic spread of values from -300M to +700M.
  const values = Array.from({ length: 10_001 }, (_, i) => -300e6 + i * 1e5);
  const tails = [0.05, 0.1, 0.25];

  it('are within one bin of the exact quantiles, on both sides of zero', () => {
    const q = signedQuantiles(hist(values), 0, tails);
    const exact = (p: number) => -300e6 + p * 1e9;
    tails.forEach((a, i) => {
      expect(Math.abs((q.lower[i] as number) - exact(a))).toBeLessThan(RELATIVE_BIN_WIDTH * Math.abs(exact(a)) + 2e5);
      expect(Math.abs((q.upper[i] as number) - exact(1 - a))).toBeLessThan(RELATIVE_BIN_WIDTH * Math.abs(exact(1 - a)) + 2e5);
    });
    expect(Math.abs(q.median - exact(0.5))).toBeLessThan(RELATIVE_BIN_WIDTH * 200e6 + 2e5);
    expect(q.counts).toEqual({ positive: 7000, negative: 3000, zero: 1 });
  });

  it('of the negated values are the negated mirror quantiles, exactly', () => {
    const q = signedQuantiles(hist(values), 0, tails);
    const m = signedQuantiles(hist(values.map((v) => -v)), 0, tails);
    expect(m.lower).toEqual(q.upper.map((v) => -v));
    expect(m.upper).toEqual(q.lower.map((v) => -v));
    expect(m.median).toBe(-q.median);
  });

  it('are zero when most values are exactly zero', () => {
    const q = signedQuantiles(hist([...Array(90).fill(0), ...Array(10).fill(5e6)]), 0, tails);
    expect(q.median).toBe(0);
    expect(q.lower).toEqual([0, 0, 0]);
    expect(Math.abs(q.upper[2] as number)).toBe(0); // -0 here; summaries write +0
    expect(q.upper[0]).toBeGreaterThan(4.9e6);
  });
});
