/**
 * Charts and the HTML report of a run. `writeCharts` writes `<out>/charts/NAME.vl.json`, `.svg`
 * and `.png` for every chart; `writeReport` writes `<out>/report.html`, one self-contained file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Summary } from '../results/summary.js';
import { PngWorker, renderSvg } from './render.js';
import { vegaLibraries } from './report.js';
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
export { theme, OKABE_ITO, formatUsd, formatPercent } from './theme.js';
export { compileSpec, renderSvg, runView, svgToPng, PngWorker, CollectingLogger } from './render.js';

/**
 * PNG size as a multiple of the SVG's: 1.5 gives about 1,300 pixels across, sharp on a 1080p
 * slide; 2 costs 1.8 times the drawing time, which is most of a run's time at 10,000 paths.
 */
export const PNG_SCALE = 1.5;

export interface WriteChartsOptions {
  /** PNG size as a multiple of the SVG's (default PNG_SCALE). */
  pngScale?: number;
  /** Write only the charts whose position in the list passes (to share the work between threads). */
  select?: (index: number) => boolean;
  /** A PNG worker started (and warmed) beforehand; the caller closes it. Default: one of our own. */
  png?: PngWorker;
  /**
   * Called once every chart is laid out and its SVG written, while PNGs may still be drawing (the
   * report needs only the specs): work done here overlaps the PNG worker's.
   */
  onLaidOut?: (written: WrittenChart[]) => Promise<void>;
}

/** Writes every chart as Vega-Lite JSON, SVG and PNG into `outDir/charts/`. */
export async function writeCharts(
  summary: Summary,
  outDir: string,
  options: WriteChartsOptions = {},
): Promise<WrittenChart[]> {
  const dir = join(outDir, 'charts');
  await mkdir(dir, { recursive: true });
  // Vega lays the charts out on this thread, one after another, while a worker draws the PNG of
  // each finished chart: on two cores the two run side by side.
  const png = options.png ?? new PngWorker();
  const pending: Array<Promise<unknown>> = [];
  // Marked handled at once: a write that fails (disk full) while later charts are still being laid
  // out would otherwise be an unhandled rejection, which ends the thread; Promise.all reports it.
  const track = (p: Promise<unknown>) => { p.catch(() => undefined); pending.push(p); };
  const written: WrittenChart[] = [];
  try {
    const charts = buildChartSpecs(summary).filter((_, i) => options.select?.(i) ?? true);
    for (const chart of charts) {
      const base = join(dir, chart.name);
      const files = [`${base}.vl.json`, `${base}.svg`, `${base}.png`];
      track(writeFile(files[0]!, `${JSON.stringify(chart.spec, null, 2)}\n`));
      const svg = await renderSvg(chart.spec);
      track(writeFile(files[1]!, svg));
      track(png.render(svg, options.pngScale ?? PNG_SCALE).then((image) => writeFile(files[2]!, image)));
      written.push({ name: chart.name, title: chart.title, files });
    }
    await options.onLaidOut?.(written);
    await png.help(); // this thread is free now: draw the PNGs the worker has not reached
    await Promise.all(pending);
  } finally {
    await Promise.allSettled(pending);
    if (!options.png) await png.close();
  }
  return written;
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
