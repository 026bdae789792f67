/** Corridor shares of trade value, by year: stacked bars (shares add up to 1 when there is trade). */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { corridorLabel, textTooltip } from './common.js';
import { CATEGORY_COLORS, chartTitle, longYearLabels, theme } from './theme.js';
import { formatPercent } from '../format.js';

export function corridorRows(summary: Summary) {
  const keys = corridorKeys(summary);
  return keys.flatMap((key, order) =>
    summary.years.flatMap((year, i) => {
      const share = summary.corridorShare[key]?.[i];
      if (share === undefined || !Number.isFinite(share)) return [];
      return [
        {
          year,
          yearLabel: summary.yearLabels[i] ?? String(year),
          corridor: corridorLabel(summary, key),
          order,
          share,
          shareText: formatPercent(share),
        },
      ];
    }),
  );
}

/** Corridors in the order of `summary.corridors`, then any others found in `corridorShare`. */
export function corridorKeys(summary: Summary): string[] {
  const listed = summary.corridors.map((c) => c.name).filter((name) => name in summary.corridorShare);
  const others = Object.keys(summary.corridorShare).filter((k) => !listed.includes(k));
  return [...listed, ...others];
}

export function corridorShareSpec(summary: Summary): TopLevelSpec {
  const keys = corridorKeys(summary);
  const labels = keys.map((k) => corridorLabel(summary, k));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Share of trade value carried by each corridor, by year.',
    title: chartTitle(summary, 'Corridor shares of trade value', [
      'Share of the value of trade carried by each corridor, over all simulated paths.',
    ]),
    config: theme,
    width: 640,
    height: 280,
    data: { values: corridorRows(summary) },
    layer: [
      {
        name: 'corridor_bars',
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: {
            field: 'yearLabel',
            type: 'ordinal',
            sort: summary.yearLabels,
            axis: { title: null, labelAngle: longYearLabels(summary) ? -35 : 0 },
          },
          y: {
            field: 'share',
            type: 'quantitative',
            stack: 'zero',
            scale: { domain: [0, 1], nice: false },
            axis: { title: 'Share of trade value', format: '.0%', tickCount: 5 },
          },
          color: {
            field: 'corridor',
            type: 'nominal',
            scale: { domain: labels, range: labels.map((_, i) => CATEGORY_COLORS[i % CATEGORY_COLORS.length] ?? '#000000') },
            // One corridor a line: their names are long.
            legend: { title: 'Corridor', direction: 'vertical', labelLimit: 600 },
          },
          order: { field: 'order', type: 'quantitative' },
          tooltip: textTooltip(
            ['yearLabel', 'Year'],
            ['corridor', 'Corridor'],
            ['shareText', 'Share'],
          ),
        },
      },
    ],
  };
  return spec as TopLevelSpec;
}
