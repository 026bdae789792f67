/**
 * Streams per (seed, chunk, component) (src/engine/streams.ts): derived as documented, from
 * SHA-256 of `trade-sim/stream/v1|<seed>|<chunk>|<component>`; reproducible; distinct; and
 * uncorrelated with their neighbours.
 *
 * Where the expected numbers come from:
 * - One state computed outside Node: Python 3 hashlib.sha256 of the text, first 16 bytes read as
 *   struct.unpack('<4i'); and node:crypto, with the bytes assembled by hand in this file.
 * - Correlations: for independent normal samples of length n, the Pearson r has mean 0 and
 *   variance 1/(n - 1), and sqrt(n - 1) r is close to N(0, 1). So |r| > 4/sqrt(n) has probability
 *   2 Q(4) = 6.3e-5 and |r| > 3/sqrt(n) has 2 Q(3) = 0.0027 per pair; the exceedance counts over
 *   the pairs are bounded by Binomial tails computed below (< 0.002), and sum (n - 1) r^2 over m
 *   pairs is close to chi-square(m), checked within 4 sqrt(2m) of m. (Pairs that share a stream
 *   are uncorrelated, though not independent; the bounds are approximate in that sense.)
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { fillNormals } from '../../src/engine/normals.js';
import { nextInt32 } from '../../src/engine/rng.js';
import { STREAM_VERSION, streamFor } from '../../src/engine/streams.js';
import { binomialSf, normalSf, pearson } from './stats-helpers.js';

describe('stream derivation', () => {
  test('the documented SHA-256 text, checked against a state computed with Python hashlib', () => {
    expect(STREAM_VERSION).toBe('trade-sim/stream/v1');
    // python3: struct.unpack('<4i', hashlib.sha256(b'trade-sim/stream/v1|42|7|shocks:textiles PK>KZ').digest()[:16])
    expect(Array.from(streamFor(42, 7, 'shocks:textiles PK>KZ'))).toEqual([1288743386, 383184484, -1139875207, -428837251]);
  });

  test.each([
    [0, 0, 'param:defaults.elasticity'],
    [1, 63, 'corridor:afghan-road:regime'],
    [2 ** 31 + 5, 123456, 'shocks:textiles PK>KZ'],
    [7, 3, 'ünïcode: Қазақстан / پاکستان'],
  ])('streamFor(%d, %d, %s) = first 16 bytes of SHA-256, little-endian words (node:crypto)', (seed, chunk, component) => {
    const digest = createHash('sha256').update(Buffer.from(`trade-sim/stream/v1|${seed}|${chunk}|${component}`, 'utf8')).digest();
    const words = [0, 1, 2, 3].map((w) => {
      const b = (i: number) => digest[4 * w + i] as number;
      return (b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24)) | 0;
    });
    expect(Array.from(streamFor(seed, chunk, component))).toEqual(words);
  });

  test('reproducible: the same (seed, chunk, component) gives the same state and the same numbers', () => {
    const a = streamFor(2024, 17, 'shocks:textiles PK>KZ');
    const b = streamFor(2024, 17, 'shocks:textiles PK>KZ');
    expect(a).not.toBe(b); // a fresh state each call, so callers cannot disturb one another
    const x = new Float64Array(10_000);
    const y = new Float64Array(10_000);
    fillNormals(a, x, 0, x.length);
    fillNormals(b, y, 0, y.length);
    expect(x).toEqual(y);
    // drawing from a did not touch a newly derived stream
    expect(Array.from(streamFor(2024, 17, 'shocks:textiles PK>KZ'))).toEqual(Array.from(streamFor(2024, 17, 'shocks:textiles PK>KZ')));
  });

  test('distinct: 16 seeds x 64 chunks x 6 components give 6144 different states', () => {
    const components = ['a', 'A', 'a ', 'shocks:textiles PK>KZ', 'shocks:textiles KZ>PK', 'x|1'];
    const seen = new Set<string>();
    let count = 0;
    for (let seed = 0; seed < 16; seed++) {
      for (let chunk = 0; chunk < 64; chunk++) {
        for (const c of components) {
          seen.add(Array.from(streamFor(seed, chunk, c)).join(','));
          count++;
        }
      }
    }
    expect(seen.size).toBe(count);
    // the separator keeps (1, 23) and (12, 3) apart
    expect(Array.from(streamFor(1, 23, 'x'))).not.toEqual(Array.from(streamFor(12, 3, 'x')));
  });

  test('no overlap: no pair of consecutive outputs repeats within the first 1024 outputs of 512 streams', () => {
    // A stream that were a shifted copy of another (e.g. chunk k+1 = chunk k advanced by some
    // steps) would repeat such pairs. Key: 32 bits of one output and the top 21 of the next (53
    // bits); 5.2e5 keys collide by chance with probability about 5.2e5^2 / 2^54 = 1.5e-5.
    const seen = new Set<number>();
    let keys = 0;
    for (const seed of [1, 2, 3, 1000]) {
      for (let chunk = 0; chunk < 64; chunk++) {
        for (const comp of ['shocks:textiles PK>KZ', 'corridor:afghan-road:regime']) {
          const st = streamFor(seed, chunk, comp);
          let prev = nextInt32(st) >>> 0;
          for (let i = 1; i < 1024; i++) {
            const cur = nextInt32(st) >>> 0;
            seen.add(prev * 2 ** 21 + (cur >>> 11));
            keys++;
            prev = cur;
          }
        }
      }
    }
    expect(seen.size).toBe(keys);
  });
});

describe('streams are uncorrelated', () => {
  const SEEDS = [1, 2, 3, 1000];
  const CHUNKS = 64;
  const COMPONENTS = ['shocks:textiles PK>KZ', 'corridor:afghan-road:regime'];
  const N = 4096;
  const draws = new Map<string, Float64Array>();
  const key = (seed: number, chunk: number, comp: string) => `${seed}|${chunk}|${comp}`;
  const get = (seed: number, chunk: number, comp: string) => draws.get(key(seed, chunk, comp))!;

  /** [label, r] for each pair of streams that the engine puts side by side. */
  const pairs: Array<[string, number]> = [];

  beforeAll(() => {
    for (const seed of SEEDS) {
      for (let chunk = 0; chunk < CHUNKS; chunk++) {
        for (const comp of COMPONENTS) {
          const out = new Float64Array(N);
          fillNormals(streamFor(seed, chunk, comp), out, 0, N);
          draws.set(key(seed, chunk, comp), out);
        }
      }
    }
    for (const seed of SEEDS) {
      for (let chunk = 0; chunk < CHUNKS; chunk++) {
        // two components of the same chunk
        pairs.push([`seed ${seed} chunk ${chunk}: components`, pearson(get(seed, chunk, COMPONENTS[0]!), get(seed, chunk, COMPONENTS[1]!))]);
        for (const comp of COMPONENTS) {
          // neighbouring chunks, same component
          if (chunk + 1 < CHUNKS) pairs.push([`seed ${seed} chunks ${chunk},${chunk + 1} ${comp}`, pearson(get(seed, chunk, comp), get(seed, chunk + 1, comp))]);
          // neighbouring seeds, same chunk and component
          if (SEEDS.includes(seed + 1)) pairs.push([`seeds ${seed},${seed + 1} chunk ${chunk} ${comp}`, pearson(get(seed, chunk, comp), get(seed + 1, chunk, comp))]);
        }
      }
    }
  });

  test('1016 pairs; at most 1 with |r| > 4/sqrt(n), and |r| > 3/sqrt(n) no more often than Binomial allows', () => {
    const m = pairs.length;
    expect(m).toBe(4 * 64 + 4 * 63 * 2 + 2 * 64 * 2);
    const p4 = 2 * normalSf(4);
    const p3 = 2 * normalSf(3);
    // P(more than 1 exceedance of 4/sqrt(n)) = 0.0019
    expect(binomialSf(m, p4, 1)).toBeLessThan(0.002);
    // the smallest k with P(X > k) < 0.001 for X ~ Binomial(m, 2 Q(3)); k = 9 for m = 1016
    let k3 = 0;
    while (binomialSf(m, p3, k3) >= 0.001) k3++;
    const over4 = pairs.filter(([, r]) => Math.abs(r) > 4 / Math.sqrt(N));
    const over3 = pairs.filter(([, r]) => Math.abs(r) > 3 / Math.sqrt(N));
    expect(over4.length, JSON.stringify(over4)).toBeLessThanOrEqual(1);
    expect(over3.length, JSON.stringify(over3)).toBeLessThanOrEqual(k3);
  });

  test('sum of (n - 1) r^2 over the pairs within 4 sqrt(2m) of m (chi-square with m df)', () => {
    const m = pairs.length;
    const s = pairs.reduce((acc, [, r]) => acc + (N - 1) * r * r, 0);
    expect(Math.abs(s - m)).toBeLessThan(4 * Math.sqrt(2 * m));
  });

  test('the check has power: a correlation of 0.1 (mixing in 10% of a neighbour) is flagged', () => {
    const a = get(1, 0, COMPONENTS[0]!);
    const b = get(1, 1, COMPONENTS[0]!);
    const mixed = Float64Array.from(b, (v, i) => (v + 0.1 * (a[i] as number)) / Math.sqrt(1.01));
    expect(Math.abs(pearson(a, mixed))).toBeGreaterThan(4 / Math.sqrt(N));
  });
});
