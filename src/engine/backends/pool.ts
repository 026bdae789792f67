/**
 * Worker threads (piscina): one pool per process, started at the first run that uses workers and
 * reused by every later run (a study of many plans pays for starting threads once); close it with
 * closeBackends() (backends/index.ts). A run that asks for another number of threads replaces it.
 *
 * A task carries its study by reference: the plans, serialised once per study into a
 * SharedArrayBuffer (cloning the handle copies nothing), and the study's id, by which a worker
 * keeps the simulators of the study it last served (pool-worker.ts). Each worker counts the
 * kind's count arrays (histograms) into buffers of its own, shared with this thread, added up
 * once at the end: a task then returns a few kilobytes (the encoded partial without its counts)
 * instead of every histogram.
 */
import { serialize } from 'node:v8';
import type { Piscina as PiscinaPool } from 'piscina';
import { distPath } from '../../paths.js';
import { addInto, decodePartial, type BasePartial, type Task } from '../kind.js';
import type { Backend, Study } from './backend.js';

/** What a task carries to pool-worker.ts. */
export interface PoolTask {
  task: Task;
  study: {
    id: number;
    kind: string;
    /** v8.serialize(plans). */
    plans: SharedArrayBuffer;
    /** Per worker slot, one buffer per count array of the kind. */
    counts: SharedArrayBuffer[][];
    /** Int32Array: [0] the next slot to claim; [1 + s] tasks finished into slot s. */
    sync: SharedArrayBuffer;
    /** Return each task's partial compact, counts included (runCompact); no slots. */
    compact?: boolean;
  };
}

let pool: { threads: number; ready: Promise<PiscinaPool> } | undefined;
let started: PiscinaPool | undefined;
let created = 0;

/** Pools started so far in this process (the tests check that runs reuse one). */
export const poolsCreated = () => created;

/** The pool's thread ids (the tests check that runs reuse the same threads). */
export const poolThreadIds = (): number[] => (started ? started.threads.map((t) => t.threadId) : []);

/** The process's pool of `threads` threads: the current one, or a new one replacing it (runs still on the old one then fail). */
function poolOf(threads: number): Promise<PiscinaPool> {
  if (pool?.threads !== threads) {
    const old = pool;
    pool = {
      threads,
      ready: (async () => {
        if (old) await (await old.ready).destroy();
        // piscina is loaded only when a run uses workers: a run in this thread does not pay for it.
        const { Piscina } = await import('piscina');
        created++;
        started = new Piscina({
          filename: distPath('engine', 'backends', 'pool-worker.js'), minThreads: threads, maxThreads: threads, idleTimeout: Infinity,
        });
        return started;
      })(),
    };
  }
  return pool.ready;
}

export async function closePool(): Promise<void> {
  const p = pool;
  pool = undefined;
  started = undefined;
  if (p) await (await p.ready).destroy();
}

function toShared(bytes: Uint8Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(sab).set(bytes);
  return sab;
}

export function poolBackend(workers: number): Backend {
  return {
    workers,
    async run<P extends BasePartial>(study: Study<P>, tasks: Task[], counts: Uint32Array[], deliver: (p: P) => void): Promise<void> {
      const piscina = await poolOf(workers);
      const slots = Math.min(workers, tasks.length);
      const shared = {
        id: study.id,
        kind: study.kind.name,
        plans: toShared(serialize(study.plans)),
        counts: Array.from({ length: slots }, () => counts.map((c) => new SharedArrayBuffer(c.byteLength))),
        sync: new SharedArrayBuffer((1 + slots) * Int32Array.BYTES_PER_ELEMENT),
      };
      await Promise.all(tasks.map((task) => piscina.run({ task, study: shared } satisfies PoolTask).then((bytes: Uint8Array) => {
        deliver(decodePartial(study.kind, bytes));
      })));
      const sync = new Int32Array(shared.sync);
      const claimed = Math.min(slots, Atomics.load(sync, 0));
      for (let s = 0; s < claimed; s++) {
        Atomics.load(sync, 1 + s); // orders the worker's writes to its buffers before these reads
        (shared.counts[s] as SharedArrayBuffer[]).forEach((b, i) => addInto(counts[i] as Uint32Array, new Uint32Array(b)));
      }
    },
    close: closePool,
  };
}

const compactStudies = new WeakMap<Study, PoolTask['study']>();

/**
 * Runs one task on the pool of `workers` threads and returns its partial compact, counts included
 * (engine/compact.ts): for partials that leave the process, a queue worker's chunks. Pass the same
 * Study for all of its tasks: the threads keep its simulators and count arrays between tasks.
 */
export async function runCompact(workers: number, study: Study, task: Task): Promise<Uint8Array> {
  const piscina = await poolOf(workers);
  let shared = compactStudies.get(study);
  if (!shared) {
    shared = { id: study.id, kind: study.kind.name, plans: toShared(serialize(study.plans)), counts: [], sync: new SharedArrayBuffer(4), compact: true };
    compactStudies.set(study, shared);
  }
  return piscina.run({ task, study: shared } satisfies PoolTask) as Promise<Uint8Array>;
}
