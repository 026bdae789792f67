/**
 * The units of the kernel's work and the layout of what it hands back.
 */
import type { Plan } from '../../scenario/plan.js';

/** Paths per block: the unit of the structure-of-arrays layout. */
export const BLOCK = 256;
/** Paths per chunk: the unit of randomness and of work. A property of the engine, not the machine. */
export const CHUNK = 1024;
/** A step that never comes (an agreement not implemented, a corridor that never opens). */
export const NEVER = 0x7fffffff;

/** Number of annual series: total, each sector, each direction. */
export const seriesCount = (plan: Plan) => 1 + plan.sectors.length + plan.directions.length;

/**
 * A chunk's values binned for the run's histograms (partial.ts: a row per (year, series), then one
 * per step; histogram h's counts at [h * BINS + bin]), as far as its blocks have been binned:
 * cells[h * CHUNK + q] = h * BINS + the bin (histogram.ts binOf) of row h's value on the chunk's
 * path q. Per block: sums[h] and sums[H + h], the sum of row h's n values and of their squares, in
 * path order. Counting a chunk's cells row by row once its last block is binned touches each
 * histogram's memory once per chunk instead of once per block.
 */
export interface BlockBins {
  cells: Int32Array;
  sums: Float64Array;
  /**
   * Per block, the paths at plan.target: hits[y] those at it in year y (under the sustained rule,
   * its last sustainedYears totals all at it), firstYear[y] those whose first such year is y
   * (firstYear[Y]: never). Counts, as doubles.
   */
  hits: Float64Array;
  firstYear: Float64Array;
}

/** What a block hands to the aggregator. Arrays are reused: consume them before the next block. */
export interface BlockResult {
  /** Paths in this block (<= BLOCK). */
  n: number;
  /** Index of the block's first path within the run. */
  firstPath: number;
  /** The chunk's last block. */
  last: boolean;
  /** Annual value, USD/yr, [(y * S + s) * BLOCK + p]; s = 0 total, 1.. sectors, then directions. */
  annual: Float64Array;
  /** Total at each step, USD/yr (annualised), [k * BLOCK + p]. */
  stepTotal: Float64Array;
  /**
   * Bins annual, then stepTotal, into the chunk's cells, and sums them (in wasm where the kernel
   * runs there; the same bits in JS). Cells are complete for the chunk when bin() was called on
   * each of its blocks; they are valid until the simulator's next chunk.
   */
  bin(): BlockBins;
}

export interface ChunkResult {
  /** Value carried by each corridor, summed over the chunk's path-steps in each year, [y * C + c]. */
  corridorValue: Float64Array;
}

/** Step of a time in years since the start: the first step whose start is at or after it. */
export function stepOf(years: number, stepsPerYear: number): number {
  return years <= 0 ? 0 : Math.min(NEVER, Math.ceil(years * stepsPerYear - 1e-9));
}
