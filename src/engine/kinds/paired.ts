/**
 * The `paired` kind: two or more plans simulated on the same (seed, chunk), so that components the
 * scenarios share (flow shocks, corridor regimes, agreements, uncertain parameters:
 * engine/streams.ts) draw the same numbers: common random numbers. What a comparison keeps of its paths, with memory flat in the number of paths. Per scenario:
 * histograms of the annual total, hits per year, first year at the target. Per scenario against
 * the first (the baseline), on the same paths: joint counts of (baseline at the target, scenario
 * at the target) per year, the joint distribution of the two first years, and a signed histogram
 * of the paired difference per year. Integer parts merge exactly in any order; floating-point
 * sums are kept per chunk and folded in chunk order, so results are the same bits whatever the
 * number of workers (as in engine/partial.ts).
 */
import type { Plan } from '../../scenario/plan.js';
import { BINS, binOf } from '../histogram.js';
import { BLOCK, CHUNK, ChunkSimulator } from '../kernel/index.js';
import { addSigned, SIGNED_BINS } from '../signed-histogram.js';
import type { AggregatorKind, KindSimulator, Task } from '../kind.js';

/** Sizes of a comparison of K scenarios over Y years. */
export interface Shape {
  K: number;
  Y: number;
  target: number;
}

export const shapeOf = (plans: Plan[]): Shape => ({
  K: plans.length,
  Y: plans[0]?.years.length ?? 0,
  target: plans[0]?.target.value ?? NaN,
});

/** Float sums of one chunk. Index [i * Y + y] for scenario i; [(j - 1) * Y + y] for scenario j against the baseline. */
export interface CompareChunkSums {
  chunk: number;
  paths: number;
  sum: Float64Array;
  sumsq: Float64Array;
  diffSum: Float64Array;
  diffSumsq: Float64Array;
}

export interface ComparePartial {
  paths: number;
  /** Annual total histograms, [(i * Y + y) * BINS + bin]. */
  hist: Uint32Array;
  /** Paths with annual total >= target, [i * Y + y]. */
  hits: Float64Array;
  /** First year at the target, [i * (Y + 1) + y]; y = Y: never within the horizon. */
  firstYear: Float64Array;
  /**
   * Joint counts per year of (baseline >= target, scenario >= target), [((j - 1) * Y + y) * 4 + 2a + b]
   * with a, b = 1 when at the target: 0 neither, 1 scenario only, 2 baseline only, 3 both.
   */
  joint: Float64Array;
  /** Joint first years, [(j - 1) * (Y + 1)^2 + firstBaseline * (Y + 1) + firstScenario]. */
  firstJoint: Float64Array;
  /** Signed histograms of scenario - baseline per year, [((j - 1) * Y + y) * SIGNED_BINS + ...]. */
  diffHist: Uint32Array;
  chunks: CompareChunkSums[];
}

export function emptyComparePartial({ K, Y }: Shape): ComparePartial {
  const J = Math.max(0, K - 1);
  return {
    paths: 0,
    hist: new Uint32Array(K * Y * BINS),
    hits: new Float64Array(K * Y),
    firstYear: new Float64Array(K * (Y + 1)),
    joint: new Float64Array(J * Y * 4),
    firstJoint: new Float64Array(J * (Y + 1) * (Y + 1)),
    diffHist: new Uint32Array(J * Y * SIGNED_BINS),
    chunks: [],
  };
}

const inc = (a: Float64Array, i: number) => { a[i] = (a[i] as number) + 1; };

/** Collects whole chunks of per-path annual totals into a ComparePartial. */
export class CompareAggregator {
  readonly partial: ComparePartial;
  private readonly first: Int32Array[];

  /** `counts`: where to count [hist, diffHist] (a worker's shared buffers); by default the partial's own. */
  constructor(private readonly shape: Shape, counts?: Uint32Array[]) {
    this.partial = emptyComparePartial(shape);
    if (counts) [this.partial.hist, this.partial.diffHist] = counts as [Uint32Array, Uint32Array];
    this.first = Array.from({ length: shape.K }, () => new Int32Array(CHUNK));
  }

  /**
   * Adds one chunk's counts and returns its sums, for the caller to append to partial.chunks:
   * `totals[i][y * CHUNK + p]` is scenario i's annual total on path p of the chunk. Sums run block
   * by block (BLOCK paths), as the engine's do, so that each scenario's mean is the same bits as a
   * `trade-sim run` of it with the same seed.
   */
  addChunk(chunk: number, n: number, totals: Float64Array[]): CompareChunkSums {
    const { K, Y, target } = this.shape;
    const P = this.partial;
    const J = K - 1;
    const sums: CompareChunkSums = {
      chunk, paths: n,
      sum: new Float64Array(K * Y), sumsq: new Float64Array(K * Y),
      diffSum: new Float64Array(J * Y), diffSumsq: new Float64Array(J * Y),
    };
    for (let i = 0; i < K; i++) {
      const tot = totals[i] as Float64Array;
      const first = (this.first[i] as Int32Array).fill(Y, 0, n);
      for (let y = 0; y < Y; y++) {
        const h = i * Y + y;
        const base = h * BINS;
        const o = y * CHUNK;
        let hits = 0;
        for (let b0 = 0; b0 < n; b0 += BLOCK) {
          const b1 = Math.min(n, b0 + BLOCK);
          let s = 0, ss = 0;
          for (let p = b0; p < b1; p++) {
            const v = tot[o + p] as number;
            const bin = base + binOf(v);
            P.hist[bin] = (P.hist[bin] as number) + 1;
            s += v;
            ss += v * v;
            if (v >= target) {
              hits++;
              if ((first[p] as number) === Y) first[p] = y;
            }
          }
          sums.sum[h] = (sums.sum[h] as number) + s;
          sums.sumsq[h] = (sums.sumsq[h] as number) + ss;
        }
        P.hits[h] = (P.hits[h] as number) + hits;
      }
      for (let p = 0; p < n; p++) inc(P.firstYear, i * (Y + 1) + (first[p] as number));
    }
    const a0 = totals[0] as Float64Array;
    const f0 = this.first[0] as Int32Array;
    const Y1 = Y + 1;
    for (let j = 1; j < K; j++) {
      const c = j - 1;
      const bj = totals[j] as Float64Array;
      const fj = this.first[j] as Int32Array;
      for (let y = 0; y < Y; y++) {
        const h = c * Y + y;
        const hOff = h * SIGNED_BINS;
        const jOff = h * 4;
        const o = y * CHUNK;
        for (let b0 = 0; b0 < n; b0 += BLOCK) {
          const b1 = Math.min(n, b0 + BLOCK);
          let s = 0, ss = 0;
          for (let p = b0; p < b1; p++) {
            const a = a0[o + p] as number;
            const b = bj[o + p] as number;
            const d = b - a;
            addSigned(P.diffHist, hOff, d);
            s += d;
            ss += d * d;
            inc(P.joint, jOff + (a >= target ? 2 : 0) + (b >= target ? 1 : 0));
          }
          sums.diffSum[h] = (sums.diffSum[h] as number) + s;
          sums.diffSumsq[h] = (sums.diffSumsq[h] as number) + ss;
        }
      }
      const fOff = c * Y1 * Y1;
      for (let p = 0; p < n; p++) inc(P.firstJoint, fOff + (f0[p] as number) * Y1 + (fj[p] as number));
    }
    P.paths += n;
    return sums;
  }
}

export interface CompareTotals {
  sum: Float64Array;
  sumsq: Float64Array;
  diffSum: Float64Array;
  diffSumsq: Float64Array;
}

/** A comparison's CompareTotals, zero, for a ChunkFolder (engine/partial.ts). */
export function emptyCompareTotals({ K, Y }: Shape): CompareTotals {
  const J = Math.max(0, K - 1);
  return { sum: new Float64Array(K * Y), sumsq: new Float64Array(K * Y), diffSum: new Float64Array(J * Y), diffSumsq: new Float64Array(J * Y) };
}

/** The simulators of a comparison, one per plan, and the per-path buffers they fill. */
class PairedSimulator implements KindSimulator<ComparePartial> {
  private readonly sims: ChunkSimulator[];
  private readonly totals: Float64Array[];
  private readonly shape: Shape;

  constructor(plans: Plan[]) {
    if (plans.length < 2) throw new Error('internal: a comparison needs two or more plans');
    this.sims = plans.map((p) => new ChunkSimulator(p));
    this.shape = shapeOf(plans);
    this.totals = plans.map(() => new Float64Array(this.shape.Y * CHUNK));
  }

  run(task: Task, counts?: Uint32Array[]): ComparePartial {
    const agg = new CompareAggregator(this.shape, counts);
    const Y = this.shape.Y;
    for (let chunk = task.chunkStart; chunk < task.chunkEnd; chunk++) {
      const n = Math.min(CHUNK, task.paths - chunk * CHUNK);
      this.sims.forEach((sim, i) => {
        const tot = this.totals[i] as Float64Array;
        const S = sim.S;
        // The block's arrays are reused for the next block: copy the annual totals out now.
        sim.simulateChunk(task.seed, chunk, n, (b) => {
          const at = b.firstPath - chunk * CHUNK;
          for (let y = 0; y < Y; y++) tot.set(b.annual.subarray(y * S * BLOCK, y * S * BLOCK + b.n), y * CHUNK + at);
        });
      });
      // pushed here, not in addChunk: each task's partial starts with an empty array, whose map the
      // push changes, and addChunk, optimised for the filled one, was thrown away 8 to 10 times a run
      agg.partial.chunks.push(agg.addChunk(chunk, n, this.totals));
    }
    return agg.partial;
  }
}

export const paired: AggregatorKind<ComparePartial, keyof CompareTotals> = {
  name: 'paired',
  counts: ['hist', 'diffHist'],
  ints: ['hits', 'firstYear', 'joint', 'firstJoint'],
  sums: ['sum', 'sumsq', 'diffSum', 'diffSumsq'],
  empty: (plans) => emptyComparePartial(shapeOf(plans)),
  zeroTotals: (plans) => emptyCompareTotals(shapeOf(plans)),
  simulator: (plans) => new PairedSimulator(plans),
};
