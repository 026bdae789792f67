/**
 * xoshiro128** 1.1 (src/engine/rng.ts) against its authors' reference C code.
 *
 * Expected numbers: test/fixtures/rng/xoshiro128starstar.json, written by
 * test/fixtures/rng/make-fixture.sh, which compiles test/fixtures/rng/xoshiro128starstar.c (the
 * public-domain reference code of Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c,
 * with a main added) and prints the first 1000 outputs of next() and the state after them, for
 * three fixed initial states. Exact comparisons: no tolerance.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fillUniforms, nextInt32, nextUniform, streamFromWords, U32_SCALE } from '../../src/engine/rng.js';

interface FixtureCase {
  state: [number, number, number, number];
  outputs: number[];
  state_after: [number, number, number, number];
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/rng/xoshiro128starstar.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] };

const unsigned = (st: Int32Array): number[] => Array.from(st, (w) => w >>> 0);

describe('xoshiro128** matches the reference C code', () => {
  test('the fixture is what the test expects (3 states x 1000 outputs, unsigned 32-bit)', () => {
    expect(fixture.cases).toHaveLength(3);
    for (const c of fixture.cases) {
      expect(c.outputs).toHaveLength(1000);
      for (const v of [...c.outputs, ...c.state, ...c.state_after]) {
        expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
      }
    }
    // The first outputs from state {1, 2, 3, 4}, as widely published for xoshiro128** 1.1.
    expect(fixture.cases[0]!.outputs.slice(0, 4)).toEqual([11520, 0, 5927040, 70819200]);
  });

  test.each(fixture.cases.map((c, i) => [i, c] as const))('nextInt32 >>> 0, state %i', (_i, c) => {
    const st = streamFromWords(c.state[0], c.state[1], c.state[2], c.state[3]);
    const got = c.outputs.map(() => nextInt32(st) >>> 0);
    expect(got).toEqual(c.outputs);
    expect(unsigned(st)).toEqual(c.state_after);
  });

  test.each(fixture.cases.map((c, i) => [i, c] as const))('nextUniform = (k + 0.5) * 2^-32, state %i', (_i, c) => {
    const st = streamFromWords(c.state[0], c.state[1], c.state[2], c.state[3]);
    for (const k of c.outputs) {
      const u = nextUniform(st);
      expect(u).toBe((k + 0.5) / 4294967296);
      expect(u > 0 && u < 1).toBe(true);
    }
    expect(unsigned(st)).toEqual(c.state_after);
  });

  test.each(fixture.cases.map((c, i) => [i, c] as const))('fillUniforms, in pieces at offsets, state %i', (_i, c) => {
    const st = streamFromWords(c.state[0], c.state[1], c.state[2], c.state[3]);
    // 1000 outputs in pieces of awkward sizes (including 0), written at offset 3 of a larger
    // buffer whose other cells must stay untouched
    const pieces = [0, 1, 2, 7, 13, 127, 0, 256, 3, 591];
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(1000);
    const sentinel = -12345;
    const out = new Float64Array(1010).fill(sentinel);
    let at = 3;
    for (const n of pieces) {
      fillUniforms(st, out, at, n);
      at += n;
    }
    const expected = c.outputs.map((k) => (k + 0.5) / 4294967296);
    expect(Array.from(out.subarray(3, 1003))).toEqual(expected);
    expect([...out.subarray(0, 3), ...out.subarray(1003)].every((v) => v === sentinel)).toBe(true);
    expect(unsigned(st)).toEqual(c.state_after);
  });
});

describe('rng edge cases', () => {
  test('U32_SCALE is 2^-32 exactly', () => {
    expect(U32_SCALE).toBe(2 ** -32);
  });

  test('the smallest and largest uniforms are 2^-33 and 1 - 2^-33, never 0 or 1', () => {
    // (0 + 0.5) / 2^32 and (2^32 - 1 + 0.5) / 2^32, both exact in double precision
    expect((0 + 0.5) * U32_SCALE).toBe(2 ** -33);
    expect((4294967295 + 0.5) * U32_SCALE).toBe(1 - 2 ** -33);
    // reach output 0 from the fixture: state {1, 2, 3, 4}, second output is 0
    const st = streamFromWords(1, 2, 3, 4);
    nextInt32(st);
    expect(nextUniform(st)).toBe(2 ** -33);
  });

  test('the all-zero state is refused; a state with one non-zero word is accepted', () => {
    expect(() => streamFromWords(0, 0, 0, 0)).toThrow(RangeError);
    expect(() => streamFromWords(0, 0, 0, 1)).not.toThrow();
    // words given as unsigned numbers >= 2^31 wrap to the same int32 state
    expect(Array.from(streamFromWords(0xffffffff, 0x80000000, 1, 2))).toEqual([-1, -2147483648, 1, 2]);
  });
});
