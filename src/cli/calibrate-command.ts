/** `trade-sim calibrate`: prints the calibration of a history series as a YAML fragment, caveats on stderr. */
import { calibrate } from '../calibrate/fit.js';
import { calibrationFragment } from '../calibrate/fragment.js';
import { seriesForCalibration } from '../calibrate/observations.js';
import { readHistoryFile } from '../scenario/history.js';

export interface CalibrateArgs {
  file: string;
  series: string;
  from: number | undefined;
  level: number;
}

export function calibrateCommand(args: CalibrateArgs): void {
  const input = seriesForCalibration(readHistoryFile(args.file), args.series, args.from);
  const fit = calibrate(input.data, args.level);
  process.stdout.write(calibrationFragment(fit, input, { file: args.file, from: args.from }));
  for (const w of fit.warnings) process.stderr.write(`warning: ${w}\n`);
}
