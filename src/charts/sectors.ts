/** Sectors: mean annual value stacked by sector (means add up), and a small-multiple fan per sector. */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { statRows, textTooltip, type StatRow } from './common.js';
import { FAN_TOOLTIP } from './fan.js';
import { CATEGORY_COLORS, USD_LABEL_EXPR, chartTitle, longYearLabels, theme, yearAxis } from './theme.js';
import { formatUsd } from '../format.js';

export function sectorColorScale(summary: Summary): { domain: string[]; range: string[] } {
  return {
    domain: [...summary.sectors],
    range: summary.sectors.map((_, i) => CATEGORY_COLORS[i % CATEGORY_COLORS.length] ?? '#000000'),
  };
}

export function sectorRows(summary: Summary): Array<StatRow & { sector: string; order: number }> {
  return summary.sectors.flatMap((sector, order) => {
    const stats = summary.annual.bySector[sector];
    return stats ? statRows(summary, stats).map((row) => ({ ...row, sector, order })) : [];
  });
}

/** Stacked bars of the mean annual value by sector; the bar's height is the mean total. */
export function sectorMeanSpec(summary: Summary): TopLevelSpec {
  const rows = sectorRows(summary);
  const totals = statRows(summary, summary.annual.total).map((r) => ({
    yearLabel: r.yearLabel,
    year: r.year,
    mean: r.mean,
    meanText: formatUsd(r.mean),
  }));
  const x = {
    field: 'yearLabel',
    type: 'ordinal',
    sort: summary.yearLabels,
    axis: { title: null, labelAngle: longYearLabels(summary) ? -35 : 0 },
  } as const;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Mean annual trade by sector, stacked.',
    title: chartTitle(summary, 'Trade by sector, mean annual value', [
      'Means over simulated paths, stacked: the sector means add up to the mean total (labelled). Medians would not add up.',
    ]),
    config: theme,
    width: 640,
    height: 300,
    layer: [
      {
        name: 'sector_bars',
        data: { values: rows },
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x,
          y: {
            field: 'mean',
            type: 'quantitative',
            stack: 'zero',
            axis: { title: 'Mean annual value, USD per year', labelExpr: USD_LABEL_EXPR, tickCount: 6 },
          },
          color: {
            field: 'sector',
            type: 'nominal',
            scale: sectorColorScale(summary),
            legend: { title: 'Sector' },
          },
          order: { field: 'order', type: 'quantitative' },
          tooltip: textTooltip(
            ['yearLabel', 'Year'],
            ['sector', 'Sector'],
            ['meanText', 'Mean ± s.e.'],
            ['medianText', 'Median'],
            ['i90Text', '5–95%'],
          ),
        },
      },
      {
        name: 'total_labels',
        data: { values: totals },
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10.5 },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative' },
          text: { field: 'meanText' },
          tooltip: textTooltip(
            ['yearLabel', 'Year'],
            ['meanText', 'Mean total'],
          ),
        },
      },
    ],
  };
  return spec as TopLevelSpec;
}

/** About `count` of `years`, evenly spaced, always including the last. */
export function everyNthYear(years: number[], count: number): number[] {
  const step = Math.max(1, Math.ceil((years.length - 1) / Math.max(1, count - 1)));
  return years.filter((_, i) => (years.length - 1 - i) % step === 0);
}

/** Quantitative year x for small multiples: fewer ticks, whole years. */
export function smallMultipleX(summary: Summary) {
  const years = summary.years;
  return {
    field: 'year',
    type: 'quantitative',
    scale: { domain: [Math.min(...years), Math.max(...years)], nice: false, zero: false },
    // About four labelled years a panel, ending on the last: 2026, 2029, 2032, 2035.
    axis: yearAxis(summary, { values: everyNthYear(years, 4), labelAngle: longYearLabels(summary) ? -35 : 0 }),
  } as const;
}

/** Fan layers (bands 5-95 and 25-75, median, points with tooltips) coloured by `colorField`. */
export function smallFanLayers(
  summary: Summary,
  colorField: string,
  colorScale: { domain: string[]; range: string[] },
  yTitle: string,
): unknown[] {
  const x = smallMultipleX(summary);
  const color = { field: colorField, type: 'nominal', scale: colorScale, legend: null } as const;
  return [
    {
      name: 'band_90',
      mark: { type: 'area', opacity: 0.25 },
      encoding: {
        x,
        y: {
          field: 'p05',
          type: 'quantitative',
          scale: { zero: true },
          axis: { title: yTitle, labelExpr: USD_LABEL_EXPR, tickCount: 4 },
        },
        y2: { field: 'p95' },
        color,
      },
    },
    {
      name: 'band_50',
      mark: { type: 'area', opacity: 0.45 },
      encoding: { x, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' }, color },
    },
    {
      name: 'median',
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x, y: { field: 'p50', type: 'quantitative' }, color },
    },
    {
      name: 'median_points',
      mark: { type: 'point', filled: true, size: 18, opacity: 1 },
      encoding: {
        x,
        y: { field: 'p50', type: 'quantitative' },
        color,
        tooltip: [{ field: colorField, type: 'nominal', title: 'Series' }, ...FAN_TOOLTIP],
      },
    },
  ];
}

/** One small fan per sector, each with its own y scale (sectors differ in size). */
export function sectorFanSpec(summary: Summary): TopLevelSpec {
  const rows = sectorRows(summary);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Projected annual trade by sector: median and 25–75% and 5–95% bands.',
    title: chartTitle(summary, 'Trade by sector, projected', [
      'Per sector: median (line), 25–75% (dark band) and 5–95% (light band) of simulated paths. USD per year.',
      'Each panel has its own scale.',
    ]),
    config: theme,
    data: { values: rows },
    facet: { field: 'sector', type: 'nominal', sort: summary.sectors, header: { title: null } },
    columns: 3,
    spec: {
      width: 200,
      height: 130,
      layer: smallFanLayers(summary, 'sector', sectorColorScale(summary), 'USD per year'),
    },
    // Own axes per panel: each y scale differs, and an empty last cell then gets no stray x axis.
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
  };
  return spec as TopLevelSpec;
}
