/** `trade-sim calibrate HISTORY --series NAME [--from YEAR] [--level P]`. */
import { parseInteger } from '../args.js';
import { UsageError } from '../errors.js';
import type { CommandSpec } from './spec.js';

export const calibrate: CommandSpec = {
  name: 'calibrate',
  summary: "Estimate a series' drift, permanent and transitory volatilities and persistence by maximum likelihood, as YAML to paste into a scenario.",
  details: "A Kalman filter of the log level (a random walk with drift plus an AR(1) transitory part) on the series' whole years; partial years are left out and missing years skipped. Prints growth, volatility, transitoryVolatility and persistence, each with a source naming the method, the years used, the standard error and the interval, and warns (on stderr and in the YAML) when the history is too short to tell permanent from transitory shocks.",
  arguments: [{ name: 'HISTORY', description: 'a history file such as scenarios/history.yaml' }],
  options: [
    { long: 'series', value: 'NAME', description: 'the series of the history file to calibrate on', default: 'none, it is required', required: true },
    { long: 'from', value: 'YEAR', description: 'leave out whole years before this one', default: 'every whole year', unit: 'year', parse: (text) => parseInteger('from', text, 1900, 2200) },
    { long: 'level', value: 'P', description: 'probability of the intervals printed', default: '0.9', parse: parseLevel },
  ],
  examples: [
    { command: 'trade-sim calibrate scenarios/history.yaml --series kazakhstan-stat', says: "Kazakhstan's turnover, 2021-2024: four years, and the command says they cannot separate the two kinds of shock" },
    { command: 'trade-sim calibrate scenarios/history.yaml --series kazakhstan-stat --from 2022 --level 0.5', says: 'the same from 2022 on (three years, the fewest it takes), with 50% intervals' },
  ],
  async action(words, options) {
    const [file, ...extra] = words;
    if (file === undefined) throw new UsageError('calibrate: expected a history file, found none');
    if (extra.length > 0) throw new UsageError(`calibrate: expected one history file, found ${words.length}`);
    if (typeof options.series !== 'string' || options.series === '') throw new UsageError('calibrate: --series: expected the name of a series in the history file, found none');
    const { calibrateCommand } = await import('../calibrate-command.js');
    calibrateCommand({
      file,
      series: options.series,
      from: typeof options.from === 'number' ? options.from : undefined,
      level: typeof options.level === 'number' ? options.level : 0.9,
    });
  },
};

function parseLevel(text: string): number {
  const level = Number(text);
  if (!(level > 0 && level < 1)) throw new UsageError(`--level: expected a probability between 0 and 1 such as 0.9, found "${text}"`);
  return level;
}
