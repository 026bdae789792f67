/**
 * Partial results: what a run keeps of its paths, with memory flat in the number of paths.
 * Integer parts (histogram counts, hit counts, first-year counts) merge exactly in any order.
 * Floating-point sums are kept per chunk and folded in chunk order, so that a run's results are
 * the same bits whatever the number of workers or the order in which chunks finish.
 */
import type { Plan } from '../scenario/plan.js';
import { BINS, countCells } from './histogram.js';
import { CHUNK, seriesCount, type BlockResult } from './kernel/index.js';
import { record } from './kernel/record.js';
import { addFloats } from './kind.js';

/** Histograms: one per (year, series), then one per step for the total. */
export function histogramCount(plan: Plan): number {
  return plan.years.length * seriesCount(plan) + plan.steps;
}

export interface ChunkSums {
  chunk: number;
  paths: number;
  /** Sum and sum of squares of the values in each histogram. */
  sum: Float64Array;
  sumsq: Float64Array;
  /** [y * C + c] */
  corridorValue: Float64Array;
}

export interface Partial {
  paths: number;
  /**
   * [h * BINS + bin]. Empty (length 0) in a worker's task result: a worker counts into its own
   * shared histogram for the whole run instead (backends/pool.ts), so that a task does not ship 190 x 8195
   * counts that are mostly zeros.
   */
  hist: Uint32Array;
  /** Per year: paths whose annual total reached the target. */
  hits: Float64Array;
  /** Per year, then one for "never": paths whose first year at the target it is. */
  firstYear: Float64Array;
  chunks: ChunkSums[];
}

/** Length of a Partial's histogram array. */
export const histogramLength = (plan: Plan) => histogramCount(plan) * BINS;

export function emptyPartial(plan: Plan, hist: Uint32Array = new Uint32Array(histogramLength(plan))): Partial {
  const Y = plan.years.length;
  // a record (kernel/record.ts): an object literal here widened its field types at a thread's second task, deoptimising consume and add
  return record({
    paths: 0,
    hist,
    hits: new Float64Array(Y),
    firstYear: new Float64Array(Y + 1),
    chunks: [],
  });
}

/**
 * Collects blocks into a Partial.
 *
 * Shaped for a fresh thread's JIT (a pool thread runs it cold in its first task): consume, called
 * once per block, has no loop of its own and calls a function per loop, so that each loop is
 * optimised on its own once hot and consume is not optimised at all. An optimised consume had
 * inlined b.bin() and seriesCount before they had type feedback (V8 gives a function feedback
 * after 8 calls, or in its first long loop) and code reached only at a chunk's end: V8 threw it
 * away on reaching them, twice per thread. For the same reason the chunk's cells are counted in
 * endChunk.
 */
export class Aggregator {
  readonly partial: Partial;
  private readonly H: number;
  private readonly Y: number;
  private current: ChunkSums | undefined;
  /** The chunk's cells (BlockBins), counted once its last block is binned, at endChunk. */
  private cells: Int32Array | undefined;

  /** `hist`: where to count (a worker's shared histogram); by default the Partial's own. */
  constructor(private readonly plan: Plan, hist?: Uint32Array) {
    this.partial = emptyPartial(plan, hist);
    this.H = histogramCount(plan);
    this.Y = plan.years.length;
  }

  beginChunk(chunk: number): void {
    this.current = record({
      chunk, paths: 0,
      sum: new Float64Array(this.H), sumsq: new Float64Array(this.H),
      corridorValue: new Float64Array(this.Y * this.plan.corridors.length),
    });
  }

  endChunk(corridorValue: Float64Array): void {
    const c = this.current, cells = this.cells;
    if (!c || !cells) throw new Error('internal: endChunk without beginChunk and a block');
    // the chunk's cells, histogram by histogram (m paths of row h at cells[h * CHUNK ...])
    const m = c.paths, H = this.H, hist = this.partial.hist;
    if (m === CHUNK) countCells(hist, cells, 0, H * CHUNK);
    else for (let h = 0; h < H; h++) countCells(hist, cells, h * CHUNK, h * CHUNK + m);
    c.corridorValue.set(corridorValue);
    this.partial.chunks.push(c);
    this.current = undefined;
    this.cells = undefined;
  }

  consume(b: BlockResult): void {
    const c = this.current as ChunkSums;
    const bins = b.bin();
    this.cells = bins.cells;
    const H = this.H, sums = bins.sums;
    addFloats(c.sum, sums.subarray(0, H));
    addFloats(c.sumsq, sums.subarray(H, 2 * H));
    addFloats(this.partial.hits, bins.hits);
    addFloats(this.partial.firstYear, bins.firstYear);
    c.paths += b.n;
    this.partial.paths += b.n;
  }
}

export interface Totals {
  sum: Float64Array;
  sumsq: Float64Array;
  corridorValue: Float64Array;
}

/** Float sums of a run, one array per kind of sum, added up from its chunks'. */
export type SumArrays<K extends string> = Record<K, Float64Array>;

/**
 * Folds per-chunk sums into `totals` in chunk order as they arrive: a chunk that arrives early
 * waits for its predecessors, so the float sums do not depend on which worker finished first,
 * and memory stays bounded by the chunks in flight, not by the number of paths. Every array of
 * `totals` is added from the chunk's array of the same name.
 */
export class ChunkFolder<K extends string> {
  private next = 0;
  /**
   * pending[i]: chunk next + i, arrived before one of its predecessors. An array, not a Map keyed
   * by chunk: a Map that fills and empties rehashes, and V8 links each old table to its successor,
   * so the folder's long-lived Map kept every chunk it had held reachable from the old generation
   * until a full collection (peak RSS grew with the number of paths).
   */
  private readonly pending: Array<({ chunk: number } & SumArrays<K>) | undefined> = [];
  private readonly keys: K[];

  /** `folded`: the chunks already in `totals` (a run resumed from what was kept of it). */
  constructor(readonly totals: SumArrays<K>, folded = 0) {
    this.keys = Object.keys(totals) as K[];
    this.next = folded;
  }

  add(chunks: Array<{ chunk: number } & SumArrays<K>>): void {
    const q = this.pending;
    for (const c of chunks) {
      const i = c.chunk - this.next;
      if (!(i >= 0) || q[i]) throw new Error(`internal: chunk ${c.chunk} arrived twice`);
      q[i] = c;
    }
    let n = 0;
    for (let c = q[0]; c; c = q[++n]) {
      // the loop in a function of its own: this one, run once per task, then needs no optimising
      for (const k of this.keys) addFloats(this.totals[k], c[k]);
    }
    if (n > 0) {
      q.splice(0, n);
      this.next += n;
    }
  }

  /** The chunks that arrived before a predecessor, waiting to be folded. */
  waiting(): Array<{ chunk: number } & SumArrays<K>> {
    return this.pending.filter((c) => c !== undefined);
  }

  /** Chunks folded so far (all of them, at the end of a run). */
  get folded(): number {
    return this.next;
  }
}

/** A run's Totals, zero, for a ChunkFolder. */
export function emptyTotals(plan: Plan): Totals {
  const H = histogramCount(plan);
  return { sum: new Float64Array(H), sumsq: new Float64Array(H), corridorValue: new Float64Array(plan.years.length * plan.corridors.length) };
}
