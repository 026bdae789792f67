/** One unit of work for a worker: a contiguous range of chunks, simulated and aggregated. */
import type { Plan } from '../scenario/plan.js';
import { CHUNK, ChunkSimulator } from './kernel.js';
import { Aggregator, type Partial } from './partial.js';

export interface Task {
  seed: number;
  /** Paths in the whole run: the last chunk may be short. */
  paths: number;
  chunkStart: number;
  chunkEnd: number;
}

export function runTask(sim: ChunkSimulator, plan: Plan, task: Task): Partial {
  const agg = new Aggregator(plan);
  for (let chunk = task.chunkStart; chunk < task.chunkEnd; chunk++) {
    const n = Math.min(CHUNK, task.paths - chunk * CHUNK);
    agg.beginChunk(chunk);
    const { corridorValue } = sim.simulateChunk(task.seed, chunk, n, (b) => agg.consume(b));
    agg.endChunk(corridorValue);
  }
  return agg.partial;
}
