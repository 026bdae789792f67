/**
 * Runs a Plan: chunks of CHUNK paths, grouped into tasks, on a pool of worker threads (piscina)
 * or in this thread (workers = 0). Integer results merge as tasks finish; chunk sums fold in chunk
 * order. Results depend on (plan, seed, paths) only.
 */
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Plan } from '../scenario/plan.js';
import { CHUNK, ChunkSimulator } from './kernel.js';
import { ChunkFolder, emptyPartial, mergePartial, type Partial, type Totals } from './partial.js';
import { runTask, type Task } from './task.js';

export interface RunOptions {
  paths: number;
  seed: number;
  /** Worker threads; 0 runs in this thread. Default: all cores. */
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

/** The compiled worker next to this module; from the TypeScript sources (tests), the built one. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? resolve(dirname(here), '../../dist/engine/worker.js') : join(dirname(here), 'worker.js');
}

/** Tasks of whole chunks; their size affects only scheduling, never the results. */
export function planTasks(paths: number, seed: number, workers: number): Task[] {
  const chunks = Math.ceil(paths / CHUNK);
  const per = Math.max(1, Math.min(16, Math.ceil(chunks / (Math.max(1, workers) * 4))));
  const tasks: Task[] = [];
  for (let c = 0; c < chunks; c += per) tasks.push({ seed, paths, chunkStart: c, chunkEnd: Math.min(chunks, c + per) });
  return tasks;
}

export async function simulate(plan: Plan, opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const workers = opts.workers ?? defaultWorkers();
  const tasks = planTasks(opts.paths, opts.seed, workers);
  const merged = emptyPartial(plan);
  const folder = new ChunkFolder(plan);
  let done = 0;
  const accept = (p: Partial) => {
    mergePartial(merged, p);
    folder.add(p.chunks);
    done += p.paths;
    opts.onProgress?.(done, opts.paths);
  };
  if (workers === 0) {
    const sim = new ChunkSimulator(plan);
    for (const t of tasks) accept(runTask(sim, plan, t));
  } else {
    const threads = Math.min(workers, tasks.length);
    const pool = new Piscina({
      filename: workerFile(), workerData: { plan }, minThreads: threads, maxThreads: threads, idleTimeout: 1000,
    });
    try {
      await Promise.all(tasks.map((t) => pool.run(t).then((p: Partial) => accept(p))));
    } finally {
      await pool.destroy();
    }
  }
  if (folder.folded !== Math.ceil(opts.paths / CHUNK)) throw new Error('internal: not every chunk was folded');
  return {
    plan, paths: opts.paths, seed: opts.seed, chunkSize: CHUNK, workers,
    partial: merged, totals: folder.totals, wallSeconds: (performance.now() - started) / 1000,
  };
}
