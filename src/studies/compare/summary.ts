/**
 * The shape of comparison.json, and how it is computed from a comparison run. Deterministic (no
 * timings), so that the same scenarios, paths and seed give the same bytes for any --workers.
 * Money is USD per year; probabilities are fractions; differences are scenario minus baseline
 * (the first scenario) on the same simulated paths (common random numbers).
 *
 * Paired standard errors: on N paths, the difference of two shares is the mean of the per-path
 * differences h_B - h_A in {-1, 0, 1}; its standard error is sqrt(var(h_B - h_A) / N), from the
 * joint counts: var = (n01 + n10) / N - diff^2, with n01 the paths where only the scenario is at
 * the target and n10 those where only the baseline is. Likewise for the mean annual total, from
 * the sums of d = B - A and d^2. Both are the same formulas as a run's (`sqrt(p (1 - p) / N)`,
 * `sd / sqrt(N)`), applied to the differences.
 */
import { RELATIVE_BIN_WIDTH } from '../../engine/histogram.js';
import type { Prepared } from '../../project.js';
import { QUANTILE_KEYS, type SeriesStats, type StoppingRule } from '../../results/summary.js';
import { stoppingRule } from '../../results/summarise.js';
import { meanFromSums, medianFirstYear, pairedProportionSe, proportionSe, reachedBy as reachedByOf, seriesStats, signedQuantiles, Z95 } from '../../results/statistics.js';
import { sharedComponents, type SharedComponents } from './check.js';
import type { CompareRunResult } from './compare.js';
import { SIGNED_BINS } from '../../engine/signed-histogram.js';

/** z for a two-sided 95% normal interval. */

export interface ScenarioResult {
  /** Unique within the comparison: the scenario's name, with "#2", "#3" for repeats. */
  key: string;
  name: string;
  title: string;
  /** As given on the command line. */
  file: string;
  sha256: string;
  annualTotal: SeriesStats;
  target: {
    probability: number[];
    standardError: number[];
    reachedBy: number[];
    reachedByStandardError: number[];
    firstYear: { probability: number[]; never: number };
    medianFirstYear: number | null;
  };
  warnings: string[];
}

/** A paired difference of two shares, per year. */
export interface ProbabilityDifference {
  baseline: number[];
  scenario: number[];
  /** scenario - baseline */
  difference: number[];
  /** Paired: sqrt(var(h_B - h_A) / N). */
  standardError: number[];
  lower95: number[];
  upper95: number[];
  /** What two independent runs of N paths each would give: sqrt(pA(1-pA)/N + pB(1-pB)/N). */
  independentStandardError: number[];
  /** Paths (shares) per year: at the target in both, only the baseline, only the scenario, neither. */
  joint: { both: number[]; onlyBaseline: number[]; onlyScenario: number[]; neither: number[] };
}

/** Per year, the quantiles of the per-path difference: the quantile fields of SeriesStats. */
export type DifferenceQuantiles = Pick<SeriesStats, (typeof QUANTILE_KEYS)[number]>;

export interface Comparison {
  /** Key of the scenario compared. */
  scenario: string;
  /** Key of the baseline (the first scenario). */
  baseline: string;
  commonRandomNumbers: SharedComponents;
  /** P(annual total >= target) in each year. */
  probability: ProbabilityDifference;
  /** P(target reached in the year or before). */
  reachedBy: ProbabilityDifference;
  annualTotal: {
    /** Median of the scenario minus median of the baseline. */
    medianDifference: number[];
    /** Mean of the paired differences (= difference of the means). */
    meanDifference: number[];
    meanDifferenceStandardError: number[];
    lower95: number[];
    upper95: number[];
    /** sqrt(seA^2 + seB^2): the standard error two independent runs would give. */
    independentStandardError: number[];
    /** Quantiles of the per-path difference B - A (a fan of the difference). */
    pairedDifference: DifferenceQuantiles;
    /** Share of paths on which the scenario's annual total is higher / lower than the baseline's. */
    shareHigher: number[];
    shareLower: number[];
  };
  firstYear: {
    baselineMedian: number | null;
    scenarioMedian: number | null;
    /** scenarioMedian - baselineMedian, years; null when either is not reached on half the paths. */
    medianShift: number | null;
    /** Shares of paths on which the scenario reaches the target earlier / in the same year / later (never counts as after the horizon). */
    earlier: number;
    same: number;
    later: number;
  };
}

export interface ComparisonSummary {
  format: 'trade-sim/comparison/v1';
  paths: number;
  seed: number;
  chunkSize: number;
  units: { money: 'USD per year'; probability: 'fraction'; difference: 'scenario minus baseline, on the same paths' };
  calendar: { start: string; horizon: number; stepsPerYear: number; fiscalYearStartMonth: number };
  years: number[];
  yearLabels: string[];
  target: { value: number; year: number };
  /** The first is the baseline. */
  scenarios: ScenarioResult[];
  /** One per scenario after the first, against the first. */
  comparisons: Comparison[];
  precision: {
    quantileRelativeBinWidth: number;
    interval: '95%: difference ± 1.96 paired standard errors';
    /** Present when the comparison was asked for a precision (--precision) instead of a number of paths. */
    stoppingRule?: StoppingRule;
  };
}

/** Keys for the scenarios: names, made unique. */
/** The target year as the run labels its years ("FY2029-30" on a fiscal calendar, else "2030"). */
export const targetYearLabel = (s: Pick<ComparisonSummary, 'years' | 'yearLabels' | 'target'>): string =>
  s.yearLabels[s.years.indexOf(s.target.year)] ?? String(s.target.year);

export function scenarioKeys(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}#${k}`;
  });
}

/** -0 -> 0, so that JSON and equality tests see a plain zero. */
const z0 = (v: number) => v + 0;

function pairedProportion(n: number, nA: number[], nB: number[], n10: number[], n01: number[], n11: number[]): ProbabilityDifference {
  const Y = nA.length;
  const out: ProbabilityDifference = {
    baseline: [], scenario: [], difference: [], standardError: [], lower95: [], upper95: [], independentStandardError: [],
    joint: { both: [], onlyBaseline: [], onlyScenario: [], neither: [] },
  };
  for (let y = 0; y < Y; y++) {
    const a = nA[y] as number, b = nB[y] as number, ab = n10[y] as number, ba = n01[y] as number, both = n11[y] as number;
    const pA = a / n, pB = b / n;
    const diff = (ba - ab) / n;
    const se = pairedProportionSe(n, ab, ba);
    out.baseline.push(pA);
    out.scenario.push(pB);
    out.difference.push(z0(diff));
    out.standardError.push(se);
    out.lower95.push(z0(diff - Z95 * se));
    out.upper95.push(z0(diff + Z95 * se));
    out.independentStandardError.push(Math.sqrt(proportionSe(pA, n) ** 2 + proportionSe(pB, n) ** 2));
    out.joint.both.push(both / n);
    out.joint.onlyBaseline.push(ab / n);
    out.joint.onlyScenario.push(ba / n);
    out.joint.neither.push((n - both - ab - ba) / n);
  }
  return out;
}

/**
 * Paths that reached the target by year y in the baseline only (a10), in scenario j = c + 1 only
 * (a01) and in both (a11), from the joint first years of a ComparePartial.
 */
export function reachedJointly(firstJoint: Float64Array, c: number, Y: number, y: number): { a10: number; a01: number; a11: number } {
  const Y1 = Y + 1;
  let a10 = 0, a01 = 0, a11 = 0;
  for (let fa = 0; fa < Y1; fa++) {
    for (let fb = 0; fb < Y1; fb++) {
      const v = firstJoint[c * Y1 * Y1 + fa * Y1 + fb] as number;
      if (v === 0) continue;
      const ra = fa <= y, rb = fb <= y;
      if (ra && rb) a11 += v; else if (ra) a10 += v; else if (rb) a01 += v;
    }
  }
  return { a10, a01, a11 };
}

const TAILS = [0.05, 0.1, 0.25] as const;

export function summariseComparison(result: CompareRunResult, preps: Prepared[], files: string[]): ComparisonSummary {
  const { plans, paths: n, partial: P, totals } = result;
  const base = plans[0];
  const first = preps[0];
  if (!base || !first) throw new Error('internal: no baseline');
  const K = plans.length;
  const Y = base.years.length;
  const Y1 = Y + 1;
  const keys = scenarioKeys(preps.map((p) => p.loaded.scenario.name));

  const scenarios: ScenarioResult[] = preps.map((prep, i) => {
    const s = prep.loaded.scenario;
    const st: SeriesStats = seriesStats(n, totals.sum, totals.sumsq, P.hist, base.years.map((_, y) => i * Y + y));
    const probability = Array.from(P.hits.subarray(i * Y, (i + 1) * Y), (h) => h / n);
    const reachedBy = reachedByOf(P.firstYear, i * Y1, Y, n);
    return {
      key: keys[i] as string,
      name: s.name,
      title: s.title ?? s.name,
      file: files[i] ?? prep.loaded.file,
      sha256: prep.loaded.sha256,
      annualTotal: st,
      target: {
        probability,
        standardError: probability.map((p) => proportionSe(p, n)),
        reachedBy,
        reachedByStandardError: reachedBy.map((p) => proportionSe(p, n)),
        firstYear: {
          probability: base.years.map((_, y) => (P.firstYear[i * Y1 + y] as number) / n),
          never: (P.firstYear[i * Y1 + Y] as number) / n,
        },
        medianFirstYear: medianFirstYear(reachedBy, base.years),
      },
      warnings: prep.compiled.warnings,
    };
  });

  const comparisons: Comparison[] = [];
  for (let j = 1; j < K; j++) {
    const c = j - 1;
    const A = scenarios[0] as ScenarioResult, B = scenarios[j] as ScenarioResult;
    // In-year joint counts.
    const cnt = (k: number) => Array.from({ length: Y }, (_, y) => P.joint[(c * Y + y) * 4 + k] as number);
    const inYear = pairedProportion(n, cnt(2).map((v, y) => v + (cnt(3)[y] as number)), cnt(1).map((v, y) => v + (cnt(3)[y] as number)), cnt(2), cnt(1), cnt(3));
    // Reached-by joint counts, from the joint first years.
    const fj = (fa: number, fb: number) => P.firstJoint[c * Y1 * Y1 + fa * Y1 + fb] as number;
    const r10: number[] = [], r01: number[] = [], r11: number[] = [], rA: number[] = [], rB: number[] = [];
    for (let y = 0; y < Y; y++) {
      const { a10, a01, a11 } = reachedJointly(P.firstJoint, c, Y, y);
      r10.push(a10); r01.push(a01); r11.push(a11); rA.push(a10 + a11); rB.push(a01 + a11);
    }
    const reachedBy = pairedProportion(n, rA, rB, r10, r01, r11);
    let earlier = 0, same = 0, later = 0;
    for (let fa = 0; fa < Y1; fa++) {
      for (let fb = 0; fb < Y1; fb++) {
        const v = fj(fa, fb);
        if (fb < fa) earlier += v; else if (fb === fa) same += v; else later += v;
      }
    }
    const dq: DifferenceQuantiles = { p05: [], p10: [], p25: [], p50: [], p75: [], p90: [], p95: [] };
    const meanDifference: number[] = [], meanSe: number[] = [], lo: number[] = [], hi: number[] = [], indep: number[] = [];
    const higher: number[] = [], lower: number[] = [], medianDifference: number[] = [];
    for (let y = 0; y < Y; y++) {
      const h = c * Y + y;
      const q = signedQuantiles(P.diffHist, h * SIGNED_BINS, TAILS);
      dq.p05.push(z0(q.lower[0] as number)); dq.p10.push(z0(q.lower[1] as number)); dq.p25.push(z0(q.lower[2] as number));
      dq.p50.push(z0(q.median));
      dq.p75.push(z0(q.upper[2] as number)); dq.p90.push(z0(q.upper[1] as number)); dq.p95.push(z0(q.upper[0] as number));
      higher.push(q.counts.positive / n);
      lower.push(q.counts.negative / n);
      const { mean, standardError: se } = meanFromSums(totals.diffSum[h] as number, totals.diffSumsq[h] as number, n);
      meanDifference.push(z0(mean));
      meanSe.push(se);
      lo.push(z0(mean - Z95 * se));
      hi.push(z0(mean + Z95 * se));
      indep.push(Math.sqrt((A.annualTotal.meanStandardError[y] as number) ** 2 + (B.annualTotal.meanStandardError[y] as number) ** 2));
      medianDifference.push(z0((B.annualTotal.p50[y] as number) - (A.annualTotal.p50[y] as number)));
    }
    const ma = A.target.medianFirstYear, mb = B.target.medianFirstYear;
    comparisons.push({
      scenario: B.key,
      baseline: A.key,
      commonRandomNumbers: sharedComponents(base, plans[j] as (typeof plans)[number]),
      probability: inYear,
      reachedBy,
      annualTotal: {
        medianDifference, meanDifference, meanDifferenceStandardError: meanSe, lower95: lo, upper95: hi,
        independentStandardError: indep, pairedDifference: dq, shareHigher: higher, shareLower: lower,
      },
      firstYear: {
        baselineMedian: ma,
        scenarioMedian: mb,
        medianShift: ma === null || mb === null ? null : z0(mb - ma),
        earlier: earlier / n,
        same: same / n,
        later: later / n,
      },
    });
  }
  const s0 = first.loaded.scenario;
  return {
    format: 'trade-sim/comparison/v1',
    paths: n,
    seed: result.seed,
    chunkSize: result.chunkSize,
    units: { money: 'USD per year', probability: 'fraction', difference: 'scenario minus baseline, on the same paths' },
    calendar: { start: s0.start, horizon: s0.horizon, stepsPerYear: s0.stepsPerYear, fiscalYearStartMonth: s0.fiscalYearStartMonth },
    years: base.years,
    yearLabels: base.yearLabels,
    target: { value: base.target.value, year: base.target.year },
    scenarios,
    comparisons,
    precision: {
      quantileRelativeBinWidth: RELATIVE_BIN_WIDTH, interval: '95%: difference ± 1.96 paired standard errors',
      ...(result.precision ? { stoppingRule: stoppingRule(`largest paired difference in P(reached by ${base.target.year})`, result.precision) } : {}),
    },
  };
}
