/**
 * One unit of comparison work: a contiguous range of chunks. Each chunk is simulated once per
 * scenario on the same (seed, chunk), so components the scenarios share (flow shocks, corridor
 * regimes, agreements, uncertain parameters: engine/streams.ts) draw the same numbers: common
 * random numbers. The paths' annual totals are kept side by side and aggregated as pairs.
 */
import type { Plan } from '../scenario/plan.js';
import { BLOCK, CHUNK, ChunkSimulator } from '../engine/kernel/index.js';
import type { Task } from '../engine/task.js';
import { CompareAggregator, shapeOf, type ComparePartial } from './partial.js';

export type { Task } from '../engine/task.js';

/** The simulators of a comparison, one per plan, and the per-path buffers they fill. */
export class CompareSimulators {
  readonly sims: ChunkSimulator[];
  private readonly totals: Float64Array[];

  constructor(readonly plans: Plan[]) {
    this.sims = plans.map((p) => new ChunkSimulator(p));
    const Y = plans[0]?.years.length ?? 0;
    this.totals = plans.map(() => new Float64Array(Y * CHUNK));
  }

  run(task: Task): ComparePartial {
    const shape = shapeOf(this.plans);
    const agg = new CompareAggregator(shape);
    const Y = shape.Y;
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
      agg.addChunk(chunk, n, this.totals);
    }
    return agg.partial;
  }
}
