/* eslint-disable no-loss-of-precision -- reference values (mpmath) printed to more digits than a double holds */
/**
 * The distribution of the ziggurat normals (src/engine/normals.ts) and of the uniforms
 * (src/engine/rng.ts): repeated Kolmogorov-Smirnov tests (200 seeds x 5000 draws); the frequency
 * and the shape of the tail beyond the ziggurat's base layer and the first four moments (10^8
 * draws); a chi-square test on 1000 equiprobable cells (10^7 draws).
 *
 * Where the expected numbers come from:
 * - Phi: our own CDF (stats-helpers.ts: power series and Laplace's continued fraction), checked
 *   below against values computed with mpmath 1.3.0 at 50 digits (mp.ncdf).
 * - Kolmogorov: P(sqrt(n) D_n > c) -> P(K > c) = 2 sum (-1)^(k-1) exp(-2 k^2 c^2); c(0.01) =
 *   1.6276 (scipy.stats.kstwobign.isf(0.01) = 1.62762). For n = 5000 the exact level of that
 *   critical value is 0.00985 (scipy.stats.kstwo.sf), so counting rejections at 0.01 is slightly
 *   conservative.
 * - Rejection counts: Binomial(200, 0.01), P(X > 7) = 0.00101 (computed below, exactly; mpmath
 *   gives 0.00101256).
 * - Moments of N(0, 1): E Z = 0, E Z^2 = 1, E Z^3 = 0, E Z^4 = 3; the standard error of the mean of
 *   Z^k over n draws is sqrt(Var Z^k / n), Var Z = 1, Var Z^2 = 2, Var Z^3 = 15, Var Z^4 = 96.
 * - The tail: P(|Z| > R) = 2 Q(R) = 5.7610851239e-4 for R = 3.442619855899 (mpmath).
 * - Chi-square: 999 degrees of freedom, upper 1e-4 point 1173.85 (scipy.stats.chi2.isf), or by
 *   the Wilson-Hilferty approximation computed below.
 * All seeds are fixed, so the test is deterministic; the bounds say how unlikely a failure would
 * be for a correct generator.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { fillNormals } from '../../src/engine/normals.js';
import { fillUniforms } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import {
  binomialSf,
  KS_C_001,
  KS_C_01,
  kolmogorovSf,
  ksStatistic,
  normalCdf,
  normalQuantile,
  normalSf,
  RawMoments,
} from './stats-helpers.js';

const R = 3.442619855899;

describe('the reference normal CDF', () => {
  // [x, Phi(x)] from mpmath 1.3.0, mp.dps = 50, mp.ncdf(x), rounded to 20 digits
  const table: Array<[number, number]> = [
    [-8, 6.2209605742717841235e-16],
    [-5, 2.8665157187919391167e-7],
    [-R, 0.0002880542561958202372],
    [-2.5, 0.006209665325776135167],
    [-2, 0.0227501319481792072],
    [-1, 0.15865525393145705141],
    [-0.5, 0.30853753872598689636],
    [0, 0.5],
    [0.3, 0.61791142218895263731],
    [1, 0.84134474606854294859],
    [1.959963984540054, 0.97499999999999998623],
    [3, 0.99865010196836990547],
  ];
  test.each(table)('Phi(%d) to 1e-15 absolute and 1e-13 relative', (x, p) => {
    expect(Math.abs(normalCdf(x) - p)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-13);
    expect(Math.abs(normalSf(-x) - p) / p).toBeLessThan(1e-13);
  });

  test('far tails to 1e-13 relative: Q(5), Q(8), Q(10), and continuity at the switch x = 2.5', () => {
    expect(Math.abs(normalSf(5) / 2.8665157187919391167e-7 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(normalSf(8) / 6.2209605742717841235e-16 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(normalSf(10) / 7.619853024160526066e-24 - 1)).toBeLessThan(1e-13);
    const below = normalSf(2.5 - 2 ** -50);
    const at = normalSf(2.5);
    expect(Math.abs(below - at) / at).toBeLessThan(1e-14);
    // simple-statistics would do for the body but not here: its table is good to about 1e-4
  });

  test('normalQuantile inverts normalCdf', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(Math.abs(normalQuantile(0.5))).toBeLessThan(1e-15);
  });

  test('the Kolmogorov critical values and the binomial bound are what the tests assume', () => {
    expect(kolmogorovSf(KS_C_01)).toBeCloseTo(0.01, 5);
    expect(kolmogorovSf(KS_C_001)).toBeCloseTo(0.001, 6);
    const tail = binomialSf(200, 0.01, 7);
    expect(tail).toBeCloseTo(0.00101256, 7);
    expect(tail).toBeLessThan(0.005);
  });
});

/** Runs `runs` KS tests of `n` draws each and returns their statistics sqrt(n) D_n. */
function repeatedKs(
  runs: number,
  n: number,
  fill: (run: number, out: Float64Array) => void,
  cdf: (x: number) => number,
): number[] {
  const out = new Float64Array(n);
  const stats: number[] = [];
  for (let run = 0; run < runs; run++) {
    fill(run, out);
    stats.push(Math.sqrt(n) * ksStatistic(out, cdf));
  }
  return stats;
}

const RUNS = 200;
const PER_RUN = 5000;
/** At most this many of 200 tests at level 0.01 may reject: P(X > 7) = 0.00101 under H0. */
const MAX_REJECTIONS = 7;

/**
 * Second-level check: the 200 p-values P(K > sqrt(n) D) should be uniform; their own KS statistic
 * against U(0, 1), at level 0.001 (c = 1.9495). Catches a generator that passes too well, too.
 */
function pValuesLookUniform(stats: number[]): number {
  const p = Float64Array.from(stats, kolmogorovSf);
  return Math.sqrt(p.length) * ksStatistic(p, (x) => Math.min(1, Math.max(0, x)));
}

describe('normals: repeated Kolmogorov-Smirnov, 200 seeds x 5000 draws', () => {
  let stats: number[];
  beforeAll(() => {
    stats = repeatedKs(RUNS, PER_RUN, (seed, out) => fillNormals(streamFor(seed, 0, 'test:normals-ks'), out, 0, PER_RUN), normalCdf);
  });

  test(`at most ${MAX_REJECTIONS} of ${RUNS} reject at level 0.01`, () => {
    const rejections = stats.filter((s) => s > KS_C_01).length;
    expect(rejections).toBeLessThanOrEqual(MAX_REJECTIONS);
  });

  test('the 200 p-values look uniform (KS at level 0.001)', () => {
    expect(pValuesLookUniform(stats)).toBeLessThan(KS_C_001);
  });

  test('the test has power: normals shifted by 0.1 are rejected almost always', () => {
    const shifted = repeatedKs(20, PER_RUN, (seed, out) => {
      fillNormals(streamFor(seed, 0, 'test:normals-ks'), out, 0, PER_RUN);
      for (let i = 0; i < PER_RUN; i++) out[i] = (out[i] as number) + 0.1;
    }, normalCdf);
    // expected D about 0.1 phi(0) = 0.04, sqrt(n) D about 2.8 > 1.6276
    expect(shifted.filter((s) => s > KS_C_01).length).toBeGreaterThan(MAX_REJECTIONS * (20 / RUNS) + 15);
  });
});

describe('normals: 10^8 draws for the tail and the moments, the first 10^7 of them for chi-square', () => {
  const N = 100_000_000;
  const N_CHI2 = 10_000_000;
  const BLOCK = 1 << 20;
  const CELLS = 1000;
  const moments = new RawMoments();
  let upperTail = 0;
  let lowerTail = 0;
  const tailExcess: number[] = [];
  const cellCounts = new Float64Array(CELLS);

  beforeAll(() => {
    // edges[i] = Phi^-1((i + 1) / CELLS), i = 0..CELLS-2: equiprobable cells
    const edges = Float64Array.from({ length: CELLS - 1 }, (_, i) => normalQuantile((i + 1) / CELLS));
    const st = streamFor(7, 0, 'test:normals-moments');
    const buf = new Float64Array(BLOCK);
    for (let done = 0; done < N; done += BLOCK) {
      const n = Math.min(BLOCK, N - done);
      fillNormals(st, buf, 0, n);
      moments.addAll(buf, 0, n);
      for (let i = 0; i < n; i++) {
        const z = buf[i] as number;
        if (z > R) { upperTail++; tailExcess.push(z - R); }
        else if (z < -R) { lowerTail++; tailExcess.push(-z - R); }
      }
      const nChi2 = Math.min(n, N_CHI2 - done);
      for (let i = 0; i < nChi2; i++) {
        const z = buf[i] as number;
        // cell by binary search: the first edge > z
        let lo = 0, hi = CELLS - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((edges[mid] as number) > z) hi = mid;
          else lo = mid + 1;
        }
        cellCounts[lo]!++;
      }
    }
  });

  test('P(|Z| > R) within 4 SE of 2 Q(R) = 5.761e-4, and each side within 4 SE of Q(R)', () => {
    const p = 2 * normalSf(R);
    expect(p).toBeCloseTo(5.7610851239164e-4, 15);
    const se = Math.sqrt((p * (1 - p)) / N); // 2.4e-6
    expect(Math.abs((upperTail + lowerTail) / N - p)).toBeLessThan(4 * se);
    const q = p / 2;
    const seSide = Math.sqrt((q * (1 - q)) / N);
    expect(Math.abs(upperTail / N - q)).toBeLessThan(4 * seSide);
    expect(Math.abs(lowerTail / N - q)).toBeLessThan(4 * seSide);
  });

  // about 57,600 tail draws: enough to see a 5% error in the tail's scale (sqrt(n) D about 4)
  test('the shape of the tail: |Z| - R given |Z| > R passes KS (level 0.001) against Q(R + x) / Q(R)', () => {
    const qR = normalSf(R);
    const excess = Float64Array.from(tailExcess);
    const d = ksStatistic(excess, (x) => 1 - normalSf(R + x) / qR);
    expect(Math.sqrt(excess.length) * d).toBeLessThan(KS_C_001);
  });

  test('mean, E Z^2, E Z^3, E Z^4 within 4 SE of 0, 1, 0, 3', () => {
    const se = (v: number) => 4 * Math.sqrt(v / N);
    expect(Math.abs(moments.raw(1))).toBeLessThan(se(1));
    expect(Math.abs(moments.raw(2) - 1)).toBeLessThan(se(2));
    expect(Math.abs(moments.raw(3))).toBeLessThan(se(15));
    expect(Math.abs(moments.raw(4) - 3)).toBeLessThan(se(96));
  });

  test('variance, skewness and excess kurtosis within 4 SE (sqrt(2/n), sqrt(6/n), sqrt(24/n))', () => {
    const m = moments.raw(1);
    const v = moments.raw(2) - m * m;
    const m3 = moments.raw(3) - 3 * m * moments.raw(2) + 2 * m ** 3;
    const m4 = moments.raw(4) - 4 * m * moments.raw(3) + 6 * m * m * moments.raw(2) - 3 * m ** 4;
    expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    expect(Math.abs(m3 / v ** 1.5)).toBeLessThan(4 * Math.sqrt(6 / N));
    expect(Math.abs(m4 / (v * v) - 3)).toBeLessThan(4 * Math.sqrt(24 / N));
  });

  test('chi-square on 1000 equiprobable cells below its upper 1e-4 point (999 df)', () => {
    const expected = N_CHI2 / CELLS;
    let chi2 = 0;
    for (const c of cellCounts) chi2 += (c - expected) ** 2 / expected;
    const k = CELLS - 1;
    // Wilson-Hilferty: chi2_k quantile = k (1 - 2/(9k) + z sqrt(2/(9k)))^3
    const z = normalQuantile(1 - 1e-4);
    const crit = k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
    expect(crit).toBeCloseTo(1173.85, 0); // scipy.stats.chi2.isf(1e-4, 999) = 1173.850
    expect(chi2).toBeLessThan(crit);
    // and not suspiciously small: below the lower 1e-4 point (about 837) a generator is too even
    const critLow = k * (1 - 2 / (9 * k) - z * Math.sqrt(2 / (9 * k))) ** 3;
    expect(chi2).toBeGreaterThan(critLow);
  });
});

describe('uniforms: repeated Kolmogorov-Smirnov, 200 seeds x 5000 draws', () => {
  let stats: number[];
  const uniformCdf = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);
  beforeAll(() => {
    stats = repeatedKs(RUNS, PER_RUN, (seed, out) => fillUniforms(streamFor(seed, 0, 'test:uniforms-ks'), out, 0, PER_RUN), uniformCdf);
  });

  test(`at most ${MAX_REJECTIONS} of ${RUNS} reject at level 0.01`, () => {
    expect(stats.filter((s) => s > KS_C_01).length).toBeLessThanOrEqual(MAX_REJECTIONS);
  });

  test('the 200 p-values look uniform (KS at level 0.001)', () => {
    expect(pValuesLookUniform(stats)).toBeLessThan(KS_C_001);
  });

  test('the test has power: u^1.1 is rejected almost always', () => {
    const bent = repeatedKs(20, PER_RUN, (seed, out) => {
      fillUniforms(streamFor(seed, 0, 'test:uniforms-ks'), out, 0, PER_RUN);
      for (let i = 0; i < PER_RUN; i++) out[i] = (out[i] as number) ** 1.1;
    }, uniformCdf);
    // sup |x^(1/1.1) - x| = 0.035, sqrt(n) D about 2.5 > 1.6276
    expect(bent.filter((s) => s > KS_C_01).length).toBeGreaterThan(15);
  });

  test('mean and variance of 10^7 uniforms within 4 SE of 1/2 and 1/12', () => {
    const N = 10_000_000;
    const st = streamFor(7, 0, 'test:uniforms-moments');
    const buf = new Float64Array(1 << 20);
    const m = new RawMoments();
    let min = 1, max = 0;
    for (let done = 0; done < N; done += buf.length) {
      const n = Math.min(buf.length, N - done);
      fillUniforms(st, buf, 0, n);
      m.addAll(buf, 0, n);
      for (let i = 0; i < n; i++) {
        const u = buf[i] as number;
        if (u < min) min = u;
        if (u > max) max = u;
      }
    }
    expect(min > 0 && max < 1).toBe(true);
    // Var U = 1/12; Var (U - 1/2)^2 = E (U - 1/2)^4 - (1/12)^2 = 1/80 - 1/144 = 1/180
    expect(Math.abs(m.raw(1) - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / N));
    const v = m.raw(2) - m.raw(1) ** 2;
    expect(Math.abs(v - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / N));
  });
});
