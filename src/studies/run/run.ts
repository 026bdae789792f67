/**
 * The run study: one plan, the single kind, summarised into a Summary. The CLI, the library's
 * front door and the benchmarks call these; nothing here prints or exits.
 */
import type { Plan } from '../../scenario/plan.js';
import { drive, type DriveOptions } from '../../engine/driver.js';
import { single } from '../../engine/kinds/single.js';
import type { Partial, Totals } from '../../engine/partial.js';
import { DEFAULT_PATHS, freshSeed, type Prepared } from '../../project.js';
import { summarise } from '../../results/summarise.js';
import type { Summary } from '../../results/summary.js';

export type RunOptions = Omit<DriveOptions, 'backend'>;

export interface RunResult {
  plan: Plan;
  paths: number;
  seed: number;
  chunkSize: number;
  workers: number;
  partial: Partial;
  totals: Totals;
  wallSeconds: number;
}

export async function simulate(plan: Plan, opts: RunOptions): Promise<RunResult> {
  const { plans: _plans, ...result } = await drive(single, [plan], opts);
  return { plan, ...result };
}

export interface RunScenarioOptions {
  paths?: number;
  seed?: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function runPrepared(prep: Prepared, opts: RunScenarioOptions = {}): Promise<{ result: RunResult; summary: Summary }> {
  const seed = opts.seed ?? prep.loaded.scenario.seed ?? freshSeed();
  const result = await simulate(prep.compiled.plan, {
    paths: opts.paths ?? DEFAULT_PATHS,
    seed,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const summary = summarise({ result, loaded: prep.loaded, warnings: prep.compiled.warnings, history: prep.history });
  return { result, summary };
}
