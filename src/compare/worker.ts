/** The comparison's worker thread: one ChunkSimulator per scenario, for the plans it was started with. */
import { workerData } from 'node:worker_threads';
import type { Plan } from '../scenario/plan.js';
import { CompareSimulators, type Task } from './task.js';

const sims = new CompareSimulators((workerData as { plans: Plan[] }).plans);

export default function work(task: Task) {
  return sims.run(task);
}
