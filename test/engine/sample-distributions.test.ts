/**
 * sampleDistribution and distributionMean (src/engine/sample.ts) against closed forms.
 *
 * Where the expected numbers come from (closed forms, written out here independently of src):
 * - normal(mu, sd): Phi((x - mu)/sd), mean mu, variance sd^2.
 * - lognormal(median, s): Phi(ln(x/median)/s), mean median e^(s^2/2), variance
 *   (e^(s^2) - 1) median^2 e^(s^2).
 * - uniform(a, b): (x - a)/(b - a), mean (a + b)/2, variance (b - a)^2/12.
 * - triangular(a, c, b): (x - a)^2/((b - a)(c - a)) below c, 1 - (b - x)^2/((b - a)(b - c)) above;
 *   mean (a + b + c)/3, variance (a^2 + b^2 + c^2 - ab - ac - bc)/18.
 * - PERT(a, m, b) = a + (b - a) Beta(al, be), al = 1 + 4 (m - a)/(b - a), be = 1 + 4 (b - m)/(b - a)
 *   (Vose 2008): mean (a + 4m + b)/6, variance (mean - a)(b - mean)/7; fourth central moment from
 *   the Beta excess kurtosis 6[(al - be)^2 (al + be + 1) - al be (al + be + 2)] /
 *   [al be (al + be + 2)(al + be + 3)]. Where al and be are integers, the Beta CDF is the binomial
 *   sum I_x(al, be) = sum_{j = al}^{al + be - 1} C(al + be - 1, j) x^j (1 - x)^(al + be - 1 - j), so
 *   those cases get a KS test too.
 * Bounds: sample mean within 4 SE (SE = sd / sqrt(n)) of the closed-form mean; sample variance
 * within 4 SE (SE = sqrt((mu4 - sd^4)/n)); KS statistic sqrt(n) D below c(0.001) = 1.9495 (13 KS
 * tests, so about a 1.3% chance that one of them rejects for a correct sampler; seeds are fixed).
 * n = 1,000,000 per case (enough to see a 1% error in a scale parameter).
 */
import { describe, expect, test } from 'vitest';
import { nextNormal } from '../../src/engine/normals.js';
import { nextUniform, type StreamState } from '../../src/engine/rng.js';
import { distributionMean, sampleDistribution, sampleInto } from '../../src/engine/sample.js';
import { streamFor } from '../../src/engine/streams.js';
import type { Distribution } from '../../src/scenario/schema.js';
import { KS_C_001, ksStatistic, normalCdf } from './stats-helpers.js';

const N = 1_000_000;

interface Case {
  name: string;
  d: Distribution;
  mean: number;
  variance: number;
  /** Fourth central moment, for the standard error of the sample variance. */
  mu4: number;
  /** Closed-form CDF, where there is one. */
  cdf?: (x: number) => number;
  /** Support [lo, hi]. */
  support: [number, number];
}

function normalCase(mean: number, sd: number): Case {
  return {
    name: `normal(${mean}, ${sd})`,
    d: { dist: 'normal', mean, sd },
    mean,
    variance: sd * sd,
    mu4: 3 * sd ** 4,
    cdf: (x) => normalCdf((x - mean) / sd),
    support: [-Infinity, Infinity],
  };
}

function lognormalCase(median: number, s: number): Case {
  const w = Math.exp(s * s);
  // central moments of a lognormal: variance (w - 1) median^2 w; mu4 = var^2 (w^4 + 2 w^3 + 3 w^2 - 3)
  const variance = (w - 1) * median * median * w;
  return {
    name: `lognormal(${median}, ${s})`,
    d: { dist: 'lognormal', median, sdlog: s },
    mean: median * Math.exp(0.5 * s * s),
    variance,
    mu4: variance * variance * (w ** 4 + 2 * w ** 3 + 3 * w * w - 3),
    cdf: (x) => (x <= 0 ? 0 : normalCdf(Math.log(x / median) / s)),
    support: [0, Infinity],
  };
}

function uniformCase(a: number, b: number): Case {
  return {
    name: `uniform(${a}, ${b})`,
    d: { dist: 'uniform', min: a, max: b },
    mean: (a + b) / 2,
    variance: (b - a) ** 2 / 12,
    mu4: (b - a) ** 4 / 80,
    cdf: (x) => Math.min(1, Math.max(0, (x - a) / (b - a))),
    support: [a, b],
  };
}

function triangularCase(a: number, c: number, b: number): Case {
  const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  return {
    name: `triangular(${a}, ${c}, ${b})`,
    d: { dist: 'triangular', min: a, mode: c, max: b },
    mean: (a + b + c) / 3,
    variance,
    mu4: variance * variance * (3 - 3 / 5), // excess kurtosis of every triangular is -3/5
    cdf: (x) =>
      x <= a ? 0 : x >= b ? 1 : x <= c ? (x - a) ** 2 / ((b - a) * (c - a)) : 1 - (b - x) ** 2 / ((b - a) * (b - c)),
    support: [a, b],
  };
}

function binomialCoefficient(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

function pertCase(a: number, m: number, b: number): Case {
  const w = b - a;
  const al = 1 + (4 * (m - a)) / w;
  const be = 1 + (4 * (b - m)) / w;
  const s = al + be;
  const mean = (a + 4 * m + b) / 6;
  const variance = ((mean - a) * (b - mean)) / 7;
  const exKurt = (6 * ((al - be) ** 2 * (s + 1) - al * be * (s + 2))) / (al * be * (s + 2) * (s + 3));
  const c: Case = {
    name: `pert(${a}, ${m}, ${b}) = Beta(${al}, ${be})`,
    d: { dist: 'pert', min: a, mode: m, max: b },
    mean,
    variance,
    mu4: variance * variance * (exKurt + 3),
    support: [a, b],
  };
  if (Number.isInteger(al) && Number.isInteger(be)) {
    const n = al + be - 1;
    c.cdf = (x) => {
      const t = Math.min(1, Math.max(0, (x - a) / w));
      let p = 0;
      for (let j = al; j <= n; j++) p += binomialCoefficient(n, j) * t ** j * (1 - t) ** (n - j);
      return p;
    };
  }
  return c;
}

const CASES: Case[] = [
  normalCase(0, 1),
  normalCase(250e6, 40e6),
  lognormalCase(1, 0.25),
  lognormalCase(200e6, 0.8),
  uniformCase(0, 1),
  uniformCase(-0.3, 0.15),
  triangularCase(0, 2, 10),
  triangularCase(0.5, 0.5, 1.5), // mode at the minimum
  triangularCase(-4, 6, 6), // mode at the maximum
  pertCase(0, 0.25, 1), // Beta(2, 4)
  pertCase(0, 0.5, 1), // Beta(3, 3)
  pertCase(100, 100, 200), // Beta(1, 5): mode at the minimum, gamma shape exactly 1
  pertCase(0, 1, 1), // Beta(5, 1)
  pertCase(10, 13, 30), // Beta(1.6, 4.4): non-integer gamma shapes, moments only
  pertCase(0.02, 0.05, 0.2), // Beta(1.6667, 4.3333): a rate, as scenarios use
];

function draw(c: Case, index: number): Float64Array {
  const st = streamFor(11, index, `test:sample:${c.name}`);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = sampleDistribution(c.d, st);
  return out;
}

function sampleMeanVariance(x: Float64Array): [number, number] {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - m) ** 2;
  return [m, ss / (x.length - 1)];
}

describe('sampleDistribution against closed forms (n = 1,000,000 each)', () => {
  test.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    expect(distributionMean(c.d)).toBeCloseTo(c.mean, 9);
    const x = draw(c, i);
    const [lo, hi] = c.support;
    expect(x.every((v) => Number.isFinite(v) && v >= lo && v <= hi)).toBe(true);
    const [m, v] = sampleMeanVariance(x);
    const seMean = Math.sqrt(c.variance / N);
    expect(Math.abs(m - c.mean), `mean ${m} vs ${c.mean}, 4 SE = ${4 * seMean}`).toBeLessThan(4 * seMean);
    const seVar = Math.sqrt((c.mu4 - c.variance ** 2) / N);
    expect(Math.abs(v - c.variance), `variance ${v} vs ${c.variance}, 4 SE = ${4 * seVar}`).toBeLessThan(4 * seVar);
    if (c.cdf) {
      const k = Math.sqrt(N) * ksStatistic(x, c.cdf);
      expect(k, 'sqrt(n) D').toBeLessThan(KS_C_001);
    }
  });

  test('the KS check has power: triangular(0, 2, 10) draws against the CDF of triangular(0, 2.5, 10) are rejected', () => {
    const c = triangularCase(0, 2, 10);
    const wrong = triangularCase(0, 2.5, 10);
    const x = draw(c, 6);
    // at x = 2: F = 0.1 against 0.16, so sqrt(n) D is about 60
    expect(Math.sqrt(N) * ksStatistic(x, wrong.cdf!)).toBeGreaterThan(KS_C_001);
  });

  test('the Beta CDF by binomial sum is a CDF: 0 at the minimum, 1 at the maximum, 1/2 at the middle of Beta(3, 3)', () => {
    const c = pertCase(0, 0.5, 1);
    expect(c.cdf!(0)).toBe(0);
    expect(c.cdf!(1)).toBeCloseTo(1, 14);
    expect(c.cdf!(0.5)).toBeCloseTo(0.5, 14);
    // Beta(2, 4): I_x = 1 - (1 - x)^5 - 5 x (1 - x)^4
    const d = pertCase(0, 0.25, 1);
    expect(d.cdf!(0.3)).toBeCloseTo(1 - 0.7 ** 5 - 5 * 0.3 * 0.7 ** 4, 14);
  });

  test('sampleDistribution draws from the given stream only, reproducibly', () => {
    const c = pertCase(10, 13, 30);
    const a = streamFor(3, 0, 'test:sample:repro');
    const b = streamFor(3, 0, 'test:sample:repro');
    const xa = Array.from({ length: 1000 }, () => sampleDistribution(c.d, a));
    const xb = Array.from({ length: 1000 }, () => sampleDistribution(c.d, b));
    expect(xa).toEqual(xb);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  test('sampleInto gives sampleDistribution\'s draws plus the offset, bit for bit, and leaves the stream where they do', () => {
    const extra: Distribution[] = [
      { dist: 'pert', min: 2, mode: 2, max: 7 }, // a = 1
      { dist: 'pert', min: -3, mode: 4, max: 4 }, // b = 1
      { dist: 'triangular', min: 1, mode: 1, max: 3 },
      { dist: 'triangular', min: 1, mode: 3, max: 3 },
    ] as Distribution[];
    [...CASES.map((c) => c.d), ...extra].forEach((d, i) => {
      for (const offset of [0, 0.75, -12.5]) {
        const a = streamFor(4, i, 'test:sample:into'), b = streamFor(4, i, 'test:sample:into');
        const n = 5000, out = new Float64Array(n);
        sampleInto(d, a, out, n, offset);
        const want = Float64Array.from({ length: n }, () => sampleDistribution(d, b) + offset);
        expect(Array.from(out).every((x, p) => Object.is(x, want[p])), `${JSON.stringify(d)} offset ${offset}`).toBe(true);
        expect(Array.from(a)).toEqual(Array.from(b));
      }
    });
  });

  test('PERT\'s block loop (generator in locals) against Marsaglia & Tsang written one draw at a time: the same bits, the same stream', () => {
    // The twin: gamma(shape >= 1) from nextNormal and nextUniform, ga then gb per draw.
    const gammaTwin = (st: StreamState, shape: number): number => {
      const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
      for (;;) {
        let x: number, v: number;
        do { x = nextNormal(st); v = 1 + c * x; } while (v <= 0);
        v = v * v * v;
        const u = nextUniform(st);
        if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
      }
    };
    // shapes 1 (mode at an end: v <= 0 is rejected about 0.7% of the time) to 5, and in between
    const ds = [
      { dist: 'pert', min: 0, mode: 0, max: 1 },
      { dist: 'pert', min: -3, mode: 4, max: 4 },
      { dist: 'pert', min: 0.05, mode: 0.2, max: 0.35 },
      { dist: 'pert', min: 10, mode: 13, max: 30 },
    ] as Distribution[];
    let moreOutputs = 0;
    ds.forEach((d, i) => {
      if (d.dist !== 'pert') throw new Error('pert only');
      const w = d.max - d.min, a = 1 + (4 * (d.mode - d.min)) / w, b = 1 + (4 * (d.max - d.mode)) / w;
      const st = streamFor(5, i, 'test:sample:pert-twin'), tw = streamFor(5, i, 'test:sample:pert-twin');
      const n = 20_000, out = new Float64Array(n), offset = 0.5;
      sampleInto(d, st, out, n, offset);
      for (let p = 0; p < n; p++) {
        const before = Array.from(tw);
        const ga = gammaTwin(tw, a), gb = gammaTwin(tw, b);
        // 2 normals and 2 uniforms when both gammas accept at once by the squeeze; otherwise more outputs
        const probe = Int32Array.from(before);
        for (let k = 0; k < 4; k++) nextUniform(probe);
        if (Array.from(probe).join() !== Array.from(tw).join()) moreOutputs++;
        const want = d.min + (w * ga) / (ga + gb) + offset;
        if (!Object.is(out[p], want)) throw new Error(`${JSON.stringify(d)} path ${p}: ${out[p]} against ${want}`);
      }
      expect(Array.from(st)).toEqual(Array.from(tw));
    });
    // draws past the first try's normal and uniform (rejections, the log test, the ziggurat's slow path) were taken
    expect(moreOutputs).toBeGreaterThan(1000);
  });
});
