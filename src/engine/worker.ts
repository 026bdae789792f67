/** The worker thread's entry: one ChunkSimulator per worker for the plan it was started with. */
import { workerData } from 'node:worker_threads';
import type { Plan } from '../scenario/plan.js';
import { ChunkSimulator } from './kernel.js';
import { runTask, type Task } from './task.js';

const plan = (workerData as { plan: Plan }).plan;
const sim = new ChunkSimulator(plan);

export default function work(task: Task) {
  return runTask(sim, plan, task);
}
