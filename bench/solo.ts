/**
 * One run in a process of its own, for the two-process ceiling (bench/lib/workloads.ts):
 * `node dist-bench/bench/solo.js SCENARIO PATHS SEED [--workers N] [--from-planning]` prints
 * {"seconds": ...}. By default the simulate() call in this thread, timed from the call to its
 * result, cold (a fresh process's JIT, as a worker's). With --from-planning, timed as the CLI runs:
 * from before the pool is started (prestartBackend, none for 0 workers) and the scenario read and
 * compiled, to the result with the pool closed; the same fresh-process state for every worker
 * count, so that bench/trace.ts --fresh compares runs on workers with the ceiling like for like.
 */
import { parseArgs } from 'node:util';
import { closeBackends, prestartBackend } from '../src/engine/backends/index.js';
import { prepareScenario } from '../src/project.js';
import { simulate } from '../src/studies/run/run.js';
import { timeRun } from './lib/macro.js';

const { values: opt, positionals } = parseArgs({ allowPositionals: true, options: { workers: { type: 'string', default: '0' }, 'from-planning': { type: 'boolean', default: false } } });
const [file, pathsArg, seedArg] = positionals;
if (!file || !pathsArg || !seedArg) throw new Error('usage: solo.js SCENARIO PATHS SEED [--workers N] [--from-planning]');
const paths = Number(pathsArg), seed = Number(seedArg), workers = Number(opt.workers);

async function fromPlanning(): Promise<number> {
  const t0 = performance.now();
  await prestartBackend(workers);
  const plan = prepareScenario(file as string).compiled.plan;
  const r = await simulate(plan, { paths, seed, workers });
  await closeBackends();
  if (r.paths !== paths) throw new Error('internal: short run');
  return (performance.now() - t0) / 1000;
}

const seconds = opt['from-planning'] ? await fromPlanning() : await timeRun(prepareScenario(file).compiled.plan, paths, seed, workers);
process.stdout.write(`${JSON.stringify({ seconds })}\n`);
