/**
 * The `single` kind: one plan, aggregated as a run's Partial (engine/partial.ts): histograms of
 * every series per year and of the total per step, hits and first years at the target, and per
 * chunk the sums of each histogram's values and the corridors' carried value.
 */
import type { Plan } from '../../scenario/plan.js';
import { CHUNK, ChunkSimulator } from '../kernel/index.js';
import { Aggregator, emptyPartial, emptyTotals, type Partial, type Totals } from '../partial.js';
import type { AggregatorKind, KindSimulator, Task } from '../kind.js';

export type SingleSums = keyof Totals;

const onlyPlan = (plans: Plan[]): Plan => {
  if (plans.length !== 1 || !plans[0]) throw new Error(`internal: the single kind takes one plan, found ${plans.length}`);
  return plans[0];
};

class SingleSimulator implements KindSimulator<Partial> {
  private readonly sim: ChunkSimulator;

  constructor(private readonly plan: Plan) {
    this.sim = new ChunkSimulator(plan);
  }

  run(task: Task, counts?: Uint32Array[]): Partial {
    const agg = new Aggregator(this.plan, counts?.[0]);
    const consume = agg.consume.bind(agg);
    for (let chunk = task.chunkStart; chunk < task.chunkEnd; chunk++) {
      const n = Math.min(CHUNK, task.paths - chunk * CHUNK);
      agg.beginChunk(chunk);
      const { corridorValue } = this.sim.simulateChunk(task.seed, chunk, n, consume);
      agg.endChunk(corridorValue);
    }
    return agg.partial;
  }
}

export const single: AggregatorKind<Partial, SingleSums> = {
  name: 'single',
  counts: ['hist'],
  ints: ['hits', 'firstYear'],
  sums: ['sum', 'sumsq', 'corridorValue'],
  empty: (plans) => emptyPartial(onlyPlan(plans)),
  zeroTotals: (plans) => emptyTotals(onlyPlan(plans)),
  simulator: (plans) => new SingleSimulator(onlyPlan(plans)),
};
