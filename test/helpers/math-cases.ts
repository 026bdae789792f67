/**
 * The three checks of a transcribed Math function (test/engine/exp-log.test.ts, trig.test.ts):
 * Math's bits where Math is the reference (V8's fdlibm on x64), x64's bits everywhere (a pinned
 * sha-256 of its results), and within a few ulps of the runtime's Math everywhere.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { nextInt32, nextUniform, type StreamState } from '../../src/engine/rng.js';
import { bitsOf } from './doubles.js';

export interface MathCase {
  name: string;
  /** The transcription, and the Math function it transcribes. */
  f: (x: number) => number;
  m: (x: number) => number;
  /** Is the runtime's Math function the one transcribed (x64, and a V8 that still runs fdlibm's)? */
  reference: boolean;
  /** How far from the runtime's Math function it may be, in ulps. */
  ulps: bigint;
  /** The sha-256 of its results on the inputs, taken where `reference` holds. */
  sha: string;
  inputs: number[];
}

export const u32Of = (st: StreamState): number => nextInt32(st) >>> 0;
export const uniform = (st: StreamState, lo: number, hi: number): number => lo + (hi - lo) * nextUniform(st);
/** The same double, or both NaN. */
export const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** Registers the three tests of c in the enclosing describe. */
export function itMatchesMath(c: MathCase): void {
  it.runIf(c.reference)(`${c.name}: Math.${c.name}'s bits on x64, on ${c.inputs.length.toLocaleString('en')} inputs`, () => {
    const wrong: string[] = [];
    for (const x of c.inputs) {
      const a = c.f(x), b = c.m(x);
      if (!same(a, b) && wrong.length < 5) wrong.push(`${c.name}(${x}) = ${a}, Math ${b}`);
    }
    expect(wrong).toEqual([]);
  });

  it(`${c.name}: the bits it gives on x64, on every machine (pinned sha-256 of its results)`, () => {
    const results = Float64Array.from(c.inputs, (x) => {
      const r = c.f(x);
      return Number.isNaN(r) ? NaN : r; // one NaN's bits
    });
    expect(createHash('sha256').update(new Uint8Array(results.buffer)).digest('hex')).toBe(c.sha);
  });

  it(`${c.name}: within ${c.ulps} ulp of the runtime's Math.${c.name}`, () => {
    let worst = 0n;
    for (const x of c.inputs) {
      const a = c.f(x), b = c.m(x);
      if (same(a, b)) continue;
      expect(Number.isFinite(a) && Number.isFinite(b) && Math.sign(a) === Math.sign(b), `${c.name}(${x}) = ${a}, Math ${b}`).toBe(true);
      const d = bitsOf(a) - bitsOf(b);
      const ulps = d < 0n ? -d : d;
      if (ulps > worst) worst = ulps;
    }
    expect(worst).toBeLessThanOrEqual(c.ulps);
  });
}
