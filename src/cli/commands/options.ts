/**
 * Options several commands take, declared once. A future command that simulates (sensitivity,
 * goal, backtest) lists these in its declaration: `options: [...SIMULATION_OPTIONS, ...]`.
 */
import { parseDecimal, parseInteger, parseQueue, parseShard } from '../args.js';
import type { OptionSpec } from './spec.js';

export const paths: OptionSpec = {
  long: 'paths', short: 'n', value: 'N',
  description: 'Monte Carlo paths to simulate, 1 to 10^9; 10_000 and 1e5 are accepted',
  // project.ts DEFAULT_PATHS; test/cli/declarations.test.ts checks that they agree.
  default: '10,000', unit: 'paths',
  parse: (text) => parseInteger('paths', text, 1, 1e9),
};

export const seed: OptionSpec = {
  long: 'seed', short: 's', value: 'S',
  description: 'seed of the random streams, a whole number from 0 to 2^53 - 1; same seed and paths, same numbers',
  default: "the scenario's `seed`, else a fresh one, printed and recorded",
  parse: (text) => parseInteger('seed', text, 0, Number.MAX_SAFE_INTEGER),
};

export const workers: OptionSpec = {
  long: 'workers', short: 'w', value: 'W',
  description: 'threads that simulate, 1 to 256 (with 2 or more, the main thread is one of them); the results are the same bits for any number',
  default: 'every core; a run under 2x10^7 flow-steps stays in the main thread', unit: 'threads',
  parse: (text) => parseInteger('workers', text, 1, 256),
};

export const precision: OptionSpec = {
  long: 'precision', value: 'SE',
  description: "instead of --paths: add paths (in rounds of 1,024-path chunks, each decided on those before, so the same bits for any workers) until the standard error of P(reached by the target year) is at most SE, e.g. 0.005 (compare: of each scenario's paired difference from the baseline; sensitivity: of each input's first-order index of P(reached by --by), or with --method tornado alone of its swing; goal: of P at the grid step that brackets --probability)",
  default: 'off, --paths applies', unit: 'probability (sensitivity with sobol: index)',
  parse: (text) => parseDecimal('precision', text, 1e-5, 0.5),
};

export const maxPaths: OptionSpec = {
  long: 'max-paths', value: 'N',
  description: 'with --precision, the most paths to simulate; a run the cap stops says so',
  // project.ts DEFAULT_MAX_PATHS; test/cli/declarations.test.ts checks that they agree.
  default: '10,000,000', unit: 'paths',
  parse: (text) => parseInteger('max-paths', text, 1, 1e9),
};

export const out = (defaultDir: string): OptionSpec => ({
  long: 'out', short: 'o', value: 'DIR',
  description: 'output folder, written whole or not at all: a new or empty folder, or a previous output of trade-sim, which is replaced; anything else is refused (see --force)',
  default: defaultDir, unit: 'folder',
  complete: 'dir',
});

export const force: OptionSpec = {
  long: 'force',
  description: 'replace an --out folder that is not an unchanged previous output, and everything in it (never the working folder, the home folder, a folder holding either or an input file, or a system folder)',
  default: 'off, such a folder is refused with exit 2',
};

/** run's --force, which with --shard also applies to the --partial file. */
export const runForce: OptionSpec = {
  ...force,
  description: `${force.description}; with --shard, replace a --partial file that is not a trade-sim partial file (never an input file of the run, a link or a device)`,
  default: 'off, such a folder or file is refused with exit 2',
};

export const quiet: OptionSpec = {
  long: 'quiet', short: 'q',
  description: 'print nothing but errors and, with --json, the JSON document',
  default: 'off',
};

export const noCharts: OptionSpec = {
  long: 'no-charts',
  description: 'skip the charts and report.html, which take about half of a 10,000-path run',
  default: 'off, charts and the report are drawn',
};

export const json: OptionSpec = {
  long: 'json',
  description: 'print the headline result as one JSON document on stdout; the table and messages go to stderr',
  default: 'off, a table on stdout',
};

export const queue: OptionSpec = {
  long: 'queue', value: 'URL',
  description: 'simulate on the workers of a BullMQ queue on Redis at redis://HOST[:PORT][/DB] (trade-sim worker); the same bits as a local run',
  default: 'off, simulated on this machine',
  parse: (text) => parseQueue(text),
};

export const shard: OptionSpec = {
  long: 'shard', value: 'K/M',
  description: 'simulate only shard K of M (a fixed set of chunks) and write its --partial file; trade-sim merge makes the run from all M',
  default: 'off, the whole run',
  parse: (text) => parseShard(text),
};

export const partial: OptionSpec = {
  long: 'partial', value: 'FILE',
  description: "where --shard writes the shard's partial file, whole or not at all, in an existing folder (checked before the shard is simulated): a new file, or a previous partial file, which is replaced; anything else is refused (see --force), an input file of the run always",
  default: 'none; required with --shard',
  complete: 'file',
};

/** What every simulating command takes. */
export const SIMULATION_OPTIONS: readonly OptionSpec[] = [paths, seed, workers];
/** What a study whose headline is P(reached by the target year) takes, after SIMULATION_OPTIONS. */
export const PRECISION_OPTIONS: readonly OptionSpec[] = [precision, maxPaths];
/** What every command that writes an output folder and prints a result takes, after SIMULATION_OPTIONS and `out`. */
export const OUTPUT_OPTIONS: readonly OptionSpec[] = [force, json, quiet, noCharts];
