/**
 * The macro benchmark: K1 through the library's simulate() (the path a CLI run takes), timed from
 * the call to its result: worker start-up, simulation, aggregation and the merge included. The
 * pool is closed inside the timing, as a CLI run starts and stops it (a library user running many
 * studies pays for its start once).
 */
import { closeBackends } from '../../src/engine/backends/index.js';
import { simulate } from '../../src/studies/run/run.js';
import type { Plan } from '../../src/scenario/plan.js';

/** Seconds for one run of `paths` paths on `workers` workers (0: in this thread). */
export async function timeRun(plan: Plan, paths: number, seed: number, workers: number): Promise<number> {
  const t0 = performance.now();
  const r = await simulate(plan, { paths, seed, workers });
  await closeBackends();
  const s = (performance.now() - t0) / 1000;
  if (r.paths !== paths) throw new Error('internal: short run');
  return s;
}

export const flowSteps = (plan: Plan, paths: number) => paths * plan.steps * plan.flowIds.length;
