/**
 * RunResult -> Summary: quantiles from the histograms, means from the chunk-ordered sums,
 * probabilities from exact counts with their binomial standard errors.
 */
import type { RunResult } from '../studies/run/run.js';
import { BINS, HIGH_EXP, RELATIVE_BIN_WIDTH } from '../engine/histogram.js';
import { twoTo } from '../engine/powers-of-two.js';
import { seriesCount } from '../engine/kernel/index.js';
import type { LoadedScenario } from '../scenario/load.js';
import { parameterRows } from '../scenario/parameters.js';
import type { HistoryPoint } from '../scenario/history.js';
import { formatPath } from '../scenario/issues.js';
import type { SeriesStats, StoppingRule, Summary } from './summary.js';
import type { PrecisionReached } from '../engine/driver.js';
import { medianFirstYear, proportionSe, reachedBy as reachedByOf, seriesStats } from './statistics.js';

const stats = (result: RunResult, histograms: number[]): SeriesStats =>
  seriesStats(result.paths, result.totals.sum, result.totals.sumsq, result.partial.hist, histograms);

export interface SummaryInputs {
  result: RunResult;
  loaded: LoadedScenario;
  warnings: string[];
  history: HistoryPoint[];
}

export function summarise({ result, loaded, warnings, history }: SummaryInputs): Summary {
  const { plan, paths: n, partial } = result;
  const s = loaded.scenario;
  const Y = plan.years.length;
  const S = seriesCount(plan);
  const series = (offset: number) => stats(result, plan.years.map((_, y) => y * S + offset));
  const probability = Array.from(partial.hits, (h) => h / n);
  const reachedBy = reachedByOf(partial.firstYear, 0, Y, n);
  const C = plan.corridors.length;
  const corridorShare: Record<string, number[]> = {};
  plan.corridors.forEach((c, ci) => {
    corridorShare[c.name] = plan.years.map((_, y) => {
      let all = 0;
      for (let j = 0; j < C; j++) all += result.totals.corridorValue[y * C + j] as number;
      return all > 0 ? (result.totals.corridorValue[y * C + ci] as number) / all : 0;
    });
  });
  return {
    format: 'trade-sim/summary/v1',
    paths: n,
    seed: result.seed,
    chunkSize: result.chunkSize,
    scenario: {
      name: s.name,
      title: s.title ?? s.name,
      description: s.description ?? '',
      question: s.question ?? '',
      baseSeries: s.baseSeries ?? '',
      sha256: loaded.sha256,
      start: s.start,
      horizon: s.horizon,
      stepsPerYear: s.stepsPerYear,
      fiscalYearStartMonth: s.fiscalYearStartMonth,
    },
    units: { money: 'USD per year', probability: 'fraction' },
    years: plan.years,
    yearLabels: plan.yearLabels,
    sectors: plan.sectors,
    directions: plan.directions,
    annual: {
      total: series(0),
      bySector: Object.fromEntries(plan.sectors.map((name, i) => [name, series(1 + i)])),
      byDirection: Object.fromEntries(plan.directions.map((name, i) => [name, series(1 + plan.sectors.length + i)])),
    },
    target: {
      value: plan.target.value,
      year: plan.target.year,
      ...(plan.target.sustainedYears > 1 ? { sustainedYears: plan.target.sustainedYears } : {}),
      probability,
      standardError: probability.map((p) => proportionSe(p, n)),
      reachedBy,
      reachedByStandardError: reachedBy.map((p) => proportionSe(p, n)),
      firstYear: {
        years: plan.years,
        probability: plan.years.map((_, y) => (partial.firstYear[y] as number) / n),
        never: (partial.firstYear[Y] as number) / n,
      },
      medianFirstYear: medianFirstYear(reachedBy, plan.years),
    },
    steps: {
      time: Array.from(plan.stepTime),
      date: plan.stepDate,
      total: stats(result, Array.from({ length: plan.steps }, (_, k) => Y * S + k)),
    },
    corridorShare,
    corridors: plan.corridors.map((c) => ({ name: c.name, label: c.label })),
    history,
    parameters: parameterRows(s).map((r) => ({
      path: formatPath(r.path), value: r.value,
      ...(r.source ? { source: r.source } : {}), ...(r.assumption ? { assumption: r.assumption } : {}),
    })),
    warnings: [...warnings, ...clippedWarning(result, Y * S)],
    precision: {
      quantileRelativeBinWidth: RELATIVE_BIN_WIDTH,
      ...(result.precision ? { stoppingRule: stoppingRule(`P(reached by ${plan.target.year})`, result.precision) } : {}),
    },
  };
}

/** What a summary says of a run's precision rule. */
export function stoppingRule(statistic: string, p: PrecisionReached): StoppingRule {
  return { statistic, asked: p.asked, reached: p.reached, maxPaths: p.maxPaths, capped: p.capped };
}

/**
 * The histograms hold values up to 2^HIGH_EXP (USD 2.8e14); above, a value is counted in the last
 * bin and a quantile there reads as 2^HIGH_EXP. Says how many annual values fell there, if any.
 */
function clippedWarning(result: RunResult, annualHistograms: number): string[] {
  let clipped = 0;
  for (let h = 0; h < annualHistograms; h++) clipped += result.partial.hist[h * BINS + BINS - 1] as number;
  if (clipped === 0) return [];
  const top = twoTo(HIGH_EXP).toPrecision(2);
  return [`${clipped} of ${annualHistograms * result.paths} annual values (over paths, years and series) were at or above USD ${top}, the top of the quantile histograms: quantiles there are reported as ${top}; means and probabilities are exact`];
}
