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
 *
 * Beside the ceiling (two processes each running all the paths), the split ceiling
 * (workloads.ts splitCeiling): one run alone against its two halves in two processes at once, which
 * pay each process's cold start per half as two workers pay it per thread.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareScenario } from '../src/project.js';
import { traceMarks, tracing, type TraceMark } from '../src/engine/trace.js';
import { timeRun } from './lib/macro.js';
import { median } from './lib/report.js';
import { solo, splitCeiling, twoProcessCeiling } from './lib/workloads.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, '../..');
const { values: opt } = parseArgs({ options: { fresh: { type: 'boolean', default: false }, 'no-ceiling': { type: 'boolean', default: false }, paths: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' } } });
const paths = Number(opt.paths), rounds = Number(opt.rounds), seed = Number(opt.seed);
const say = (s: string) => process.stdout.write(`${s}\n`);

/** The marks of one run as lines: ms since the first mark, the thread's CPU ms so far (Linux), thread, event. */
function timeline(marks: TraceMark[]): string[] {
  const t0 = marks[0]?.t ?? 0;
  return marks.map((m) => `${(m.t - t0).toFixed(1).padStart(8)} ms  ${m.cpu === undefined ? '' : `cpu ${m.cpu.toFixed(1).padStart(7)}  `}${m.thread === 0 ? 'main' : `thread ${m.thread}`}  ${m.event}`);
}

/** What one 2-worker run's time line says of where it loses (ms; per thread, in thread order). */
interface Phases {
  /** From the driver's start to each thread's first task. */
  firstTask: number[];
  /** Each thread's CPU to its loaded mark (Node's start of a worker, pool-worker.js loaded); NaN for the main thread. */
  startCpu: number[];
  /** Each thread's first task: wall, and CPU beyond what its chunks cost in the thread's later tasks. */
  coldWall: number[];
  coldCpu: number[];
  /** A later task's CPU per chunk (median), each thread. */
  warmChunkCpu: number[];
  /** Each thread's time asleep (no task to run) between its first task's start and its last's end. */
  slept: number[];
  /** Each thread's time runnable but not running (other work on the machine) over the same span. */
  waited: number[];
  /** How far apart the threads' last tasks ended; from the last end to the driver's end, and the main thread's CPU then. */
  apart: number;
  tail: number;
  tailCpu: number;
  driver: number;
}

/** Phases of one run from its marks; thread CPU and waits where the marks carry them (Linux), else NaN. */
function phases(marks: TraceMark[]): Phases {
  const at = (e: string) => marks.find((m) => m.event === e);
  const t0 = at('driver: start')?.t ?? 0;
  const endMark = at('driver: end');
  const end = endMark?.t ?? NaN;
  // The threads that ran tasks: the pool's, and the main thread, which is one of a run's 2 or more workers (pool.ts threadsFor).
  const threads = [...new Set(marks.filter((m) => /^worker: task .* start$/.test(m.event)).map((m) => m.thread))];
  const per = threads.map((th) => {
    const mine = marks.filter((m) => m.thread === th);
    const ts = mine.filter((m) => / task .* (start|end)$/.test(m.event));
    const tasks: Array<{ chunks: number; wall: number; cpu: number }> = [];
    for (let i = 0; i + 1 < ts.length; i += 2) {
      const a = ts[i] as TraceMark, b = ts[i + 1] as TraceMark;
      const [c0, c1] = (/task (\d+)-(\d+)/.exec(a.event) ?? []).slice(1).map(Number);
      tasks.push({ chunks: (c1 ?? NaN) - (c0 ?? NaN), wall: b.t - a.t, cpu: (b.cpu ?? NaN) - (a.cpu ?? NaN) });
    }
    const first = ts[0], last = ts.at(-1);
    const warm = median(tasks.slice(1).map((k) => k.cpu / k.chunks));
    const span = (last?.t ?? NaN) - (first?.t ?? NaN);
    const cpu = (last?.cpu ?? NaN) - (first?.cpu ?? NaN), waited = (last?.waited ?? NaN) - (first?.waited ?? NaN);
    return {
      first: (first?.t ?? NaN) - t0, last: (last?.t ?? NaN) - t0,
      startCpu: mine.find((m) => m.event.startsWith('worker: loaded'))?.cpu ?? NaN,
      coldWall: tasks[0]?.wall ?? NaN, coldCpu: (tasks[0]?.cpu ?? NaN) - warm * (tasks[0]?.chunks ?? NaN), warm,
      slept: span - cpu - waited, waited,
    };
  });
  const lastEnd = Math.max(...per.map((p) => p.last));
  const lastTask = marks.filter((m) => m.thread === 0 && / task .* (back|end)$/.test(m.event)).at(-1);
  return {
    firstTask: per.map((p) => p.first), startCpu: per.map((p) => p.startCpu),
    coldWall: per.map((p) => p.coldWall), coldCpu: per.map((p) => p.coldCpu), warmChunkCpu: per.map((p) => p.warm),
    slept: per.map((p) => p.slept), waited: per.map((p) => p.waited),
    apart: Math.abs((per[0]?.last ?? NaN) - (per[1]?.last ?? NaN)),
    tail: end - t0 - lastEnd, tailCpu: (endMark?.cpu ?? NaN) - (lastTask?.cpu ?? NaN), driver: end - t0,
  };
}

const f1 = (x: number) => x.toFixed(1);
const both = (xs: number[]) => xs.map(f1).join('/');

function describe(p: Phases): string {
  return `first task at ${both(p.firstTask)} ms (thread start CPU ${both(p.startCpu)}), cold first task ${both(p.coldWall)} ms wall, ${both(p.coldCpu)} ms CPU beyond warm (${both(p.warmChunkCpu)} ms CPU a chunk), asleep between tasks ${both(p.slept)} ms (waiting for a CPU ${both(p.waited)}), last ends ${f1(p.apart)} ms apart, last end to driver end ${f1(p.tail)} ms (main CPU ${f1(p.tailCpu)}), driver ${f1(p.driver)} ms`;
}

/** Medians over runs of each phase, thread by thread pooled. */
function medianPhases(ps: Phases[]): string {
  const m = (get: (p: Phases) => number[]) => f1(median(ps.flatMap(get).filter(Number.isFinite))); // the main thread has no start
  return `medians over ${ps.length} runs (threads pooled): first task at ${m((p) => p.firstTask)} ms, thread start CPU ${m((p) => p.startCpu)}, cold first task ${m((p) => p.coldWall)} ms wall and ${m((p) => p.coldCpu)} ms CPU beyond warm (${m((p) => p.warmChunkCpu)} a chunk), asleep between tasks ${m((p) => p.slept)}, waiting for a CPU ${m((p) => p.waited)}, last ends ${m((p) => [p.apart])} apart, tail ${m((p) => [p.tail])} (main CPU ${m((p) => [p.tailCpu])}), driver ${m((p) => [p.driver])} ms`;
}

const plan = prepareScenario(join(REPO, 'bench/k1.yaml')).compiled.plan;
await timeRun(plan, 20_000, seed, 0); // this thread's JIT warm, as in bench/run.ts
const fresh = opt.fresh;
/** Seconds of one run on `workers` workers: in this process (timeRun), or --fresh, as solo.ts --from-planning. */
const runOn = (workers: number) => fresh ? solo(join(here, 'solo.js'), REPO, 'bench/k1.yaml', paths, seed, { fromPlanning: true, workers }) : timeRun(plan, paths, seed, workers);
const one: number[] = [], two: number[] = [], ceiling: number[] = [], split: number[] = [];
let last: TraceMark[] = [];
const runs: Phases[] = [];
for (let r = 0; r < rounds; r++) {
  one.push(await runOn(1));
  traceMarks();
  two.push(await runOn(2));
  await new Promise((ok) => setTimeout(ok, 50)); // the threads' last marks are in flight
  last = traceMarks();
  if (tracing && !fresh) {
    runs.push(phases(last));
    say(`  2 workers: ${describe(runs.at(-1) as Phases)}`);
  }
  const none = { ratio: NaN, alone: NaN, pair: [NaN, NaN] };
  const c = opt['no-ceiling'] ? none : await twoProcessCeiling(join(here, 'solo.js'), REPO, 'bench/k1.yaml', paths, seed, { fromPlanning: fresh });
  const h = opt['no-ceiling'] ? none : await splitCeiling(join(here, 'solo.js'), REPO, 'bench/k1.yaml', paths, seed, { fromPlanning: fresh });
  ceiling.push(c.ratio);
  split.push(h.ratio);
  const s3 = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(', ');
  say(`round ${r + 1}: 1 worker ${one.at(-1)?.toFixed(3)} s, 2 workers ${two.at(-1)?.toFixed(3)} s, 2/1 ${((one.at(-1) ?? NaN) / (two.at(-1) ?? NaN)).toFixed(3)}, ceiling ${c.ratio.toFixed(3)} (alone ${c.alone.toFixed(3)} s, pair ${s3(c.pair)} s), split ceiling ${h.ratio.toFixed(3)} (alone ${h.alone.toFixed(3)} s, halves ${s3(h.pair)} s)`);
}
const ratios = one.map((o, i) => o / (two[i] as number));
const per = (bound: number[]) => ratios.map((x, i) => (x / (bound[i] as number)).toFixed(3)).join(' ');
say(`medians of ${rounds}: 1 worker ${median(one).toFixed(3)} s, 2 workers ${median(two).toFixed(3)} s, 2/1 ${median(ratios).toFixed(3)}, ceiling ${median(ceiling).toFixed(3)}, of ceiling ${(median(ratios) / median(ceiling)).toFixed(3)} (per round: ${per(ceiling)}); split ceiling ${median(split).toFixed(3)}, of it ${(median(ratios) / median(split)).toFixed(3)} (per round: ${per(split)})`);
if (runs.length > 0) say(medianPhases(runs));
if (tracing && !fresh) say(`time line of the last 2-worker run:\n${timeline(last).join('\n')}`);
