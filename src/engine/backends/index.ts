/** The backend for a number of workers, and closing whatever backends a process started. */
import type { Backend } from './backend.js';
import { inlineBackend } from './inline.js';

export type { Backend, Study } from './backend.js';

let pool: typeof import('./pool.js') | undefined;

/** 0: this thread; otherwise the process's pool of that many threads. */
export async function backendFor(workers: number): Promise<Backend> {
  if (workers === 0) return inlineBackend;
  pool ??= await import('./pool.js');
  return pool.poolBackend(workers);
}

/** Starts the process's pool for runs of `workers` workers ahead of its first run; `whole`: a thread for each (see pool.ts prestartPool). */
export async function prestartBackend(workers: number, whole = false): Promise<void> {
  if (workers === 0) return;
  pool ??= await import('./pool.js');
  await pool.prestartPool(workers, whole);
}

/** Stops the pool's threads, if any were started; the CLI calls it before exiting, a library user via close(). */
export async function closeBackends(): Promise<void> {
  await pool?.closePool();
}
