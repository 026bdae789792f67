/**
 * A backend runs a study's tasks somewhere (this thread, a pool of threads, other machines) and
 * hands back each task's partial. It never merges or folds: the driver does (driver.ts), so
 * results are the same bits on every backend.
 */
import type { Plan } from '../../scenario/plan.js';
import type { AggregatorKind, BasePartial, Task } from '../kind.js';

/** Plans aggregated by one kind: what a backend's workers simulate. */
export interface Study<P extends BasePartial = BasePartial> {
  /** Unique in this process: a worker keeps the simulators of the study it last served, by id. */
  id: number;
  kind: AggregatorKind<P>;
  plans: Plan[];
}

export interface Backend {
  /** Threads (or processes) the tasks run on; 0: this thread. */
  readonly workers: number;
  /**
   * Runs the tasks and calls `deliver` with each task's partial as it completes, in any order.
   * A backend may count the kind's count arrays into buffers of its own instead of delivering
   * them (a delivered partial's count arrays are then empty). It then resolves with the run's
   * count arrays, in the kind's order, which the driver takes in place of `counts` (the kind's
   * count arrays of the merged partial, zero when run is called, and changed meanwhile only by
   * deliver): it adds `counts` into them. A backend that delivers every count resolves with nothing.
   * Once `stopping` is aborted it hands out no further task, and resolves as above once the tasks
   * it had handed out have come in (a backend that keeps chunks of its own may ignore it).
   */
  run<P extends BasePartial>(study: Study<P>, tasks: Task[], counts: Uint32Array[], deliver: (partial: P) => void, stopping?: AbortSignal): Promise<Uint32Array[] | void>;
  /** Frees what the backend holds (threads, connections); it may be started again by the next run. */
  close(): Promise<void>;
}
