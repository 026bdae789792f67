/**
 * The shape of summary.json: what a run reports, deterministic (no timings), so that two runs with
 * the same scenario and seed give the same bytes whatever the number of workers.
 * Money is USD per year throughout; probabilities are fractions in [0, 1].
 */
import type { HistoryPoint } from '../scenario/history.js';

/** One statistic per year (or per step), aligned with `years` (or `steps.time`). */
export interface SeriesStats {
  mean: number[];
  /** Monte Carlo standard error of the mean: sd / sqrt(paths). */
  meanStandardError: number[];
  p05: number[];
  p10: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p90: number[];
  p95: number[];
}

export const QUANTILE_KEYS = ['p05', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;
export const QUANTILE_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

export interface ParameterRow {
  /** Field path in the scenario, e.g. "flows.textiles.PK>KZ.growth". */
  path: string;
  /** The value as written: "0.12", "lognormal(median 40M, sdlog 0.3)", "{2025: 0.2, 2030: 0.097}". */
  value: string;
  source?: string;
  assumption?: string;
}


export interface Summary {
  /** Format of this file; bumped when a field changes meaning. */
  format: 'trade-sim/summary/v1';
  paths: number;
  seed: number;
  chunkSize: number;
  scenario: {
    name: string;
    title: string;
    description: string;
    question: string;
    baseSeries: string;
    /** SHA-256 of the resolved scenario (after `extends`), as canonical JSON. */
    sha256: string;
    start: string;
    horizon: number;
    stepsPerYear: number;
    fiscalYearStartMonth: number;
  };
  units: { money: 'USD per year'; probability: 'fraction' };
  /** Year labels as numbers: calendar years, or for fiscal years the calendar year they end in. */
  years: number[];
  /** Year labels as text: "2030", or "FY2029-30" for a fiscal year. */
  yearLabels: string[];
  sectors: string[];
  directions: string[];
  annual: {
    total: SeriesStats;
    bySector: Record<string, SeriesStats>;
    byDirection: Record<string, SeriesStats>;
  };
  target: {
    /** USD per year. */
    value: number;
    /** The year the target is set for (a label from `years`). */
    year: number;
    /** Present when the rule is sustained: a year counts when this many consecutive years up to it are at or above the target. */
    sustainedYears?: number;
    /** Per year: P(annual total >= target), or under the sustained rule P(the last sustainedYears totals >= target). */
    probability: number[];
    /** Per year: sqrt(p (1 - p) / paths). */
    standardError: number[];
    /** Per year: P(target reached in that year or before). */
    reachedBy: number[];
    reachedByStandardError: number[];
    /** The distribution of the first year the annual total reaches the target. */
    firstYear: { years: number[]; probability: number[]; never: number };
    /** The median first year, or null when the target is reached on fewer than half the paths. */
    medianFirstYear: number | null;
  };
  steps: {
    /** Years since the start, at the end of each step. */
    time: number[];
    /** "YYYY-MM": the first month of each step. */
    date: string[];
    total: SeriesStats;
  };
  /**
   * Per corridor, per year: the share of trade value carried, pooled over all paths (the value a
   * corridor carried on every path, over the value all corridors carried); sums to 1 over corridors.
   */
  corridorShare: Record<string, number[]>;
  corridors: Array<{ name: string; label: string }>;
  /** Observed annual totals from the scenario's `history` file, for charts. */
  history: HistoryPoint[];
  parameters: ParameterRow[];
  /** Warnings raised while reading the scenario (e.g. a repaired correlation matrix). */
  warnings: string[];
  precision: {
    /** Largest relative width of a histogram bin: the bound on the binning error of a quantile. */
    quantileRelativeBinWidth: number;
    /** Present when the run was asked for a precision (--precision) instead of a number of paths. */
    stoppingRule?: StoppingRule;
  };
}

/**
 * A run that added paths until a standard error was at most `asked` (engine/driver.ts). `reached`
 * is the standard error it stopped on, on all the paths: at least the plain one reported beside
 * the statistic (results/statistics.ts, cautiousProportionSe).
 */
export interface StoppingRule {
  /** The statistic whose standard error was asked for. */
  statistic: string;
  asked: number;
  reached: number;
  /** The most paths the run could use (--max-paths). */
  maxPaths: number;
  /** True when the cap stopped the run first: `reached` is then above `asked`. */
  capped: boolean;
}
