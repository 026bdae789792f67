/**
 * A pool thread's entry (backends/pool.ts; built, it is loaded by pool-thread.ts): it instantiates
 * the kernel module the driving thread compiled and runs each task with pool-tasks.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mark } from '../trace.js';
import { useKernelModule } from '../kernel/wasm.js';
import type { PoolTask, PoolWorkerData } from './pool.js';
import { runPoolTask, THREAD_UP } from './pool-tasks.js';

// Node's workerData, which piscina passes through: importing piscina's main module for its
// Piscina.workerData getter loaded the whole pool (about 5 ms of each thread's start).
const data = workerData as PoolWorkerData | undefined;
if (data?.kernel) useKernelModule(data.kernel);
mark(`worker: loaded (kernel ${data?.kernel ? 'module shared' : 'compiled here'})`);
parentPort?.postMessage(THREAD_UP);

/**
 * piscina calls this from a promise continuation; given two tasks at once (pool.ts QUEUED), it would
 * run both before posting the first one's result (the continuations that post come after the
 * second task's), so that the main thread heard of the first only when the thread had run out of
 * work, and the thread then waited for a round trip. Running each task from its own macrotask lets
 * piscina post a result the moment its task ends, while the thread runs the next.
 */
export default function work(t: PoolTask): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(runPoolTask(t));
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}
