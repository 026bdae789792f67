/**
 * Per-path annual values of one reported series (the total, a sector or a direction), simulated
 * in this thread by the kernel: the synthetic histories the calibration is tested on, and any
 * study that needs each path's years rather than their distribution.
 */
import type { Plan } from '../scenario/plan.js';
import { BLOCK, CHUNK, ChunkSimulator, seriesCount } from './kernel/index.js';

export interface AnnualPaths {
  /** The series' name as asked for ('total', a sector, or a direction such as 'PK>KZ'). */
  series: string;
  /** Labels of the reported years (plan.yearLabels). */
  years: readonly string[];
  paths: number;
  /** USD/yr, path-major: values[p * years.length + y] is path p's annual value in year y (section 9 of docs/model.md). */
  values: Float64Array;
}

/** 'total', then the plan's sectors, then its directions: the kernel's order of annual series. */
export function annualSeriesNames(plan: Plan): string[] {
  return ['total', ...plan.sectors, ...plan.directions];
}

/** Paths 0 .. paths-1 of the run with this seed: the same numbers as any run of the plan with that seed. */
export function annualPaths(plan: Plan, opts: { seed: number; paths: number; series?: string }): AnnualPaths {
  const series = opts.series ?? 'total';
  const names = annualSeriesNames(plan);
  const s = names.indexOf(series);
  if (s < 0) throw new RangeError(`no annual series "${series}" in the plan; it has ${names.map((n) => `"${n}"`).join(', ')}`);
  if (!(Number.isInteger(opts.paths) && opts.paths >= 1)) throw new RangeError(`paths: expected a whole number of at least 1, found ${opts.paths}`);
  const Y = plan.years.length;
  const S = seriesCount(plan);
  const values = new Float64Array(opts.paths * Y);
  const sim = new ChunkSimulator(plan);
  for (let c = 0; c * CHUNK < opts.paths; c++) {
    sim.simulateChunk(opts.seed, c, Math.min(CHUNK, opts.paths - c * CHUNK), (b) => {
      for (let p = 0; p < b.n; p++) {
        const row = (b.firstPath + p) * Y;
        for (let y = 0; y < Y; y++) values[row + y] = b.annual[(y * S + s) * BLOCK + p] as number;
      }
    });
  }
  return { series, years: plan.yearLabels, paths: opts.paths, values };
}
