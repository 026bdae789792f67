/**
 * Where a run on workers loses against the two-process ceiling (issue 16): K1 at 100,000 paths on
 * 1 and 2 workers and the ceiling (bench/lib/workloads.ts), in rounds, medians printed, and the
 * time line of the last 2-worker run (src/engine/trace.ts marks, relative to the simulate() call).
 *
 *   npm run build && tsc -p bench/tsconfig.json && TRADE_SIM_TRACE=1 node dist-bench/bench/trace.js [--paths N] [--rounds R] [--fresh]
 *
 * Without TRADE_SIM_TRACE=1 it measures the same, without the time line (the marks cost nothing then).
 *
 * By default the runs on 1 and 2 workers are timed in this process (bench/run.ts's way: the clock
 * starts at simulate(), the pool starts inside it, this thread warm), the ceiling's runs in fresh
 * processes from their simulate() call (cold JIT, no thread to start). With --fresh, all four (1
 * worker, 2 workers, alone, the pair) are timed alike, each in a fresh process, from before the
 * scenario is read, as the CLI runs (solo.ts --from-planning: the pool started first); no time line.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareScenario } from '../src/project.js';
import { traceMarks, tracing, type TraceMark } from '../src/engine/trace.js';
import { timeRun } from './lib/macro.js';
import { median } from './lib/report.js';
import { solo, twoProcessCeiling } from './lib/workloads.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, '../..');
const { values: opt } = parseArgs({ options: { fresh: { type: 'boolean', default: false }, 'no-ceiling': { type: 'boolean', default: false }, paths: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' } } });
const paths = Number(opt.paths), rounds = Number(opt.rounds), seed = Number(opt.seed);
const say = (s: string) => process.stdout.write(`${s}\n`);

/** The marks of one run as lines: ms since the first mark, thread, event; consecutive task marks of a thread folded into one line. */
function timeline(marks: TraceMark[]): string[] {
  const t0 = marks[0]?.t ?? 0;
  return marks.map((m) => `${(m.t - t0).toFixed(1).padStart(8)} ms  ${m.thread === 0 ? 'main' : `thread ${m.thread}`}  ${m.event}`);
}

/**
 * From one run's marks (ms from the driver's start): when the first task started, each worker's
 * idle time between its first task's start and its last task's end, how far apart the workers'
 * last tasks ended, and the time from the last task's end to the driver's end (merge, counts).
 */
function phases(marks: TraceMark[]): string {
  const t0 = marks.find((m) => m.event === 'driver: start')?.t ?? 0;
  const end = marks.find((m) => m.event === 'driver: end')?.t ?? NaN;
  const threads = [...new Set(marks.filter((m) => m.thread !== 0).map((m) => m.thread))];
  const per = threads.map((th) => {
    const ts = marks.filter((m) => m.thread === th && / task .* (start|end)$/.test(m.event));
    let busy = 0;
    for (let i = 0; i + 1 < ts.length; i += 2) busy += (ts[i + 1] as TraceMark).t - (ts[i] as TraceMark).t;
    const first = ts[0]?.t ?? NaN, last = ts.at(-1)?.t ?? NaN;
    return { first: first - t0, last: last - t0, idle: last - first - busy, firstTask: (ts[1]?.t ?? NaN) - first };
  });
  const lastEnd = Math.max(...per.map((p) => p.last));
  const f = (x: number) => x.toFixed(1);
  return `first task at ${per.map((p) => f(p.first)).join('/')} ms (cold first task ${per.map((p) => f(p.firstTask)).join('/')} ms), idle between tasks ${per.map((p) => f(p.idle)).join('/')} ms, last ends ${f(Math.abs((per[0]?.last ?? NaN) - (per[1]?.last ?? NaN)))} ms apart, last end to driver end ${f(end - t0 - lastEnd)} ms, driver ${f(end - t0)} ms`;
}

const plan = prepareScenario(join(REPO, 'bench/k1.yaml')).compiled.plan;
await timeRun(plan, 20_000, seed, 0); // this thread's JIT warm, as in bench/run.ts
const fresh = opt.fresh;
/** Seconds of one run on `workers` workers: in this process (timeRun), or --fresh, as solo.ts --from-planning. */
const runOn = (workers: number) => fresh ? solo(join(here, 'solo.js'), REPO, 'bench/k1.yaml', paths, seed, { fromPlanning: true, workers }) : timeRun(plan, paths, seed, workers);
const one: number[] = [], two: number[] = [], ceiling: number[] = [];
let last: TraceMark[] = [];
for (let r = 0; r < rounds; r++) {
  one.push(await runOn(1));
  traceMarks();
  two.push(await runOn(2));
  await new Promise((ok) => setTimeout(ok, 50)); // the threads' last marks are in flight
  last = traceMarks();
  if (tracing && !fresh) say(`  2 workers: ${phases(last)}`);
  const c = opt['no-ceiling'] ? { ratio: NaN, alone: NaN, pair: [NaN, NaN] } : await twoProcessCeiling(join(here, 'solo.js'), REPO, 'bench/k1.yaml', paths, seed, { fromPlanning: fresh });
  ceiling.push(c.ratio);
  say(`round ${r + 1}: 1 worker ${one.at(-1)?.toFixed(3)} s, 2 workers ${two.at(-1)?.toFixed(3)} s, 2/1 ${((one.at(-1) ?? NaN) / (two.at(-1) ?? NaN)).toFixed(3)}, ceiling ${c.ratio.toFixed(3)} (alone ${c.alone.toFixed(3)} s, pair ${c.pair.map((x) => x.toFixed(3)).join(', ')} s)`);
}
const ratios = one.map((o, i) => o / (two[i] as number));
say(`medians of ${rounds}: 1 worker ${median(one).toFixed(3)} s, 2 workers ${median(two).toFixed(3)} s, 2/1 ${median(ratios).toFixed(3)}, ceiling ${median(ceiling).toFixed(3)}, of ceiling ${(median(ratios) / median(ceiling)).toFixed(3)} (per round: ${ratios.map((x, i) => (x / (ceiling[i] as number)).toFixed(3)).join(' ')})`);
if (tracing && !fresh) say(`time line of the last 2-worker run:\n${timeline(last).join('\n')}`);
