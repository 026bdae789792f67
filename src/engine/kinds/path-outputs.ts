/**
 * What the sensitivity and goal studies keep of a path: three outputs of one year, for each of K
 * plans simulated on the same (seed, chunk), so that the plans' shared components draw the same
 * numbers (common random numbers; a plan's Plan.streamSalt re-keys components of its own). The
 * year is each plan's `target.yearIndex` (a study sets it to the year it asks about). Kinds built
 * here keep only per-chunk float sums of these outputs, folded in chunk order by the driver.
 */
import type { Plan } from '../../scenario/plan.js';
import { BLOCK, CHUNK, ChunkSimulator } from '../kernel/index.js';
import type { AggregatorKind, BasePartial, ChunkPart, KindSimulator, Task } from '../kind.js';
import type { SumArrays } from '../partial.js';
import { log } from '../exp-log.js';

/**
 * Per path: whether the annual total reached the target in the year or before (1 or 0; under
 * target.sustainedYears, as a run counts it: that many consecutive years at the target); the
 * year's annual total as a multiple of the target, less 1; and the log of that multiple (an
 * annual total of zero, no corridor open all year, counts as LOG_FLOOR times the target).
 */
export const OUTPUTS = ['reached', 'total', 'logTotal'] as const;
export type OutputName = (typeof OUTPUTS)[number];
export const OUTPUT_COUNT = OUTPUTS.length;
export const LOG_FLOOR = 1e-9;

export class PathOutputs {
  private readonly sims: ChunkSimulator[];
  /** values[k][o * CHUNK + p]: output o of plan k on the chunk's path p. */
  readonly values: Float64Array[];

  constructor(private readonly plans: Plan[]) {
    this.sims = plans.map((p) => new ChunkSimulator(p));
    this.values = plans.map(() => new Float64Array(OUTPUT_COUNT * CHUNK));
  }

  run(seed: number, chunk: number, n: number): void {
    this.plans.forEach((plan, k) => {
      const sim = this.sims[k] as ChunkSimulator;
      const out = this.values[k] as Float64Array;
      const S = sim.S;
      const by = plan.target.yearIndex;
      const target = plan.target.value;
      // The run's rule (hits.ts blockHits): under target.sustainedYears a year reaches the target
      // when it and the years before it, that many in all, are at or above it.
      const need = Math.max(1, plan.target.sustainedYears);
      sim.simulateChunk(seed, chunk, n, (b) => {
        const at = b.firstPath - chunk * CHUNK;
        const annual = b.annual;
        for (let p = 0; p < b.n; p++) {
          let hit = 0;
          for (let y = 0, run = 0; y <= by; y++) {
            run = (annual[y * S * BLOCK + p] as number) >= target ? run + 1 : 0;
            if (run >= need) { hit = 1; break; }
          }
          const multiple = (annual[by * S * BLOCK + p] as number) / target;
          out[at + p] = hit;
          out[CHUNK + at + p] = multiple - 1;
          out[2 * CHUNK + at + p] = log(Math.max(multiple, LOG_FLOOR));
        }
      });
    });
  }
}

export type OutputsPartial<S extends string> = BasePartial<S>;

/** How a kind turns one chunk's per-path outputs into its sums. */
export type ChunkAccumulator<S extends string> = (values: Float64Array[], n: number, into: SumArrays<S>, seed: number, chunk: number) => void;

/** An aggregator kind over PathOutputs: its sums' lengths for the plans, and its accumulator. */
export function pathOutputsKind<S extends string>(spec: {
  name: string;
  sums: readonly S[];
  lengths: (plans: Plan[]) => Record<S, number>;
  accumulator: (plans: Plan[]) => ChunkAccumulator<S>;
}): AggregatorKind<OutputsPartial<S>, S> {
  const zero = (plans: Plan[]): SumArrays<S> => {
    const len = spec.lengths(plans);
    return Object.fromEntries(spec.sums.map((s) => [s, new Float64Array(len[s])])) as SumArrays<S>;
  };
  return {
    name: spec.name,
    counts: [],
    ints: [],
    sums: spec.sums,
    empty: () => ({ paths: 0, chunks: [] }),
    zeroTotals: zero,
    simulator: (plans): KindSimulator<OutputsPartial<S>> => {
      const outputs = new PathOutputs(plans);
      const accumulate = spec.accumulator(plans);
      return {
        run(task: Task): OutputsPartial<S> {
          const partial: OutputsPartial<S> = { paths: 0, chunks: [] };
          for (let chunk = task.chunkStart; chunk < task.chunkEnd; chunk++) {
            const n = Math.min(CHUNK, task.paths - chunk * CHUNK);
            outputs.run(task.seed, chunk, n);
            const sums = zero(plans);
            accumulate(outputs.values, n, sums, task.seed, chunk);
            partial.chunks.push({ chunk, paths: n, ...sums } as ChunkPart<S>);
            partial.paths += n;
          }
          return partial;
        },
      };
    },
  };
}
