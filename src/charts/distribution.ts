/**
 * The annual total in the target year (and the final year), drawn from its quantiles: the summary
 * keeps quantiles, not a histogram, so this is an interval plot, not a density.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { statRows, targetIndex, textTooltip } from './common.js';
import { FAN, TARGET_COLOR, USD_LABEL_EXPR, chartTitle, theme } from './theme.js';
import { formatPercent, formatUsd } from '../format.js';

export function distributionRows(summary: Summary) {
  const rows = statRows(summary, summary.annual.total);
  const idx = targetIndex(summary);
  const last = summary.years.length - 1;
  const wanted = [...new Set([idx, last].filter((i) => i >= 0))];
  return wanted.flatMap((i) => {
    const year = summary.years[i];
    const row = rows.find((r) => r.year === year);
    if (!row) return [];
    const p = summary.target.probability[i] ?? NaN;
    const se = summary.target.standardError[i] ?? NaN;
    const role = i === idx ? 'target year' : 'final year';
    return [
      {
        ...row,
        row: `${row.yearLabel} (${role})`,
        pText: `${formatPercent(p)} ± ${formatPercent(se)}`,
        i90Label: `5–95%: ${row.i90Text}`,
      },
    ];
  });
}

export function distributionSpec(summary: Summary): TopLevelSpec {
  const rows = distributionRows(summary);
  const order = rows.map((r) => r.row);
  const target = summary.target.value;
  const idx = targetIndex(summary);
  const pLine =
    idx >= 0
      ? `P(total ≥ ${formatUsd(target)} in ${summary.yearLabels[idx] ?? summary.target.year}) = ${formatPercent(summary.target.probability[idx] ?? NaN)} ± ${formatPercent(summary.target.standardError[idx] ?? NaN)} (s.e.).`
      : `The target year ${summary.target.year} is outside the horizon; the final year is shown.`;
  const y = { field: 'row', type: 'nominal', sort: order, axis: { title: null, labelFontWeight: 'bold' } } as const;
  const xTitle = 'Annual total, USD per year';
  const tooltip = textTooltip(
    ['row', 'Year'],
    ['p05Text', '5%'],
    ['i80Text', '10–90%'],
    ['i50Text', '25–75%'],
    ['medianText', 'Median'],
    ['p95Text', '95%'],
    ['meanText', 'Mean ± s.e.'],
    ['pText', 'P(total ≥ target)'],
  );
  const rowEncoding = { y, tooltip };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Quantiles of the simulated annual total in the target and final years, with the ${formatUsd(target)} target.`,
    title: chartTitle(summary, 'Annual total in the target year', [
      'From quantiles of the simulated paths (no histogram is kept): line 5–95%, thin bar 10–90%, box 25–75%,',
      `white tick median, black diamond mean; dashed line the target. ${pLine}`,
    ]),
    config: theme,
    width: 640,
    height: { step: 90 },
    data: { values: rows },
    layer: [
      // First, so that the labels are drawn over it.
      {
        name: 'target_rule',
        data: { values: [{ target, label: `Target ${formatUsd(target)}` }] },
        mark: { type: 'rule', strokeDash: [7, 4], strokeWidth: 2, color: TARGET_COLOR },
        encoding: {
          x: { field: 'target', type: 'quantitative' },
          tooltip: { field: 'label', type: 'nominal', title: 'Target' },
        },
      },
      {
        name: 'whisker_90',
        mark: { type: 'rule', strokeWidth: 2, color: FAN.median },
        encoding: {
          ...rowEncoding,
          x: {
            field: 'p05',
            type: 'quantitative',
            scale: { zero: true, nice: true },
            axis: { title: xTitle, labelExpr: USD_LABEL_EXPR, tickCount: 6 },
          },
          x2: { field: 'p95' },
        },
      },
      {
        name: 'bar_80',
        mark: { type: 'bar', height: 10, color: FAN.outer, stroke: FAN.median, strokeWidth: 1 },
        encoding: { ...rowEncoding, x: { field: 'p10', type: 'quantitative' }, x2: { field: 'p90' } },
      },
      {
        name: 'box_50',
        mark: { type: 'bar', height: 26, color: FAN.inner, stroke: FAN.median, strokeWidth: 1 },
        encoding: { ...rowEncoding, x: { field: 'p25', type: 'quantitative' }, x2: { field: 'p75' } },
      },
      {
        name: 'median_tick',
        mark: { type: 'tick', color: 'white', thickness: 3, size: 26 },
        encoding: { ...rowEncoding, x: { field: 'p50', type: 'quantitative' } },
      },
      {
        name: 'mean_point',
        mark: { type: 'point', shape: 'diamond', filled: true, color: 'black', size: 60, opacity: 1 },
        encoding: { ...rowEncoding, x: { field: 'mean', type: 'quantitative' } },
      },
      {
        name: 'median_label',
        mark: { type: 'text', baseline: 'bottom', dy: -16, fontWeight: 'bold', color: FAN.median },
        encoding: { ...rowEncoding, x: { field: 'p50', type: 'quantitative' }, text: { field: 'medianText' } },
      },
      {
        // Under the row, from the 5% end: clear of the axis labels even when the 5% is near 0.
        name: 'interval_label',
        mark: { type: 'text', align: 'left', baseline: 'top', dy: 16, color: '#333333' },
        encoding: { ...rowEncoding, x: { field: 'p05', type: 'quantitative' }, text: { field: 'i90Label' } },
      },
      {
        name: 'target_label',
        data: { values: [{ target, label: `Target ${formatUsd(target)}` }] },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 0, dy: 2, color: TARGET_COLOR, fontWeight: 'bold' },
        encoding: { x: { field: 'target', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  return spec as TopLevelSpec;
}
