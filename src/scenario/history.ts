/**
 * Observed trade (a `history` file, named by a scenario or given to `trade-sim calibrate`).
 * Format (scenarios/history.yaml is the full example):
 *
 *   series:
 *     pakistan-sbp-exports:
 *       label: Pakistan's exports to Kazakhstan, State Bank of Pakistan (fiscal years July-June)
 *       source: ...
 *       flow: PK>KZ                  # or "total" (the default): exports + imports
 *       points:
 *         - { year: 2025, value: 97.96M, printed: "$97.96 million in FY25", source: ... }
 *         - { year: 2026, period: "July-October 2025", months: 4, value: 24.54M, ... }
 *
 * A point without `months` covers the whole year; with `months` (1-11) it is a partial year.
 * Every value is above 0, and a series has at most one whole-year point a year.
 */
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import { amount } from './schema.js';
import { fromZodIssues, messages, ScenarioError } from './issues.js';
import { readYamlSource } from './source.js';

/** One observed total as summary.json carries it and charts draw it. */
export interface HistoryPoint {
  /** Which statistical series: e.g. "pakistan-sbp" or "kazakhstan-stat". */
  series: string;
  /** The series' description, e.g. "Pakistan, State Bank of Pakistan (fiscal years July-June)". */
  label: string;
  /** The year as this summary labels years (the ending calendar year for fiscal years). */
  year: number;
  /** Total bilateral trade, USD per year (USD over `partial` when set). */
  value: number;
  source: string;
  /** The months a partial-year figure covers, e.g. "July-October 2025"; absent for a whole year. */
  partial?: string;
}

const flow = z.union([z.literal('total'), z.string().regex(/^[A-Z]{2}>[A-Z]{2}$/, 'expected "total" or a direction such as "PK>KZ"')]);

const pointSchema = z.strictObject({
  year: z.number().int().min(1900).max(2200),
  // Every use reads the log of a value (calibrate, the back-test's benchmarks).
  value: amount.superRefine((v, ctx) => {
    if (!(v > 0)) ctx.addIssue({ code: 'custom', message: `expected a value above 0 (the model is of the log level), found ${v}` });
  }),
  period: z.string().min(1).optional(),
  months: z.number().int().min(1).max(11).optional(),
  printed: z.string().min(1).optional(),
  sumOf: z.array(z.string().min(1)).min(2).optional(),
  source: z.string().min(1).optional(),
  note: z.string().optional(),
});

const historySchema = z.strictObject({
  about: z.string().optional(),
  gaps: z.string().optional(),
  series: z.record(z.string(), z.strictObject({
    label: z.string(),
    source: z.string().min(1),
    reporter: z.string().optional(),
    flow: flow.optional(),
    yearBasis: z.string().optional(),
    note: z.string().optional(),
    points: z.array(pointSchema).min(1).superRefine(oneWholeYearEach),
  })),
  unplaced: z.array(z.strictObject({ printed: z.string(), why: z.string(), source: z.string().min(1) })).optional(),
  sectors: z.array(z.strictObject({ sector: z.string(), printed: z.string(), period: z.string(), source: z.string().min(1) })).optional(),
});

/** A series has at most one whole-year figure a year: which of two would a forecast be scored against? */
function oneWholeYearEach(points: Array<{ year: number; months?: number | undefined }>, ctx: z.RefinementCtx): void {
  const first = new Map<number, number>();
  points.forEach((p, i) => {
    if (p.months !== undefined) return;
    const at = first.get(p.year);
    if (at === undefined) first.set(p.year, i);
    else ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `expected one whole-year figure a year, found two whole-year figures for ${p.year} (the other is points.${at}); keep one (the other may go in another series)` });
  });
}

export interface Observation {
  year: number;
  /** USD over the period. */
  value: number;
  /** The months covered when fewer than 12 (a partial year); undefined for a whole year. */
  months: number | undefined;
  period: string | undefined;
  printed: string | undefined;
  source: string;
}

export interface HistorySeries {
  id: string;
  /** Where the series' key is in the file (for messages); line 0 when unknown. */
  at: { line: number; col: number };
  label: string;
  /** "total" or a direction such as "PK>KZ". */
  flow: string;
  yearBasis: string | undefined;
  points: Observation[];
}

export interface HistoryFile {
  /** The file as messages name it (relative to the working directory). */
  display: string;
  series: HistorySeries[];
}

/**
 * Reads and checks a history file; throws ScenarioError naming the file, line and field.
 * `namedBy` is added to the message of a file that cannot be read (messages.namedIn).
 */
export function readHistoryFile(file: string, cwd = process.cwd(), namedBy = ''): HistoryFile {
  const display = relative(cwd, file) || file;
  const { doc, lines, data } = readYamlSource(file, display, 'history', namedBy);
  // Without `series` the file is not a history file at all (a scenario, often): one message, not one per field.
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !('series' in data)) {
    throw new ScenarioError([{ file: display, line: 1, column: 1, path: '', message: `${messages.notAHistory(data)}${namedBy}` }]);
  }
  const parsed = historySchema.safeParse(data);
  if (!parsed.success) {
    throw new ScenarioError(fromZodIssues(parsed.error.issues, data).map((i) => {
      const pos = positionOf(doc, lines, i.path as Array<string | number>);
      return { file: display, line: pos.line, column: pos.col, path: i.path.join('.'), message: i.message };
    }));
  }
  return {
    display,
    series: Object.entries(parsed.data.series).map(([id, s]) => ({
      id,
      at: keyPosition(doc, lines, 'series', id),
      label: s.label,
      flow: s.flow ?? 'total',
      yearBasis: s.yearBasis,
      points: s.points.map((p) => ({ year: p.year, value: p.value, months: p.months, period: p.period, printed: p.printed, source: p.source ?? s.source })),
    })),
  };
}

/**
 * What a chart of the annual total draws: each `total` series' whole years, and for a year with
 * no whole-year figure its longest partial period (marked with its months, never joined to the
 * whole years by a line). Given the scenario's own total series (`historySeries.total`), only the
 * series on its year basis: a calendar-year figure drawn on a fiscal-year axis, or the reverse,
 * would sit half a year from where it belongs.
 */
export function chartPoints(history: HistoryFile, own?: HistorySeries, fiscalYearStartMonth?: number): HistoryPoint[] {
  // Without an own series, the scenario's years rule out the series whose yearBasis names others.
  const onYears = (s: HistorySeries) => {
    const basis = fiscalYearStartMonth === undefined ? undefined : yearBasisStartMonth(s.yearBasis);
    return basis === undefined || basis === fiscalYearStartMonth;
  };
  const drawn = (s: HistorySeries) => s.flow === 'total' && (own === undefined ? onYears(s) : s.id === own.id || (s.yearBasis !== undefined && s.yearBasis === own.yearBasis));
  return history.series.filter(drawn).flatMap((s) => {
    const byYear = new Map<number, Observation>();
    for (const p of s.points) {
      const held = byYear.get(p.year);
      if (!held || coverage(p) > coverage(held)) byYear.set(p.year, p);
    }
    return [...byYear.values()].map((p) => ({
      series: s.id,
      label: s.label,
      year: p.year,
      value: p.value,
      source: p.source,
      ...(p.months !== undefined ? { partial: p.period ?? `${p.months} months` } : {}),
    }));
  });
}

const coverage = (p: Observation) => p.months ?? 12;

type Parsed = ReturnType<typeof readYamlSource>;
type Ranged = { range?: [number, number, number] | null };
/** Where the key `key` of the top-level mapping `field` is. */
function keyPosition(doc: Parsed['doc'], lines: Parsed['lines'], field: string, key: string): { line: number; col: number } {
  const map = doc.get(field, true) as { items?: Array<{ key: unknown }> } | undefined;
  const pair = map?.items?.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  const range = (pair?.key as Ranged | undefined)?.range;
  return range ? lines.linePos(range[0]) : { line: 0, col: 0 };
}
function positionOf(doc: Parsed['doc'], lines: Parsed['lines'], path: Array<string | number>): { line: number; col: number } {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? lines.linePos(node.range[0]) : { line: 0, col: 0 };
}

/**
 * Why series `id` of `history` cannot be a scenario's series for `flow` ("total" or a direction),
 * or undefined when it can: the message of a scenario's `historySeries` check.
 */
export function seriesMismatch(history: HistoryFile, flow: string, id: string, fiscalYearStartMonth = 1): string | undefined {
  const series = history.series.find((s) => s.id === id);
  if (series === undefined) return `expected a series of ${history.display}, one of ${history.series.map((s) => `${s.id} (${s.flow})`).join(', ')}; found "${id}"`;
  if (series.flow !== flow) return `expected a series of ${history.display} recording ${flow}, found "${id}", which records ${series.flow}`;
  const basis = yearBasisStartMonth(series.yearBasis);
  if (basis !== undefined && basis !== fiscalYearStartMonth) {
    const own = fiscalYearStartMonth === 1 ? 'calendar years' : `fiscal years starting in ${MONTH_NAMES[fiscalYearStartMonth - 1] ?? fiscalYearStartMonth}`;
    return `expected a series on this scenario's years (${own}), found "${id}", whose years are: ${series.yearBasis ?? ''}`;
  }
  return undefined;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The first month of a series' years from its `yearBasis` text, where the text says it ("calendar
 * year", "fiscal year July-June, ..."); undefined when it does not ("not stated ('in 2016')").
 */
export function yearBasisStartMonth(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^\s*calendar\b/i.test(text)) return 1;
  const m = /^\s*fiscal year (\w+)/i.exec(text);
  const month = m ? MONTH_NAMES.findIndex((name) => name.toLowerCase() === (m[1] as string).toLowerCase()) : -1;
  return month >= 0 ? month + 1 : undefined;
}

/** The history file a scenario names: its path is relative to the scenario file. */
export const historyFile = (scenarioFile: string, historyPath: string) => resolve(dirname(scenarioFile), historyPath);
