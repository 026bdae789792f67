/**
 * The run study: one plan, the single kind, summarised into a Summary. The CLI, the library's
 * front door and the benchmarks call these; nothing here prints or exits.
 */
import type { Plan } from '../../scenario/plan.js';
import { drive, workersFor, type DriveOptions, type PrecisionReached, type PrecisionRule } from '../../engine/driver.js';
import { single } from '../../engine/kinds/single.js';
import type { Partial, Totals } from '../../engine/partial.js';
import { DEFAULT_MAX_PATHS, DEFAULT_PATHS, freshSeed, type Prepared } from '../../project.js';
import { cautiousProportionSe } from '../../results/statistics.js';
import { summarise } from '../../results/summarise.js';
import type { Summary } from '../../results/summary.js';
import { prestartBackend, type Backend } from '../../engine/backends/index.js';
import type { KeptRuns } from '../../engine/kept.js';

export type RunOptions = DriveOptions;

export interface RunResult {
  plan: Plan;
  paths: number;
  seed: number;
  chunkSize: number;
  workers: number;
  partial: Partial;
  totals: Totals;
  wallSeconds: number;
  precision?: PrecisionReached;
}

/** The stopping rule of a run: the standard error of P(reached the target by the target year). */
export function reachedByPrecision(plan: Plan, standardError: number): PrecisionRule<Partial> {
  const yi = plan.target.yearIndex;
  return {
    standardError,
    of: (p) => {
      let reached = 0;
      for (let y = 0; y <= yi; y++) reached += p.firstYear[y] as number;
      return cautiousProportionSe(reached, p.paths);
    },
  };
}

/** With `precision`, `paths` is the cap and the run stops once the rule's standard error is at most `precision`. */
export async function simulate(plan: Plan, opts: RunOptions & { precision?: number }): Promise<RunResult> {
  const { precision, ...driveOpts } = opts;
  const { plans: _plans, ...result } = await drive(single, [plan], driveOpts, precision === undefined ? undefined : reachedByPrecision(plan, precision));
  return { plan, ...result };
}

/**
 * Runs of many plans (a sensitivity or goal study), two at a time: the next run's tasks are queued
 * while the last tasks of one finish, so the pool's threads do not wait at each run's end. Each
 * result is the same bits as simulate() of it alone; they come back in the order given.
 */
export async function simulateMany(runs: Array<{ plan: Plan; opts: RunOptions }>, atOnce = 2): Promise<RunResult[]> {
  // A thread for each worker: this thread then merges runs and starts the next ones while the pool simulates (pool.ts threadsFor).
  const workers = Math.max(0, ...runs.filter((r) => !r.opts.backend).map((r) => workersFor([r.plan], r.opts)));
  if (runs.length > 1 && workers >= 2) await prestartBackend(workers, true);
  const out: RunResult[] = new Array<RunResult>(runs.length);
  let next = 0;
  const lane = async () => {
    while (next < runs.length) {
      const i = next++;
      const r = runs[i] as { plan: Plan; opts: RunOptions };
      out[i] = await simulate(r.plan, r.opts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, runs.length) }, lane));
  return out;
}

/** How many paths every study simulates, from which seed, and where. */
export interface PathsOptions {
  paths?: number;
  /**
   * Instead of `paths`: add paths until the study's standard error is at most this (each study's
   * options say of what); `paths` must then be absent.
   */
  precision?: number;
  /** With `precision`: the most paths to use (default DEFAULT_MAX_PATHS). */
  maxPaths?: number;
  seed?: number;
  workers?: number;
  /** Where to simulate (a queue, for instance); default: this thread or the thread pool, by `workers`. */
  backend?: Backend;
  /** Stops the study when aborted (engine/driver.ts DriveOptions). */
  signal?: AbortSignal;
  /** Where the study's drives find what an interrupted run of the same command kept, and keep theirs (engine/kept.ts). */
  keep?: KeptRuns;
}

/**
 * What a study of one run or a comparison asks of the driver. `precision`: of P(reached by the
 * target year); `compare` reads it as that of each paired difference.
 */
export interface RunScenarioOptions extends PathsOptions {
  onProgress?: (done: number, total: number) => void;
}

export async function runPrepared(prep: Prepared, opts: RunScenarioOptions = {}): Promise<{ result: RunResult; summary: Summary }> {
  const seed = opts.seed ?? prep.loaded.scenario.seed ?? freshSeed();
  const result = await simulate(prep.compiled.plan, {
    ...pathsOrPrecision(opts),
    seed,
    ...driveSettings(opts),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const summary = summarise({ result, loaded: prep.loaded, warnings: prep.compiled.warnings, history: prep.history });
  return { result, summary };
}

/** What every drive of a study takes as its options say: where to simulate, the signal that stops it, and what is kept. */
export const driveSettings = (opts: Pick<PathsOptions, 'workers' | 'backend' | 'signal' | 'keep'>): Pick<DriveOptions, 'workers' | 'backend' | 'signal' | 'keep'> => ({
  ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
  ...(opts.backend ? { backend: opts.backend } : {}),
  ...(opts.signal ? { signal: opts.signal } : {}),
  ...(opts.keep ? { keep: opts.keep } : {}),
});

/** The paths (or, with a precision, the cap and the precision) a study's options ask for. */
export function pathsOrPrecision(opts: Pick<RunScenarioOptions, 'paths' | 'precision' | 'maxPaths'>): { paths: number; precision?: number } {
  if (opts.precision === undefined) {
    if (opts.maxPaths !== undefined) throw new Error('maxPaths is a cap for a run with a precision: give precision too, or paths alone');
    return { paths: opts.paths ?? DEFAULT_PATHS };
  }
  if (opts.paths !== undefined) throw new Error('give either paths or precision (with maxPaths), not both');
  return { paths: opts.maxPaths ?? DEFAULT_MAX_PATHS, precision: opts.precision };
}
