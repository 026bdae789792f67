/**
 * fastExp (src/engine/fast-exp.ts, Tang's table method) against its twin Math.exp.
 *
 * Expected numbers: V8's Math.exp (fdlibm's e_exp.c, under 1 ulp). Bound: 2 ulp, i.e. relative
 * error at most 4.5e-16 (2 * 2^-52 = 4.44e-16) and at most 2 units apart in the last place,
 * for 10^6 uniform x in [-700, 700], 10^6 in [-1, 1], at the 2 * 22,000 points where Tang's
 * reduction has its largest |r| (x = (k + 1/2) ln2/32), and at special points.
 */
import { describe, expect, test } from 'vitest';
import { fastExp } from '../../src/engine/fast-exp.js';
import { nextUniform } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';

const MAX_REL = 4.5e-16;
const MAX_ULP = 2;

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const ordered = (x: number): bigint => {
  f64[0] = x;
  return i64[0] as bigint; // positive doubles: the bit pattern is monotone in the value
};
/** Units in the last place between two positive finite doubles. */
const ulpsApart = (a: number, b: number): number => Math.abs(Number(ordered(a) - ordered(b)));

interface Worst { x: number; rel: number; ulps: number }

function compare(xs: Iterable<number>): Worst {
  const worst: Worst = { x: NaN, rel: 0, ulps: 0 };
  for (const x of xs) {
    const f = fastExp(x);
    const e = Math.exp(x);
    const rel = Math.abs(f - e) / e;
    const ulps = ulpsApart(f, e);
    if (!(rel <= worst.rel)) { worst.rel = rel; worst.x = x; }
    if (ulps > worst.ulps) worst.ulps = ulps;
  }
  return worst;
}

function* uniformPoints(n: number, lo: number, hi: number, component: string): Generator<number> {
  const st = streamFor(1, 0, component);
  for (let i = 0; i < n; i++) yield lo + (hi - lo) * nextUniform(st);
}

describe('fastExp agrees with Math.exp', () => {
  test('10^6 random x in [-700, 700]: within 2 ulp', () => {
    const w = compare(uniformPoints(1_000_000, -700, 700, 'test:fast-exp:wide'));
    expect(w.rel, `worst at x = ${w.x}`).toBeLessThanOrEqual(MAX_REL);
    expect(w.ulps, `worst at x = ${w.x}`).toBeLessThanOrEqual(MAX_ULP);
  });

  test('10^6 random x in [-1, 1] (where the kernel mostly works): within 2 ulp', () => {
    const w = compare(uniformPoints(1_000_000, -1, 1, 'test:fast-exp:narrow'));
    expect(w.rel, `worst at x = ${w.x}`).toBeLessThanOrEqual(MAX_REL);
    expect(w.ulps).toBeLessThanOrEqual(MAX_ULP);
  });

  test('at the ends of each reduction interval, x = (k +- 1/2) ln2/32 (largest |r|), |x| < 708: within 2 ulp', () => {
    function* points(): Generator<number> {
      const step = Math.LN2 / 32;
      for (let k = -32680; k <= 32680; k += 3) {
        yield (k + 0.5) * step;
        yield (k + 0.5) * step - 1e-12;
        yield (k - 0.5) * step + 1e-12;
      }
    }
    const w = compare(points());
    expect(w.rel, `worst at x = ${w.x}`).toBeLessThanOrEqual(MAX_REL);
    expect(w.ulps).toBeLessThanOrEqual(MAX_ULP);
  });

  test('exact at 0, multiples of ln 2 give powers of two, 1 and -1 within 2 ulp', () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
    expect(fastExp(1e-300)).toBe(1);
    expect(fastExp(-1e-300)).toBe(1);
    for (let k = -1000; k <= 1000; k += 37) {
      const x = k * Math.LN2;
      const w = compare([x]);
      expect(w.ulps, `x = ${k} ln2`).toBeLessThanOrEqual(MAX_ULP);
    }
    expect(fastExp(10 * Math.LN2)).toBe(1024);
    expect(compare([1, -1]).ulps).toBeLessThanOrEqual(MAX_ULP);
    expect(Math.abs(fastExp(1) - Math.E) / Math.E).toBeLessThanOrEqual(MAX_REL);
  });

  test('near the ends of the table range: +-708, -707.9999, 708.9999, and below -708 (delegated)', () => {
    for (const x of [708, -708, -707.9999, 708.9999, -708.5, -720, -745]) {
      const f = fastExp(x);
      const e = Math.exp(x);
      expect(Number.isFinite(f) && f > 0, `x = ${x}`).toBe(true);
      expect(ulpsApart(f, e), `x = ${x}`).toBeLessThanOrEqual(MAX_ULP);
    }
  });

  test('special values: -Infinity -> 0, NaN -> NaN, large -> Infinity, underflow -> 0', () => {
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(NaN)).toBeNaN();
    expect(fastExp(Infinity)).toBe(Infinity);
    expect(fastExp(710)).toBe(Infinity);
    expect(fastExp(1000)).toBe(Infinity);
    expect(fastExp(1e308)).toBe(Infinity);
    expect(fastExp(-746)).toBe(0);
    expect(fastExp(-1e308)).toBe(0);
  });

  // Regression: the guard was once `x < 709`, giving Infinity where Math.exp(709) = 8.2184e307.
  test('agrees with Math.exp up to ln(Number.MAX_VALUE) = 709.78', () => {
    for (const x of [709, 709.5, 709.78]) {
      const f = fastExp(x);
      expect(Number.isFinite(f), `x = ${x}`).toBe(true);
      expect(ulpsApart(f, Math.exp(x)), `x = ${x}`).toBeLessThanOrEqual(MAX_ULP);
    }
  });
});
