/**
 * A pool thread's entry (backends/pool.ts). It keeps the simulators of the last few studies it
 * served (a study of many plans runs two at a time, so that the pool stays busy between them) and
 * builds them when a task of another study arrives. On its first task of a run it claims one of
 * the run's slots of shared count buffers and counts every task of that run into them, bumping
 * the slot's counter with an atomic add after each task (which orders its writes before the main
 * thread's atomic read). A study with a precision rule has several runs (rounds), each with count
 * buffers of its own. A thread that finds no slot left (one restarted by the pool, or one that
 * forgot the run) returns its counts with each task.
 */
import { deserialize } from 'node:v8';
import type { Plan } from '../../scenario/plan.js';
import { encodePartial, type AnyKind, type BasePartial, type KindSimulator } from '../kind.js';
import { kindByName } from '../kinds/index.js';
import type { PoolTask } from './pool.js';

interface Simulating {
  kind: AnyKind;
  sim: KindSimulator<BasePartial>;
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

function remember<V>(m: Map<number, V>, key: number, make: () => V): V {
  let v = m.get(key);
  if (v === undefined) {
    if (m.size >= KEEP) m.delete(m.keys().next().value as number);
    v = make();
    m.set(key, v);
  }
  return v;
}

export default function work({ task, study }: PoolTask): Uint8Array {
  const { kind, sim } = remember(studies, study.id, () => {
    const k = kindByName(study.kind);
    return { kind: k, sim: k.simulator(deserialize(new Uint8Array(study.plans)) as Plan[]) };
  });
  const { slot, counts, sync } = remember(runs, study.run, () => {
    const s = new Int32Array(study.sync);
    const claimed = Atomics.add(s, 0, 1);
    return { slot: claimed, counts: study.counts[claimed]?.map((b) => new Uint32Array(b)), sync: s };
  });
  const partial = sim.run(task, counts);
  if (!counts) return encodePartial(kind, partial);
  Atomics.add(sync, 1 + slot, 1);
  return encodePartial(kind, partial, false);
}
