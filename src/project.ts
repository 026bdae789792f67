/**
 * A scenario file -> loaded, validated and compiled, with its history: what every study starts
 * from (studies/run, studies/compare). Nothing here prints or exits.
 */
import { randomInt } from 'node:crypto';
import { compileScenario, type Compiled } from './scenario/compile.js';
import { relative } from 'node:path';
import { chartPoints, historyFile, readHistoryFile, seriesMismatch, type HistoryFile, type HistoryPoint } from './scenario/history.js';
import { messages, ScenarioError } from './scenario/issues.js';
import { loadScenario, type LoadedScenario } from './scenario/load.js';

export interface Prepared {
  loaded: LoadedScenario;
  compiled: Compiled;
  history: HistoryPoint[];
}

/** Reads, validates and compiles a scenario file; throws ScenarioError with every problem. */
export function prepareScenario(file: string, cwd = process.cwd()): Prepared {
  const loaded = loadScenario(file, cwd);
  const compiled = compileScenario(loaded);
  return { loaded, compiled, history: scenarioHistory(loaded, cwd) };
}

/**
 * The observed totals a scenario's charts draw, from the history file it names (chartPoints).
 * Throws a ScenarioError at `historySeries.total` when that series is not in the file.
 */
export function scenarioHistory(loaded: LoadedScenario, cwd = process.cwd()): HistoryPoint[] {
  const { history, historySeries } = loaded.scenario;
  if (!history) return [];
  const file = readScenarioHistory(loaded, history, cwd);
  const ownId = historySeries?.total;
  const mismatch = ownId === undefined ? undefined : seriesMismatch(file, 'total', ownId, loaded.scenario.fiscalYearStartMonth);
  if (mismatch !== undefined) throw new ScenarioError([loaded.locator.issue({ path: ['historySeries', 'total'], message: mismatch })]);
  return chartPoints(file, file.series.find((s) => s.id === ownId), loaded.scenario.fiscalYearStartMonth);
}

/** The history file `history` that a scenario names, read; one that cannot be read is named with the scenario's line. */
export function readScenarioHistory(loaded: LoadedScenario, history: string, cwd = process.cwd()): HistoryFile {
  const at = loaded.locator.issue({ path: ['history'], message: '' });
  const where = at.line > 0 ? `${at.file}:${at.line}` : relative(cwd, loaded.file) || loaded.file;
  return readHistoryFile(historyFile(loaded.file, history), cwd, messages.namedIn('history', where));
}

export const DEFAULT_PATHS = 10_000;
/** The most paths a run with a precision (--precision) uses unless told (--max-paths). */
export const DEFAULT_MAX_PATHS = 10_000_000;

/** A fresh seed for a run that names none; it is recorded in the output. */
export const freshSeed = () => randomInt(1, 2 ** 31);
