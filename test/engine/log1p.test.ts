/**
 * The kernel's log1p (src/engine/log1p.ts, and kernel.wat's $log1pw, exported as log1p) against
 * Math.log1p, bit for bit: both transcribe V8's fdlibm log1p, so every input must give the same
 * double (a NaN for a NaN). About 1.6 million inputs from fixed streams, spread over every branch of
 * fdlibm's algorithm (|x| < 2^-54 with the subnormals and -0, |x| < 2^-29, -0.2929 < x < 0.4142,
 * x near -1, x >= 0.4142, x >= 2^53, 1 + x within 2^-20 of a power of two or one, -1, x < -1,
 * NaN, +-Infinity), over all doubles by bit pattern, and over the kernel's route costs (>= 0, up to
 * about 1e3) by value and by bit pattern; the branch each input takes is worked out from its words
 * and each must be reached often. (Math.log1p is fdlibm's in the V8 of Node 20, 22, 24 and 26, 11.3
 * to 14: scripts/test-node-lines.sh runs this on each. A V8 that takes it from elsewhere fails here,
 * as Node 24's Math.pow would have: see src/engine/pow.ts.)
 */
import { describe, expect, it } from 'vitest';
import { log1p } from '../../src/engine/log1p.js';
import { kernelParts } from '../../src/engine/kernel/index.js';
import { wasmKernel } from '../../src/engine/kernel/wasm.js';
import { nextInt32, nextUniform, type StreamState } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import { fromWords, hiOf, loOf } from '../helpers/doubles.js';


/** The branch of fdlibm's log1p that x takes, from its words (as ieee754.cc decides it). */
function branchOf(x: number): string {
  const hx = hiOf(x), ax = hx & 0x7fffffff;
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) return x === -1 ? 'x = -1' : 'x < -1 or a NaN with the sign bit';
    if (ax < 0x3e200000) return ax < 0x3c900000 ? '|x| < 2^-54' : '2^-54 <= |x| < 2^-29';
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) return 'k = 0: -0.2929 < x < 0.4142';
  }
  if (hx >= 0x7ff00000) return 'Infinity or NaN';
  const u = hx < 0x43400000 ? 1 + x : x;
  const hu = hiOf(u) & 0xfffff;
  const where = hx >= 0x43400000 ? 'x >= 2^53' : x < 0 ? '-1 < x <= -0.2929' : '0.4142 <= x < 2^53';
  if (hu === 0 && loOf(u) === 0) return `${where}, f = 0`;
  return hu === 0 || hu >= 0xffffd ? `${where}, |f| < 2^-20` : where;
}

const u32Of = (st: StreamState): number => nextInt32(st) >>> 0;
/** A high word in [from, to) and a random low word. */
const between = (st: StreamState, from: number, to: number): number =>
  fromWords(from + Math.floor(nextUniform(st) * (to - from)), u32Of(st));
const signed = (st: StreamState, x: number): number => (nextInt32(st) < 0 ? -x : x);

function* inputs(): Generator<number> {
  const st = streamFor(16, 0, 'log1p-test');
  // every double, by bit pattern
  for (let i = 0; i < 400_000; i++) yield fromWords(u32Of(st), u32Of(st));
  // the kernel's route costs: by bit pattern from 0 to 1000, and by value on [0, 1000) and [0, 1)
  const hi1000 = hiOf(1000);
  for (let i = 0; i < 200_000; i++) yield between(st, 0, hi1000 + 1);
  for (let i = 0; i < 100_000; i++) yield 1000 * nextUniform(st);
  for (let i = 0; i < 100_000; i++) yield nextUniform(st);
  // k = 0: -0.2929 < x < 0.4142
  for (let i = 0; i < 150_000; i++) yield -0.2929 + 0.7071 * nextUniform(st);
  // near -1: x = d - 1, d from 2^-53 to 0.7 on a log scale
  for (let i = 0; i < 150_000; i++) yield 0.7 * 2 ** (-52 * nextUniform(st)) - 1;
  // tiny: |x| < 2^-54 (subnormals included), 2^-54 <= |x| < 2^-29
  for (let i = 0; i < 100_000; i++) yield signed(st, between(st, 0, 0x3c900000));
  for (let i = 0; i < 100_000; i++) yield signed(st, between(st, 0x3c900000, 0x3e200000));
  // large: x >= 2^53
  for (let i = 0; i < 100_000; i++) yield between(st, 0x43400000, 0x7ff00000);
  // 1 + x within 2^-20 of a power of two 2^j, -53 <= j <= 1023, and 1 + x a power of two
  for (let i = 0; i < 200_000; i++) {
    const j = -53 + Math.floor(nextUniform(st) * 1077);
    yield 2 ** j * (1 + (2 * nextUniform(st) - 1) * 2 ** -20) - 1;
  }
  // ... and with k = +-1 and 2^-21 <= |f| < 2^-20, where the result is smallest beside f^3, so that
  // the branch's f^3 term (fdlibm's 0.66666666666666666) shows in the last bit of some results
  for (let i = 0; i < 200_000; i++) {
    const j = nextInt32(st) < 0 ? -1 : 1;
    yield 2 ** j * (1 + signed(st, 1 + nextUniform(st)) * 2 ** -21) - 1;
  }
  for (let j = -53; j <= 1023; j++) {
    const x = 2 ** j - 1;
    yield x;
    yield fromWords(hiOf(x), loOf(x) + 1);
    yield fromWords(hiOf(x), loOf(x) - 1);
  }
  // each threshold of the high word, and the words either side, both signs, low words 0, all ones, random
  for (const t of [0x3fda827a, 0x3fd2bec4, 0x3ff00000, 0x3e200000, 0x3c900000, 0x43400000, 0x7ff00000, 0x00100000, 0]) {
    for (const h of [t - 1, t, t + 1]) {
      for (const lo of [0, 0xffffffff, u32Of(st)]) {
        if (h < 0) continue;
        yield fromWords(h, lo);
        yield fromWords((h | 0x80000000) >>> 0, lo);
      }
    }
  }
  yield* [0, -0, -1, -1 - 2 ** -52, -1 + 2 ** -53, -2, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE,
    Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** 53, 2 ** 53 - 1, Math.SQRT2 - 1, Math.SQRT1_2 - 1, 1e3, 1e-300, fromWords(0xfff80000, 0), fromWords(0x7ff00000, 1)];
}

describe('log1p (log1p.ts and kernel.wat)', () => {
  const wasm = wasmKernel(0, 1, kernelParts.KN, kernelParts.WN, kernelParts.FN);

  it('equals Math.log1p bit for bit on 1.8 million inputs over every branch of the algorithm', () => {
    if (!wasm) throw new Error('no wasm kernel');
    const wlog1p = wasm.fn.log1p;
    const seen = new Map<string, number>();
    const bad: string[] = [];
    let n = 0;
    for (const x of inputs()) {
      n++;
      const want = Math.log1p(x);
      const js = log1p(x), w = wlog1p(x);
      if (!Object.is(js, want) || !Object.is(w, want)) {
        if (bad.length < 10) bad.push(`x = ${x} (${hiOf(x).toString(16)} ${loOf(x).toString(16)}): Math.log1p ${want}, log1p.ts ${js}, wasm ${w}`);
      }
      const b = branchOf(x);
      seen.set(b, (seen.get(b) ?? 0) + 1);
    }
    expect(bad).toEqual([]);
    expect(n).toBeGreaterThan(1_800_000);
    const least: Record<string, number> = {
      '|x| < 2^-54': 100_000, '2^-54 <= |x| < 2^-29': 100_000, 'k = 0: -0.2929 < x < 0.4142': 100_000,
      '-1 < x <= -0.2929': 100_000, '0.4142 <= x < 2^53': 100_000, 'x >= 2^53': 100_000,
      '-1 < x <= -0.2929, |f| < 2^-20': 50_000, '0.4142 <= x < 2^53, |f| < 2^-20': 50_000, 'x >= 2^53, |f| < 2^-20': 10_000,
      '-1 < x <= -0.2929, f = 0': 50, '0.4142 <= x < 2^53, f = 0': 50, 'x >= 2^53, f = 0': 900,
      'x = -1': 1, 'x < -1 or a NaN with the sign bit': 50_000, 'Infinity or NaN': 20,
    };
    for (const [b, k] of Object.entries(least)) expect(seen.get(b) ?? 0, b).toBeGreaterThanOrEqual(k);
    expect([...seen.keys()].sort()).toEqual(Object.keys(least).sort());
  });
});
