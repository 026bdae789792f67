/**
 * Runs a Plan: chunks of CHUNK paths, grouped into tasks, on a pool of worker threads (piscina)
 * or in this thread (workers = 0). Integer results merge as tasks finish; chunk sums fold in chunk
 * order. Results depend on (plan, seed, paths) only.
 *
 * Workers count into histograms of their own, shared with this thread (one SharedArrayBuffer
 * each), added up once at the end: a task's result is then a few kilobytes instead of the
 * 190 x 8195 counts of every histogram. Small runs, when the caller names no number of workers,
 * stay in this thread: starting workers (about 0.1 s, and each compiles the kernel afresh) costs
 * more than they save below about SMALL_RUN_FLOW_STEPS.
 */
import { availableParallelism } from 'node:os';
import type { Plan } from '../scenario/plan.js';
import { CHUNK, ChunkSimulator } from './kernel/index.js';
import {
  addCounts, Aggregator, ChunkFolder, emptyPartial, emptyTotals, histogramLength, mergePartial, type Partial, type Totals,
} from './partial.js';
import { runTask, type Task } from './task.js';
import type { WorkerData } from './worker.js';
import { distPath } from '../paths.js';

export interface RunOptions {
  paths: number;
  seed: number;
  /** Worker threads; 0 runs in this thread. Default: in this thread for a small run, else all cores. */
  workers?: number;
  /** Called as paths complete. */
  onProgress?: (pathsDone: number, paths: number) => void;
}

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

export const defaultWorkers = () => availableParallelism();

/** Below this many flow-steps (paths x steps x flows) a run without a named number of workers stays in this thread. */
export const SMALL_RUN_FLOW_STEPS = 20_000_000;

/** The number of workers for a run that names none: 0 (this thread) for a small run, else one per core. */
export function autoWorkers(plan: Plan, paths: number): number {
  const flowSteps = paths * plan.steps * Math.max(1, plan.flowIds.length);
  return flowSteps < SMALL_RUN_FLOW_STEPS ? 0 : defaultWorkers();
}

/** The built worker (also from the TypeScript sources, under the tests). */
const workerFile = () => distPath('engine', 'worker.js');

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

export async function simulate(plan: Plan, opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const workers = opts.workers ?? autoWorkers(plan, opts.paths);
  const tasks = planTasks(opts.paths, opts.seed, workers);
  const folder = new ChunkFolder(emptyTotals(plan));
  let merged: Partial;
  let done = 0;
  if (workers === 0) {
    // One aggregator for the whole run; chunk sums are folded after each task.
    const sim = new ChunkSimulator(plan);
    const agg = new Aggregator(plan);
    for (const t of tasks) {
      const before = agg.partial.paths;
      runTask(sim, plan, t, agg);
      folder.add(agg.partial.chunks.splice(0));
      done += agg.partial.paths - before;
      opts.onProgress?.(done, opts.paths);
    }
    merged = agg.partial;
  } else {
    merged = emptyPartial(plan);
    const threads = Math.min(workers, tasks.length);
    const data: WorkerData = {
      plan,
      hists: Array.from({ length: threads }, () => new SharedArrayBuffer(histogramLength(plan) * Uint32Array.BYTES_PER_ELEMENT)),
      sync: new SharedArrayBuffer((1 + threads) * Int32Array.BYTES_PER_ELEMENT),
    };
    // piscina is loaded only when a run uses workers: a small run does not pay for it.
    const { Piscina } = await import('piscina');
    const pool = new Piscina({
      filename: workerFile(), workerData: data, minThreads: threads, maxThreads: threads, idleTimeout: 1000,
    });
    try {
      await Promise.all(tasks.map((t) => pool.run(t).then((p: Partial) => {
        mergePartial(merged, p);
        folder.add(p.chunks);
        done += p.paths;
        opts.onProgress?.(done, opts.paths);
      })));
    } finally {
      await pool.destroy();
    }
    const sync = new Int32Array(data.sync);
    data.hists.forEach((h, s) => {
      Atomics.load(sync, 1 + s); // orders the worker's writes to h before these reads
      addCounts(merged.hist, new Uint32Array(h));
    });
  }
  if (folder.folded !== Math.ceil(opts.paths / CHUNK)) throw new Error('internal: not every chunk was folded');
  if (merged.paths !== opts.paths) throw new Error('internal: not every path was counted');
  return {
    plan, paths: opts.paths, seed: opts.seed, chunkSize: CHUNK, workers,
    partial: merged, totals: folder.totals, wallSeconds: (performance.now() - started) / 1000,
  };
}
