/**
 * Paired comparison on common random numbers: a scenario against itself differs by exactly zero
 * with zero standard error; A vs B and B vs A give opposite signs, exactly; the paired standard
 * error is smaller than that of two independent runs, and matches the spread of the estimate
 * over seeds; the aggregates agree with a direct computation from the simulated paths; each
 * scenario's own numbers are those of `trade-sim run` with the same seed; any number of workers
 * gives the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { prepareComparison, runComparison } from '../../src/studies/compare/compare.js';
import type { Comparison, ComparisonSummary } from '../../src/studies/compare/summary.js';
import { BLOCK, CHUNK, ChunkSimulator, seriesCount } from '../../src/engine/kernel/index.js';
import { RELATIVE_BIN_WIDTH } from '../../src/engine/histogram.js';
import { prepareScenario } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { toJson } from '../../src/results/write.js';

const BASE = 'test/fixtures/compare/base.yaml';
const CUSTOMS = 'test/fixtures/compare/customs.yaml';

async function compare(files: string[], paths: number, seed: number, workers = 0): Promise<ComparisonSummary> {
  const preps = prepareComparison(files);
  return (await runComparison(preps, files, { paths, seed, workers })).summary;
}

/** Negation that maps 0 to +0, so that exact comparisons do not trip on -0. */
const neg = (v: number) => 0 - v;
const negAll = (a: number[]) => a.map(neg);

describe('a scenario compared with itself', () => {
  it('differs by exactly zero, with zero standard error, everywhere', async () => {
    const s = await compare([BASE, BASE], 3000, 11);
    expect(s.scenarios.map((x) => x.key)).toEqual(['base', 'base#2']);
    const c = s.comparisons[0] as Comparison;
    const zeros = s.years.map(() => 0);
    for (const d of [c.probability, c.reachedBy]) {
      expect(d.difference).toEqual(zeros);
      expect(d.standardError).toEqual(zeros);
      expect(d.lower95).toEqual(zeros);
      expect(d.upper95).toEqual(zeros);
      expect(d.joint.onlyBaseline).toEqual(zeros);
      expect(d.joint.onlyScenario).toEqual(zeros);
      expect(d.baseline).toEqual(d.scenario);
    }
    const t = c.annualTotal;
    for (const a of [t.meanDifference, t.meanDifferenceStandardError, t.lower95, t.upper95, t.medianDifference, t.shareHigher, t.shareLower]) expect(a).toEqual(zeros);
    for (const q of Object.values(t.pairedDifference)) expect(q).toEqual(zeros);
    expect(c.firstYear).toMatchObject({ medianShift: 0, earlier: 0, same: 1, later: 0 });
    expect(c.commonRandomNumbers.onlyBaseline).toEqual([]);
    expect(c.commonRandomNumbers.onlyScenario).toEqual([]);
    // ... while the scenario itself is not degenerate.
    expect(t.independentStandardError.every((v) => v > 0)).toBe(true);
    expect(s.scenarios[0]?.annualTotal).toEqual(s.scenarios[1]?.annualTotal);
  });
});

describe('A vs B and B vs A', () => {
  it('give opposite signs, exactly, and the same standard errors', async () => {
    const ab = await compare([BASE, CUSTOMS], 3000, 5);
    const ba = await compare([CUSTOMS, BASE], 3000, 5);
    const x = ab.comparisons[0] as Comparison, y = ba.comparisons[0] as Comparison;
    expect(x.reachedBy.difference.some((d) => d > 0.05)).toBe(true); // a real difference, not zeros
    for (const k of ['probability', 'reachedBy'] as const) {
      expect(y[k].difference).toEqual(negAll(x[k].difference));
      expect(y[k].standardError).toEqual(x[k].standardError);
      expect(y[k].independentStandardError).toEqual(x[k].independentStandardError);
      expect(y[k].lower95).toEqual(negAll(x[k].upper95));
      expect(y[k].upper95).toEqual(negAll(x[k].lower95));
      expect(y[k].baseline).toEqual(x[k].scenario);
      expect(y[k].joint.onlyBaseline).toEqual(x[k].joint.onlyScenario);
    }
    const a = x.annualTotal, b = y.annualTotal;
    expect(b.meanDifference).toEqual(negAll(a.meanDifference));
    expect(b.meanDifferenceStandardError).toEqual(a.meanDifferenceStandardError);
    expect(b.lower95).toEqual(negAll(a.upper95));
    expect(b.medianDifference).toEqual(negAll(a.medianDifference));
    const qa = a.pairedDifference, qb = b.pairedDifference;
    expect(qb.p05).toEqual(negAll(qa.p95));
    expect(qb.p10).toEqual(negAll(qa.p90));
    expect(qb.p25).toEqual(negAll(qa.p75));
    expect(qb.p50).toEqual(negAll(qa.p50));
    expect(qb.p95).toEqual(negAll(qa.p05));
    expect(b.shareHigher).toEqual(a.shareLower);
    expect(y.firstYear.medianShift).toBe(x.firstYear.medianShift === null ? null : neg(x.firstYear.medianShift));
    expect(y.firstYear.earlier).toBe(x.firstYear.later);
    expect(y.firstYear.later).toBe(x.firstYear.earlier);
    expect(y.commonRandomNumbers.onlyBaseline).toEqual(x.commonRandomNumbers.onlyScenario);
  });
});

describe('the paired standard error', () => {
  it('is smaller than that of two independent runs (different seeds) for a pair that differs in one agreement', async () => {
    const N = 4096;
    const s = await compare([BASE, CUSTOMS], N, 1);
    const c = s.comparisons[0] as Comparison;
    expect(c.commonRandomNumbers.onlyScenario).toEqual(['agreement:customs', 'param:agreements.customs.delay']);
    const a = (await runPrepared(prepareScenario(BASE), { paths: N, seed: 1, workers: 0 })).summary;
    const b = (await runPrepared(prepareScenario(CUSTOMS), { paths: N, seed: 2, workers: 0 })).summary;
    const ti = s.years.indexOf(s.target.year), last = s.years.length - 1;
    for (const y of [ti, last]) {
      const indepP = Math.hypot(a.target.reachedByStandardError[y] as number, b.target.reachedByStandardError[y] as number);
      expect(c.reachedBy.standardError[y]).toBeGreaterThan(0);
      expect(c.reachedBy.standardError[y]).toBeLessThan(0.8 * indepP);
      const indepPy = Math.hypot(a.target.standardError[y] as number, b.target.standardError[y] as number);
      expect(c.probability.standardError[y]).toBeLessThan(0.8 * indepPy);
      const indepMean = Math.hypot(a.annual.total.meanStandardError[y] as number, b.annual.total.meanStandardError[y] as number);
      expect(c.annualTotal.meanDifferenceStandardError[y]).toBeLessThan(0.5 * indepMean);
    }
  });

  it('matches the spread of the paired estimate over seeds, which is smaller than the independent spread', async () => {
    const N = 2048, seeds = [101, 102, 103, 104, 105, 106, 107, 108];
    const prepA = prepareScenario(BASE), prepB = prepareScenario(CUSTOMS);
    const last = 9;
    const paired: number[] = [], pairedMean: number[] = [], indep: number[] = [], indepMean: number[] = [];
    let se = 0, seMean = 0;
    for (const seed of seeds) {
      const c = (await compare([BASE, CUSTOMS], N, seed)).comparisons[0] as Comparison;
      paired.push(c.reachedBy.difference[last] as number);
      pairedMean.push(c.annualTotal.meanDifference[last] as number);
      se += (c.reachedBy.standardError[last] as number) / seeds.length;
      seMean += (c.annualTotal.meanDifferenceStandardError[last] as number) / seeds.length;
      const a = (await runPrepared(prepA, { paths: N, seed, workers: 0 })).summary;
      const b = (await runPrepared(prepB, { paths: N, seed: seed + 1000, workers: 0 })).summary;
      indep.push((b.target.reachedBy[last] as number) - (a.target.reachedBy[last] as number));
      indepMean.push((b.annual.total.mean[last] as number) - (a.annual.total.mean[last] as number));
    }
    const sd = (v: number[]) => { const m = v.reduce((x, y) => x + y, 0) / v.length; return Math.sqrt(v.reduce((x, y) => x + (y - m) ** 2, 0) / (v.length - 1)); };
    // The formula agrees with the observed spread (8 replicates: within a factor of 2.2).
    expect(sd(paired) / se).toBeGreaterThan(1 / 2.2);
    expect(sd(paired) / se).toBeLessThan(2.2);
    expect(sd(pairedMean) / seMean).toBeGreaterThan(1 / 2.2);
    expect(sd(pairedMean) / seMean).toBeLessThan(2.2);
    // Independent runs scatter far more (the mean: about 4x here).
    expect(sd(pairedMean)).toBeLessThan(sd(indepMean) / 2);
    expect(sd(paired)).toBeLessThan(sd(indep));
  });
});

describe('the aggregates', () => {
  it('agree with a direct computation from the simulated paths', async () => {
    const N = 2 * CHUNK + 300, seed = 17;
    const s = await compare([BASE, CUSTOMS], N, seed);
    const plans = [prepareScenario(BASE).compiled.plan, prepareScenario(CUSTOMS).compiled.plan];
    const Y = s.years.length;
    const totals = plans.map(() => Array.from({ length: Y }, () => [] as number[]));
    plans.forEach((plan, i) => {
      const sim = new ChunkSimulator(plan);
      const S = seriesCount(plan);
      for (let chunk = 0; chunk * CHUNK < N; chunk++) {
        sim.simulateChunk(seed, chunk, Math.min(CHUNK, N - chunk * CHUNK), (b) => {
          for (let y = 0; y < Y; y++) for (let p = 0; p < b.n; p++) totals[i]![y]!.push(b.annual[y * S * BLOCK + p] as number);
        });
      }
    });
    const target = s.target.value;
    const c = s.comparisons[0] as Comparison;
    const firstOf = (i: number) => Array.from({ length: N }, (_, p) => { const y = totals[i]!.findIndex((t) => (t[p] as number) >= target); return y < 0 ? Y : y; });
    const fa = firstOf(0), fb = firstOf(1);
    for (let y = 0; y < Y; y++) {
      const a = totals[0]![y]!, b = totals[1]![y]!;
      const d = b.map((v, p) => v - (a[p] as number));
      const hitsA = a.filter((v) => v >= target).length, hitsB = b.filter((v) => v >= target).length;
      expect(c.probability.difference[y]).toBeCloseTo((hitsB - hitsA) / N, 14);
      const n01 = a.filter((v, p) => v < target && (b[p] as number) >= target).length;
      const n10 = a.filter((v, p) => v >= target && (b[p] as number) < target).length;
      const diff = (n01 - n10) / N;
      expect(c.probability.standardError[y]).toBeCloseTo(Math.sqrt(((n01 + n10) / N - diff * diff) / N), 14);
      const rb = (f: number[]) => f.filter((v) => v <= y).length / N;
      expect(c.reachedBy.difference[y]).toBeCloseTo(rb(fb) - rb(fa), 14);
      const mean = d.reduce((x, v) => x + v, 0) / N;
      expect(c.annualTotal.meanDifference[y] as number).toBeCloseTo(mean, -1); // USD: summation order aside
      const sd = Math.sqrt(d.reduce((x, v) => x + (v - mean) ** 2, 0) / N);
      expect((c.annualTotal.meanDifferenceStandardError[y] as number) / (sd / Math.sqrt(N))).toBeCloseTo(1, 6);
      const sorted = [...d].sort((x, v) => x - v);
      for (const [key, q] of [['p05', 0.05], ['p50', 0.5], ['p95', 0.95]] as const) {
        const got = c.annualTotal.pairedDifference[key][y] as number;
        // Between the order statistics around the quantile, widened by one bin.
        const lo = sorted[Math.max(0, Math.floor(q * N) - 1)] as number, hi = sorted[Math.min(N - 1, Math.ceil(q * N))] as number;
        const slack = Math.max(65536, RELATIVE_BIN_WIDTH * Math.max(Math.abs(lo), Math.abs(hi)));
        expect(got).toBeGreaterThanOrEqual(lo - slack);
        expect(got).toBeLessThanOrEqual(hi + slack);
      }
      expect(c.annualTotal.shareHigher[y]).toBe(d.filter((v) => v > 0).length / N);
    }
    expect(c.firstYear.earlier).toBe(fa.filter((v, p) => (fb[p] as number) < v).length / N);
    expect(c.firstYear.later).toBe(fa.filter((v, p) => (fb[p] as number) > v).length / N);
  });

  it("give each scenario the numbers of its own run with the same seed, bit for bit", async () => {
    const N = 3000, seed = 23;
    const s = await compare([BASE, CUSTOMS], N, seed);
    for (const [i, file] of [BASE, CUSTOMS].entries()) {
      const run = (await runPrepared(prepareScenario(file), { paths: N, seed, workers: 0 })).summary;
      const mine = s.scenarios[i]!;
      expect(mine.annualTotal).toEqual(run.annual.total);
      expect(mine.target.probability).toEqual(run.target.probability);
      expect(mine.target.reachedBy).toEqual(run.target.reachedBy);
      expect(mine.target.firstYear.probability).toEqual(run.target.firstYear.probability);
      expect(mine.target.medianFirstYear).toBe(run.target.medianFirstYear);
    }
  });
});

describe('reproducibility', () => {
  it('gives the same bytes in this thread and on 1 or 2 workers', async () => {
    const N = 5000, seed = 3;
    const outs = await Promise.all([0, 1, 2].map(async (w) => toJson(await compare([BASE, CUSTOMS, BASE], N, seed, w))));
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
  });
});
