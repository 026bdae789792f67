/**
 * One single-thread run in a process of its own, for the two-process ceiling (bench/lib/workloads.ts):
 * `node dist-bench/bench/solo.js SCENARIO PATHS SEED` prints {"seconds": ...}, the simulate() call
 * in this thread timed from the call to its result, cold (a fresh process's JIT, as a worker's).
 */
import { prepareScenario } from '../src/project.js';
import { timeRun } from './lib/macro.js';

const [file, paths, seed] = process.argv.slice(2);
if (!file || !paths || !seed) throw new Error('usage: solo.js SCENARIO PATHS SEED');
const plan = prepareScenario(file).compiled.plan;
process.stdout.write(`${JSON.stringify({ seconds: await timeRun(plan, Number(paths), Number(seed), 0) })}\n`);
