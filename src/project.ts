/**
 * The pipeline as a library: scenario file -> loaded and compiled -> simulated -> Summary.
 * The CLI and the benchmarks call these; nothing here prints or exits.
 */
import { randomInt } from 'node:crypto';
import { compileScenario, type Compiled } from './scenario/compile.js';
import { loadHistory } from './scenario/history.js';
import { loadScenario, type LoadedScenario } from './scenario/load.js';
import { simulate, type RunResult } from './engine/run.js';
import { summarise } from './results/summarise.js';
import type { Summary } from './results/summary.js';
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

/** A fresh seed for a run that names none; it is recorded in the output. */
export const freshSeed = () => randomInt(1, 2 ** 31);

export interface RunScenarioOptions {
  paths?: number;
  seed?: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function runPrepared(prep: Prepared, opts: RunScenarioOptions = {}): Promise<{ result: RunResult; summary: Summary }> {
  const seed = opts.seed ?? prep.loaded.scenario.seed ?? freshSeed();
  const result = await simulate(prep.compiled.plan, {
    paths: opts.paths ?? DEFAULT_PATHS,
    seed,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const summary = summarise({ result, loaded: prep.loaded, warnings: prep.compiled.warnings, history: prep.history });
  return { result, summary };
}
