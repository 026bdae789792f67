/**
 * The engine driver, for every study: plans chunk tasks for one or more compiled plans, runs them
 * on a backend (this thread, the process's thread pool, or another), merges the integer parts of
 * the partials as tasks finish and folds their chunk sums in chunk order. What is kept of the
 * paths is the aggregator kind's business (kind.ts, kinds/). Results depend on (kind, plans, seed,
 * paths) only, never on the backend or the number of workers.
 */
import { availableParallelism } from 'node:os';
import type { Plan } from '../scenario/plan.js';
import { CHUNK } from './kernel/index.js';
import { ChunkFolder, type SumArrays } from './partial.js';
import { countsOf, mergePartial, type AggregatorKind, type BasePartial, type Task } from './kind.js';
import { backendFor, type Backend, type Study } from './backends/index.js';

export interface DriveOptions {
  paths: number;
  seed: number;
  /** Worker threads; 0 runs in this thread. Default: in this thread for a small run, else all cores. */
  workers?: number;
  /** Where to run; default: backendFor(workers). */
  backend?: Backend;
  /** Called as paths complete. */
  onProgress?: (pathsDone: number, paths: number) => void;
}

export interface DriveResult<P, S extends string> {
  plans: Plan[];
  paths: number;
  seed: number;
  chunkSize: number;
  workers: number;
  partial: P;
  totals: SumArrays<S>;
  wallSeconds: number;
}

export const defaultWorkers = () => availableParallelism();

/** Below this many flow-steps (paths x steps x flows, over all plans) a run without a named number of workers stays in this thread. */
export const SMALL_RUN_FLOW_STEPS = 20_000_000;

/**
 * The number of workers for a run that names none: 0 (this thread) for a small run, else one per
 * core. Starting workers (about 0.1 s, and each compiles the kernel afresh) costs more than they
 * save below about SMALL_RUN_FLOW_STEPS.
 */
export function autoWorkers(plans: Plan[], paths: number): number {
  const flowSteps = plans.reduce((a, plan) => a + paths * plan.steps * Math.max(1, plan.flowIds.length), 0);
  return flowSteps < SMALL_RUN_FLOW_STEPS ? 0 : defaultWorkers();
}

/**
 * Tasks of whole chunks; their size affects only scheduling, never the results. Small tasks (at
 * least about 16 per worker, at most 4 chunks) keep the workers busy to the end: a worker left
 * waiting on the last big task was 8% of a two-worker run of 200,000 paths. A task's overhead (a
 * message each way, a few kilobytes of results) is under a millisecond.
 */
export function planTasks(paths: number, seed: number, workers: number): Task[] {
  const chunks = Math.ceil(paths / CHUNK);
  const per = Math.max(1, Math.min(4, Math.floor(chunks / (Math.max(1, workers) * 16))));
  const tasks: Task[] = [];
  for (let c = 0; c < chunks; c += per) tasks.push({ seed, paths, chunkStart: c, chunkEnd: Math.min(chunks, c + per) });
  return tasks;
}

let studies = 0;

/** A study: the plans, aggregated by one kind, under an id unique in this process. */
export function newStudy<P extends BasePartial>(kind: AggregatorKind<P>, plans: Plan[]): Study<P> {
  return { id: ++studies, kind, plans };
}

export async function drive<P extends BasePartial<S>, S extends string>(
  kind: AggregatorKind<P, S>, plans: Plan[], opts: DriveOptions,
): Promise<DriveResult<P, S>> {
  const started = performance.now();
  if (!Number.isSafeInteger(opts.paths) || opts.paths < 1 || opts.paths >= 2 ** 32) throw new Error(`internal: paths must be a whole number from 1 to 2^32 - 1, found ${opts.paths}`);
  const backend = opts.backend ?? await backendFor(opts.workers ?? autoWorkers(plans, opts.paths));
  const tasks = planTasks(opts.paths, opts.seed, backend.workers);
  const merged = kind.empty(plans);
  const folder = new ChunkFolder<S>(kind.zeroTotals(plans));
  let done = 0;
  await backend.run(newStudy(kind as AggregatorKind<P>, plans), tasks, countsOf(kind as AggregatorKind<P>, merged), (p) => {
    mergePartial(kind as AggregatorKind<P>, merged, p);
    folder.add(p.chunks);
    done += p.paths;
    opts.onProgress?.(done, opts.paths);
  });
  if (folder.folded !== Math.ceil(opts.paths / CHUNK)) throw new Error('internal: not every chunk was folded');
  if (merged.paths !== opts.paths) throw new Error('internal: not every path was counted');
  return {
    plans, paths: opts.paths, seed: opts.seed, chunkSize: CHUNK, workers: backend.workers,
    partial: merged, totals: folder.totals, wallSeconds: (performance.now() - started) / 1000,
  };
}
