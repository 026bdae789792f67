/**
 * The back-test study: the scenario as of each origin (origin.ts), run on one pool
 * (simulateMany), its annual histograms of the total and of each direction scored against every
 * later whole-year observation, beside the two naive benchmarks built from the observations up to
 * the origin (results/scores.ts). Nothing here prints or exits.
 */
import { CHUNK, seriesCount } from '../../engine/kernel/index.js';
import { BINS } from '../../engine/histogram.js';
import { DEFAULT_PATHS, freshSeed, type Prepared } from '../../project.js';
import { histogramQuantile, Z95 } from '../../results/statistics.js';
import { histogramPredictive, naiveBenchmarks, scoreOutcome, type Benchmark, type OutcomeScores } from '../../results/scores.js';
import type { HistoryFile } from '../../scenario/history.js';
import type { Plan } from '../../scenario/plan.js';
import { compileEdited } from '../variant.js';
import { driveSettings, simulateMany, type PathsOptions, type RunResult } from '../run/run.js';
import { OriginError, originLabel, originScenario, scenarioSeries, yearLabelOf, type BaseRule, type ScenarioSeries } from './origin.js';

export const FORECASTERS = ['model', 'noChange', 'randomWalkWithDrift'] as const;
export type Forecaster = (typeof FORECASTERS)[number];
/** How tables and charts name each forecaster (docs/backtest.md describes the benchmarks). */
export const FORECASTER_TEXT: Record<Forecaster, string> = {
  model: 'model',
  noChange: 'no change',
  randomWalkWithDrift: 'random walk with drift',
};

/** Scores of one forecast of one outcome; log score null where the predictive density at the outcome is 0 (an infinite loss). */
export interface Scores {
  pit: number;
  intervals: Array<{ level: number; lower: number; upper: number; covered: boolean }>;
  crps: number;
  logScore: number | null;
}

export interface ScoredObservation {
  origin: number;
  /** "total" or a direction. */
  key: string;
  series: string;
  year: number;
  yearLabel: string;
  /** Years after the origin. */
  horizon: number;
  outcome: number;
  period: string | null;
  printed: string | null;
  source: string;
  model: Scores;
  /** Null where the benchmark could not be built from the observations up to the origin (see OriginResult.benchmarks). */
  noChange: Scores | null;
  randomWalkWithDrift: Scores | null;
}

export interface BenchmarkFacts {
  key: string;
  series: string;
  /** Whole years used (up to the origin). */
  years: number[];
  noChange: { available: true; volatility: number } | { available: false; reason: string };
  randomWalkWithDrift: { available: true; drift: number; volatility: number } | { available: false; reason: string };
}

export interface FanRow {
  key: string;
  year: number;
  yearLabel: string;
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}

export interface OriginResult {
  origin: number;
  originLabel: string;
  /** The run as of the origin: its first month, years, and its scenario's hash after the edits. */
  start: string | null;
  horizon: number;
  years: number[];
  yearLabels: string[];
  sha256: string;
  bases: BaseRule;
  notes: string[];
  benchmarks: BenchmarkFacts[];
  fan: FanRow[];
  scored: ScoredObservation[];
  /** Observations after the origin in the run's span that were not scored, and why: partial years, and whole years the run covers in part. */
  notScored: Array<{ key: string; series: string; year: number; period: string | null; reason: string }>;
}

export interface Aggregate {
  forecaster: Forecaster;
  count: number;
  meanCrps: number | null;
  /** Null when some log score is infinite (then `infiniteLogScores` > 0) or there are none. */
  meanLogScore: number | null;
  infiniteLogScores: number;
  /** Covered of n, with the Wilson 95% interval of the rate. */
  coverage: Array<{ level: number; covered: number; n: number; rate: number | null; low: number | null; high: number | null }>;
  pit: number[];
}

export interface BacktestSummary {
  format: 'trade-sim/backtest/v1';
  scenario: { name: string; title: string; sha256: string; file: string };
  history: string;
  paths: number;
  seed: number;
  chunkSize: number;
  series: Array<{ key: string; id: string; label: string }>;
  origins: OriginResult[];
  skipped: Array<{ origin: number; reason: string }>;
  /** Every scored observation, per forecaster where it exists; then the model beside each benchmark on the observations both scored. */
  aggregate: {
    all: Aggregate[];
    paired: Array<{ benchmark: Exclude<Forecaster, 'model'>; count: number; model: Aggregate; naive: Aggregate }>;
  };
  units: { money: string; crps: string; logScore: string };
  notes: string[];
}

export interface BacktestOptions extends Pick<PathsOptions, 'paths' | 'seed' | 'workers' | 'backend' | 'signal' | 'keep'> {
  onProgress?: (done: number, total: number) => void;
}

/** The study's facts for the manifest (not part of the deterministic summary). */
export interface BacktestFacts {
  workers: number;
  flowSteps: number;
}

/**
 * `origins` undefined: the scenario as written, the origin the year before the one its first month
 * is in. A run that starts inside a year reports from the next; that year's whole-year figure was
 * not out at the start, so it is neither a benchmark's input nor scored.
 */
export interface BacktestPlan {
  origin: number;
  plan: Plan;
  sha256: string;
  start: string | null;
  bases: BaseRule;
  notes: string[];
}

/**
 * Each origin's plan, or why it cannot be run. With one origin asked (`strict`), a bad origin
 * throws OriginError; over a range of origins it is skipped with its reason.
 */
export function planOrigins(prep: Prepared, series: ScenarioSeries[], origins: number[] | undefined, strict: boolean): { plans: BacktestPlan[]; skipped: Array<{ origin: number; reason: string }> } {
  if (origins === undefined) {
    const plan = prep.compiled.plan;
    const s = prep.loaded.scenario;
    return { plans: [{ origin: yearLabelOf(s.start, s.fiscalYearStartMonth) - 1, plan, sha256: prep.loaded.sha256, start: prep.loaded.scenario.start, bases: { rule: 'as written' }, notes: [] }], skipped: [] };
  }
  const plans: BacktestPlan[] = [];
  const skipped: Array<{ origin: number; reason: string }> = [];
  for (const origin of origins) {
    try {
      const o = originScenario(prep, series, origin);
      const compiled = compileEdited(prep.loaded, ...o.edits);
      plans.push({ origin, plan: compiled.plan, sha256: compiled.plan.sha256, start: o.start, bases: o.bases, notes: o.notes });
    } catch (err) {
      if (strict || !(err instanceof OriginError)) throw err;
      skipped.push({ origin, reason: err.message });
    }
  }
  if (plans.length === 0) throw new OriginError(`no origin in ${origins[0]}..${origins[origins.length - 1]} can be back-tested: ${skipped.map((s) => s.reason).join('; ')}`);
  return { plans, skipped };
}

const toScores = (s: OutcomeScores): Scores => ({
  pit: s.pit,
  intervals: s.intervals.map((i) => ({ ...i })),
  crps: s.crps,
  logScore: Number.isFinite(s.logScore) ? s.logScore : null,
});

function seriesIndex(plan: Plan, key: string): number {
  if (key === 'total') return 0;
  const d = plan.directions.indexOf(key);
  return d < 0 ? -1 : 1 + plan.sectors.length + d;
}

const labelOf = (plan: Plan, year: number) => (plan.yearLabels[plan.years.indexOf(year)] ?? String(year));

/** Scores one origin's run against the history. */
export function scoreOrigin(bp: BacktestPlan, result: RunResult, series: ScenarioSeries[]): OriginResult {
  const { plan } = bp;
  const S = seriesCount(plan);
  const n = result.paths;
  const hist = result.partial.hist;
  const scored: ScoredObservation[] = [];
  const notScored: OriginResult['notScored'] = [];
  const fan: FanRow[] = [];
  const benchmarks: BenchmarkFacts[] = [];
  for (const x of series) {
    const s = seriesIndex(plan, x.key);
    if (s < 0) continue;
    const offset = (y: number) => (y * S + s) * BINS;
    plan.years.forEach((year, y) => {
      const q = (p: number) => histogramQuantile(hist, offset(y), n, p);
      fan.push({ key: x.key, year, yearLabel: plan.yearLabels[y] as string, q05: q(0.05), q25: q(0.25), q50: q(0.5), q75: q(0.75), q95: q(0.95) });
    });
    const before = [...x.whole.entries()].filter(([year]) => year <= bp.origin).sort((a, b) => a[0] - b[0]);
    const describe = (b: Benchmark) => (b.available ? { available: true as const, drift: b.drift, volatility: b.volatility } : { available: false as const, reason: b.reason });
    const known = naiveBenchmarks(before.map(([yy]) => yy), before.map(([, o]) => o.value), 1);
    const nc = describe(known.noChange);
    benchmarks.push({
      key: x.key, series: x.series.id, years: before.map(([year]) => year),
      noChange: nc.available ? { available: true, volatility: nc.volatility } : nc,
      randomWalkWithDrift: describe(known.randomWalkWithDrift),
    });
    const lastYear = plan.years[plan.years.length - 1] as number;
    for (const [year, obs] of [...x.whole.entries()].sort((a, b) => a[0] - b[0])) {
      const y = plan.years.indexOf(year);
      if (year <= bp.origin) continue;
      if (y < 0) {
        if (year < lastYear) notScored.push({ key: x.key, series: x.series.id, year, period: obs.period ?? null, reason: `a year the run covers in part (it starts in ${bp.start ?? plan.stepDate[0]}): the model's predictive is of whole years` });
        continue;
      }
      const h = year - bp.origin;
      // The walks start from the series' last observation, which may be before the origin.
      const naive = naiveBenchmarks(before.map(([yy]) => yy), before.map(([, o]) => o.value), year - (before[before.length - 1]?.[0] ?? bp.origin));
      scored.push({
        origin: bp.origin, key: x.key, series: x.series.id, year, yearLabel: labelOf(plan, year), horizon: h,
        outcome: obs.value, period: obs.period ?? null, printed: obs.printed ?? null, source: obs.source,
        model: toScores(scoreOutcome(histogramPredictive(hist, offset(y), n, { density: 'log-kernel' }), obs.value)),
        noChange: naive.noChange.available ? toScores(scoreOutcome(naive.noChange.predictive, obs.value)) : null,
        randomWalkWithDrift: naive.randomWalkWithDrift.available ? toScores(scoreOutcome(naive.randomWalkWithDrift.predictive, obs.value)) : null,
      });
    }
    for (const p of x.partial) {
      if (plan.years.includes(p.year) && p.year > bp.origin) {
        notScored.push({ key: x.key, series: x.series.id, year: p.year, period: p.period ?? `${p.months} months`, reason: `a partial year (${p.months} months): the model's predictive is of whole years` });
      }
    }
  }
  return {
    origin: bp.origin, originLabel: originLabel(plan, bp.origin), start: bp.start,
    horizon: plan.years.length, years: plan.years, yearLabels: plan.yearLabels, sha256: bp.sha256,
    bases: bp.bases, notes: bp.notes, benchmarks, fan, scored, notScored,
  };
}

/** Wilson's 95% interval for k of n. */
export function wilsonInterval(k: number, n: number): { low: number; high: number } {
  const z = Z95;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function aggregate(forecaster: Forecaster, scores: readonly Scores[]): Aggregate {
  const n = scores.length;
  const finite = scores.filter((s) => s.logScore !== null);
  const levels = scores[0]?.intervals.map((i) => i.level) ?? [0.5, 0.9];
  return {
    forecaster,
    count: n,
    meanCrps: n > 0 ? scores.reduce((a, s) => a + s.crps, 0) / n : null,
    meanLogScore: n > 0 && finite.length === n ? finite.reduce((a, s) => a + (s.logScore as number), 0) / n : null,
    infiniteLogScores: n - finite.length,
    coverage: levels.map((level, k) => {
      const covered = scores.filter((s) => s.intervals[k]?.covered === true).length;
      const w = n > 0 ? wilsonInterval(covered, n) : null;
      return { level, covered, n, rate: n > 0 ? covered / n : null, low: w?.low ?? null, high: w?.high ?? null };
    }),
    pit: scores.map((s) => s.pit),
  };
}

export function aggregateAll(origins: readonly OriginResult[]): BacktestSummary['aggregate'] {
  const all = origins.flatMap((o) => o.scored);
  const of = (f: Forecaster, rows: readonly ScoredObservation[]) => rows.map((r) => r[f]).filter((s): s is Scores => s !== null);
  return {
    all: FORECASTERS.map((f) => aggregate(f, of(f, all))),
    paired: (['noChange', 'randomWalkWithDrift'] as const).map((b) => {
      const rows = all.filter((r) => r[b] !== null);
      return { benchmark: b, count: rows.length, model: aggregate('model', of('model', rows)), naive: aggregate(b, of(b, rows)) };
    }),
  };
}

export const PARTIAL_YEARS_NOTE = 'Partial-year observations are not scored: the model predicts whole years, and a part of a year is not a share of the whole that the model or the history states (seasonality and lumpy consignments).';

/** Runs and scores the back-test of `origins` (undefined: the scenario as written). */
export async function runBacktest(
  prep: Prepared, history: HistoryFile, origins: number[] | undefined, opts: BacktestOptions & { strict?: boolean } = {},
): Promise<{ summary: BacktestSummary; facts: BacktestFacts }> {
  const series = scenarioSeries(prep, history);
  const { plans, skipped } = planOrigins(prep, series, origins, opts.strict ?? origins?.length === 1);
  const paths = opts.paths ?? DEFAULT_PATHS;
  const seed = opts.seed ?? prep.loaded.scenario.seed ?? freshSeed();
  const done = new Array<number>(plans.length).fill(0);
  const results = await simulateMany(plans.map((bp, i) => ({
    plan: bp.plan,
    opts: {
      paths, seed,
      ...driveSettings(opts),
      onProgress: (d: number) => {
        done[i] = d;
        opts.onProgress?.(done.reduce((a, b) => a + b, 0), paths * plans.length);
      },
    },
  })));
  const originResults = plans.map((bp, i) => scoreOrigin(bp, results[i] as RunResult, series));
  const s = prep.loaded.scenario;
  const summary: BacktestSummary = {
    format: 'trade-sim/backtest/v1',
    scenario: { name: s.name, title: s.title ?? s.name, sha256: prep.loaded.sha256, file: prep.loaded.locator.mainFile },
    history: history.display,
    paths, seed, chunkSize: CHUNK,
    series: series.map((x) => ({ key: x.key, id: x.series.id, label: x.series.label })),
    origins: originResults,
    skipped,
    aggregate: aggregateAll(originResults),
    units: { money: 'USD per year', crps: 'USD per year (lower is better)', logScore: 'nats, -ln of the predictive density at the outcome, USD per year (lower is better)' },
    notes: [
      PARTIAL_YEARS_NOTE,
      'Model predictive: the engine\'s log-binned annual histogram of the series (values spread evenly within a bin, relative bin width about 0.4%), for the PIT, the intervals and the CRPS; its log score reads a Gaussian kernel density on the logarithms of the binned values (Silverman\'s bandwidth), not the bins, which hold a handful of paths each. Benchmarks: lognormal random walks in logs from the whole-year observations up to the origin (results/scores.ts).',
      'Coverage intervals: central 50% and 90%; the interval beside each rate is Wilson\'s 95% interval for a binomial proportion (few outcomes make it wide).',
    ],
  };
  const flowSteps = plans.reduce((a, bp) => a + paths * bp.plan.steps * bp.plan.flowIds.length, 0);
  return { summary, facts: { workers: results[results.length - 1]?.workers ?? 0, flowSteps } };
}
