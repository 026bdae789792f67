/** Fan chart of the annual total: 5-95% and 25-75% bands, median, target rule, observed history. */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { distinct, historyBeforeProjection, statRows, targetIndex, textTooltip, yearLabel } from './common.js';
import { FAN, HISTORY_COLOR, TARGET_COLOR, USD_LABEL_EXPR, chartTitle, theme, yearX } from './theme.js';
import { formatUsd } from '../format.js';

export const FAN_LEGEND = {
  outer: '5–95%',
  inner: '25–75%',
  median: 'Median',
  target: 'Target',
} as const;

export const FAN_TOOLTIP = textTooltip(
  ['yearLabel', 'Year'],
  ['medianText', 'Median'],
  ['i50Text', '25–75%'],
  ['i90Text', '5–95%'],
  ['meanText', 'Mean ± s.e.'],
);

/**
 * Observed points before the first projected year, with a segment number that breaks at gaps and
 * at partial years (a part-year figure is drawn alone, never joined to whole years).
 */
export function historyRows(summary: Summary) {
  const sorted = [...historyBeforeProjection(summary)].sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : 0) || a.year - b.year);
  let segment = 0;
  return sorted.map((h, i) => {
    const prev = sorted[i - 1];
    if (prev && (prev.series !== h.series || h.year - prev.year > 1 || prev.partial !== undefined || h.partial !== undefined)) segment += 1;
    return {
      year: h.year,
      yearText: yearLabel(summary, h.year),
      value: h.value,
      valueText: h.partial === undefined ? formatUsd(h.value) : `${formatUsd(h.value)} in ${h.partial} only (part year)`,
      series: h.series,
      seriesLabel: h.label.trim() || h.series,
      source: h.source,
      partial: h.partial !== undefined,
      segment,
    };
  });
}

export function fanChartSpec(summary: Summary): TopLevelSpec {
  const rows = statRows(summary, summary.annual.total);
  const history = historyRows(summary);
  const whole = history.filter((h) => !h.partial);
  const partial = history.filter((h) => h.partial);
  const seriesNames = distinct(history.map((h) => h.seriesLabel));
  const { value: targetValue, year: targetYear } = summary.target;
  const allYears = [...rows.map((r) => r.year), ...history.map((h) => h.year)];
  const domain = [Math.min(...allYears), Math.max(...allYears)];
  const inHorizon = targetIndex(summary) >= 0;

  const x = yearX(summary, domain);
  const yScale = { zero: true, nice: true } as const;
  // A constant field per layer (not `datum`, which the schema allows no scale or legend for).
  const key = (label: string) => [{ calculate: JSON.stringify(label), as: 'key' }];
  const color = {
    field: 'key',
    type: 'nominal',
    scale: {
      domain: [FAN_LEGEND.outer, FAN_LEGEND.inner, FAN_LEGEND.median, FAN_LEGEND.target],
      range: [FAN.outer, FAN.inner, FAN.median, TARGET_COLOR],
    },
    legend: { title: 'Projection (share of paths)', symbolType: 'square' },
  } as const;
  const targetText = `Target ${formatUsd(targetValue)} in ${yearLabel(summary, targetYear)}`;

  const layers: unknown[] = [
    {
      name: 'band_90',
      data: { values: rows },
      transform: key(FAN_LEGEND.outer),
      mark: { type: 'area', opacity: 1 },
      encoding: {
        x,
        y: {
          field: 'p05',
          type: 'quantitative',
          scale: yScale,
          axis: { title: 'Annual total, USD per year', labelExpr: USD_LABEL_EXPR, tickCount: 6 },
        },
        y2: { field: 'p95' },
        color,
      },
    },
    {
      name: 'band_50',
      data: { values: rows },
      transform: key(FAN_LEGEND.inner),
      mark: { type: 'area', opacity: 1 },
      encoding: { x, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' }, color },
    },
    {
      name: 'median',
      data: { values: rows },
      transform: key(FAN_LEGEND.median),
      mark: { type: 'line', strokeWidth: 2.5 },
      encoding: { x, y: { field: 'p50', type: 'quantitative' }, color },
    },
    {
      name: 'median_points',
      data: { values: rows },
      transform: key(FAN_LEGEND.median),
      mark: { type: 'point', filled: true, size: 30, opacity: 1 },
      encoding: {
        x,
        y: { field: 'p50', type: 'quantitative' },
        color,
        tooltip: FAN_TOOLTIP,
      },
    },
    {
      name: 'target_rule',
      data: { values: [{ target: targetValue, label: targetText }] },
      transform: key(FAN_LEGEND.target),
      mark: { type: 'rule', strokeDash: [7, 4], strokeWidth: 2 },
      encoding: {
        y: { field: 'target', type: 'quantitative' },
        color,
        tooltip: { field: 'label', type: 'nominal', title: 'Target' },
      },
    },
    {
      name: 'target_label',
      data: { values: [{ target: targetValue, label: targetText }] },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -4, color: TARGET_COLOR, fontWeight: 'bold' },
      encoding: {
        x: { datum: domain[0], type: 'quantitative' },
        y: { field: 'target', type: 'quantitative' },
        text: { field: 'label' },
      },
    },
  ];
  if (inHorizon) {
    layers.push({
      name: 'target_point',
      data: { values: [{ year: targetYear, target: targetValue, label: targetText }] },
      mark: { type: 'point', shape: 'diamond', filled: true, size: 110, color: TARGET_COLOR, stroke: 'white', strokeWidth: 1 },
      encoding: { x, y: { field: 'target', type: 'quantitative' }, tooltip: { field: 'label', type: 'nominal', title: 'Target' } },
    });
  }
  // One shape legend for the whole and the part-year layers: the same scale and the same legend,
  // merged by Vega-Lite (a `legend: null` on one layer conflicted with the other's).
  const historyShape = {
    field: 'seriesLabel',
    type: 'nominal' as const,
    scale: { domain: seriesNames, range: ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'] },
    // Below the plot, beside the projection's legend: inside it, the legend hid the target's label.
    legend: {
      title: partial.length > 0 ? 'Observed (hollow: part year)' : 'Observed',
      orient: 'bottom' as const,
      direction: 'vertical' as const,
      labelLimit: 600,
    },
  };
  const historyTooltip = textTooltip(
    ['yearText', 'Year'],
    ['valueText', 'Observed total'],
    ['seriesLabel', 'Series'],
    ['source', 'Source'],
  );
  if (history.length > 0) {
    layers.push(
      {
        name: 'history_line',
        data: { values: whole },
        mark: { type: 'line', strokeDash: [3, 3], strokeWidth: 1.5, color: HISTORY_COLOR },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative' },
          // Lines join consecutive years only: no line drawn across a gap in a series.
          detail: [
            { field: 'series', type: 'nominal' },
            { field: 'segment', type: 'quantitative' },
          ],
        },
      },
      {
        name: 'history_points',
        data: { values: whole },
        mark: { type: 'point', filled: true, size: 64, color: HISTORY_COLOR, opacity: 1 },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, shape: historyShape, tooltip: historyTooltip },
      },
    );
    if (partial.length > 0) {
      layers.push({
        name: 'history_partial',
        data: { values: partial },
        mark: { type: 'point', filled: false, size: 64, strokeWidth: 1.5, color: HISTORY_COLOR, opacity: 1 },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, shape: historyShape, tooltip: historyTooltip },
      });
    }
  }

  const firstProjected = rows[0]?.yearLabel ?? '';
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Fan chart of the projected annual total of Pakistan–Kazakhstan trade with the ${targetText} rule.`,
    title: chartTitle(summary, 'Pakistan–Kazakhstan trade, annual total', [
      `Projected from ${firstProjected}: median, 25–75% and 5–95% of simulated paths; observed totals before it (points). USD per year.`,
    ]),
    config: theme,
    width: 640,
    height: 320,
    layer: layers,
  };
  return spec as TopLevelSpec;
}
