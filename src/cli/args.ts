/** Command-line option values, checked up front with messages that name the option, expected and found. */
import { UsageError } from './errors.js';
import { parseRedisUrl, type RedisAddress } from '../engine/backends/queue-keys.js';
import type { Shard } from '../studies/run/shards.js';

export interface RunArgs {
  files: string[];
  paths: number | undefined;
  /** --precision: a standard error to reach instead of a number of paths. */
  precision: number | undefined;
  /** --max-paths: the cap of a run with a precision. */
  maxPaths: number | undefined;
  seed: number | undefined;
  workers: number | undefined;
  out: string | undefined;
  /** Replace an --out folder even if it is not a previous output (see results/output-dir.ts). */
  force: boolean;
  quiet: boolean;
  charts: boolean;
  strict: boolean;
  /** The headline result as JSON on stdout (json-output.ts); human-readable lines on stderr. */
  json: boolean;
  /** --queue redis://HOST:PORT[/DB]: simulate on the queue's workers. */
  queue: RedisAddress | undefined;
  /** --shard K/M: simulate shard K of M only, into the --partial file. */
  shard: Shard | undefined;
  partial: string | undefined;
}

/** Digits, maybe an exponent (1e5); "_" only between two digits, as in a JavaScript number (10_000). */
const WHOLE_NUMBER = /^\d+(?:_\d+)*(?:e\d+(?:_\d+)*)?$/i;

/** A whole number from min to max (10000, 10_000, 1e4), or undefined when the option was not given. */
export function parseInteger(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = WHOLE_NUMBER.test(text) ? Number(text.replace(/_/g, '')) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const underscore = text.includes('_') && !WHOLE_NUMBER.test(text) ? ' ("_" goes only between two digits, as in 10_000)' : '';
    throw new UsageError(`--${option}: expected a whole number from ${min} to ${max}${underscore}, found "${text}"`);
  }
  return value;
}

/** A decimal number from min to max (0.005, 5e-3), or undefined when the option was not given. */
export function parseDecimal(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`--${option}: expected a number from ${min} to ${max}, found "${text}"`);
  }
  return value;
}

/**
 * RunArgs from what the command line gave (commands/*.ts declare the options; program.ts parses
 * them). An option the command does not declare is absent and takes its default.
 */
export function runArgs(files: string[], o: Readonly<Record<string, unknown>>): RunArgs {
  const int = (v: unknown) => (typeof v === 'number' ? v : undefined);
  if (o.precision !== undefined && o.paths !== undefined) throw new UsageError('--paths and --precision: give one (with --precision, --max-paths caps the paths)');
  if (o.maxPaths !== undefined && o.precision === undefined) throw new UsageError('--max-paths: a cap for --precision, found without --precision (use --paths for a fixed number)');
  return {
    files,
    paths: int(o.paths),
    precision: int(o.precision),
    maxPaths: int(o.maxPaths),
    seed: int(o.seed),
    workers: int(o.workers),
    out: typeof o.out === 'string' ? o.out : undefined,
    force: o.force === true,
    quiet: o.quiet === true,
    charts: o.charts !== false,
    strict: o.strict === true,
    json: o.json === true,
    queue: o.queue as RedisAddress | undefined,
    shard: o.shard as Shard | undefined,
    partial: typeof o.partial === 'string' ? o.partial : undefined,
  };
}

export function parseQueue(text: string): RedisAddress {
  const a = parseRedisUrl(text);
  if (typeof a === 'string') throw new UsageError(`--queue: expected redis://HOST[:PORT][/DB], found "${text}" (${a})`);
  return a;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (!m || !(count >= 1 && count <= 1e6 && index >= 1 && index <= count)) {
    throw new UsageError(`--shard: expected K/M with 1 <= K <= M (shard K of M), found "${text}"`);
  }
  return { index, count };
}

/** The simulation options a command line names, leaving out what it does not (so defaults apply). */
export function simulationOptions(args: RunArgs): { paths?: number; precision?: number; maxPaths?: number; seed?: number; workers?: number } {
  return {
    ...(args.paths !== undefined ? { paths: args.paths } : {}),
    ...(args.precision !== undefined ? { precision: args.precision } : {}),
    ...(args.maxPaths !== undefined ? { maxPaths: args.maxPaths } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
  };
}
