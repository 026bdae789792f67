/**
 * The library's checks of its options (paths, precision, maxPaths, seed, workers), shared by run,
 * compare, compareFiles and annualValues: the same ranges as the CLI's --paths, --precision,
 * --max-paths, --seed and --workers (cli/commands/options.ts),
 * except that workers may be 0 (this thread alone), which the CLI does not offer. A bad value
 * throws a RangeError naming the option, what was expected and what was found; nothing reaches
 * the engine's internal checks.
 */
import { describeFound as describeInFile } from './scenario/issues.js';
import { yearProblem } from './studies/variant.js';

/** The most paths a run may ask for, as the CLI's --paths: 10^9. */
export const MAX_PATHS = 1e9;
/** The most threads a run may ask for, as the CLI's --workers. */
export const MAX_WORKERS = 256;

/** What a value is, for a message: a number as itself, anything else as a scenario's messages say it. */
export const describeFound = (value: unknown): string => (typeof value === 'number' ? String(value) : value === undefined ? 'undefined' : describeInFile(value));

/** A whole number (a number, not text) from min to max, or a RangeError naming the option. */
function checkWhole(option: string, value: unknown, min: number, max: number, range: string): void {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return;
  throw new RangeError(`${option}: expected a whole number from ${range}, found ${describeFound(value)}`);
}

export const checkPaths = (value: unknown): void => checkWhole('paths', value, 1, MAX_PATHS, '1 to 10^9');
const checkMaxPaths = (value: unknown): void => checkWhole('maxPaths', value, 1, MAX_PATHS, '1 to 10^9');

/** The standard errors a run may ask for, as the CLI's --precision: 10^-5 to 0.5. */
export const PRECISION_RANGE = [1e-5, 0.5] as const;

function checkPrecision(value: unknown): void {
  const [lo, hi] = PRECISION_RANGE;
  if (typeof value === 'number' && value >= lo && value <= hi) return;
  throw new RangeError(`precision: expected a standard error from 0.00001 to 0.5 (a probability, e.g. 0.005), found ${describeFound(value)}`);
}
export const checkSeed = (value: unknown): void => checkWhole('seed', value, 0, Number.MAX_SAFE_INTEGER, '0 to 2^53 - 1');
export const checkWorkers = (value: unknown): void => checkWhole('workers', value, 0, MAX_WORKERS, '0 (this thread alone) to 256');

/**
 * Checks the options a library entry point was given: each of paths, precision, maxPaths, seed
 * and workers that is present (not undefined) must be in range, paths and precision not both,
 * maxPaths only with precision; those in `required` must be present.
 */
export function checkRunOptions(
  opts: { paths?: unknown; precision?: unknown; maxPaths?: unknown; seed?: unknown; workers?: unknown; onProgress?: unknown; signal?: unknown },
  required: ReadonlyArray<'paths' | 'seed'> = [],
): void {
  if (typeof opts !== 'object' || opts === null) throw new TypeError(`options: expected an object, found ${describeFound(opts)}`);
  for (const option of required) {
    if (opts[option] === undefined) throw new RangeError(`${option}: expected ${option === 'seed' ? 'a whole number from 0 to 2^53 - 1' : 'a whole number from 1 to 10^9'}, found none (it is required)`);
  }
  if (opts.paths !== undefined) checkPaths(opts.paths);
  if (opts.precision !== undefined) {
    checkPrecision(opts.precision);
    if (opts.paths !== undefined) throw new RangeError('paths and precision: expected one of them (with precision, maxPaths caps the paths), found both');
  }
  if (opts.maxPaths !== undefined) {
    checkMaxPaths(opts.maxPaths);
    if (opts.precision === undefined) throw new RangeError('maxPaths: expected only with precision, as its cap; found without it (use paths for a fixed number)');
  }
  if (opts.seed !== undefined) checkSeed(opts.seed);
  if (opts.workers !== undefined) checkWorkers(opts.workers);
  if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) throw new TypeError(`signal: expected an AbortSignal (new AbortController().signal), found ${describeFound(opts.signal)}`);
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') throw new TypeError(`onProgress: expected a function (pathsDone, paths), found ${describeFound(opts.onProgress)}`);
}

/**
 * The scenario a library call was given: what loadScenario or compile returned. A file name, or
 * a scenario's fields as an object, throws a TypeError that says so, where it failed deep in the
 * engine with "Cannot use 'in' operator" or "Cannot read properties of undefined".
 */
export function checkScenario(call: string, value: unknown, what = 'scenario'): void {
  const v = value as { scenario?: unknown; locator?: unknown; prepared?: unknown } | null;
  if (typeof v === 'object' && v !== null && (typeof v.prepared === 'object' || (typeof v.scenario === 'object' && typeof v.locator === 'object'))) return;
  const hint = typeof value === 'string' ? `; for a file, pass loadScenario(${JSON.stringify(value)})${call === 'compare' ? ', or call compareFiles' : ''}` : '';
  throw new TypeError(`${call}: ${what}: expected a scenario from loadScenario() or compile(), found ${describeFound(value)}${hint}`);
}

/** The scenarios (or files) a comparison was given: a list of two or more, the first the baseline. */
export function checkComparisonList(call: string, list: unknown, what: string): asserts list is unknown[] {
  if (!Array.isArray(list)) throw new TypeError(`${call}: expected a list of two or more ${what} (the first is the baseline), found ${describeFound(list)}`);
  if (list.length < 2) throw new Error(`${call}: expected two or more ${what} (the first is the baseline), found ${list.length}`);
}

/** compareFiles's files: a list of two or more file names. */
export function checkFiles(call: string, files: unknown): void {
  checkComparisonList(call, files, 'scenario files');
  files.forEach((f, i) => {
    if (typeof f !== 'string') throw new TypeError(`${call}: files[${i}]: expected a file name, found ${describeFound(f)}`);
  });
}

/** An argument that must be a plain object (a scenario's fields, or changes to them). */
export function checkPlainObject(call: string, what: string, value: unknown): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) return;
  throw new TypeError(`${call}: ${what}: expected an object of a scenario file's fields, found ${describeFound(value)}`);
}

/** A short list as itself, for a message: ["morris"], [1, 0]; anything else as describeFound says it. */
const listed = (v: unknown): string =>
  (Array.isArray(v) && v.length <= 8 ? `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : describeFound(x))).join(', ')}]` : describeFound(v));

/** A study's `by`: one of the plan's years, as the CLI's --by. */
export function checkBy(years: readonly number[], by: unknown): void {
  const problem = yearProblem(years, by, describeFound(by));
  if (problem) throw new RangeError(`by: ${problem}`);
}

/** goal's own options: the lever, the probability asked for (0 to 1, exclusive) and the range searched. */
export function checkGoalOptions(opts: { lever?: unknown; probability?: unknown; range?: unknown }): void {
  if (typeof opts.lever !== 'string' || opts.lever === '') throw new TypeError(`lever: expected a field path of the scenario, e.g. 'byDirection.PK>KZ.growth', found ${describeFound(opts.lever)}`);
  const p = opts.probability;
  if (!(typeof p === 'number' && p > 0 && p < 1)) throw new RangeError(`probability: expected a number between 0 and 1 (exclusive), found ${describeFound(p)}`);
  const r = opts.range;
  if (r === undefined) return;
  if (!(Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number' && Number.isFinite(x)) && (r[0] as number) < (r[1] as number))) {
    throw new RangeError(`range: expected [lo, hi], two finite numbers with lo < hi, found ${listed(r)}`);
  }
}

/** sensitivity's own options: the methods (a non-empty list of 'sobol' and 'tornado') and the groups (name: patterns). */
export function checkSensitivityOptions(opts: { methods?: unknown; groups?: unknown }): void {
  const m = opts.methods;
  if (m !== undefined && !(Array.isArray(m) && m.length > 0 && m.every((x) => x === 'sobol' || x === 'tornado'))) {
    throw new RangeError(`methods: expected a list of 'sobol', 'tornado' or both, found ${listed(m)}`);
  }
  const g = opts.groups;
  if (g === undefined) return;
  const isObject = typeof g === 'object' && g !== null && !Array.isArray(g);
  const bad = isObject ? Object.entries(g).find(([, v]) => !(Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== ''))) : undefined;
  if (!isObject) throw new TypeError(`groups: expected an object of group names to lists of input patterns, e.g. { routes: ['corridors.*'] }, found ${describeFound(g)}`);
  if (bad) throw new TypeError(`groups.${bad[0]}: expected a list of input patterns, e.g. ['corridors.*'], found ${describeFound(bad[1])}`);
}
