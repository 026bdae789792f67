/**
 * RunResult -> Summary: quantiles from the histograms, means from the chunk-ordered sums,
 * probabilities from exact counts with their binomial standard errors.
 */
import type { RunResult } from '../engine/run.js';
import { BINS, histogramQuantile, RELATIVE_BIN_WIDTH } from '../engine/histogram.js';
import { seriesCount } from '../engine/kernel/index.js';
import type { LoadedScenario } from '../scenario/load.js';
import { parameterRows } from '../scenario/parameters.js';
import type { HistoryPoint } from '../scenario/history.js';
import { formatPath } from '../scenario/issues.js';
import { QUANTILE_KEYS, QUANTILE_LEVELS, type SeriesStats, type Summary } from './summary.js';

/** sqrt(p (1 - p) / n): the Monte Carlo standard error of a proportion. */
export const proportionSe = (p: number, n: number) => Math.sqrt(Math.max(0, p * (1 - p)) / n);

function stats(result: RunResult, histograms: number[]): SeriesStats {
  const n = result.paths;
  const out: SeriesStats = { mean: [], meanStandardError: [], p05: [], p10: [], p25: [], p50: [], p75: [], p90: [], p95: [] };
  for (const h of histograms) {
    const mean = (result.totals.sum[h] as number) / n;
    const variance = Math.max(0, (result.totals.sumsq[h] as number) / n - mean * mean);
    out.mean.push(mean);
    out.meanStandardError.push(Math.sqrt(variance / n));
    QUANTILE_KEYS.forEach((key, i) => out[key].push(histogramQuantile(result.partial.hist, h * BINS, n, QUANTILE_LEVELS[i] as number)));
  }
  return out;
}

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
  const reachedBy: number[] = [];
  let cum = 0;
  for (let y = 0; y < Y; y++) { cum += partial.firstYear[y] as number; reachedBy.push(cum / n); }
  const medianIndex = reachedBy.findIndex((p) => p >= 0.5);
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
      probability,
      standardError: probability.map((p) => proportionSe(p, n)),
      reachedBy,
      reachedByStandardError: reachedBy.map((p) => proportionSe(p, n)),
      firstYear: {
        years: plan.years,
        probability: plan.years.map((_, y) => (partial.firstYear[y] as number) / n),
        never: (partial.firstYear[Y] as number) / n,
      },
      medianFirstYear: medianIndex < 0 ? null : (plan.years[medianIndex] as number),
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
    warnings,
    precision: { quantileRelativeBinWidth: RELATIVE_BIN_WIDTH },
  };
}
