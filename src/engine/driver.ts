/**
 * The engine driver, for every study: plans chunk tasks for one or more compiled plans, runs them
 * on a backend (this thread, the process's thread pool, or another), merges the integer parts of
 * the partials as tasks finish and folds their chunk sums in chunk order. What is kept of the
 * paths is the aggregator kind's business (kind.ts, kinds/). Results depend on (kind, plans, seed,
 * paths) only, never on the backend or the number of workers.
 */
import { availableParallelism } from 'node:os';
import type { Plan } from '../scenario/plan.js';
import { CHUNK } from './kernel/index.js';
import { ChunkFolder, type SumArrays } from './partial.js';
import { countsOf, mergePartial, replaceCounts, type AggregatorKind, type BasePartial, type Task } from './kind.js';
import { backendFor, type Backend, type Study } from './backends/index.js';
import { mark } from './trace.js';
import { driveKey, Interrupted, type KeptDrive, type KeptRuns } from './kept.js';

export interface DriveOptions {
  /** Paths to simulate; with `precision`, the most paths to simulate (the cap). */
  paths: number;
  seed: number;
  /** Threads that simulate (backends/pool.ts threadsFor); 0: this thread alone. Default: in this thread for a small run, else all cores. */
  workers?: number;
  /** Where to run; default: backendFor(workers). */
  backend?: Backend;
  /** Called as paths complete. */
  onProgress?: (pathsDone: number, paths: number) => void;
  /**
   * Stops the run when aborted: it rejects with the signal's reason, checked before the run and as
   * each task's paths come in (so within a task, up to 4 chunks), and hands out no further task.
   */
  signal?: AbortSignal;
  /**
   * Where the drive finds what was kept of it (its chunks done before an interrupt) and leaves its
   * state: whole when it completes, drained (then it throws Interrupted) once `keep.stop()` is
   * called. Not with a backend that keeps chunks of its own (a queue).
   */
  keep?: KeptRuns;
}

/**
 * Simulate until a standard error is at most `standardError`: `of` computes it from a prefix of
 * whole chunks, from the merged partial's integer parts (exact whatever the order in which the
 * prefix's tasks finished) or from the prefix's sums folded in chunk order (the same bits too).
 */
export interface PrecisionRule<P, S extends string = string> {
  standardError: number;
  of: (partial: P, totals: SumArrays<S>) => number;
}

/** What a run with a precision rule asked and reached. */
export interface PrecisionReached {
  asked: number;
  /** The rule's standard error on all the paths simulated. */
  reached: number;
  /** The cap: DriveOptions.paths. */
  maxPaths: number;
  /** The cap stopped the run before the standard error was reached. */
  capped: boolean;
  /** Rounds of chunks simulated, each decided on the ones before. */
  rounds: number;
}

export interface DriveResult<P, S extends string> {
  plans: Plan[];
  paths: number;
  seed: number;
  chunkSize: number;
  workers: number;
  partial: P;
  totals: SumArrays<S>;
  wallSeconds: number;
  /** Present when the run had a precision rule. */
  precision?: PrecisionReached;
}

export const defaultWorkers = () => availableParallelism();

/**
 * Workers to start before a run is planned, from what its command line says (the plan, which
 * autoWorkers needs, is not compiled yet): the number named, else every core for a run of 100,000
 * paths or more (at least 2e7 flow-steps for any scenario of 200 flow-steps per path or more), else none.
 */
export function workersToPrestart(o: { paths?: number | undefined; workers?: number | undefined }): number {
  return o.workers ?? ((o.paths ?? 0) >= 100_000 ? defaultWorkers() : 0);
}

/** Below this many flow-steps (paths x steps x flows, over all plans) a run without a named number of workers stays in this thread. */
export const SMALL_RUN_FLOW_STEPS = 20_000_000;

/**
 * The number of workers for a run that names none: 0 (this thread) for a small run, else one per
 * core. Starting workers (about 0.1 s, and each compiles the kernel afresh) costs more than they
 * save below about SMALL_RUN_FLOW_STEPS.
 */
export function autoWorkers(plans: Plan[], paths: number): number {
  const flowSteps = plans.reduce((a, plan) => a + paths * plan.steps * Math.max(1, plan.flowIds.length), 0);
  return flowSteps < SMALL_RUN_FLOW_STEPS ? 0 : defaultWorkers();
}

/** The workers a run of `plans` with these options asks for: those named, else autoWorkers. */
export const workersFor = (plans: Plan[], opts: Pick<DriveOptions, 'paths' | 'workers'>) => opts.workers ?? autoWorkers(plans, opts.paths);

/**
 * Tasks of whole chunks; their size affects only scheduling, never the results. Tasks shrink as
 * the chunks left do (guided scheduling): at most 4 chunks, then a quarter of each worker's share
 * of what is left, down to one chunk at the end, so that both workers finish within about a chunk
 * of each other (with tasks of a fixed 3 chunks, one worker could wait up to 3 chunks, 6% of a
 * 100,000-path run on two). A task's overhead (a message each way, a few kilobytes of results) is
 * under a millisecond.
 */
export function planTasks(paths: number, seed: number, workers: number, range: ChunkRange = { start: 0, end: Math.ceil(paths / CHUNK) }): Task[] {
  const W = Math.max(1, workers);
  const tasks: Task[] = [];
  for (let c = range.start; c < range.end;) {
    const per = Math.max(1, Math.min(4, Math.floor((range.end - c) / (4 * W))));
    tasks.push({ seed, paths, chunkStart: c, chunkEnd: Math.min(range.end, c + per) });
    c += per;
  }
  return tasks;
}

/** Chunks [start, end) of a run. */
export interface ChunkRange {
  start: number;
  end: number;
}

/** Chunks in the first round of a run with a precision rule (8,192 paths), and the least a later round adds. */
export const FIRST_ROUND_CHUNKS = 8;

/**
 * Where the next round of a run with a precision rule ends, in chunks: the standard error falls
 * as 1/sqrt(paths), so the paths that would reach `asked`, plus 10%, at least FIRST_ROUND_CHUNKS
 * more and at most four times as many as done (an early estimate can be far off), at most the
 * cap. A function of the folded prefix only, so the same for any backend and number of workers.
 */
export function nextRoundEnd(chunksDone: number, se: number, asked: number, capChunks: number): number {
  const wanted = Math.ceil(chunksDone * (se / asked) ** 2 * 1.1);
  return Math.min(capChunks, Math.max(chunksDone + FIRST_ROUND_CHUNKS, Math.min(4 * chunksDone, wanted)));
}

let studies = 0;

/** A study: the plans, aggregated by one kind, under an id unique in this process. */
export function newStudy<P extends BasePartial>(kind: AggregatorKind<P>, plans: Plan[]): Study<P> {
  return { id: ++studies, kind, plans };
}

export async function drive<P extends BasePartial<S>, S extends string>(
  kind: AggregatorKind<P, S>, plans: Plan[], opts: DriveOptions, precision?: PrecisionRule<P, NoInfer<S>>,
): Promise<DriveResult<P, S>> {
  return opts.keep ? opts.keep.track(driveKept(kind, plans, opts, opts.keep, precision)) : driveFrom(kind, plans, opts, undefined, precision);
}

/** A drive that starts from what `keep` holds of it, and leaves its state there. */
async function driveKept<P extends BasePartial<S>, S extends string>(
  kind: AggregatorKind<P, S>, plans: Plan[], opts: DriveOptions, keep: KeptRuns, precision?: PrecisionRule<P, NoInfer<S>>,
): Promise<DriveResult<P, S>> {
  const key = driveKey(kind as AggregatorKind<P>, plans, opts.seed, opts.paths, CHUNK);
  const kept = keep.take(key, kind as AggregatorKind<P>);
  return driveFrom(kind, plans, opts, { kept, save: (state) => keep.put(key, state), stopping: keep.stopping }, precision);
}

interface Resume {
  kept: KeptDrive | undefined;
  save: (state: KeptDrive) => void;
  stopping: AbortSignal;
}

async function driveFrom<P extends BasePartial<S>, S extends string>(
  kind: AggregatorKind<P, S>, plans: Plan[], opts: DriveOptions, resume: Resume | undefined, precision?: PrecisionRule<P, NoInfer<S>>,
): Promise<DriveResult<P, S>> {
  const started = performance.now();
  mark('driver: start');
  if (precision && !(precision.standardError > 0)) throw new Error(`internal: the standard error asked must be positive, found ${precision.standardError}`);
  const kept = resume?.kept;
  const folder = new ChunkFolder<S>(kept ? kept.totals as SumArrays<S> : kind.zeroTotals(plans), kept?.folded ?? 0);
  let merged: P | undefined;
  if (kept) {
    const { chunks, ...parts } = kept.merged as unknown as P;
    merged = { ...parts, chunks: [] } as unknown as P;
    folder.add(chunks);
  }
  // Rounds decided before an interrupt are taken as decided: the partial now holds later chunks too.
  const roundEnds = [...(kept?.roundEnds ?? [])];
  const capChunks = Math.ceil(opts.paths / CHUNK);
  let start = 0;
  let end = roundEnds[0] ?? (precision ? Math.min(capChunks, FIRST_ROUND_CHUNKS) : capChunks);
  let rounds = 0, se = NaN;
  let workers = 0, paths: number;
  const state = (whole: boolean): KeptDrive => ({
    kind: kind as AggregatorKind<P>, merged: { ...(merged ?? kind.empty(plans)), chunks: folder.waiting() } as unknown as P,
    totals: folder.totals, folded: folder.folded, roundEnds: [...roundEnds], whole,
  });
  for (;;) {
    if (rounds === roundEnds.length) roundEnds.push(end);
    // A round of chunks [start, end), less those done before an interrupt; without a precision
    // rule, the only one. Each round on its own backend when none is named: a first round of
    // 8,192 paths stays in this thread.
    // The chunks done are those folded and those waiting for a predecessor: nothing else to keep.
    const waiting = folder.waiting().map((c) => c.chunk);
    const todo = rangesNotIn(start, end, folder.folded, new Set(waiting));
    const before = (folder.folded + waiting.length) * CHUNK;
    const round = await simulateChunks(kind, plans, {
      ...opts,
      ...(opts.backend || opts.workers !== undefined ? {} : { workers: autoWorkers(plans, Math.min(opts.paths, end * CHUNK) - start * CHUNK) }),
      ...(opts.onProgress ? { onProgress: (d: number, t: number) => opts.onProgress?.(Math.min(opts.paths, before + d), Math.min(opts.paths, before + t)) } : {}),
    }, todo, (c) => folder.add(c), resume?.stopping);
    if (merged) mergePartial(kind as AggregatorKind<P>, merged, round.merged);
    else merged = round.merged;
    workers = round.workers || workers;
    if (resume?.stopping.aborted) {
      resume.save(state(false));
      throw new Interrupted();
    }
    rounds++;
    paths = Math.min(opts.paths, end * CHUNK);
    // A round decided before an interrupt may be followed by chunks kept of the rounds after it.
    if (folder.folded < end) throw new Error('internal: not every chunk was folded');
    if (merged.paths < paths) throw new Error('internal: not every path was counted');
    if (!precision) break;
    if (rounds < roundEnds.length) {
      start = end;
      end = roundEnds[rounds] as number;
      continue;
    }
    se = precision.of(merged, folder.totals);
    if (se <= precision.standardError || end === capChunks) break;
    start = end;
    end = nextRoundEnd(end, se, precision.standardError, capChunks);
  }
  if (folder.folded !== end || merged.paths !== paths) throw new Error('internal: chunks beyond the last round were counted');
  resume?.save(state(true));
  mark('driver: end');
  return {
    plans, paths, seed: opts.seed, chunkSize: CHUNK, workers,
    partial: merged, totals: folder.totals, wallSeconds: (performance.now() - started) / 1000,
    ...(precision ? { precision: { asked: precision.standardError, reached: se, maxPaths: opts.paths, capped: se > precision.standardError, rounds } } : {}),
  };
}

/** The runs of chunks in [start, end) not done: from `folded` on, and not among `waiting`. */
function rangesNotIn(start: number, end: number, folded: number, waiting: ReadonlySet<number>): ChunkRange[] {
  const out: ChunkRange[] = [];
  for (let c = Math.max(start, folded); c < end; c++) {
    if (waiting.has(c)) continue;
    const last = out[out.length - 1];
    if (last && last.end === c) last.end = c + 1;
    else out.push({ start: c, end: c + 1 });
  }
  return out;
}

/**
 * Some chunks of a run (a shard), unfolded: the merged integer parts, and every chunk's sums in
 * chunk order, to be folded with the other shards' (engine/shards.ts).
 */
export async function driveRange<P extends BasePartial<S>, S extends string>(
  kind: AggregatorKind<P, S>, plans: Plan[], opts: DriveOptions, range: ChunkRange,
): Promise<{ partial: P; workers: number }> {
  const chunks: P['chunks'] = [];
  const { merged, workers } = await simulateChunks(kind, plans, opts, [range], (c) => { chunks.push(...c); });
  chunks.sort((a, b) => a.chunk - b.chunk);
  if (chunks.length !== range.end - range.start || chunks.some((c, i) => c.chunk !== range.start + i)) throw new Error('internal: not every chunk was simulated once');
  merged.chunks = chunks;
  return { partial: merged, workers };
}

/**
 * Runs ranges of chunks on the backend, merging integer parts as tasks finish and handing their
 * chunk sums to `onChunks`. Once `stopping` is aborted no further task is handed out, and it
 * resolves with the tasks that came in.
 */
async function simulateChunks<P extends BasePartial<S>, S extends string>(
  kind: AggregatorKind<P, S>, plans: Plan[], opts: DriveOptions, ranges: ChunkRange[], onChunks: (chunks: P['chunks']) => void, stopping?: AbortSignal,
): Promise<{ merged: P; workers: number }> {
  if (!Number.isSafeInteger(opts.paths) || opts.paths < 1 || opts.paths >= 2 ** 32) throw new Error(`internal: paths must be a whole number from 1 to 2^32 - 1, found ${opts.paths}`);
  opts.signal?.throwIfAborted();
  const merged = kind.empty(plans);
  if (ranges.length === 0 || stopping?.aborted) return { merged, workers: 0 };
  const backend = opts.backend ?? await backendFor(workersFor(plans, opts));
  opts.signal?.throwIfAborted();
  mark('driver: backend acquired');
  const tasks = ranges.flatMap((range) => planTasks(opts.paths, opts.seed, backend.workers, range));
  const total = ranges.reduce((a, r) => a + Math.min(opts.paths, r.end * CHUNK) - r.start * CHUNK, 0);
  let done = 0;
  const counted = await backend.run(newStudy(kind as AggregatorKind<P>, plans), tasks, countsOf(kind as AggregatorKind<P>, merged), (p) => {
    // Thrown here, the backend stops handing out tasks and the run rejects (pool.ts lanes); the
    // tasks in flight when it was aborted come back to this check too, and are not reported.
    opts.signal?.throwIfAborted();
    mergePartial(kind as AggregatorKind<P>, merged, p);
    onChunks(p.chunks);
    done += p.paths;
    opts.onProgress?.(done, total);
    opts.signal?.throwIfAborted();
  }, stopping);
  if (counted) replaceCounts(kind as AggregatorKind<P>, merged, counted);
  mark('driver: chunks merged and folded');
  return { merged, workers: backend.workers };
}
