/** `trade-sim calibrate HISTORY --series NAME [--from YEAR] [--level P]`: prints a YAML fragment. */
import { parseArgs } from 'node:util';
import { calibrate } from '../calibrate/fit.js';
import { calibrationFragment } from '../calibrate/fragment.js';
import { seriesForCalibration } from '../calibrate/observations.js';
import { readHistoryFile } from '../scenario/history.js';
import { parseInteger } from './args.js';
import { UsageError } from './errors.js';

export interface CalibrateArgs {
  file: string;
  series: string;
  from: number | undefined;
  level: number;
}

export function parseCalibrateArgs(argv: string[]): CalibrateArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { series: { type: 'string' }, from: { type: 'string' }, level: { type: 'string' } } });
  } catch (err) {
    throw new UsageError(`calibrate: ${(err as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new UsageError('calibrate: expected a history file, found none');
  if (extra.length > 0) throw new UsageError(`calibrate: expected one history file, found ${parsed.positionals.length}`);
  const series = parsed.values.series;
  if (series === undefined || series === '') throw new UsageError('calibrate: --series: expected the name of a series in the history file, found none');
  const levelText = parsed.values.level;
  const level = levelText === undefined ? 0.9 : Number(levelText);
  if (!(level > 0 && level < 1)) throw new UsageError(`--level: expected a probability between 0 and 1 such as 0.9, found "${levelText}"`);
  return { file, series, from: parseInteger('from', parsed.values.from, 1900, 2200), level };
}

export function calibrateCommand(argv: string[]): void {
  const args = parseCalibrateArgs(argv);
  const input = seriesForCalibration(readHistoryFile(args.file), args.series, args.from);
  const fit = calibrate(input.data, args.level);
  process.stdout.write(calibrationFragment(fit, input, { file: args.file, from: args.from }));
  for (const w of fit.warnings) process.stderr.write(`warning: ${w}\n`);
}
