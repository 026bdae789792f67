/** `trade-sim backtest FILE [--origin YEAR | --origins A..B]`. */
import { runArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { OUTPUT_OPTIONS, SIMULATION_OPTIONS, out } from './options.js';
import type { CommandSpec, OptionSpec } from './spec.js';

const year = (option: string, text: string): number => {
  if (!/^\d{4}$/.test(text)) throw new UsageError(`--${option}: expected a year such as 2023, found "${text}"`);
  return Number(text);
};

const origin: OptionSpec = {
  long: 'origin', value: 'YEAR',
  description: "the last year whose observations the forecast may use (a fiscal year by the year it ends in): the bases are the history's values of that year, the run starts the year after and ends with the last whole-year observation",
  default: 'none: the scenario as written, the origin the year before the one its first month falls in',
  unit: 'year',
  parse: (text) => year('origin', text),
};

const origins: OptionSpec = {
  long: 'origins', value: 'A..B',
  description: 'rolling origins, every year from A to B; an origin the history cannot serve is skipped with its reason, and the scores are aggregated over the rest',
  default: 'none',
  parse: (text) => {
    const m = /^(\d{4})\.\.(\d{4})$/.exec(text);
    if (!m || Number(m[1]) > Number(m[2])) throw new UsageError(`--origins: expected a range of years A..B with A <= B, such as 2021..2024, found "${text}"`);
    return { from: Number(m[1]), to: Number(m[2]) };
  },
};

export const backtest: CommandSpec = {
  name: 'backtest',
  summary: 'Score the model against what happened: the scenario as of an origin, its forecasts of every later whole-year observation beside two naive benchmarks.',
  details: "The scenario's `historySeries` names the series of its history file that hold its statistics (total and each direction). As of an origin the flows' bases are scaled to the observed direction totals of that year (to the total where a direction is not observed), keeping the sector shares; events keep their calendar dates (docs/backtest.md). Each later whole-year observation of the total and of each direction is scored by the probability integral transform, the coverage of the central 50% and 90% intervals, the CRPS and the log score, and so is each of two naive benchmarks built from the observations up to the origin: no change, and a random walk with the historical drift. Partial years are not scored. Writes backtest.json, backtest.csv, manifest.json, charts/ (the fan from each origin with the outcomes, a PIT histogram, coverage against nominal) and report.html.",
  arguments: [{ name: 'FILE', description: 'the scenario file (YAML or JSON), with `history` and `historySeries`', complete: 'scenario' }],
  options: [origin, origins, ...SIMULATION_OPTIONS, out('out/<scenario name>-backtest'), ...OUTPUT_OPTIONS],
  examples: [
    { command: 'trade-sim backtest scenarios/baseline-kz.yaml --origins 2021..2024', says: "Kazakhstan's statistics from every origin the history allows" },
    { command: 'trade-sim backtest scenarios/baseline-pk.yaml --origin 2024', says: "Pakistan's FY2024-25 forecast from FY2023-24" },
    { command: 'trade-sim backtest scenarios/backtest/kz-2019.yaml', says: 'what the model would have said in May 2019, scored against 2021-2024' },
  ],
  async action(words, options) {
    if (options.origin !== undefined && options.origins !== undefined) throw new UsageError('--origin and --origins: give one');
    const range = options.origins as { from: number; to: number } | undefined;
    const list = typeof options.origin === 'number' ? [options.origin]
      : range ? Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i) : undefined;
    const { backtestCommand } = await import('../backtest-command.js');
    await backtestCommand(runArgs(words, options), { origins: list, single: typeof options.origin === 'number' });
  },
};
