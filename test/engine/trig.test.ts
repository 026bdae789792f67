/**
 * The project's sin, cos, tan, atan (src/engine/trig.ts), log2, log10 (exp-log.ts) and cbrt
 * (cbrt.ts), fdlibm's and FreeBSD's as V8 has them, transcribed, which scenario expressions take:
 * - on x64, where V8 runs that C without fused multiply-adds (Node 20 to 26), the same bits as
 *   Math's on about a million inputs each from fixed streams: all doubles by bit pattern, each
 *   branch's range, subnormals, the special values; for sin, cos and tan multiples of pi/4 and the
 *   doubles next to them (where the reduction cancels), and huge arguments (up to 1.8e308, and the
 *   double nearest a multiple of pi/2 there is); for log2 and log10 powers of 2 and 10, and near 1;
 *   for cbrt perfect cubes. Skipped where the runtime's Math is not fdlibm's: on other machines
 *   (arm64's fuses multiply-adds) and in a V8 that takes these from elsewhere (a probe per function,
 *   an argument where fdlibm's result is not the correctly rounded one);
 * - on every machine and Node line, the same bits as on x64 (pinned sha-256 of their results);
 * - everywhere, within 1 ulp of the runtime's Math.
 * And for sin, cos and tan, that the inputs reach each way of reducing the argument.
 */
import { describe, expect, it } from 'vitest';
import { cbrt } from '../../src/engine/cbrt.js';
import { pow } from '../../src/engine/pow.js';
import { log10, log2 } from '../../src/engine/exp-log.js';
import { atan, cos, sin, tan } from '../../src/engine/trig.js';
import { nextInt32, nextUniform, type StreamState } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import { fromWords, hiOf, stepFrom } from '../helpers/doubles.js';
import { itMatchesMath, u32Of, uniform, type MathCase } from '../helpers/math-cases.js';

/**
 * An argument where fdlibm's result and the correctly rounded one differ (found with mpmath at 200
 * bits), and fdlibm's result: a runtime whose Math gives another is not the reference.
 */
const PROBES: Record<string, [number, number]> = {
  sin: [2.5, 0.5984721441039564], // correctly rounded: 0.5984721441039565
  cos: [0.875, 0.6409968581633252], // 0.6409968581633251
  tan: [4, 1.1578212823495777], // 1.1578212823495775
  atan: [0.375, 0.3587706702705722], // 0.35877067027057225
  cbrt: [1.625, 1.1756673438603786], // 1.1756673438603789
  log2: [3.125, 1.6438561897747248], // 1.6438561897747246
  log10: [0.75, -0.12493873660829993], // -0.12493873660829995
};
const isReference = (name: string, m: (x: number) => number): boolean => {
  const [x, fdlibm] = PROBES[name]!;
  return process.arch === 'x64' && m(x) === fdlibm;
};

const SPECIAL = [0, -0, 1, -1, 2, -2, 0.5, -0.5, Infinity, -Infinity, NaN, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308,
  2.225073858507201e-308, 1.7976931348623157e308, -1.7976931348623157e308, Math.PI, -Math.PI, Math.PI / 2, -Math.PI / 2, Math.PI / 4, 3 * Math.PI / 4,
  2 * Math.PI, 1e22, 1e300, -1e300, 2 ** 19 * Math.PI / 2, 2 ** 66, -(2 ** 66), 2 ** -27, 2 ** -28, 0.4375, 0.6875, 1.1875, 2.4375, 27, -27, 1000, 1e-300];

const signed = (st: StreamState, x: number): number => (nextInt32(st) < 0 ? -x : x);
/** A double whose high word is in [from, to) (its sign bit clear), with a random low word. */
const between = (st: StreamState, from: number, to: number): number => fromWords(from + Math.floor(nextUniform(st) * (to - from)), u32Of(st));
/** x and the doubles up to `steps` either side of it. */
const around = (x: number, steps: number): number[] => {
  const out: number[] = [];
  for (let d = -steps; d <= steps; d++) out.push(stepFrom(x, d));
  return out;
};

/** Each function's inputs, the same on every run and platform. */
function inputsOf(name: string, add: (st: StreamState, out: number[]) => void): number[] {
  const st = streamFor(16, 0, `trig-test-${name}`);
  const out: number[] = [];
  for (let i = 0; i < 200_000; i++) out.push(fromWords(u32Of(st), u32Of(st))); // every double, by bit pattern
  add(st, out);
  return out.concat(SPECIAL);
}

const PIO4 = Math.PI / 4;
const HI_2P19_PIO2 = 0x413921fb; // |x| above: the reduction takes digits of 2/pi (Payne-Hanek)

/** pi 2^bits, rounded down (Machin: pi = 16 atan(1/5) - 4 atan(1/239)), with BigInt. */
function piScaled(bits: number): bigint {
  const one = 1n << BigInt(bits + 32);
  const atanInv = (n: bigint): bigint => { // atan(1/n) 2^(bits + 32)
    let sum = 0n, term = one / n, k = 1n, sign = 1n;
    const n2 = n * n;
    while (term !== 0n) {
      sum += sign * (term / k);
      term /= n2;
      k += 2n;
      sign = -sign;
    }
    return sum;
  };
  return (16n * atanInv(5n) - 4n * atanInv(239n)) >> 32n;
}

/**
 * For each binade 2^(s + 52) <= x < 2^(s + 53), s from -51 to 971: x = m 2^s whose x 2/pi is
 * nearest an integer, from the continued fraction of frac(2^s 2/pi) (the largest denominator q
 * under 2^53, times the integer that brings it to 2^52 or more). Among them 6381956970095103 2^797,
 * the double nearest a multiple of pi/2 of all (Kahan and McDonald).
 */
function nearestToMultiplesOfPio2(): number[] {
  const P = 1300; // bits of 2/pi kept: 2^s 2/pi to 200 bits past the point, for s up to 971
  const twoOverPi = (1n << BigInt(2 * P + 1)) / piScaled(P); // 2/pi 2^P
  const out: number[] = [];
  for (let s = -51; s <= 971; s++) {
    const frac = (twoOverPi >> BigInt(P - 200 - s)) & ((1n << 200n) - 1n); // frac(2^s 2/pi) 2^200
    let [a, b] = [frac, 1n << 200n], [q0, q1] = [0n, 1n];
    for (;;) { // convergents of a / b (of frac / 2^200): q1 the latest denominator below 2^53
      if (a === 0n) break;
      const c = b / a;
      const q2 = c * q1 + q0;
      if (q2 >= 1n << 53n) break;
      [a, b] = [b - c * a, a];
      [q0, q1] = [q1, q2];
    }
    const m = q1 * ((1n << 52n) / q1 + ((1n << 52n) % q1 === 0n ? 0n : 1n));
    if (m < 1n << 53n) out.push(Number(m) * 2 ** s);
  }
  return out;
}

/** sin, cos and tan: each range of the argument reduction, and where it cancels. */
function trigInputs(name: string): number[] {
  return inputsOf(name, (st, out) => {
    const push = (n: number, x: () => number) => {
      for (let i = 0; i < n; i++) out.push(x());
    };
    push(100_000, () => uniform(st, -1.05 * PIO4, 1.05 * PIO4)); // no reduction (|x| ~<= pi/4), and just beyond
    push(100_000, () => uniform(st, -3 * PIO4, 3 * PIO4)); // n = +-1
    push(150_000, () => uniform(st, -100, 100));
    push(100_000, () => uniform(st, -1e6, 1e6)); // 33-bit pieces of pi/2, and digits of 2/pi above 823,550
    push(100_000, () => signed(st, between(st, 0x3c000000, 0x7ff00000))); // |x| from 2^-63 to the largest, log-uniform
    push(50_000, () => signed(st, between(st, 0, 0x3e500000))); // tiny and subnormal: sin x = x, cos x = 1
    // the doubles at and next to k pi/4, k = 1..5000 and k up to 2^62 (log-uniform; the project's pow: Node 24's ** gives
    // other bits for fractional powers), where x - n pi/2 cancels
    for (let k = 1; k <= 5000; k++) out.push(...around(signed(st, k * PIO4), 2));
    for (let i = 0; i < 40_000; i++) out.push(...around(signed(st, Math.floor(pow(2, 62 * nextUniform(st))) * PIO4), 2));
    // in each binade from 2^1 up, the double nearest a multiple of pi/2 and its neighbours
    for (const x of nearestToMultiplesOfPio2()) out.push(...around(x, 1), ...around(-x, 1));
  });
}

function atanInputs(): number[] {
  return inputsOf('atan', (st, out) => {
    const push = (n: number, lo: number, hi: number) => {
      for (let i = 0; i < n; i++) out.push(signed(st, uniform(st, lo, hi)));
    };
    push(150_000, 0, 0.4375); // atan x = x - x^3 P(x^2)
    push(100_000, 0.4375, 0.6875); // atan(1/2) + ...
    push(100_000, 0.6875, 1.1875); // atan(1) + ...
    push(100_000, 1.1875, 2.4375); // atan(3/2) + ...
    push(150_000, -10, 10);
    for (let i = 0; i < 100_000; i++) out.push(signed(st, between(st, 0x40038000, 0x44100000))); // atan(Infinity) - atan(1/x), to 2^66
    for (let i = 0; i < 50_000; i++) out.push(signed(st, between(st, 0x44100000, 0x7ff00000))); // +-pi/2
    for (let i = 0; i < 50_000; i++) out.push(signed(st, between(st, 0, 0x3e500000))); // |x| < 2^-27: x, and just above
    // either side of each threshold of the high word
    for (const t of [0x3e400000, 0x3fdc0000, 0x3fe60000, 0x3ff30000, 0x40038000, 0x44100000]) {
      for (const h of [t - 1, t, t + 1]) for (const lo of [0, 0xffffffff, u32Of(st)]) out.push(fromWords(h, lo), -fromWords(h, lo));
    }
  });
}

function logInputs(name: string): number[] {
  return inputsOf(name, (st, out) => {
    const push = (n: number, x: () => number) => {
      for (let i = 0; i < n; i++) out.push(x());
    };
    push(200_000, () => fromWords(u32Of(st) & 0x7fffffff, u32Of(st))); // every positive double, by bit pattern
    push(150_000, () => uniform(st, 0, 4));
    push(100_000, () => uniform(st, 0.999, 1.001));
    push(50_000, () => 1 + signed(st, nextUniform(st) * 2 ** -20));
    // mantissas near sqrt(2) and sqrt(2)/2, where log's reduction switches halves and f - f^2/2 cancels
    push(100_000, () => 2 ** Math.floor(uniform(st, -1000, 1000)) * (nextInt32(st) < 0 ? Math.SQRT2 : Math.SQRT1_2) * (1 + signed(st, nextUniform(st) * 2 ** -12)));
    push(50_000, () => between(st, 0, 0x00100000)); // subnormal
    push(100_000, () => between(st, 0x00100000, 0x7ff00000)); // log-uniform over the normal doubles
    push(100_000, () => Math.floor(uniform(st, 1, 1e5))); // integers
    // exact powers of 2 and of 10, and their neighbours
    for (let k = -1074; k <= 1023; k++) out.push(...around(2 ** k, 1));
    for (let k = -323; k <= 308; k++) out.push(...around(Number(`1e${k}`), 2));
  });
}

function cbrtInputs(): number[] {
  return inputsOf('cbrt', (st, out) => {
    const push = (n: number, x: () => number) => {
      for (let i = 0; i < n; i++) out.push(x());
    };
    push(150_000, () => uniform(st, -10, 10));
    push(150_000, () => signed(st, between(st, 0x00100000, 0x7ff00000))); // log-uniform over the normal doubles
    push(50_000, () => signed(st, between(st, 0, 0x00100000))); // subnormal
    // perfect cubes n^3 < 2^53, both signs; scaled by 2^(3j); and their neighbours
    for (let n = 1; n <= 208_063; n++) out.push(n * n * n, -n * n * n);
    push(50_000, () => {
      const n = Math.floor(uniform(st, 1, 208_064));
      return signed(st, n * n * n * 2 ** (3 * Math.floor(uniform(st, -340, 300))));
    });
    for (let i = 0; i < 10_000; i++) {
      const n = Math.floor(uniform(st, 1, 208_064));
      out.push(...around(n * n * n, 2));
    }
  });
}

const trigCase = (name: 'sin' | 'cos' | 'tan', f: (x: number) => number, sha: string): MathCase =>
  ({ name, f, m: Math[name], reference: isReference(name, Math[name]), ulps: 1n, sha, inputs: trigInputs(name) });
const logCase = (name: 'log2' | 'log10', f: (x: number) => number, sha: string): MathCase =>
  ({ name, f, m: Math[name], reference: isReference(name, Math[name]), ulps: 1n, sha, inputs: logInputs(name) });

const CASES: MathCase[] = [
  trigCase('sin', sin, '9733d2d9ef3610733163bc9fc42c7b1664d3dd6ae0848545250aade1ab33f8cb'),
  trigCase('cos', cos, '7804a05f984ae965e0bb046e7e311b1b4cba4ef0bbc128446ed01d2be791a13f'),
  trigCase('tan', tan, '57c28a02312f9877470436e9dc576056eee72ba913c7e5f0f1d1074b3333ef7c'),
  { name: 'atan', f: atan, m: Math.atan, reference: isReference('atan', Math.atan), ulps: 1n, sha: 'e04c0610ce3831079a812d00bc78226baccef8af0d98c49c072fd462bcd850a7', inputs: atanInputs() },
  logCase('log2', log2, '040805d33bf4f7b25d3c9d9c47219bd0502bcb9be61355adc5734dd7feed475a'),
  logCase('log10', log10, 'cc9671ffb28777e22405b04988751c4c2e1baa36cf114d50a62fab0cb64f240f'),
  { name: 'cbrt', f: cbrt, m: Math.cbrt, reference: isReference('cbrt', Math.cbrt), ulps: 1n, sha: '24da58add0d30741e9c868549a45ee0d53a62caa83c8b5c44b1a4cd134c00f56', inputs: cbrtInputs() },
];

/** How fdlibm reduces x for sin, cos and tan (from x's words, and how near x is to a multiple of pi/2). */
function reductionOf(x: number): string {
  const ix = hiOf(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) return 'Infinity or NaN';
  if (ix <= 0x3fe921fb) return '|x| ~<= pi/4: none';
  if (ix < 0x4002d97c) return '|x| < 3pi/4: n = +-1';
  // |x - n pi/2|, about min(|sin x|, |cos x|) there, and its exponent
  const r = Math.min(Math.abs(Math.sin(x)), Math.abs(Math.cos(x)));
  const er = ((hiOf(r) >> 20) & 0x7ff) - 1023;
  if (ix <= HI_2P19_PIO2) { // fdlibm takes a second and third piece of pi/2 where more than 16 and 49 bits of x cancel
    const lost = (ix >> 20) - 1023 - er;
    return lost > 49 ? 'medium, over 49 bits cancel' : lost > 16 ? 'medium, 17 to 49 bits cancel' : 'medium: 33-bit pieces of pi/2';
  }
  // the first digits of x 2/pi's fraction cancel: fdlibm takes more digits of 2/pi
  return er < -50 ? 'large, within 2^-50 of a multiple of pi/2' : er < -24 ? 'large, within 2^-24' : 'large: digits of 2/pi';
}

describe('sin, cos, tan, atan, log2, log10 and cbrt (src/engine/trig.ts, exp-log.ts, cbrt.ts)', () => {
  for (const c of CASES) itMatchesMath(c);

  it('the inputs of sin, cos and tan reach each way of reducing the argument, often', () => {
    const seen = new Map<string, number>();
    for (const x of CASES[0]!.inputs) {
      const r = reductionOf(x);
      seen.set(r, (seen.get(r) ?? 0) + 1);
    }
    const least: Record<string, number> = {
      'Infinity or NaN': 50, '|x| ~<= pi/4: none': 200_000, '|x| < 3pi/4: n = +-1': 50_000,
      'medium: 33-bit pieces of pi/2': 100_000, 'medium, 17 to 49 bits cancel': 50_000, 'medium, over 49 bits cancel': 20_000,
      'large: digits of 2/pi': 100_000, 'large, within 2^-24': 1000, 'large, within 2^-50 of a multiple of pi/2': 1000,
    };
    for (const [r, k] of Object.entries(least)) expect(seen.get(r) ?? 0, r).toBeGreaterThanOrEqual(k);
    expect([...seen.keys()].sort()).toEqual(Object.keys(least).sort());
    // the search for near multiples finds the nearest known (Kahan and McDonald)
    expect(nearestToMultiplesOfPio2()).toContain(6381956970095103 * 2 ** 797);
  });
});
