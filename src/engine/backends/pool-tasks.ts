/**
 * A pool task's work, wherever it runs: in a pool thread (pool-worker.ts) or in the thread that
 * drives a run of two or more workers, which is one of them (pool.ts). The thread keeps the
 * simulators of the last few studies it served (a study of many plans runs two at a time, so that
 * the pool stays busy between them) and builds them when a task of another study arrives, unless
 * it has one for the same kind and plans already. On its first task of a run it claims one of
 * the run's slots of shared count buffers and counts every task of that run into them, bumping
 * the slot's counter with an atomic add after each task (which orders its writes before the
 * driving thread's atomic read). A study with a precision rule has several runs (rounds), each
 * with count buffers of its own. A thread that finds no slot left (one restarted by the pool, or
 * one that forgot the run) returns its counts with each task. A compact task (a queue worker's
 * chunk, whose partial leaves the process) is counted into the thread's own arrays, kept for the
 * study's next tasks, and returned compact (engine/compact.ts).
 */
import { deserialize } from 'node:v8';
import type { Plan } from '../../scenario/plan.js';
import { countsOf, encodePartial, withoutCounts, type AnyKind, type BasePartial, type KindSimulator, type Task } from '../kind.js';
import { encodeCompact } from '../compact.js';
import { kindByName } from '../kinds/index.js';
import { mark } from '../trace.js';
import type { PoolTask } from './pool.js';

interface Simulating {
  kind: AnyKind;
  sim: KindSimulator<BasePartial>;
  /** The study's serialised plans: a study of the same kind and the same bytes reuses sim (below). */
  plans: Buffer;
  /** For compact tasks: this thread's count arrays, zeroed after each task. */
  own?: Uint32Array[];
}

interface Counting {
  slot: number;
  counts: Uint32Array[] | undefined;
  sync: Int32Array;
}

/** Studies (by id) and runs (by run number) this thread remembers, at most KEEP of each, the oldest forgotten first. */
const KEEP = 4;
const studies = new Map<number, Simulating>();
const runs = new Map<number, Counting>();

/** What a pool thread posts once it has loaded (pool-worker.ts), before it takes a task. */
export const THREAD_UP = 'trade-sim: pool thread up';

/** Lets go of the studies and runs this thread remembers (the driving thread's, when its pool closes). */
export function forgetStudies(): void {
  studies.clear();
  runs.clear();
}

function remember<V>(m: Map<number, V>, key: number, make: () => V): V {
  let v = m.get(key);
  if (v === undefined) {
    if (m.size >= KEEP) m.delete(m.keys().next().value as number);
    v = make();
    m.set(key, v);
  }
  return v;
}

/** Runs a task in a pool thread: its partial as bytes (compact for a compact study). */
export function runPoolTask(t: PoolTask): Uint8Array {
  if (t.study.compact) {
    mark(`worker: task ${t.task.chunkStart}-${t.task.chunkEnd} start`);
    return compactTask(served(t), t.task);
  }
  const { kind, partial } = runTask(t);
  return encodePartial(kind, partial);
}

/** Runs a task in the thread that drives its run: its partial itself, which needs no copy to cross threads. */
export function runTaskHere<P extends BasePartial>(t: PoolTask): P {
  return runTask(t).partial as P;
}

function served({ study }: PoolTask): Simulating {
  return remember(studies, study.id, () => {
    const k = kindByName(study.kind);
    const plans = Buffer.from(study.plans);
    // A simulator's results depend only on its plans and each task: a study of plans this thread
    // already simulates (runs of one plan with other seeds, a precision rule's rounds) reuses its
    // simulator, warm, instead of building another (arrays of a few MB to allocate and collect).
    for (const s of studies.values()) if (s.kind === k && s.plans.equals(plans)) return { kind: k, sim: s.sim, plans };
    const sim = k.simulator(deserialize(plans) as Plan[]);
    mark(`worker: study ${study.id} simulator built`);
    return { kind: k, sim, plans };
  });
}

/** A task counted into this thread's slot of the run's counts (its partial's count arrays then empty), or with them where it found no slot. */
function runTask(t: PoolTask): { kind: AnyKind; partial: BasePartial } {
  const { task, study } = t;
  mark(`worker: task ${task.chunkStart}-${task.chunkEnd} start`);
  const { kind, sim } = served(t);
  const { slot, counts, sync } = remember(runs, study.run, () => {
    const s = new Int32Array(study.sync);
    const claimed = Atomics.add(s, 0, 1);
    return { slot: claimed, counts: study.counts[claimed]?.map((b) => new Uint32Array(b)), sync: s };
  });
  const partial = sim.run(task, counts);
  mark(`worker: task ${task.chunkStart}-${task.chunkEnd} end`);
  if (!counts) return { kind, partial };
  Atomics.add(sync, 1 + slot, 1);
  return { kind, partial: withoutCounts(kind, partial) };
}

/** A task whose partial leaves the process whole (a queue's chunk): counted into this thread's own arrays, returned compact. */
function compactTask(served: Simulating, task: Task): Uint8Array {
  const partial = served.sim.run(task, served.own);
  served.own ??= countsOf(served.kind, partial); // the first task's arrays serve the next ones
  const bytes = encodeCompact(served.kind, partial);
  for (const c of served.own) c.fill(0);
  return bytes;
}
