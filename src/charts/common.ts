/** Row builders and labels shared by the chart modules. */
import type { SeriesStats, Summary } from '../results/summary.js';
import { fiscalLabel, usesFiscalLabels } from './theme.js';
import { formatUsd } from '../format.js';

export interface StatRow {
  year: number;
  yearLabel: string;
  mean: number;
  meanSE: number;
  p05: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  /** Tooltip texts, written here rather than by Vega expressions (cheaper to render). */
  medianText: string;
  meanText: string;
  p05Text: string;
  p95Text: string;
  i50Text: string;
  i80Text: string;
  i90Text: string;
}

/** One row per year of a statistic, skipping years whose values are missing or not finite. */
export function statRows(summary: Summary, stats: SeriesStats): StatRow[] {
  const rows: StatRow[] = [];
  summary.years.forEach((year, i) => {
    const num = {
      year,
      yearLabel: summary.yearLabels[i] ?? String(year),
      mean: stats.mean[i] ?? NaN,
      meanSE: stats.meanStandardError[i] ?? NaN,
      p05: stats.p05[i] ?? NaN,
      p10: stats.p10[i] ?? NaN,
      p25: stats.p25[i] ?? NaN,
      p50: stats.p50[i] ?? NaN,
      p75: stats.p75[i] ?? NaN,
      p90: stats.p90[i] ?? NaN,
      p95: stats.p95[i] ?? NaN,
    };
    if (!Object.values(num).every((v) => typeof v !== 'number' || Number.isFinite(v))) return;
    rows.push({
      ...num,
      medianText: formatUsd(num.p50),
      meanText: `${formatUsd(num.mean)} ± ${formatUsd(num.meanSE, 2)}`,
      p05Text: formatUsd(num.p05),
      p95Text: formatUsd(num.p95),
      i50Text: `${formatUsd(num.p25)} – ${formatUsd(num.p75)}`,
      i80Text: `${formatUsd(num.p10)} – ${formatUsd(num.p90)}`,
      i90Text: `${formatUsd(num.p05)} – ${formatUsd(num.p95)}`,
    });
  });
  return rows;
}

/** The index in `years` of the target year, or -1 when the target year is outside the horizon. */
export function targetIndex(summary: Summary): number {
  return summary.years.indexOf(summary.target.year);
}

/** The label of a year, also outside the projection (history) when the labels are fiscal. */
export function yearLabel(summary: Summary, year: number): string {
  const i = summary.years.indexOf(year);
  if (i >= 0) return summary.yearLabels[i] ?? String(year);
  return usesFiscalLabels(summary) ? fiscalLabel(year) : String(year);
}

const COUNTRIES: Record<string, string> = { PK: 'Pakistan', KZ: 'Kazakhstan' };

/** "PK>KZ" -> "Pakistan's exports to Kazakhstan (PK>KZ)"; anything else as written. */
export function directionLabel(direction: string): string {
  const m = /^([A-Z]{2})>([A-Z]{2})$/.exec(direction);
  if (!m) return direction;
  const from = COUNTRIES[m[1] ?? ''];
  const to = COUNTRIES[m[2] ?? ''];
  if (!from || !to) return direction;
  return `${from}'s exports to ${to} (${direction})`;
}

/** Corridor key -> label, from `summary.corridors`. */
export function corridorLabel(summary: Summary, key: string): string {
  return summary.corridors.find((c) => c.name === key)?.label ?? key;
}

/** The observed points before the first projected year. */
export function historyBeforeProjection(summary: Summary): Summary['history'] {
  const first = summary.years[0] ?? Infinity;
  return summary.history.filter((h) => h.year < first && Number.isFinite(h.value));
}

/** Distinct values, in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Monte Carlo standard error of a probability estimated from `paths` paths. */
export function probabilityStandardError(p: number, paths: number): number {
  return paths > 0 ? Math.sqrt(Math.max(0, p * (1 - p)) / paths) : NaN;
}

/** Tooltip entries for text fields, in order: textTooltip(['p50Text', 'Median']) -> [{ field, type: 'nominal', title }]. */
export function textTooltip(...entries: ReadonlyArray<readonly [field: string, title: string]>): Array<{ field: string; type: 'nominal'; title: string }> {
  return entries.map(([field, title]) => ({ field, type: 'nominal', title }));
}
