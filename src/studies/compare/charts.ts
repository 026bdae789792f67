/**
 * The comparison's charts, as Vega-Lite specs, in the conventions of a run's charts
 * (src/charts/theme.ts): titles naming the scenarios, subtitles ending with paths and seed, USD
 * with M/B units, whole years, the Okabe-Ito palette (one colour per scenario, in order, the
 * baseline first).
 */
import type { TopLevelSpec } from 'vega-lite';
import { CATEGORY_COLORS, MUTED, TARGET_COLOR, theme, yearLabelExpr, yearX } from '../../charts/theme.js';
import { formatPercent, formatPercentWithError, formatPoints, formatSignedUsd, formatUsd, groupThousands } from '../../format.js';
import { targetYearLabel, type ComparisonSummary, type ProbabilityDifference } from './summary.js';
import { textTooltip } from '../../charts/common.js';
import { Z95 } from '../../results/statistics.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Colour of the i-th scenario (0: baseline). */
export const scenarioColor = (i: number) => CATEGORY_COLORS[i % CATEGORY_COLORS.length] ?? '#000000';

/** USD with the sign in front: -250000000 -> "−$250M", for axes of differences. */
export function signedUsdExpr(expr: string, digits?: number, plus = false): string {
  const fmt = digits === undefined ? "'~s'" : `'.${digits}~s'`;
  return `(${expr} < 0 ? '−$' : ${plus ? `(${expr} > 0 ? '+$' : '$')` : "'$'"}) + replace(format(abs(${expr}), ${fmt}), 'G', 'B')`;
}
const USD_AXIS = signedUsdExpr('datum.value');

/** The run charts' year x, labels turned when they are not plain years ("FY2029-30"). */
const xYear = (s: ComparisonSummary) => yearX(s, undefined, yearLabelExpr(s) ? { labelAngle: -30 } : {});

const scenarioLabel = (s: ComparisonSummary, i: number) => {
  const sc = s.scenarios[i];
  return sc ? (i === 0 ? `${sc.key} (baseline)` : sc.key) : '';
};

/** Title block: subject and scenarios; the last subtitle line says paths, seed and common random numbers. */
export function comparisonTitle(s: ComparisonSummary, subject: string, lines: string[]): { text: string; subtitle: string[] } {
  const names = s.scenarios.map((x) => x.key);
  const run = [
    `${groupThousands(s.paths)} simulated paths per scenario, on common random numbers`,
    `seed ${s.seed}`,
  ].join(' · ');
  return { text: `${subject} — ${names[0] ?? ''} vs ${names.slice(1).join(', ')}`, subtitle: [...lines, run] };
}

/** Legend settings for long labels. */
const LEGEND = { labelLimit: 320 } as const;

/** "base: Baseline, no new agreement · customs: With the customs agreement", for subtitles. */
function scenarioTitles(s: ComparisonSummary): string[] {
  const withTitles = s.scenarios.filter((x) => x.title.trim() && x.title !== x.name);
  return withTitles.length === 0 ? [] : [withTitles.map((x) => `${x.key}: ${x.title}`).join(' · ')];
}

function scenarioColorScale(s: ComparisonSummary, from = 0) {
  const idx = s.scenarios.map((_, i) => i).slice(from);
  return { domain: idx.map((i) => scenarioLabel(s, i)), range: idx.map(scenarioColor) };
}

/** The scenarios' fans of the annual total, overlaid: 5–95% and 25–75% bands and the median of each. */
export function fansSpec(s: ComparisonSummary): TopLevelSpec {
  const x = xYear(s);
  const rows = s.scenarios.flatMap((sc, i) => s.years.map((year, y) => {
    const t = sc.annualTotal;
    return {
      scenario: scenarioLabel(s, i), year, yearLabel: s.yearLabels[y] ?? String(year),
      p05: t.p05[y], p25: t.p25[y], p50: t.p50[y], p75: t.p75[y], p95: t.p95[y], mean: t.mean[y],
      medianText: formatUsd(t.p50[y] as number),
      i50Text: `${formatUsd(t.p25[y] as number)} – ${formatUsd(t.p75[y] as number)}`,
      i90Text: `${formatUsd(t.p05[y] as number)} – ${formatUsd(t.p95[y] as number)}`,
      meanText: `${formatUsd(t.mean[y] as number)} ± ${formatUsd(t.meanStandardError[y] as number, 2)}`,
    };
  }));
  const color = { field: 'scenario', type: 'nominal', scale: scenarioColorScale(s), legend: { title: 'Scenario', ...LEGEND } } as const;
  const targetText = `Target ${formatUsd(s.target.value)} in ${targetYearLabel(s)}`;
  const spec = {
    $schema: SCHEMA,
    description: 'Fans of the projected annual total of Pakistan–Kazakhstan trade, one per scenario, overlaid.',
    title: comparisonTitle(s, 'Annual total, by scenario', [
      ...scenarioTitles(s),
      'Median (thick line), 25–75% of paths (band), 5% and 95% (thin dashed lines). USD per year.',
    ]),
    config: theme,
    width: 640,
    height: 320,
    data: { values: rows },
    layer: [
      {
        name: 'band_50',
        mark: { type: 'area', opacity: 0.22 },
        encoding: {
          x,
          y: { field: 'p25', type: 'quantitative', scale: { zero: true, nice: true }, axis: { title: 'Annual total, USD per year', labelExpr: USD_AXIS, tickCount: 6 } },
          y2: { field: 'p75' },
          color,
        },
      },
      { name: 'p05_line', mark: { type: 'line', strokeWidth: 1.2, strokeDash: [4, 3] }, encoding: { x, y: { field: 'p05', type: 'quantitative' }, color } },
      { name: 'p95_line', mark: { type: 'line', strokeWidth: 1.2, strokeDash: [4, 3] }, encoding: { x, y: { field: 'p95', type: 'quantitative' }, color } },
      { name: 'median', mark: { type: 'line', strokeWidth: 2.5 }, encoding: { x, y: { field: 'p50', type: 'quantitative' }, color } },
      {
        name: 'median_points',
        mark: { type: 'point', filled: true, size: 30, opacity: 1 },
        encoding: {
          x, y: { field: 'p50', type: 'quantitative' }, color,
          tooltip: textTooltip(
            ['scenario', 'Scenario'],
            ['yearLabel', 'Year'],
            ['medianText', 'Median'],
            ['i50Text', '25–75%'],
            ['i90Text', '5–95%'],
            ['meanText', 'Mean ± s.e.'],
          ),
        },
      },
      {
        name: 'target_rule',
        data: { values: [{ target: s.target.value, label: targetText }] },
        mark: { type: 'rule', strokeDash: [7, 4], strokeWidth: 2, color: TARGET_COLOR },
        encoding: { y: { field: 'target', type: 'quantitative' }, tooltip: { field: 'label', type: 'nominal', title: 'Target' } },
      },
      {
        name: 'target_label',
        data: { values: [{ target: s.target.value, label: targetText }] },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -4, color: TARGET_COLOR, fontWeight: 'bold' },
        encoding: { x: { datum: Math.min(...s.years), type: 'quantitative' }, y: { field: 'target', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  return spec as TopLevelSpec;
}

const MEASURES = { reachedBy: 'Reached in the year or before', inYear: 'Annual total ≥ target in the year' } as const;

function targetYearLayers(s: ComparisonSummary, yTop: number): unknown[] {
  const i = s.years.indexOf(s.target.year);
  if (i < 0) return [];
  const label = `Target year ${targetYearLabel(s)}`;
  return [
    {
      name: 'target_year_rule',
      data: { values: [{ year: s.target.year, label }] },
      mark: { type: 'rule', strokeDash: [7, 4], strokeWidth: 1.5, color: TARGET_COLOR },
      encoding: { x: xYear(s), tooltip: { field: 'label', type: 'nominal', title: 'Target' } },
    },
    {
      name: 'target_year_label',
      data: { values: [{ year: s.target.year, label, y: yTop }] },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 2, color: TARGET_COLOR, fontWeight: 'bold' },
      encoding: { x: xYear(s), y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
}

/** P(target reached by each year), one line per scenario with a 95% band; dashed: P(≥ target in the year). */
export function probabilitySpec(s: ComparisonSummary): TopLevelSpec {
  const x = xYear(s);
  const rows = s.scenarios.flatMap((sc, i) => s.years.flatMap((year, y) => {
    const t = sc.target;
    const one = (measure: string, p: number, se: number) => ({
      scenario: scenarioLabel(s, i), measure, year, yearLabel: s.yearLabels[y] ?? String(year), p, se,
      lo: Math.max(0, p - Z95 * se), hi: Math.min(1, p + Z95 * se),
      pText: formatPercentWithError(p, se),
    });
    return [
      one(MEASURES.reachedBy, t.reachedBy[y] as number, t.reachedByStandardError[y] as number),
      one(MEASURES.inYear, t.probability[y] as number, t.standardError[y] as number),
    ];
  }));
  const color = { field: 'scenario', type: 'nominal', scale: scenarioColorScale(s), legend: { title: 'Scenario', ...LEGEND } } as const;
  const dash = {
    field: 'measure', type: 'nominal',
    scale: { domain: [MEASURES.reachedBy, MEASURES.inYear], range: [[1, 0], [5, 4]] },
    legend: { title: 'Probability', symbolStrokeColor: MUTED, ...LEGEND },
  } as const;
  const spec = {
    $schema: SCHEMA,
    description: `Probability that Pakistan–Kazakhstan trade reaches ${formatUsd(s.target.value)} a year, by year and scenario.`,
    title: comparisonTitle(s, `Chance of reaching ${formatUsd(s.target.value)} a year`, [
      ...scenarioTitles(s),
      `Solid: target reached in the year or before, with a 95% band; dashed: annual total ≥ ${formatUsd(s.target.value)} in the year.`,
    ]),
    config: theme,
    width: 640,
    height: 300,
    data: { values: rows },
    layer: [
      {
        name: 'band',
        transform: [{ filter: `datum.measure == ${JSON.stringify(MEASURES.reachedBy)}` }],
        mark: { type: 'area', opacity: 0.18 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', scale: { domain: [0, 1], nice: false }, axis: { title: 'Probability', format: '.0%', tickCount: 5 } },
          y2: { field: 'hi' },
          color,
        },
      },
      { name: 'line', mark: { type: 'line', strokeWidth: 2.5 }, encoding: { x, y: { field: 'p', type: 'quantitative' }, color, strokeDash: dash } },
      {
        name: 'points',
        mark: { type: 'point', filled: true, size: 30, opacity: 1 },
        encoding: {
          x, y: { field: 'p', type: 'quantitative' }, color,
          tooltip: textTooltip(
            ['scenario', 'Scenario'],
            ['yearLabel', 'Year'],
            ['measure', 'Measure'],
            ['pText', 'Probability ± s.e.'],
          ),
        },
      },
      ...targetYearLayers(s, 1),
    ],
  };
  return spec as TopLevelSpec;
}

function differenceRows(s: ComparisonSummary, measure: string, pick: (d: { probability: ProbabilityDifference; reachedBy: ProbabilityDifference }) => ProbabilityDifference) {
  return s.comparisons.flatMap((c, j) => {
    const d = pick(c);
    return s.years.map((year, y) => ({
      scenario: scenarioLabel(s, j + 1), measure, year, yearLabel: s.yearLabels[y] ?? String(year),
      d: d.difference[y], lo: d.lower95[y], hi: d.upper95[y],
      dText: `${formatPoints(d.difference[y])} ± ${formatPoints(d.standardError[y], 2, false)}`,
      ciText: `${formatPoints(d.lower95[y] as number)} to ${formatPoints(d.upper95[y] as number)}`,
      baseText: formatPercent(d.baseline[y] as number),
      scenText: formatPercent(d.scenario[y] as number),
    }));
  });
}

/** The difference in P(reaching the target) against the baseline, with its paired 95% interval. */
export function probabilityDifferenceSpec(s: ComparisonSummary): TopLevelSpec {
  const x = xYear(s);
  const rows = [
    ...differenceRows(s, MEASURES.reachedBy, (c) => c.reachedBy),
    ...differenceRows(s, MEASURES.inYear, (c) => c.probability),
  ];
  const base = s.scenarios[0]?.key ?? '';
  const color = { field: 'scenario', type: 'nominal', scale: scenarioColorScale(s, 1), legend: { title: `Scenario − ${base}`, ...LEGEND } } as const;
  const dash = {
    field: 'measure', type: 'nominal',
    scale: { domain: [MEASURES.reachedBy, MEASURES.inYear], range: [[1, 0], [5, 4]] },
    legend: { title: 'Probability', symbolStrokeColor: MUTED, ...LEGEND },
  } as const;
  const spec = {
    $schema: SCHEMA,
    description: 'Change in the probability of reaching the target against the baseline, on the same simulated paths.',
    title: comparisonTitle(s, `Change in the chance of reaching ${formatUsd(s.target.value)}`, [
      ...scenarioTitles(s),
      `Each scenario minus "${base}" on the same paths, in percentage points; bands: 95% intervals (paired).`,
    ]),
    config: theme,
    width: 640,
    height: 300,
    data: { values: rows },
    layer: [
      {
        name: 'band',
        mark: { type: 'area', opacity: 0.16 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', axis: { title: 'Difference in probability (percentage points)', labelExpr: "datum.value == 0 ? '0' : format(datum.value * 100, '+.0f')", tickCount: 6 } },
          y2: { field: 'hi' },
          color,
          detail: { field: 'measure', type: 'nominal' },
        },
      },
      {
        name: 'zero',
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#555555', strokeWidth: 1 },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
      { name: 'line', mark: { type: 'line', strokeWidth: 2.5 }, encoding: { x, y: { field: 'd', type: 'quantitative' }, color, strokeDash: dash } },
      {
        name: 'points',
        mark: { type: 'point', filled: true, size: 30, opacity: 1 },
        encoding: {
          x, y: { field: 'd', type: 'quantitative' }, color,
          tooltip: textTooltip(
            ['scenario', 'Scenario'],
            ['yearLabel', 'Year'],
            ['measure', 'Measure'],
            ['baseText', base],
            ['scenText', 'Scenario'],
            ['dText', 'Difference ± s.e.'],
            ['ciText', '95% interval'],
          ),
        },
      },
    ],
  };
  return spec as TopLevelSpec;
}

/** Fan of the paired difference scenario − baseline in the annual total, one panel per scenario. */
export function differenceFanSpec(s: ComparisonSummary): TopLevelSpec {
  const x = xYear(s);
  const base = s.scenarios[0]?.key ?? '';
  const panels = s.comparisons.map((c) => `${c.scenario} − ${c.baseline}`);
  const rows = s.comparisons.flatMap((c, j) => s.years.map((year, y) => {
    const q = c.annualTotal.pairedDifference;
    const t = c.annualTotal;
    return {
      panel: panels[j], scenario: scenarioLabel(s, j + 1), year, yearLabel: s.yearLabels[y] ?? String(year),
      p05: q.p05[y], p25: q.p25[y], p50: q.p50[y], p75: q.p75[y], p95: q.p95[y], mean: t.meanDifference[y],
      medianText: formatSignedUsd(q.p50[y] as number),
      i50Text: `${formatSignedUsd(q.p25[y] as number)} to ${formatSignedUsd(q.p75[y] as number)}`,
      i90Text: `${formatSignedUsd(q.p05[y] as number)} to ${formatSignedUsd(q.p95[y] as number)}`,
      meanText: `${formatSignedUsd(t.meanDifference[y] as number)} ± ${formatUsd(t.meanDifferenceStandardError[y] as number, 2)}`,
      higherText: formatPercent(t.shareHigher[y] as number),
    };
  }));
  const color = { field: 'scenario', type: 'nominal', scale: scenarioColorScale(s, 1), legend: null } as const;
  const layer = [
    {
      name: 'band_90',
      mark: { type: 'area', opacity: 0.22 },
      encoding: {
        x,
        y: { field: 'p05', type: 'quantitative', scale: { nice: true }, axis: { title: `Difference, USD per year`, labelExpr: USD_AXIS, tickCount: 6 } },
        y2: { field: 'p95' },
        color,
      },
    },
    { name: 'band_50', mark: { type: 'area', opacity: 0.42 }, encoding: { x, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' }, color } },
    {
      name: 'zero',
      mark: { type: 'rule', color: '#555555', strokeWidth: 1 },
      encoding: { y: { datum: 0, type: 'quantitative' } },
    },
    { name: 'median', mark: { type: 'line', strokeWidth: 2.5 }, encoding: { x, y: { field: 'p50', type: 'quantitative' }, color } },
    { name: 'mean', mark: { type: 'line', strokeWidth: 1.5, strokeDash: [4, 3], color: '#000000' }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } },
    {
      name: 'median_points',
      mark: { type: 'point', filled: true, size: 30, opacity: 1 },
      encoding: {
        x, y: { field: 'p50', type: 'quantitative' }, color,
        tooltip: textTooltip(
          ['panel', 'Difference'],
          ['yearLabel', 'Year'],
          ['medianText', 'Median'],
          ['i50Text', '25–75%'],
          ['i90Text', '5–95%'],
          ['meanText', 'Mean ± s.e.'],
          ['higherText', 'Paths higher'],
        ),
      },
    },
  ];
  const spec = {
    $schema: SCHEMA,
    description: 'Fan of the per-path difference in the annual total against the baseline, on the same simulated paths.',
    title: comparisonTitle(s, 'Difference in the annual total', [
      ...scenarioTitles(s),
      `Scenario minus "${base}" on each simulated path: median (line), 25–75% and 5–95% of paths (bands),`,
      'mean (dashed). USD per year.',
    ]),
    config: theme,
    data: { values: rows },
    facet: { row: { field: 'panel', type: 'nominal', sort: panels, header: { title: null, labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' } } },
    spec: { width: 640, height: panels.length > 1 ? 200 : 280, layer },
  };
  return spec as TopLevelSpec;
}

/** First year at the target: a bar per year and scenario, and one for "not within the horizon". */
export function firstYearSpec(s: ComparisonSummary): TopLevelSpec {
  const last = s.yearLabels[s.yearLabels.length - 1] ?? '';
  const never = `Not by ${last}`;
  const order = [...s.yearLabels, never];
  const rows = s.scenarios.flatMap((sc, i) => [
    ...s.years.map((_, y) => ({ scenario: scenarioLabel(s, i), label: s.yearLabels[y] as string, p: sc.target.firstYear.probability[y] as number })),
    { scenario: scenarioLabel(s, i), label: never, p: sc.target.firstYear.never },
  ].map((r) => ({ ...r, pText: formatPercent(r.p) })));
  const shifts = s.comparisons.map((c) => `${c.scenario}: ${c.firstYear.medianShift === null ? 'median not within the horizon' : `median shift ${c.firstYear.medianShift > 0 ? '+' : ''}${c.firstYear.medianShift} yr`}, earlier on ${formatPercent(c.firstYear.earlier)} of paths, later on ${formatPercent(c.firstYear.later)}`);
  const color = { field: 'scenario', type: 'nominal', scale: scenarioColorScale(s), legend: { title: 'Scenario', ...LEGEND } } as const;
  const spec = {
    $schema: SCHEMA,
    description: `Distribution of the first year the annual total reaches ${formatUsd(s.target.value)}, by scenario.`,
    title: comparisonTitle(s, `First year trade reaches ${formatUsd(s.target.value)}`, [
      ...scenarioTitles(s),
      'Share of simulated paths whose annual total first reaches the target in each year.',
      ...shifts,
    ]),
    config: theme,
    width: 640,
    height: 280,
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: order, axis: { title: null, labelAngle: s.yearLabels.some((l) => l.length > 6) ? -35 : 0 } },
      xOffset: { field: 'scenario', type: 'nominal', sort: scenarioColorScale(s).domain },
      y: { field: 'p', type: 'quantitative', axis: { title: 'Share of paths', format: '.0%', tickCount: 5 } },
      color,
      tooltip: textTooltip(
        ['scenario', 'Scenario'],
        ['label', 'First year'],
        ['pText', 'Share of paths'],
      ),
    },
  };
  return spec as TopLevelSpec;
}

export interface ComparisonChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** Every chart of a comparison, in report order. */
export function comparisonCharts(s: ComparisonSummary): ComparisonChart[] {
  return [
    { name: 'difference-probability', title: 'Change in the chance of reaching the target', spec: probabilityDifferenceSpec(s) },
    { name: 'target-probability', title: 'Chance of reaching the target, by scenario', spec: probabilitySpec(s) },
    { name: 'fans', title: 'Annual total, by scenario', spec: fansSpec(s) },
    { name: 'difference-fan', title: 'Difference in the annual total, path by path', spec: differenceFanSpec(s) },
    { name: 'first-year', title: 'First year at the target', spec: firstYearSpec(s) },
  ];
}
