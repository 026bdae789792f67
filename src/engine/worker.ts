/**
 * The worker thread's entry: one ChunkSimulator per worker for the plan it was started with.
 * Each worker claims one of the run's shared histograms (run.ts) and counts every task into it,
 * so a task's result carries only its small parts (hits, first years, per-chunk sums). After each
 * task it bumps its counter in `sync` with an atomic add, which orders its histogram writes before
 * the main thread's atomic read of that counter. A worker without a histogram of its own (one
 * restarted by the pool) returns its counts with each task instead.
 */
import { workerData } from 'node:worker_threads';
import type { Plan } from '../scenario/plan.js';
import { ChunkSimulator } from './kernel/index.js';
import { Aggregator, type Partial } from './partial.js';
import { runTask, type Task } from './task.js';

export interface WorkerData {
  plan: Plan;
  /** One histogram (Uint32Array of histogramLength(plan)) per worker. */
  hists: SharedArrayBuffer[];
  /** Int32Array: [0] the next histogram to claim; [1 + s] tasks finished into histogram s. */
  sync: SharedArrayBuffer;
}

const { plan, hists, sync } = workerData as WorkerData;
const sim = new ChunkSimulator(plan);
const syncArray = new Int32Array(sync);
const slot = Atomics.add(syncArray, 0, 1);
const shared = slot < hists.length ? new Uint32Array(hists[slot] as SharedArrayBuffer) : undefined;
const NO_COUNTS = new Uint32Array(0);

export default function work(task: Task): Partial {
  if (!shared) return runTask(sim, plan, task);
  const partial = runTask(sim, plan, task, new Aggregator(plan, shared));
  Atomics.add(syncArray, 1 + slot, 1);
  return { ...partial, hist: NO_COUNTS };
}
