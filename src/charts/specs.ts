/** The charts every run writes, in report order. */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { corridorShareSpec } from './corridors.js';
import { directionFanSpec } from './directions.js';
import { distributionSpec } from './distribution.js';
import { fanChartSpec } from './fan.js';
import { firstYearSpec } from './first-year.js';
import { targetProbabilitySpec } from './probability.js';
import { sectorFanSpec, sectorMeanSpec } from './sectors.js';

export interface ChartDefinition {
  /** File stem: `charts/NAME.vl.json`, `.svg`, `.png`. Letters, digits and dashes only. */
  name: string;
  /** Short title for the report's headings. */
  title: string;
  build: (summary: Summary) => TopLevelSpec;
  /** Whether the summary has what the chart needs. */
  applies?: (summary: Summary) => boolean;
}

export const CHARTS: readonly ChartDefinition[] = [
  { name: 'fan-total', title: 'Annual total: projection and history', build: fanChartSpec },
  { name: 'target-probability', title: 'Probability of reaching the target', build: targetProbabilitySpec },
  { name: 'first-year', title: 'First year the target is reached', build: firstYearSpec },
  { name: 'target-year-distribution', title: 'Annual total in the target year', build: distributionSpec },
  {
    name: 'sectors-mean',
    title: 'Mean annual value by sector',
    build: sectorMeanSpec,
    applies: (s) => s.sectors.length > 0,
  },
  {
    name: 'sectors-fan',
    title: 'Projection by sector',
    build: sectorFanSpec,
    applies: (s) => s.sectors.length > 0,
  },
  {
    name: 'directions-fan',
    title: 'Exports each way',
    build: directionFanSpec,
    applies: (s) => s.directions.length > 0,
  },
  {
    name: 'corridor-shares',
    title: 'Corridor shares of trade value',
    build: corridorShareSpec,
    applies: (s) => Object.keys(s.corridorShare).length > 0,
  },
];

export interface BuiltChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** Every chart that applies to this summary, built. */
export function buildChartSpecs(summary: Summary): BuiltChart[] {
  return CHARTS.filter((c) => c.applies?.(summary) ?? true).map((c) => ({
    name: c.name,
    title: c.title,
    spec: c.build(summary),
  }));
}

/** A chart written by `writeCharts`. */
export interface WrittenChart {
  name: string;
  title: string;
  /** Paths of the files written: `<out>/charts/NAME.vl.json`, `.svg`, `.png`. */
  files: string[];
}
