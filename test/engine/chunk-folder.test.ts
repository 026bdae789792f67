/**
 * ChunkFolder: chunk sums arriving in any order are added in chunk order, so the totals are the
 * same bits as a fold in order; a chunk that arrives twice is refused.
 */
import { describe, expect, it } from 'vitest';
import { ChunkFolder } from '../../src/engine/partial.js';

// Sums chosen so that the order of addition shows in the bits: 1e16 + 1 + 1 != 1e16 + 2.
const value = (c: number) => [1e16, 1, 1, -1e16, 0.1, 0.2, 0.3, 3e-17][c % 8] as number;
const chunk = (c: number) => ({ chunk: c, sum: Float64Array.of(value(c), value(c + 3)), sumsq: Float64Array.of(value(c + 5)) });

function addedUp(order: number[]): { sum: Float64Array; sumsq: Float64Array } {
  const t = { sum: new Float64Array(2), sumsq: new Float64Array(1) };
  for (const c of order) {
    const k = chunk(c);
    for (let i = 0; i < 2; i++) t.sum[i] = (t.sum[i] as number) + (k.sum[i] as number);
    t.sumsq[0] = (t.sumsq[0] as number) + (k.sumsq[0] as number);
  }
  return t;
}
const inOrder = (n: number) => addedUp(Array.from({ length: n }, (_, c) => c));

/** A deterministic shuffle of 0..n-1 into batches of 1 to 4 (a task's chunks arrive together). */
function batches(n: number, seed: number): number[][] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const out: number[][] = [];
  for (let i = 0; i < n;) {
    const k = 1 + (i % 4);
    out.push(order.slice(i, i + k));
    i += k;
  }
  return out;
}

describe('ChunkFolder', () => {
  it('folds chunks that arrive in any order into the in-order sums, bit for bit', () => {
    const N = 203;
    const want = inOrder(N);
    const backwards = Array.from({ length: N }, (_, c) => N - 1 - c);
    // the order of addition shows in these sums' bits, so a fold out of order would fail below
    expect(Array.from(addedUp(backwards).sum)).not.toEqual(Array.from(want.sum));
    for (const seed of [1, 2, 3, 4, 5]) {
      const f = new ChunkFolder({ sum: new Float64Array(2), sumsq: new Float64Array(1) });
      let arrived = 0;
      for (const b of batches(N, seed)) {
        f.add(b.map(chunk));
        arrived += b.length;
        expect(f.folded).toBeLessThanOrEqual(arrived);
      }
      expect(f.folded).toBe(N);
      expect(Array.from(f.totals.sum)).toEqual(Array.from(want.sum));
      expect(Array.from(f.totals.sumsq)).toEqual(Array.from(want.sumsq));
    }
    const all = new ChunkFolder({ sum: new Float64Array(2), sumsq: new Float64Array(1) });
    all.add(backwards.map(chunk));
    expect(all.folded).toBe(N);
    expect(Array.from(all.totals.sum)).toEqual(Array.from(want.sum));
  });

  it('folds a chunk only once its predecessors have arrived', () => {
    const f = new ChunkFolder({ sum: new Float64Array(2), sumsq: new Float64Array(1) });
    f.add([chunk(2), chunk(1)]);
    expect(f.folded).toBe(0);
    expect(Array.from(f.totals.sum)).toEqual([0, 0]);
    f.add([chunk(0)]);
    expect(f.folded).toBe(3);
    expect(Array.from(f.totals.sum)).toEqual(Array.from(inOrder(3).sum));
  });

  it('refuses a chunk that arrives twice, folded or still waiting', () => {
    const f = new ChunkFolder({ sum: new Float64Array(2), sumsq: new Float64Array(1) });
    f.add([chunk(0), chunk(2)]);
    expect(() => f.add([chunk(0)])).toThrow(/chunk 0 arrived twice/);
    expect(() => f.add([chunk(2)])).toThrow(/chunk 2 arrived twice/);
  });
});
