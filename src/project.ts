/**
 * A scenario file -> loaded, validated and compiled, with its history: what every study starts
 * from (studies/run, studies/compare). Nothing here prints or exits.
 */
import { randomInt } from 'node:crypto';
import { compileScenario, type Compiled } from './scenario/compile.js';
import { loadHistory } from './scenario/history.js';
import { loadScenario, type LoadedScenario } from './scenario/load.js';
import type { HistoryPoint } from './scenario/history.js';

export interface Prepared {
  loaded: LoadedScenario;
  compiled: Compiled;
  history: HistoryPoint[];
}

/** Reads, validates and compiles a scenario file; throws ScenarioError with every problem. */
export function prepareScenario(file: string, cwd = process.cwd()): Prepared {
  const loaded = loadScenario(file, cwd);
  const compiled = compileScenario(loaded);
  const history = loaded.scenario.history ? loadHistory(loaded.file, loaded.scenario.history, cwd) : [];
  return { loaded, compiled, history };
}

export const DEFAULT_PATHS = 10_000;
/** The most paths a run with a precision (--precision) uses unless told (--max-paths). */
export const DEFAULT_MAX_PATHS = 10_000_000;

/** A fresh seed for a run that names none; it is recorded in the output. */
export const freshSeed = () => randomInt(1, 2 ** 31);
