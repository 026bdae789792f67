/** Directions: Pakistan's exports (PK>KZ) and Kazakhstan's exports (KZ>PK), a fan each. */
import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { directionLabel, statRows } from './common.js';
import { smallFanLayers } from './sectors.js';
import { CATEGORY_COLORS, OKABE_ITO, chartTitle, theme } from './theme.js';

const DIRECTION_COLORS: Record<string, string> = { 'PK>KZ': OKABE_ITO.bluishGreen, 'KZ>PK': OKABE_ITO.blue };

export function directionRows(summary: Summary) {
  return summary.directions.flatMap((direction) => {
    const stats = summary.annual.byDirection[direction];
    return stats ? statRows(summary, stats).map((row) => ({ ...row, direction: directionLabel(direction) })) : [];
  });
}

/** Both directions on one shared y scale, so that their sizes compare. */
export function directionFanSpec(summary: Summary): TopLevelSpec {
  const labels = summary.directions.map(directionLabel);
  const range = summary.directions.map(
    (d, i) => DIRECTION_COLORS[d] ?? CATEGORY_COLORS[(i + 2) % CATEGORY_COLORS.length] ?? '#000000',
  );
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: "Projected exports each way: Pakistan's exports to Kazakhstan and Kazakhstan's exports to Pakistan.",
    title: chartTitle(summary, 'Exports each way, projected', [
      'Median (line), 25–75% (dark band) and 5–95% (light band) of simulated paths. USD per year; both panels on one scale.',
    ]),
    config: theme,
    data: { values: directionRows(summary) },
    facet: { field: 'direction', type: 'nominal', sort: labels, header: { title: null } },
    columns: 2,
    spec: {
      width: 300,
      height: 200,
      layer: smallFanLayers(summary, 'direction', { domain: labels, range }, 'Exports, USD per year'),
    },
  };
  return spec as TopLevelSpec;
}
