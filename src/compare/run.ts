/**
 * Runs a comparison: chunks of CHUNK paths, grouped into tasks, on a pool of worker threads
 * (piscina) or in this thread (workers = 0). Integer results merge as tasks finish; chunk sums
 * fold in chunk order. Results depend on (plans, seed, paths) only, never on the workers.
 */
import { Piscina } from 'piscina';
import type { Plan } from '../scenario/plan.js';
import { CHUNK } from '../engine/kernel/index.js';
import { defaultWorkers, planTasks } from '../engine/run.js';
import { ChunkFolder } from '../engine/partial.js';
import {
  emptyCompareTotals, emptyComparePartial, mergeComparePartial, shapeOf,
  type ComparePartial, type CompareTotals,
} from './partial.js';
import { CompareSimulators } from './task.js';
import { distPath } from '../paths.js';

export interface CompareRunOptions {
  paths: number;
  seed: number;
  /** Worker threads; 0 runs in this thread. Default: all cores. */
  workers?: number;
  onProgress?: (pathsDone: number, paths: number) => void;
}

export interface CompareRunResult {
  plans: Plan[];
  paths: number;
  seed: number;
  chunkSize: number;
  workers: number;
  partial: ComparePartial;
  totals: CompareTotals;
  wallSeconds: number;
}

/** The built worker (also from the TypeScript sources, under the tests). */
const workerFile = () => distPath('compare', 'worker.js');

export async function simulateComparison(plans: Plan[], opts: CompareRunOptions): Promise<CompareRunResult> {
  if (plans.length < 2) throw new Error('internal: a comparison needs two or more plans');
  const started = performance.now();
  const workers = opts.workers ?? defaultWorkers();
  const tasks = planTasks(opts.paths, opts.seed, workers);
  const shape = shapeOf(plans);
  const merged = emptyComparePartial(shape);
  const folder = new ChunkFolder(emptyCompareTotals(shape));
  let done = 0;
  const accept = (p: ComparePartial) => {
    mergeComparePartial(merged, p);
    folder.add(p.chunks);
    done += p.paths;
    opts.onProgress?.(done, opts.paths);
  };
  if (workers === 0) {
    const sims = new CompareSimulators(plans);
    for (const t of tasks) accept(sims.run(t));
  } else {
    const threads = Math.min(workers, tasks.length);
    const pool = new Piscina({
      filename: workerFile(), workerData: { plans }, minThreads: threads, maxThreads: threads, idleTimeout: 1000,
    });
    try {
      await Promise.all(tasks.map((t) => pool.run(t).then((p: ComparePartial) => accept(p))));
    } finally {
      await pool.destroy();
    }
  }
  if (folder.folded !== Math.ceil(opts.paths / CHUNK)) throw new Error('internal: not every chunk was folded');
  return {
    plans, paths: opts.paths, seed: opts.seed, chunkSize: CHUNK, workers,
    partial: merged, totals: folder.totals, wallSeconds: (performance.now() - started) / 1000,
  };
}
