/** One unit of work for a worker: a contiguous range of chunks, simulated and aggregated. */
import type { Plan } from '../scenario/plan.js';
import { CHUNK, ChunkSimulator } from './kernel/index.js';
import { Aggregator, type Partial } from './partial.js';

export interface Task {
  seed: number;
  /** Paths in the whole run: the last chunk may be short. */
  paths: number;
  chunkStart: number;
  chunkEnd: number;
}

/**
 * Simulates the task's chunks into `agg` (by default a fresh Aggregator) and returns its Partial.
 * An aggregator passed in keeps counting across tasks: the caller takes the chunk sums out.
 */
export function runTask(sim: ChunkSimulator, plan: Plan, task: Task, agg: Aggregator = new Aggregator(plan)): Partial {
  const consume = agg.consume.bind(agg);
  for (let chunk = task.chunkStart; chunk < task.chunkEnd; chunk++) {
    const n = Math.min(CHUNK, task.paths - chunk * CHUNK);
    agg.beginChunk(chunk);
    const { corridorValue } = sim.simulateChunk(task.seed, chunk, n, consume);
    agg.endChunk(corridorValue);
  }
  return agg.partial;
}
