/**
 * Charts and the HTML report of a run. `writeCharts` writes `<out>/charts/NAME.vl.json`, `.svg`
 * and `.png` for every chart; `writeReport` writes `<out>/report.html`, one self-contained file.
 */
import type { Summary } from '../results/summary.js';
import { vegaLibraries } from './page.js';
import { writeChartFiles, type WriteChartsOptions } from './write.js';
import { vegaBundles } from './vega-bundles.js';
import { buildChartSpecs, type WrittenChart } from './specs.js';

export { writeReport, reportHtml } from './report.js';
export { buildChartSpecs, CHARTS, type BuiltChart, type ChartDefinition, type WrittenChart } from './specs.js';
export { fanChartSpec } from './fan.js';
export { targetProbabilitySpec } from './probability.js';
export { sectorMeanSpec, sectorFanSpec } from './sectors.js';
export { directionFanSpec } from './directions.js';
export { firstYearSpec } from './first-year.js';
export { distributionSpec } from './distribution.js';
export { corridorShareSpec } from './corridors.js';
export { theme, OKABE_ITO } from './theme.js';
export { formatUsd, formatPercent } from '../format.js';
export { compileSpec, renderSvg, runView, svgToPng, CollectingLogger } from './render.js';
export { PNG_SCALE, writeChartFiles, type ChartToWrite, type WriteChartsOptions } from './write.js';

export interface WriteRunChartsOptions extends WriteChartsOptions {
  /** Write only the charts whose position in the list passes (to share the work between threads). */
  select?: (index: number) => boolean;
}

/** Writes every chart of a run as Vega-Lite JSON, SVG and PNG into `outDir/charts/`. */
export function writeCharts(summary: Summary, outDir: string, options: WriteRunChartsOptions = {}): Promise<WrittenChart[]> {
  return writeChartFiles(buildChartSpecs(summary).filter((_, i) => options.select?.(i) ?? true), outDir, options);
}

/**
 * Loads what drawing needs (Vega and Vega-Lite, with their code cache; the report's inlined
 * scripts) now rather than on the first chart: a thread started before the simulation does it
 * meanwhile.
 */
export function preload(): void {
  vegaBundles();
  void vegaLibraries().catch(() => undefined);
}
