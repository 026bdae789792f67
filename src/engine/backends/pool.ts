/**
 * Worker threads (piscina): one pool per process, started at the first run that uses workers and
 * reused by every later run (a study of many plans pays for starting threads once); close it with
 * closeBackends() (backends/index.ts). A run of W >= 2 workers runs on W - 1 pool threads and on
 * this thread, which takes the tasks the threads have not (threadsFor); a run of 1 on one pool
 * thread. Each pool thread holds at most 2 tasks at once (QUEUED). A run that asks for more
 * threads than the pool has replaces it with a larger one (the old pool stops once the runs on it
 * are done).
 *
 * A task carries its study by reference: the plans, serialised once per study into a
 * SharedArrayBuffer (cloning the handle copies nothing), and the study's id, by which a worker
 * keeps the simulators of the study it last served (pool-tasks.ts). Each worker counts the
 * kind's count arrays (histograms) into buffers of its own, shared with this thread, added up
 * once at the end: a task then returns a few kilobytes (the encoded partial without its counts)
 * instead of every histogram. The threads instantiate the WebAssembly kernel this thread compiled
 * (handed over at their start): one compiled module, whose functions V8 tiers up once for all.
 */
import { existsSync } from 'node:fs';
import { serialize } from 'node:v8';
import type { Piscina as PiscinaPool } from 'piscina';
import { distPath } from '../../paths.js';
import { addInto, countsOf, decodePartial, type BasePartial, type Task } from '../kind.js';
import { forgetStudies, runTaskHere, THREAD_UP } from './pool-tasks.js';
import type { Backend, Study } from './backend.js';
import { mark } from '../trace.js';
import { kernelModule } from '../kernel/wasm.js';

/** What a task carries to pool-worker.ts. */
export interface PoolTask {
  task: Task;
  study: {
    id: number;
    /** Unique per run of tasks (a study with a precision rule runs several): a worker claims a slot of this run's count buffers. */
    run: number;
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

/** What each pool thread is started with: this thread's compiled kernel module (null: none), which the threads share (kernel/wasm.ts useKernelModule). */
export interface PoolWorkerData {
  kernel: object | null;
}

interface Pooled {
  threads: number;
  ready: Promise<PiscinaPool>;
  /** Runs using it. */
  users: number;
  /** Replaced by a larger pool: destroyed when its last run is done. */
  retired: boolean;
  /** Stopped by closePool(): a run on it fails with a message that says so. */
  closed?: boolean;
}

/**
 * Tasks a thread holds at once: the one it runs and the next, already posted to it, which it starts
 * the moment it returns the first (with one, it waited each time for this thread to hear of the end
 * and post the next: 0.2 to 7 ms, about 3% of a 100,000-path run on two workers).
 */
const QUEUED = 2;

/**
 * The file each thread loads: the CommonJS entry the build makes (pool-thread.ts), or, where the
 * build could not bundle (no esbuild-wasm), pool-worker.js as tsc wrote it.
 */
export function threadEntry(): string {
  const bundled = distPath('engine', 'backends', 'pool-thread.cjs');
  return existsSync(bundled) ? bundled : distPath('engine', 'backends', 'pool-worker.js');
}

let pool: Pooled | undefined;
/**
 * Per pool, resolved once its first thread has loaded (pool-worker.ts posts THREAD_UP; piscina's
 * own workerCreate comes at once for the threads a pool starts with).
 */
const threadUp = new WeakMap<PiscinaPool, Promise<void>>();
let started: PiscinaPool | undefined;
let created = 0;
let runs = 0;

/** Pools started so far in this process (the tests check that runs reuse one). */
export const poolsCreated = () => created;

/** The current pool's thread ids (the tests check that runs reuse the same threads). */
export const poolThreadIds = (): number[] => (started ? started.threads.map((t) => t.threadId) : []);

function destroy(p: Pooled): Promise<void> {
  return p.ready.then((piscina) => piscina.destroy());
}

/** The process's pool, with at least `threads` threads; release() it when the run is done. */
function acquire(threads: number): Pooled {
  if (!pool || pool.threads < threads) {
    const old = pool;
    if (old) {
      old.retired = true;
      if (old.users === 0) void destroy(old);
    }
    pool = {
      threads, users: 0, retired: false,
      ready: (async () => {
        // piscina is loaded only when a run uses workers: a run in this thread does not pay for it.
        mark('pool: start');
        const { Piscina } = await import('piscina');
        created++;
        const piscina = new Piscina({
          filename: threadEntry(), minThreads: threads, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: QUEUED,
          workerData: { kernel: kernelModule() } satisfies PoolWorkerData,
        });
        threadUp.set(piscina, new Promise((resolve) => {
          const heard = (m: unknown) => {
            if (m !== THREAD_UP) return;
            piscina.off('message', heard);
            resolve();
          };
          piscina.on('message', heard);
        }));
        started = piscina;
        mark('pool: threads created');
        return piscina;
      })(),
    };
  }
  pool.users++;
  return pool;
}

function release(p: Pooled): void {
  p.users--;
  if (p.retired && p.users === 0) void destroy(p);
}

/**
 * Starts the process's pool for runs of `workers` workers, so that Node's workers start and load
 * pool-worker.ts while this thread reads and compiles the scenario. It resolves once
 * the threads are created (not loaded): had it returned before, the threads would start only
 * when this thread next awaits, after a synchronous compile of the scenario. With `whole`, a
 * thread for each worker, so that this thread takes no tasks (for studies of many runs, threadsFor).
 */
export async function prestartPool(workers: number, whole = false): Promise<void> {
  const p = acquire(whole ? workers : threadsFor(workers));
  release(p);
  await p.ready.catch(() => undefined); // a failure to start shows again, with its message, at the run
}

/**
 * Count buffers of finished runs, by byte length, for the next runs. A study of many runs
 * allocated fresh buffers of a few MB per thread and run (6.5 MB for baseline-pk), and the system
 * zeroed each page as a thread first counted into it: 3,200 page faults per run on two threads,
 * which made the threads' consume() 1.7 times as long in a 20-run study as in one run of the same
 * paths. A buffer comes back zero: a run's end adds each slot but the first into the first and
 * clears it in the same pass (addAndClear), where zeroing it again before its next run was a
 * second pass over 6.5 MB that this thread made twice per run of a study (about 10% of its time,
 * taken from the pool threads on two cores). At most SPARE_RUNS runs' worth are kept; closing the
 * pool lets them go.
 */
const spare = new Map<number, SharedArrayBuffer[]>();
const SPARE_RUNS = 4;

/** A zero buffer of `bytes`: a spare one, or a new one. */
function countBuffer(bytes: number): SharedArrayBuffer {
  return spare.get(bytes)?.pop() ?? new SharedArrayBuffer(bytes);
}

/** Keeps zero buffers for the next runs. */
function giveBack(buffers: SharedArrayBuffer[], perRun: number): void {
  for (const b of buffers) {
    let list = spare.get(b.byteLength);
    if (!list) spare.set(b.byteLength, (list = []));
    if (list.length < SPARE_RUNS * perRun) list.push(b);
  }
}

/**
 * into[i] += from[i], and from[i] = 0: a slot's counts added into the first slot's, and the slot
 * made ready for another run. Only where from[i] is not 0: most bins of a histogram stay empty,
 * and most pages of a new buffer were never touched, so writing every element of `into` took a
 * page fault per 4 KB page (10 ms a run of baseline-pk on a loaded machine, against 2 ms).
 */
function addAndClear(into: Uint32Array, from: Uint32Array): void {
  if (from.length !== into.length) throw new Error('internal: partial arrays of different shapes');
  for (let i = 0; i < from.length; i++) {
    const f = from[i] as number;
    if (f !== 0) {
      into[i] = (into[i] as number) + f;
      from[i] = 0;
    }
  }
}

/** Why a run on a pool that closePool() stopped fails: piscina's own words are "Terminating worker thread". */
export const STOPPED_BY_CLOSE = 'the run was stopped: close() stopped the worker threads before it finished';

export async function closePool(): Promise<void> {
  const p = pool;
  if (p) p.closed = true;
  pool = undefined;
  started = undefined;
  spare.clear();
  forgetStudies();
  if (p) await destroy(p);
}

/**
 * Hands out items in order to `count` lanes that run `work` and, if given, to `here` (which takes
 * them with the function it is passed); resolves when every lane has run out. With `here`, only
 * the first `early` lanes start at once; the others start taking items once `start` resolves, or
 * never if the items ran out before. Once a lane fails, no lane is handed another item: the run
 * rejects at once, and what it had not started is never started (before, `here` went on
 * simulating the rest of a rejected run in this thread, close() mid-run included). Once
 * `stopping` is aborted, no lane is handed another item either, and the run resolves when the
 * items running are done.
 */
async function lanes<T>(
  items: T[], count: number, work: (item: T) => Promise<void>,
  here?: (take: () => T | undefined) => Promise<void>, early = count, start?: Promise<void>, stopping?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failed = false;
  let taken!: () => void;
  const allTaken = new Promise<void>((resolve) => { taken = resolve; });
  const take = () => {
    if (!failed && !stopping?.aborted && next < items.length) return items[next++];
    taken();
    return undefined;
  };
  const failing = (err: unknown): never => {
    failed = true;
    throw err;
  };
  let busy = 0;
  const lane = async (_: unknown, i: number) => {
    if (here && start && i >= early) await Promise.race([start, allTaken]);
    for (;;) {
      // With `here`, the last items are not queued behind others (every early lane busy): `here`
      // takes each as it comes free, where a queued one would leave it waiting at the end.
      if (here && busy >= early && items.length - next <= early + 1) return;
      const item = take();
      if (item === undefined) return;
      busy++;
      try {
        await work(item);
      } finally {
        busy--;
      }
    }
  };
  await Promise.all([...Array.from({ length: Math.min(count, items.length) }, lane), ...(here ? [here(take)] : [])].map((p) => p.catch(failing)));
}

/**
 * The threads a pool is started with for a run of `workers`. With two or more, one fewer: the
 * thread that drives the run takes the place of the one not started (runOn's lane `here`). It
 * would otherwise wait, and it starts simulating at once, where a thread takes about 20 ms of CPU
 * to start. A run on a pool that has a thread for each of its workers (a larger run's, or one a
 * study of many runs started whole: prestartPool) leaves this thread out: a study's runs overlap,
 * and this thread then merges one run while the threads simulate the next (with this thread
 * simulating too, 20 runs of 10,000 baseline-pk paths took 5% longer). With one worker, the run is
 * on a pool thread, and this thread stays free.
 */
export const threadsFor = (workers: number) => (workers >= 2 ? workers - 1 : workers);

function toShared(bytes: Uint8Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(sab).set(bytes);
  return sab;
}

export function poolBackend(workers: number): Backend {
  return {
    workers,
    async run(study, tasks, counts, deliver, stopping) {
      const pooled = acquire(threadsFor(workers));
      const here = pooled.threads < workers;
      try {
        return await runOn(await pooled.ready, pooled.threads, here ? pooled.threads : workers, here, study, tasks, counts, deliver, stopping);
      } catch (err) {
        if (pooled.closed) throw new Error(STOPPED_BY_CLOSE, { cause: err });
        throw err;
      } finally {
        release(pooled);
      }
    },
    close: closePool,
  };
}

async function runOn<P extends BasePartial>(
  piscina: PiscinaPool, threads: number, workers: number, here: boolean,
  study: Study<P>, tasks: Task[], counts: Uint32Array[], deliver: (p: P) => void, stopping?: AbortSignal,
): Promise<Uint32Array[] | undefined> {
  // Any thread of the pool may take one of this run's tasks: one slot of count buffers for each.
  const slots = Math.min(threads + (here ? 1 : 0), tasks.length);
  mark('pool: ready');
  const shared = {
    id: study.id,
    run: ++runs,
    kind: study.kind.name,
    plans: toShared(serialize(study.plans)),
    counts: Array.from({ length: slots }, () => counts.map((c) => countBuffer(c.byteLength))),
    sync: new SharedArrayBuffer((1 + slots) * Int32Array.BYTES_PER_ELEMENT),
  };
  mark(`pool: run ${shared.run} plans shared, ${tasks.length} tasks`);
  // On a larger pool (one a run of more workers started), one task per lane, or the run would spread over more threads than asked.
  // Whether a task came back with its counts (a thread that found no slot), which deliver adds into counts.
  let delivered = false;
  const up$ = threadUp.get(piscina);
  const receive = (partial: P) => {
    delivered ||= countsOf(study.kind, partial).some((c) => c.length > 0);
    deliver(partial);
  };
  // With this thread among the workers, each pool thread is given one task at once, and more once
  // one of them is up: until then this thread runs the rest (a task posted to a thread still
  // starting waits there, 20 ms or more, while this thread might run out of tasks and wait for it).
  await lanes(tasks, (threads === workers ? QUEUED : 1) * workers, async (task) => {
    const bytes = await piscina.run({ task, study: shared } satisfies PoolTask) as Uint8Array;
    mark(`pool: task ${task.chunkStart}-${task.chunkEnd} back`);
    receive(decodePartial<P>(study.kind, bytes));
  }, here ? async (take) => {
    // This thread's lane: a task at a time, as a pool thread runs it (claiming a slot of counts),
    // each from a macrotask of its own, so that between tasks the threads' results come in and
    // their next tasks go out. Until a pool thread is up, a chunk at a time (about 6 ms of K1),
    // so that the thread hears of its next tasks soon after.
    let up = false;
    void up$?.then(() => { up = true; });
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const task = take();
      if (task === undefined) return;
      for (let c = task.chunkStart; c < task.chunkEnd;) {
        if (c > task.chunkStart) await new Promise<void>((resolve) => setImmediate(resolve));
        const end = up ? task.chunkEnd : c + 1;
        receive(runTaskHere<P>({ task: { ...task, chunkStart: c, chunkEnd: end }, study: shared }));
        c = end;
      }
    }
  } : undefined, threads, up$, stopping);
  mark(`pool: run ${shared.run} tasks done`);
  const sync = new Int32Array(shared.sync);
  const claimed = Math.min(slots, Atomics.load(sync, 0));
  if (claimed === 0) return undefined;
  // The first slot's buffers become the run's counts (copying them into `counts` took 3 ms of a
  // 100,000-path run's end on two workers, page faults included); the other slots, and `counts`
  // if a task delivered some, are added into them.
  for (let s = 0; s < claimed; s++) Atomics.load(sync, 1 + s); // orders each worker's writes to its buffers before these reads
  const slot = (s: number) => (shared.counts[s] as SharedArrayBuffer[]).map((b) => new Uint32Array(b));
  const own = slot(0);
  for (let s = 1; s < claimed; s++) slot(s).forEach((c, i) => addAndClear(own[i] as Uint32Array, c));
  if (delivered) counts.forEach((c, i) => addInto(own[i] as Uint32Array, c));
  // Every task of the run has returned: no thread writes to its buffers any more. The first slot's
  // go with the result; the others are zero again (slots no thread claimed never stopped being).
  giveBack(shared.counts.slice(1).flat(), slots * counts.length);
  mark(`pool: run ${shared.run} counts added`);
  return own;
}

const compactStudies = new WeakMap<Study, PoolTask['study']>();

/**
 * Runs one task on the pool (at least `workers` threads) and returns its partial compact, counts
 * included (engine/compact.ts): for partials that leave the process, a queue worker's chunks. Pass
 * the same Study for all of its tasks: the threads keep its simulators and count arrays between tasks.
 */
export async function runCompact(workers: number, study: Study, task: Task): Promise<Uint8Array> {
  const pooled = acquire(workers);
  try {
    const piscina = await pooled.ready;
    let shared = compactStudies.get(study);
    if (!shared) {
      shared = { id: study.id, run: ++runs, kind: study.kind.name, plans: toShared(serialize(study.plans)), counts: [], sync: new SharedArrayBuffer(4), compact: true };
      compactStudies.set(study, shared);
    }
    return await piscina.run({ task, study: shared } satisfies PoolTask) as Uint8Array;
  } finally {
    release(pooled);
  }
}
