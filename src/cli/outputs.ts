/**
 * Charts and the report for a run's Summary, written into the (staged) output folder. Loaded
 * only when needed: Vega takes a noticeable part of a second to load, which `validate` and
 * `--no-charts` runs should not pay.
 */
import type { Summary } from '../results/summary.js';

export async function writeOutputs(summary: Summary, dir: string): Promise<string> {
  const charts = await import('../charts/index.js');
  const written = await charts.writeCharts(summary, dir);
  return charts.writeReport(summary, written, dir);
}
