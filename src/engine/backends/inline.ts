/** This thread: the study's simulator counts straight into the merged partial's count arrays. */
import { withoutCounts } from '../kind.js';
import type { Backend } from './backend.js';

export const inlineBackend: Backend = {
  workers: 0,
  run(study, tasks, counts, deliver) {
    const sim = study.kind.simulator(study.plans);
    for (const t of tasks) deliver(withoutCounts(study.kind, sim.run(t, counts)));
    return Promise.resolve();
  },
  close: () => Promise.resolve(),
};
