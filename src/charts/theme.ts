/**
 * The one look shared by every chart: fonts, sizes, the Okabe-Ito palette (safe for the common
 * forms of colour blindness), USD and year axes, and titles that name the scenario.
 */
import type { Config } from 'vega-lite';
import type { Summary } from '../results/summary.js';
import { groupThousands } from '../format.js';

/** Okabe & Ito (2008), "Color Universal Design". */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Category order: strong colours first, yellow (weak on white) last. */
export const CATEGORY_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** Fan colours: Okabe-Ito blue, and the same blue mixed with white for the bands. */
export const FAN = {
  outer: '#bfdcec', // 25% blue: the 5-95% band
  inner: '#80b8d8', // 50% blue: the 25-75% band
  median: '#00578a', // darker blue: the median line
  mean: OKABE_ITO.black,
} as const;
export const TARGET_COLOR = OKABE_ITO.vermillion;
export const HISTORY_COLOR = '#333333';
export const MUTED = '#8c8c8c';

/** DejaVu Sans is what the PNGs are drawn with; browsers fall back to what they have. */
export const FONT = "'DejaVu Sans', Verdana, 'Helvetica Neue', Arial, sans-serif";
export const WIDTH = 640;
export const HEIGHT = 300;

export const theme: Config = {
  background: '#ffffff',
  padding: 16,
  font: FONT,
  view: { stroke: null, continuousWidth: WIDTH, continuousHeight: HEIGHT },
  title: {
    anchor: 'start',
    fontSize: 16,
    fontWeight: 'bold',
    color: '#1a1a1a',
    subtitleFontSize: 11.5,
    subtitleColor: '#4d4d4d',
    subtitlePadding: 6,
    offset: 14,
  },
  axis: {
    labelFontSize: 11,
    labelColor: '#333333',
    titleFontSize: 11.5,
    titleFontWeight: 'normal',
    titleColor: '#333333',
    gridColor: '#e8e8e8',
    domainColor: '#888888',
    tickColor: '#888888',
    labelPadding: 4,
  },
  axisY: { titlePadding: 10 },
  legend: {
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'bold',
    labelColor: '#333333',
    titleColor: '#333333',
    orient: 'bottom',
    direction: 'horizontal',
    symbolStrokeWidth: 2,
    columnPadding: 14,
  },
  header: { labelFontSize: 12, labelFontWeight: 'bold', labelColor: '#333333', titleFontSize: 12 },
  range: { category: [...CATEGORY_COLORS] },
  line: { strokeWidth: 2 },
  text: { fontSize: 11, color: '#333333' },
  tick: { thickness: 2 },
};

/** An axis label expression for USD values: 250000000 -> "$250M", 1e9 -> "$1B" (d3's "~s" writes G). */
export const USD_LABEL_EXPR = `'$' + replace(format(datum.value, '~s'), 'G', 'B')`;

/** What the year helpers read: a run's Summary, or a comparison's. */
export type YearLabels = Pick<Summary, 'years' | 'yearLabels'>;

/** A year axis for a quantitative x: whole years only, no thousands separator, fiscal labels if any. */
export function yearAxis(summary: YearLabels, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const axis: Record<string, unknown> = { title: null, format: 'd', tickMinStep: 1, grid: false, ...extra };
  const labelExpr = yearLabelExpr(summary);
  // Fiscal labels are long ("FY2029-30"): keep a gap, so that Vega drops labels rather than abut them.
  if (labelExpr) Object.assign(axis, { labelExpr, labelSeparation: 8 });
  return axis;
}

/**
 * The x encoding of a chart over years: `domain` (default: the summary's first and last year) with
 * a margin, and yearAxis's labels.
 */
export function yearX(summary: YearLabels, domain: number[] = [Math.min(...summary.years), Math.max(...summary.years)], axis: Record<string, unknown> = {}) {
  return {
    field: 'year',
    type: 'quantitative',
    scale: { domain, nice: false, zero: false, padding: 10 },
    axis: yearAxis(summary, axis),
  } as const;
}

/** "FY2029-30" for 2030: the label fiscal years get when they end in the calendar year given. */
export function fiscalLabel(year: number): string {
  return `FY${year - 1}-${String(year % 100).padStart(2, '0')}`;
}

/** Whether the summary labels its years "FY2029-30" (fiscal years named by the year they end in). */
export function usesFiscalLabels(summary: YearLabels): boolean {
  return summary.years.length > 0 && summary.years.every((year, i) => summary.yearLabels[i] === fiscalLabel(year));
}

/**
 * When years are fiscal ("FY2029-30"), an expression that writes each year number as its label.
 * Null for calendar years, whose labels are the numbers themselves.
 */
export function yearLabelExpr(summary: YearLabels): string | null {
  const pairs = summary.years
    .map((year, i) => [year, summary.yearLabels[i] ?? String(year)] as const)
    .filter(([year, label]) => label !== String(year));
  if (pairs.length === 0) return null;
  // Fiscal labels for every year on the axis, history and ticks between data included.
  if (usesFiscalLabels(summary)) return "'FY' + format(datum.value - 1, 'd') + '-' + format(datum.value % 100, '02d')";
  // Otherwise the labels the summary gives; nested conditionals, every label a JSON string.
  return pairs.reduceRight(
    (rest, [year, label]) => `datum.value == ${year} ? ${JSON.stringify(label)} : (${rest})`,
    "format(datum.value, 'd')",
  );
}

/** Whether year labels are long (fiscal), so that band axes tilt them. */
export function longYearLabels(summary: Summary): boolean {
  return summary.yearLabels.some((label) => label.length > 6);
}

export function scenarioTitle(summary: Summary): string {
  return summary.scenario.title.trim() || summary.scenario.name;
}

/** The title block: the chart's subject and the scenario; subtitle lines end with paths and seed. */
export function chartTitle(summary: Summary, subject: string, lines: string[]): { text: string; subtitle: string[] } {
  const run = [
    `Scenario "${summary.scenario.name}"`,
    `${groupThousands(summary.paths)} simulated paths`,
    `seed ${summary.seed}`,
    `scenario hash ${summary.scenario.sha256.slice(0, 12)}`,
  ].join(' · ');
  return { text: `${subject} — ${scenarioTitle(summary)}`, subtitle: [...lines, run] };
}
