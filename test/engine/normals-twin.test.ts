/**
 * fillNormals (the bulk hot loop, src/engine/normals.ts) against its slow twin nextNormal: the
 * same numbers, bit for bit, and the same stream state afterwards, for any offset and length.
 *
 * Expected numbers: nextNormal itself (the obvious transcription of Marsaglia & Tsang's RNOR);
 * its distribution is tested in normals-ks.test.ts. Exact comparisons: no tolerance.
 * Size: 8 streams x 131,082 draws = 1,048,656 draws, in 15 pieces per stream of lengths 0, 1, 2,
 * 3, 5, 127, 128, 129, 1000, 4093, 0, 8191, 65537, 7, 52697, at offset 5 of a padded buffer. The
 * slow paths (wedges and tail, about 1.2% of draws) are taken thousands of times; the test checks
 * that the tail path was (more than 400 draws beyond R, about 604 expected).
 */
import { describe, expect, test } from 'vitest';
import { fillNormals, nextNormal } from '../../src/engine/normals.js';
import { streamFromWords, type StreamState } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';

/** Tail start of the ziggurat (normals.ts R): draws beyond it come from the tail path. */
const R = 3.442619855899;

const bits = (a: Float64Array): BigUint64Array => new BigUint64Array(a.buffer, a.byteOffset, a.length);

/** Index of the first cell where two arrays differ bitwise, or -1. */
function firstBitDifference(a: Float64Array, b: Float64Array): number {
  const x = bits(a);
  const y = bits(b);
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** Piece lengths: 0, 1, primes, powers of two and neighbours, a big odd piece. */
const PIECES = [0, 1, 2, 3, 5, 127, 128, 129, 1000, 4093, 0, 8191, 65537, 7, 52697];
const TOTAL = PIECES.reduce((a, b) => a + b, 0); // 131,082

function streams(): Array<[string, StreamState]> {
  return [
    ['words 1,2,3,4', streamFromWords(1, 2, 3, 4)],
    ['words with sign bits', streamFromWords(-1, 0x7fffffff, -2147483648, 1)],
    ...[0, 1, 2, 3, 4, 5].map((c): [string, StreamState] => [`streamFor(2024, ${c}, twin)`, streamFor(2024, c, 'test:normals-twin')]),
  ];
}

describe('fillNormals equals repeated nextNormal', () => {
  test('bit for bit over 8 streams x 131,082 draws, in pieces at offsets, with the same state after each piece', () => {
    let draws = 0;
    let tail = 0;
    for (const [name, st] of streams()) {
      const slow = Int32Array.from(st);
      const fast = Int32Array.from(st);
      const sentinel = 1e300;
      const pad = 5;
      const outFast = new Float64Array(TOTAL + 2 * pad).fill(sentinel);
      const outSlow = new Float64Array(TOTAL + 2 * pad).fill(sentinel);
      let at = pad;
      for (const n of PIECES) {
        fillNormals(fast, outFast, at, n);
        for (let i = 0; i < n; i++) outSlow[at + i] = nextNormal(slow);
        at += n;
        // state identical after every piece, not just at the end
        expect(Array.from(fast), `${name}: state after piece of ${n}`).toEqual(Array.from(slow));
      }
      const diff = firstBitDifference(outFast, outSlow);
      expect(diff, `${name}: first differing index (slow ${outSlow[diff]}, fast ${outFast[diff]})`).toBe(-1);
      // nothing written outside [offset, offset + n)
      for (let i = 0; i < pad; i++) {
        expect(outFast[i]).toBe(sentinel);
        expect(outFast[TOTAL + pad + i]).toBe(sentinel);
      }
      for (let i = pad; i < TOTAL + pad; i++) if (Math.abs(outFast[i] as number) > R) tail++;
      draws += TOTAL;
    }
    expect(draws).toBeGreaterThanOrEqual(1_000_000);
    // the tail path was taken: expected 2 Q(R) * draws = 0.000576 * 1.05e6 = about 604
    expect(tail).toBeGreaterThan(400);
  });

  test('a fill of n = 0 changes neither the output nor the state', () => {
    const st = streamFor(1, 0, 'test:normals-twin');
    const before = Array.from(st);
    const out = new Float64Array(4).fill(7);
    fillNormals(st, out, 2, 0);
    expect(Array.from(st)).toEqual(before);
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
  });

  test('one long fill equals many short ones (splitting does not change the stream)', () => {
    const a = streamFor(99, 3, 'test:normals-twin');
    const b = Int32Array.from(a);
    const n = 100_003;
    const one = new Float64Array(n);
    fillNormals(a, one, 0, n);
    const many = new Float64Array(n);
    for (let at = 0; at < n; at += 17) fillNormals(b, many, at, Math.min(17, n - at));
    expect(firstBitDifference(one, many)).toBe(-1);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  test('the twin comparison can fail: a stream advanced by one output gives different numbers', () => {
    const a = streamFor(5, 0, 'test:normals-twin');
    const b = Int32Array.from(a);
    nextNormal(b);
    const x = new Float64Array(1000);
    const y = new Float64Array(1000);
    fillNormals(a, x, 0, 1000);
    fillNormals(b, y, 0, 1000);
    expect(firstBitDifference(x, y)).toBe(0);
  });
});
