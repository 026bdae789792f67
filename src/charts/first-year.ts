/** The first year the annual total reaches the target: a bar per year, and "not within the horizon". */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { probabilityStandardError, textTooltip, yearLabel } from './common.js';
import { MUTED, OKABE_ITO, chartTitle, longYearLabels, theme } from './theme.js';
import { formatPercent, formatUsd } from '../format.js';

/** The bar for paths that never reach the target within the horizon, as its two label lines. */
export function neverLabelLines(summary: Summary): [string, string] {
  const last = summary.yearLabels[summary.yearLabels.length - 1];
  return last === undefined ? ['Not within', 'the horizon'] : ['Not reached', `by ${last}`];
}
export function neverLabel(summary: Summary): string {
  return neverLabelLines(summary).join(' ');
}

function firstYearRow(summary: Summary, label: string, p: number, kind: string) {
  const se = probabilityStandardError(p, summary.paths);
  return {
    label,
    p,
    se,
    kind,
    pText: `${formatPercent(p)} ± ${formatPercent(se)}`,
    // Bars under 0.05% would read "0.0%": leave them unlabelled.
    barText: p >= 0.0005 ? formatPercent(p) : '',
  };
}

export function firstYearRows(summary: Summary) {
  const { firstYear, year: targetYear } = summary.target;
  const rows = firstYear.years.map((year, i) =>
    firstYearRow(
      summary,
      yearLabel(summary, year),
      firstYear.probability[i] ?? 0,
      year <= targetYear ? 'By the target year' : 'After the target year',
    ),
  );
  rows.push(firstYearRow(summary, neverLabel(summary), firstYear.never, 'Not within the horizon'));
  return rows;
}

export function firstYearSpec(summary: Summary): TopLevelSpec {
  const rows = firstYearRows(summary);
  const order = rows.map((r) => r.label);
  const median = summary.target.medianFirstYear;
  const medianText =
    median === null
      ? 'The target is reached on fewer than half of the paths within the horizon.'
      : `Median first year: ${yearLabel(summary, median)}.`;
  const x = {
    field: 'label',
    type: 'ordinal',
    sort: order,
    axis: {
      title: null,
      labelAngle: longYearLabels(summary) ? -35 : 0,
      // Two lines for the last bar's label ("Not reached" / "by 2035").
      labelExpr: `datum.label == ${JSON.stringify(neverLabel(summary))} ? ${JSON.stringify(neverLabelLines(summary))} : datum.label`,
    },
  } as const;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Distribution of the first year the annual total reaches ${formatUsd(summary.target.value)}.`,
    title: chartTitle(summary, `First year trade reaches ${formatUsd(summary.target.value)}`, [
      `Share of simulated paths whose annual total first reaches ${formatUsd(summary.target.value)} in each year. ${medianText}`,
    ]),
    config: theme,
    width: 680,
    height: 280,
    data: { values: rows },
    layer: [
      {
        name: 'first_year_bars',
        mark: { type: 'bar', width: { band: 0.75 } },
        encoding: {
          x,
          y: { field: 'p', type: 'quantitative', axis: { title: 'Share of paths', format: '.0%', tickCount: 5 } },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: {
              domain: ['By the target year', 'After the target year', 'Not within the horizon'],
              range: [OKABE_ITO.blue, OKABE_ITO.skyBlue, MUTED],
            },
            legend: { title: null },
          },
          tooltip: textTooltip(
            ['label', 'First year'],
            ['pText', 'Share of paths ± s.e.'],
          ),
        },
      },
      {
        name: 'first_year_labels',
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10.5 },
        encoding: { x, y: { field: 'p', type: 'quantitative' }, text: { field: 'barText' } },
      },
    ],
  };
  return spec as TopLevelSpec;
}
