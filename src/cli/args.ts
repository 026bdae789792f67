/** Command-line options, checked up front with messages that name the option, expected and found. */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { parseRedisUrl, type RedisAddress } from '../engine/backends/queue-keys.js';

export interface RunArgs {
  files: string[];
  paths: number | undefined;
  seed: number | undefined;
  workers: number | undefined;
  out: string | undefined;
  quiet: boolean;
  charts: boolean;
  strict: boolean;
  /** --queue redis://HOST:PORT[/DB]: simulate on the queue's workers. */
  queue: RedisAddress | undefined;
  /** --shard K/M: simulate shard K of M only (with --partial FILE). */
  shard: { index: number; count: number } | undefined;
  partial: string | undefined;
}

export function parseInteger(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const clean = text.replace(/_/g, '');
  const value = /^\d+(e\d+)?$/i.test(clean) ? Number(clean) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${option}: expected a whole number from ${min} to ${max}, found "${text}"`);
  }
  return value;
}

export function parseRunArgs(argv: string[], command: string): RunArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        paths: { type: 'string', short: 'n' },
        seed: { type: 'string', short: 's' },
        workers: { type: 'string', short: 'w' },
        out: { type: 'string', short: 'o' },
        quiet: { type: 'boolean', short: 'q', default: false },
        'no-charts': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        queue: { type: 'string' },
        shard: { type: 'string' },
        partial: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const v = parsed.values;
  return {
    files: parsed.positionals,
    paths: parseInteger('paths', v.paths, 1, 1e9),
    seed: parseInteger('seed', v.seed, 0, Number.MAX_SAFE_INTEGER),
    workers: parseInteger('workers', v.workers, 1, 256),
    out: v.out,
    quiet: v.quiet === true,
    charts: v['no-charts'] !== true,
    strict: v.strict === true,
    queue: parseQueue(v.queue),
    shard: parseShard(v.shard),
    partial: v.partial,
  };
}

export function parseQueue(text: string | undefined): RedisAddress | undefined {
  if (text === undefined) return undefined;
  const a = parseRedisUrl(text);
  if (typeof a === 'string') throw new UsageError(`--queue: expected redis://HOST[:PORT][/DB], found "${text}" (${a})`);
  return a;
}

function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]), count = Number(m?.[2]);
  if (!m || !(count >= 1 && count <= 1e6 && index >= 1 && index <= count)) {
    throw new UsageError(`--shard: expected K/M with 1 <= K <= M (shard K of M), found "${text}"`);
  }
  return { index, count };
}

/** The simulation options a command line names, leaving out what it does not (so defaults apply). */
export function simulationOptions(args: RunArgs): { paths?: number; seed?: number; workers?: number } {
  return {
    ...(args.paths !== undefined ? { paths: args.paths } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
  };
}
