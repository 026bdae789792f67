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
  /** Throughput of the two at once over one alone: 2 x alone / the slower of the pair. */
  ratio: number;
}

/**
 * The most two workers can make of one on this machine now: two processes, each one thread, at
 * once, against one alone. The vCPUs of a shared VM slow each other down (bench/README.md), so
 * this is below 2, and it moves with the host's load: measure it beside what it bounds.
 */
export async function twoProcessCeiling(soloJs: string, cwd: string, scenario: string, paths: number, seed: number, o: SoloOptions = {}): Promise<Ceiling> {
  const one = { fromPlanning: o.fromPlanning ?? false };
  const alone = await solo(soloJs, cwd, scenario, paths, seed, one);
  const pair = await Promise.all([solo(soloJs, cwd, scenario, paths, seed, one), solo(soloJs, cwd, scenario, paths, seed + 1, one)]) as [number, number];
  return { alone, pair, ratio: (2 * alone) / Math.max(...pair) };
}

/** One run of `paths` alone against the same run split in two halves, run at once in two processes. */
export interface SplitCeiling {
  /** Seconds of one single-thread run of all the paths alone; of each half (chunks apart) in the pair. */
  alone: number;
  halves: [number, number];
  /** alone / the slower half: what two single-thread processes make of one run split between them. */
  ratio: number;
}

/**
 * A like-for-like bound for a run on two workers (bench/README.md, issue 16): twoProcessCeiling's
 * processes each run all the paths, so each pays its cold start (the JIT's warm-up, about 150 ms
 * of compiler CPU for K1 per isolate) once per 100,000 paths, where two workers sharing one run
 * pay it once per half. Here two processes each run half of one run, as two workers do, and pay
 * what a thread pays except starting the thread and the pool's messages and merge; 0.95 of this
 * leaves the pool 5% for those. Each half is a run of half the paths (seeds seed and seed + 1):
 * the chunks of a worker's share.
 */
export async function splitCeiling(soloJs: string, cwd: string, scenario: string, paths: number, seed: number, o: SoloOptions = {}): Promise<SplitCeiling> {
  const one = { fromPlanning: o.fromPlanning ?? false };
  const alone = await solo(soloJs, cwd, scenario, paths, seed, one);
  const half = Math.ceil(paths / 2);
  const halves = await Promise.all([solo(soloJs, cwd, scenario, half, seed, one), solo(soloJs, cwd, scenario, half, seed + 1, one)]) as [number, number];
  return { alone, halves, ratio: alone / Math.max(...halves) };
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
