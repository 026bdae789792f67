/**
 * trade-sim as a library: load a scenario file (or make one in code: scenarioFromObject,
 * variantOf), compile it, run it, compare scenarios, ask what drives the answer (sensitivity) and
 * what it would take (goal).
 *
 *   import { loadScenario, run, close } from 'trade-sim';
 *   const summary = await run(loadScenario('scenarios/baseline-pk.yaml'), { paths: 20_000, seed: 1 });
 *   await close(); // stops worker threads, if a run started them
 *
 * Bad scenario files throw ScenarioError, whose `issues` name the file, line, field, what was
 * expected and what was found. A bad option (paths, seed, workers) throws a RangeError naming the
 * option, what was expected and what was found, before anything is compiled or simulated; a
 * scenario argument that is not what loadScenario or compile returned (a file name, say), or an
 * onProgress that is not a function, throws a TypeError naming the call and what it was given.
 * Nothing here prints or exits.
 */
import { compileScenario } from './scenario/compile.js';
import { ScenarioError } from './scenario/issues.js';
import { loadScenario as loadFile, scenarioFromObject as fromObject, variantOf as variantFrom, type LoadedScenario } from './scenario/load.js';
import { closeBackends, prestartBackend } from './engine/backends/index.js';
import { workersToPrestart } from './engine/driver.js';
import { annualPaths, type AnnualPaths } from './engine/annual-paths.js';
import { scenarioHistory, type Prepared } from './project.js';
import { runPrepared } from './studies/run/run.js';
import { prepareComparison, runComparison } from './studies/compare/compare.js';
import { checkComparable } from './studies/compare/check.js';
import type { Summary } from './results/summary.js';
import type { ComparisonSummary } from './studies/compare/summary.js';
import { runSensitivity, type SensitivitySummary } from './studies/sensitivity/sensitivity.js';
import { fileGroups, groupsProblem } from './studies/sensitivity/inputs.js';
import { runGoal, type GoalSummary } from './studies/goal/goal.js';
import { LeverError } from './studies/goal/lever.js';
import {
  checkBy, checkComparisonList, checkFiles, checkGoalOptions, checkPlainObject, checkRunOptions, checkScenario, checkSensitivityOptions, describeFound,
} from './library-options.js';

export type { LoadedScenario } from './scenario/load.js';
export type { AnnualPaths } from './engine/annual-paths.js';
export type { Plan } from './scenario/plan.js';
export type { Scenario } from './scenario/schema.js';
export type { Summary, SeriesStats } from './results/summary.js';
export type { Comparison, ComparisonSummary, ScenarioResult, ProbabilityDifference } from './studies/compare/summary.js';
export type { SensitivitySummary, InputResult, RankResult } from './studies/sensitivity/sensitivity.js';
export type { GoalSummary, CurvePoint } from './studies/goal/goal.js';
export { ScenarioError, formatIssue, type ScenarioIssue } from './scenario/issues.js';

/** A scenario compiled for the engine, with the history it plots against. */
export interface CompiledScenario {
  loaded: LoadedScenario;
  plan: Prepared['compiled']['plan'];
  /** Notes from compiling (a correlation matrix repaired, for instance). */
  warnings: string[];
  prepared: Prepared;
}

export interface RunOptions {
  /** Paths to simulate, a whole number from 1 to 10^9 (default 10,000). Not with `precision`. */
  paths?: number;
  /**
   * Instead of `paths`: add paths, in rounds decided on the chunks folded so far (so the same bits
   * for any `workers`), until the standard error of P(reached by the target year) is at most this,
   * from 0.00001 to 0.5 (compare: of each scenario's paired difference from the baseline, the
   * largest of them), or until `maxPaths`. The result's `precision.stoppingRule` says what was
   * reached and whether the cap stopped it; `--precision` on the CLI.
   */
  precision?: number;
  /** With `precision`: the most paths to simulate, 1 to 10^9 (default 10,000,000); `--max-paths`. */
  maxPaths?: number;
  /** A whole number from 0 to 2^53 - 1. Default: the scenario's `seed`, else a fresh one (it is in the result). */
  seed?: number;
  /** Threads that simulate, a whole number from 0 to 256; 0: this thread alone; 1: one worker thread; 2 or more: this thread and one fewer worker threads (it runs tasks between which its event loop turns). Default: this thread for a small run, else every core. */
  workers?: number;
  /** Called as paths complete. */
  onProgress?: (pathsDone: number, paths: number) => void;
  /**
   * Cancels this run alone: once aborted, the run rejects with the signal's reason (an
   * `AbortError` unless `abort(reason)` gave another) and starts no further task. It is heard
   * before the run and as each task's paths come in, so within a task of up to 4 chunks of 1,024
   * paths; an abort before the call rejects at once. Other runs, and the worker threads, go on.
   */
  signal?: AbortSignal;
}

/**
 * Reads a scenario file (and the files it `extends`) and validates it. `cwd` (default
 * process.cwd()): the folder a relative `file` is resolved against, and what paths in messages
 * are relative to.
 */
export function loadScenario(file: string, cwd: string = process.cwd()): LoadedScenario {
  return loadFile(file, cwd);
}

/**
 * A scenario from an object of a scenario file's fields (what YAML.parse of a file gives, or one
 * built in code), as if read from `file`, resolved against `cwd` (default process.cwd()): a
 * relative `history` is read from that file's folder, and a ScenarioError names `file` (without a
 * line). The same checks, plan and sha256 as the file; `extends` is refused (see variantOf).
 */
export function scenarioFromObject(fields: Record<string, unknown>, file: string, cwd: string = process.cwd()): LoadedScenario {
  checkPlainObject('scenarioFromObject', 'fields', fields);
  if (typeof file !== 'string' || file === '') throw new TypeError(`scenarioFromObject: file: expected the file name the scenario is read as (its history is relative to its folder), found ${describeFound(file)}`);
  return fromObject(fields, file, cwd);
}

/**
 * A variant of a loaded scenario: `changes` merged over its fields as a variant file's are
 * (mappings merge, anything else replaces, null deletes), checked again; a ScenarioError names a
 * problem in a field the changes set as "<file>, changed". For sweeps and what-ifs in code:
 * `variantOf(base, { byDirection: { 'PK>KZ': { growth: 0.2 } } })`, or a new `name` beside them.
 */
export function variantOf(base: LoadedScenario | CompiledScenario, changes: Record<string, unknown>): LoadedScenario {
  checkScenario('variantOf', base, 'base');
  checkPlainObject('variantOf', 'changes', changes);
  return variantFrom('prepared' in base ? base.loaded : base, changes);
}

/**
 * Compiles a loaded scenario into the engine's Plan, and reads the history it names (a path
 * relative to the scenario's file). Deterministic. `cwd`: what paths in messages are relative to.
 */
export function compile(scenario: LoadedScenario, cwd: string = process.cwd()): CompiledScenario {
  checkScenario('compile', scenario);
  const compiled = compileScenario(scenario);
  const prepared: Prepared = { loaded: scenario, compiled, history: scenarioHistory(scenario, cwd) };
  return { loaded: scenario, plan: compiled.plan, warnings: compiled.warnings, prepared };
}

const prepared = (s: LoadedScenario | CompiledScenario): Prepared => ('prepared' in s ? s : compile(s)).prepared;

/**
 * Starts the worker threads a run of these options will want, as the CLI does, before a scenario
 * is compiled here: they start (about 35 ms) while this thread compiles (50-300 ms).
 */
const prestart = (opts: RunOptions) => prestartBackend(workersToPrestart(opts));

/** Simulates a scenario: the numbers of `trade-sim run`'s summary.json. */
export async function run(scenario: LoadedScenario | CompiledScenario, opts: RunOptions = {}): Promise<Summary> {
  checkScenario('run', scenario);
  checkRunOptions(opts);
  if (!('prepared' in scenario)) await prestart(opts);
  return (await runPrepared(prepared(scenario), opts)).summary;
}

/**
 * Each path's annual values (USD/yr) of one series, 'total' (the default), a sector or a direction
 * ('PK>KZ'), simulated in this thread: paths 0 .. paths-1 of the run of that many paths with that
 * seed (of a larger run too, but for a last block of fewer than 256 paths, whose draws differ).
 * Memory grows with paths times years: meant for thousands of paths, not millions. `paths` (1 to
 * 10^9) and `seed` (0 to 2^53 - 1) are both required, as run's are checked: there is no fallback
 * seed, since the values are those of the run with that seed.
 */
export function annualValues(scenario: LoadedScenario | CompiledScenario, opts: { paths: number; seed: number; series?: string }): AnnualPaths {
  checkScenario('annualValues', scenario);
  checkRunOptions(opts, ['paths', 'seed']);
  return annualPaths(prepared(scenario).compiled.plan, opts);
}

/**
 * Paired comparison on common random numbers, the first scenario the baseline: the numbers of
 * `trade-sim compare`'s comparison.json. The scenarios must share calendar and target.
 */
export async function compare(scenarios: Array<LoadedScenario | CompiledScenario>, opts: RunOptions = {}): Promise<ComparisonSummary> {
  checkComparisonList('compare', scenarios, 'scenarios');
  scenarios.forEach((s, i) => checkScenario('compare', s, `scenarios[${i}]`));
  checkRunOptions(opts);
  if (scenarios.some((s) => !('prepared' in s))) await prestart(opts);
  const preps = scenarios.map(prepared);
  const files = preps.map((p) => p.loaded.file);
  checkComparable(preps, files);
  return (await runComparison(preps, files, opts)).summary;
}

/** Compares scenario files, as `trade-sim compare A B ...` does. */
export async function compareFiles(files: string[], opts: RunOptions = {}): Promise<ComparisonSummary> {
  checkFiles('compareFiles', files);
  checkRunOptions(opts);
  await prestart(opts);
  return (await runComparison(prepareComparison(files), files, opts)).summary;
}

/** sensitivity's options: those of a run (`precision`: of each input's first-order index of P(reached by `by`), or with tornado alone of its swing), and the study's own. */
export interface SensitivityOptions extends RunOptions {
  /** The year asked about: P(reached by `by`) and the annual total of that year (default: the target year); `--by`. */
  by?: number;
  /** 'sobol' (first-order and total indices), 'tornado' (each input at its low and high setting), or both (the default); `--method`. */
  methods?: Array<'sobol' | 'tornado'>;
  /** Inputs studied together, by name: patterns of input names (`*` any text), e.g. `{ routes: ['corridors.*'] }`. They replace the file's `sensitivity.groups`; `--group`. */
  groups?: Record<string, string[]>;
}

/**
 * What drives P(reached the target by a year), on common random numbers: the numbers of
 * `trade-sim sensitivity`'s sensitivity.json (Sobol indices, tornado, rank correlations).
 */
export async function sensitivity(scenario: LoadedScenario | CompiledScenario, opts: SensitivityOptions = {}): Promise<SensitivitySummary> {
  checkScenario('sensitivity', scenario);
  checkRunOptions(opts);
  checkSensitivityOptions(opts);
  if (!('prepared' in scenario)) await prestart(opts);
  const prep = prepared(scenario);
  const plan = prep.compiled.plan;
  checkBy(plan.years, opts.by);
  const groups = opts.groups ? Object.entries(opts.groups).map(([name, patterns]) => ({ name, patterns })) : fileGroups(prep.loaded);
  const problem = groupsProblem(plan, groups, prep.loaded.file);
  // The file's groups are the file's problem, at its line, as loadScenario's are; the option's are the option's.
  if (problem && opts.groups) throw new RangeError(`groups: ${problem.message}`);
  if (problem) throw new ScenarioError([prep.loaded.locator.issue({ path: ['sensitivity', 'groups', ...problem.path], message: problem.message })]);
  const { methods, by, ...rest } = opts;
  return (await runSensitivity(prep, { ...rest, groups, ...(methods ? { methods: [...new Set(methods)] } : {}), ...(by !== undefined ? { by } : {}) })).summary;
}

/** goal's options: those of a run (`precision`: of P at the grid step that brackets `probability`), and the study's own. */
export interface GoalOptions extends Omit<RunOptions, 'onProgress'> {
  /** The field(s) the answer is a value of, as the file writes them: 'byDirection.PK>KZ.growth'; `*` for every key at a level, commas between paths; `--lever`. */
  lever: string;
  /** The probability of reaching the target by `by` that the value must give, between 0 and 1; `--probability`. */
  probability: number;
  /** The year asked about (default: the target year); `--by`. */
  by?: number;
  /** The values searched, [lo, hi] (default: the distribution's bounds in the file, or 0 to twice a fixed value); `--range`. */
  range?: [number, number];
  /** Called after each batch of lever values simulated, with how many have been. */
  onProgress?: (evaluations: number) => void;
}

/**
 * The value of one lever at which P(reached the target by a year) is `probability`, with its 95%
 * Monte Carlo interval, or that no value in the range gives it: the numbers of `trade-sim goal`'s
 * goal.json. A lever or range the scenario does not accept throws a RangeError naming it.
 */
export async function goal(scenario: LoadedScenario | CompiledScenario, opts: GoalOptions): Promise<GoalSummary> {
  checkScenario('goal', scenario);
  if (typeof opts !== 'object' || opts === null) throw new TypeError(`goal: options: expected an object with lever and probability, found ${describeFound(opts)}`);
  const { onProgress, ...runOptions } = opts;
  checkRunOptions(runOptions);
  checkGoalOptions(opts);
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError(`onProgress: expected a function (evaluations), found ${describeFound(onProgress)}`);
  if (!('prepared' in scenario)) await prestart(runOptions);
  const prep = prepared(scenario);
  checkBy(prep.compiled.plan.years, opts.by);
  try {
    return (await runGoal(prep, opts)).summary;
  } catch (err) {
    // Its messages name the CLI's options (--lever, --range); here they are the options' own names.
    if (err instanceof LeverError) throw new RangeError(err.message.replace(/^--(lever|range)\b/, '$1'), { cause: err });
    throw err;
  }
}

/**
 * Stops the worker threads that runs keep for the next run. (Idle, they do not keep the process
 * alive.) A run on them when close() is called rejects with "the run was stopped: close() stopped
 * the worker threads before it finished", and nothing of it runs afterwards; the next run starts
 * new threads.
 */
export function close(): Promise<void> {
  return closeBackends();
}
