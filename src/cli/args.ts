/** Command-line options, checked up front with messages that name the option, expected and found. */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export interface RunArgs {
  files: string[];
  paths: number | undefined;
  seed: number | undefined;
  workers: number | undefined;
  out: string | undefined;
  /** Replace an --out folder even if it is not a previous output (see results/output-dir.ts). */
  force: boolean;
  quiet: boolean;
  charts: boolean;
  strict: boolean;
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
        force: { type: 'boolean', default: false },
        'no-charts': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
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
    force: v.force === true,
    charts: v['no-charts'] !== true,
    strict: v.strict === true,
  };
}

/** The simulation options a command line names, leaving out what it does not (so defaults apply). */
export function simulationOptions(args: RunArgs): { paths?: number; seed?: number; workers?: number } {
  return {
    ...(args.paths !== undefined ? { paths: args.paths } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
  };
}
