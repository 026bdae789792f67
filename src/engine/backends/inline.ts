/**
 * This thread: the study's simulator counts straight into the merged partial's count arrays. It
 * yields to the event loop between tasks (up to 4 chunks each), so that timers, I/O, signals and
 * an abort can be heard during a run, at a cost of a macrotask per task.
 */
import { setImmediate as turn } from 'node:timers/promises';
import { withoutCounts } from '../kind.js';
import type { Backend } from './backend.js';

export const inlineBackend: Backend = {
  workers: 0,
  async run(study, tasks, counts, deliver, stopping) {
    const sim = study.kind.simulator(study.plans);
    for (const [i, t] of tasks.entries()) {
      if (i > 0) await turn();
      if (stopping?.aborted) return;
      deliver(withoutCounts(study.kind, sim.run(t, counts)));
    }
  },
  close: () => Promise.resolve(),
};
