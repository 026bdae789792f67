/** Probability of reaching the target, by year: P(annual total >= target) and P(reached by year). */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { targetIndex, textTooltip } from './common.js';
import { OKABE_ITO, TARGET_COLOR, chartTitle, theme, yearX } from './theme.js';
import { formatPercent, formatUsd, sustainedNote } from '../format.js';
import { Z95 } from '../results/statistics.js';

export const PROBABILITY_MEASURES = {
  inYear: 'P(annual total ≥ target) in the year',
  reachedBy: 'P(target reached in the year or before)',
} as const;

interface ProbabilityRow {
  year: number;
  yearLabel: string;
  measure: string;
  p: number;
  se: number;
  lo: number;
  hi: number;
  pText: string;
  bandText: string;
}

function rowsFor(summary: Summary, measure: string, p: number[], se: number[]): ProbabilityRow[] {
  const rows: ProbabilityRow[] = [];
  summary.years.forEach((year, i) => {
    const pi = p[i];
    const sei = se[i] ?? 0;
    if (pi === undefined || !Number.isFinite(pi)) return;
    const lo = Math.max(0, pi - Z95 * sei);
    const hi = Math.min(1, pi + Z95 * sei);
    rows.push({
      year,
      yearLabel: summary.yearLabels[i] ?? String(year),
      measure,
      p: pi,
      se: sei,
      lo,
      hi,
      pText: `${formatPercent(pi)} ± ${formatPercent(sei, 2)}`,
      bandText: `${formatPercent(lo)} – ${formatPercent(hi)}`,
    });
  });
  return rows;
}

export function probabilityRows(summary: Summary): ProbabilityRow[] {
  const t = summary.target;
  return [
    ...rowsFor(summary, PROBABILITY_MEASURES.reachedBy, t.reachedBy, t.reachedByStandardError),
    ...rowsFor(summary, PROBABILITY_MEASURES.inYear, t.probability, t.standardError),
  ];
}

export function targetProbabilitySpec(summary: Summary): TopLevelSpec {
  const rows = probabilityRows(summary);
  const x = yearX(summary);
  const color = {
    field: 'measure',
    type: 'nominal',
    scale: {
      domain: [PROBABILITY_MEASURES.reachedBy, PROBABILITY_MEASURES.inYear],
      range: [OKABE_ITO.blue, OKABE_ITO.orange],
    },
    legend: {
      title: null,
      direction: 'vertical',
      labelLimit: 400,
      symbolType: 'stroke',
      symbolStrokeWidth: 3,
      symbolOpacity: 1,
    },
  } as const;
  const idx = targetIndex(summary);
  const layers: unknown[] = [
    {
      name: 'se_band',
      mark: { type: 'area', opacity: 0.25 },
      encoding: {
        x,
        y: {
          field: 'lo',
          type: 'quantitative',
          scale: { domain: [0, 1], nice: false },
          axis: { title: 'Probability', format: '.0%', tickCount: 5 },
        },
        y2: { field: 'hi' },
        color,
      },
    },
    {
      name: 'probability_line',
      mark: { type: 'line', strokeWidth: 2.5 },
      encoding: { x, y: { field: 'p', type: 'quantitative' }, color },
    },
    {
      name: 'probability_points',
      mark: { type: 'point', filled: true, size: 36, opacity: 1 },
      encoding: {
        x,
        y: { field: 'p', type: 'quantitative' },
        color,
        tooltip: textTooltip(
          ['yearLabel', 'Year'],
          ['measure', 'Measure'],
          ['pText', 'Probability ± s.e.'],
          ['bandText', '95% interval'],
        ),
      },
    },
  ];
  if (idx >= 0) {
    const label = `Target year ${summary.yearLabels[idx] ?? summary.target.year}`;
    layers.push(
      {
        name: 'target_year_rule',
        data: { values: [{ year: summary.target.year, label }] },
        mark: { type: 'rule', strokeDash: [7, 4], strokeWidth: 1.5, color: TARGET_COLOR },
        encoding: { x, tooltip: { field: 'label', type: 'nominal', title: 'Target' } },
      },
      {
        name: 'target_year_label',
        data: { values: [{ year: summary.target.year, label, y: 1 }] },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 2, color: TARGET_COLOR, fontWeight: 'bold' },
        encoding: { x, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Probability that Pakistan–Kazakhstan trade reaches ${formatUsd(summary.target.value)} a year, by year.`,
    title: chartTitle(summary, `Chance of reaching ${formatUsd(summary.target.value)} a year`, [
      `Target: annual total ≥ ${formatUsd(summary.target.value)}. Shaded: 95% intervals (±1.96 Monte Carlo standard errors).`,
      ...(summary.target.sustainedYears !== undefined && summary.target.sustainedYears > 1 ? [sustainedNote(summary.target.sustainedYears).trim()] : []),
    ]),
    config: theme,
    width: 640,
    height: 300,
    data: { values: rows },
    layer: layers,
  };
  return spec as TopLevelSpec;
}
