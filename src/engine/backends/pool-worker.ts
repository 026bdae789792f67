/**
 * A pool thread's entry (backends/pool.ts). It keeps the simulators of the study it last served
 * and builds them afresh when a task of another study arrives (the previous study's are then
 * dropped). On its first task of a study it claims one of the study's slots of shared count
 * buffers and counts every task of that study into them, bumping the slot's counter with an
 * atomic add after each task (which orders its writes before the main thread's atomic read). A
 * thread that finds no slot left (one restarted by the pool) returns its counts with each task.
 * A study with a precision rule runs its tasks in several runs (rounds), each with count buffers of its own.
 */
import { deserialize } from 'node:v8';
import type { Plan } from '../../scenario/plan.js';
import { encodePartial, type AnyKind, type BasePartial, type KindSimulator } from '../kind.js';
import { kindByName } from '../kinds/index.js';
import type { PoolTask } from './pool.js';

interface Served {
  id: number;
  run: number;
  kind: AnyKind;
  sim: KindSimulator<BasePartial>;
  slot: number;
  counts: Uint32Array[] | undefined;
  sync: Int32Array;
}

let current: Served | undefined;

export default function work({ task, study }: PoolTask): Uint8Array {
  if (current?.id !== study.id) {
    current = undefined; // drops the previous study's simulators before building the next's
    const kind = kindByName(study.kind);
    const plans = deserialize(new Uint8Array(study.plans)) as Plan[];
    current = { id: study.id, run: 0, kind, sim: kind.simulator(plans), slot: 0, counts: undefined, sync: new Int32Array(0) };
  }
  if (current.run !== study.run) {
    // A run of the study (it may have several): the simulators stay, the count buffers are the run's.
    const sync = new Int32Array(study.sync);
    const slot = Atomics.add(sync, 0, 1);
    Object.assign(current, { run: study.run, slot, counts: study.counts[slot]?.map((b) => new Uint32Array(b)), sync });
  }
  const { kind, sim, slot, counts, sync }: Served = current;
  const partial = sim.run(task, counts);
  if (!counts) return encodePartial(kind, partial);
  Atomics.add(sync, 1 + slot, 1);
  return encodePartial(kind, partial, false);
}
