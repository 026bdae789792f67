/**
 * Observed annual totals (a `history` file named by a scenario), so that charts show the past
 * beside the projection. Format:
 *
 *   series:
 *     pakistan-sbp:
 *       label: Pakistan, State Bank of Pakistan (fiscal years July-June)
 *       source: ...
 *       points:
 *         - { year: 2025, value: 227.6M, source: ... }
 */
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import { amount } from './schema.js';
import { fromZodIssues, ScenarioError } from './issues.js';
import { readYamlSource } from './source.js';

/** One observed annual total, as summary.json carries it. */
export interface HistoryPoint {
  /** Which statistical series: e.g. "pakistan-sbp" or "kazakhstan-stat". */
  series: string;
  /** The series' description, e.g. "Pakistan, State Bank of Pakistan (fiscal years July-June)". */
  label: string;
  /** The year as this summary labels years (the ending calendar year for fiscal years). */
  year: number;
  /** Total bilateral trade, USD per year. */
  value: number;
  source: string;
}

const historySchema = z.strictObject({
  about: z.string().optional(),
  series: z.record(z.string(), z.strictObject({
    label: z.string(),
    source: z.string().min(1),
    yearBasis: z.string().optional(),
    note: z.string().optional(),
    points: z.array(z.strictObject({
      year: z.number().int().min(1900).max(2200),
      value: amount,
      source: z.string().min(1).optional(),
      note: z.string().optional(),
    })).min(1),
  })),
});

/** The history file a scenario names: its path is relative to the scenario file. */
export const historyFile = (scenarioFile: string, historyPath: string) => resolve(dirname(scenarioFile), historyPath);

/** Reads the history file named by a scenario. */
export function loadHistory(scenarioFile: string, historyPath: string, cwd = process.cwd()): HistoryPoint[] {
  const file = historyFile(scenarioFile, historyPath);
  const display = relative(cwd, file) || file;
  const { doc, lines, data } = readYamlSource(file, display, 'history');
  const parsed = historySchema.safeParse(data);
  if (!parsed.success) {
    throw new ScenarioError(fromZodIssues(parsed.error.issues, data).map((i) => {
      const node = doc.getIn(i.path as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
      const pos = node?.range ? lines.linePos(node.range[0]) : { line: 0, col: 0 };
      return { file: display, line: pos.line, column: pos.col, path: i.path.join('.'), message: i.message };
    }));
  }
  return Object.entries(parsed.data.series).flatMap(([id, s]) =>
    s.points.map((p) => ({ series: id, label: s.label, year: p.year, value: p.value, source: p.source ?? s.source })));
}
