/**
 * The one chart writer: each chart as Vega-Lite JSON, SVG and PNG in `<out>/charts/`, for a run's
 * charts and a comparison's alike.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg, svgToPng } from './render.js';
import type { WrittenChart } from './specs.js';

/**
 * PNG size as a multiple of the SVG's, for every chart: 1.5 gives about 1,300 pixels across,
 * sharp on a 1080p slide; 2 (what comparisons used) costs 1.8 times the drawing time, which is
 * most of a run's time at 10,000 paths.
 */
export const PNG_SCALE = 1.5;

export interface ChartToWrite {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

export interface WriteChartsOptions {
  /** PNG size as a multiple of the SVG's (default PNG_SCALE). */
  pngScale?: number;
  /**
   * Called once every chart is laid out and its SVG written, while PNGs may still be drawing (the
   * report needs only the specs): work done here overlaps the drawing of the PNGs.
   */
  onLaidOut?: (written: WrittenChart[]) => Promise<void>;
}

/** Writes the charts into `outDir/charts/`; the files' paths are `outDir`'s joined with theirs. */
export async function writeChartFiles(charts: ChartToWrite[], outDir: string, options: WriteChartsOptions = {}): Promise<WrittenChart[]> {
  const dir = join(outDir, 'charts');
  await mkdir(dir, { recursive: true });
  // Vega lays the charts out on this thread, one after another, while resvg draws the PNG of each
  // finished chart on libuv's thread pool (renderAsync): on two cores the two run side by side.
  const pending: Array<Promise<unknown>> = [];
  // Marked handled at once: a write that fails (disk full) while later charts are still being laid
  // out would otherwise be an unhandled rejection, which ends the thread; Promise.all reports it.
  const track = (p: Promise<unknown>) => { p.catch(() => undefined); pending.push(p); };
  const written: WrittenChart[] = [];
  try {
    for (const chart of charts) {
      const base = join(dir, chart.name);
      const files = [`${base}.vl.json`, `${base}.svg`, `${base}.png`] as const;
      track(writeFile(files[0], `${JSON.stringify(chart.spec, null, 2)}\n`));
      const svg = await renderSvg(chart.spec);
      track(writeFile(files[1], svg));
      track(svgToPng(svg, options.pngScale ?? PNG_SCALE).then((image) => writeFile(files[2], image)));
      written.push({ name: chart.name, title: chart.title, files: [...files] });
    }
    await options.onLaidOut?.(written);
    await Promise.all(pending);
  } finally {
    await Promise.allSettled(pending);
  }
  return written;
}
