/**
 * The workloads beside K1's throughput (bench/README.md): the two-process ceiling of the machine,
 * measured in the same run as the two-worker figure it bounds, and a study of many plans on one pool.
 */
import { spawn } from 'node:child_process';
import { closeBackends } from '../../src/engine/backends/index.js';
import { simulateMany } from '../../src/studies/run/run.js';
import type { Plan } from '../../src/scenario/plan.js';

/**
 * How solo.js times its run in its fresh process: from the simulate() call (the default; the plan
 * compiled before the clock), or `fromPlanning`: from before the pool is started and the scenario
 * read, as the CLI runs them, on `workers` workers (0: in its thread), the pool closed in the clock.
 */
export interface SoloOptions {
  fromPlanning?: boolean;
  workers?: number;
}

/** Runs solo.js in a process of its own; resolves with the run's own timing. */
export function solo(soloJs: string, cwd: string, scenario: string, paths: number, seed: number, o: SoloOptions = {}): Promise<number> {
  const extra = [...(o.fromPlanning ? ['--from-planning'] : []), ...(o.workers ? ['--workers', String(o.workers)] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [soloJs, scenario, String(paths), String(seed), ...extra], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`solo.js ${scenario} ${paths} failed (${code}): ${err.trim().split('\n').slice(-2).join(' | ')}`));
      else resolve((JSON.parse(out) as { seconds: number }).seconds);
    });
  });
}

export interface Ceiling {
  /** Seconds of one single-thread run alone, and of each of two run at once in two processes. */
  alone: number;
  pair: [number, number];
  /** What the two at once make of the work against one alone (twoProcessCeiling, splitCeiling). */
  ratio: number;
}

/** One run of `alonePaths` alone, then two of `pairPaths` at once (seeds seed and seed + 1), each in a process of its own. */
async function aloneThenPair(soloJs: string, cwd: string, scenario: string, alonePaths: number, pairPaths: number, seed: number, o: SoloOptions): Promise<Omit<Ceiling, 'ratio'>> {
  const one = { fromPlanning: o.fromPlanning ?? false };
  const alone = await solo(soloJs, cwd, scenario, alonePaths, seed, one);
  const pair = await Promise.all([solo(soloJs, cwd, scenario, pairPaths, seed, one), solo(soloJs, cwd, scenario, pairPaths, seed + 1, one)]) as [number, number];
  return { alone, pair };
}

/**
 * The most two workers can make of one on this machine now: two processes, each one thread, at
 * once, against one alone. The vCPUs of a shared VM slow each other down (bench/README.md), so
 * this is below 2, and it moves with the host's load: measure it beside what it bounds. The
 * ratio: throughput of the two at once over one alone, 2 x alone / the slower of the pair.
 */
export async function twoProcessCeiling(soloJs: string, cwd: string, scenario: string, paths: number, seed: number, o: SoloOptions = {}): Promise<Ceiling> {
  const { alone, pair } = await aloneThenPair(soloJs, cwd, scenario, paths, paths, seed, o);
  return { alone, pair, ratio: (2 * alone) / Math.max(...pair) };
}

/**
 * A like-for-like bound for a run on two workers (issue 16): twoProcessCeiling's processes each
 * run all the paths, so each pays a fresh isolate's cold start (for K1 about 94 ms of CPU: the
 * first task's slow code, and about 70 ms of optimising compiles on V8's threads, which find no
 * idle core when two run) once per 100,000 paths, where two workers sharing one run pay it once
 * per half. Here the pair are the run's two halves (half the paths each: a worker's share of the
 * chunks), so they pay it as two workers do, and what is left between them and the workers is the
 * pool's own cost (threads to start, messages, the merge). The ratio: alone / the slower half.
 */
export async function splitCeiling(soloJs: string, cwd: string, scenario: string, paths: number, seed: number, o: SoloOptions = {}): Promise<Ceiling> {
  const { alone, pair } = await aloneThenPair(soloJs, cwd, scenario, paths, Math.ceil(paths / 2), seed, o);
  return { alone, pair, ratio: alone / Math.max(...pair) };
}

/**
 * Seconds for a study of `runs` plans of `pathsEach` paths on one pool of `workers` threads
 * (simulateMany: each run a study of its own, seeds seed, seed + 1, ...),
 * the pool's start and stop included once. With `distinct`, each run's plan differs from the
 * others as a sensitivity study's do: the first flow's shocks are re-keyed (Plan.streamSalt), so no
 * run can reuse another's simulator and each pays a new plan's costs; without, the same plan
 * every run (the tracked figure before this option).
 */
export async function timeStudy(plan: Plan, runs: number, pathsEach: number, seed: number, workers: number, distinct = false): Promise<number> {
  const component = `shocks:${plan.flowIds[0] ?? ''}`;
  const planOf = (i: number): Plan => (distinct ? { ...plan, streamSalt: { ...plan.streamSalt, [component]: `bench-${i}` } } : plan);
  const studies = Array.from({ length: runs }, (_, i) => ({ plan: planOf(i), opts: { paths: pathsEach, seed: seed + i, workers } }));
  const t0 = performance.now();
  const results = await simulateMany(studies);
  if (results.some((r) => r.paths !== pathsEach)) throw new Error('internal: short run');
  await closeBackends();
  return (performance.now() - t0) / 1000;
}
