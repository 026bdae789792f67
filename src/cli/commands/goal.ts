/** `trade-sim goal FILE --lever PATH --probability P`. */
import { runArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { OUTPUT_OPTIONS, PRECISION_OPTIONS, SIMULATION_OPTIONS, out, queue } from './options.js';
import { by } from './sensitivity.js';
import type { CommandSpec, OptionSpec } from './spec.js';

const lever: OptionSpec = {
  long: 'lever', value: 'PATH', required: true,
  description: "the field(s) the answer is a value of, as the file writes them (byDirection.PK>KZ.growth): a flow parameter, a corridor's or a border's number or date, an agreement's probability or delay; * stands for every key at its level, commas separate paths; a distribution there is replaced by the value",
  default: 'none, it must be given',
};

const probability: OptionSpec = {
  long: 'probability', value: 'P', required: true,
  description: 'the probability of reaching the target by the year that the lever value must give, between 0 and 1',
  default: 'none, it must be given',
  unit: 'fraction',
  parse: (text) => {
    const v = Number(text);
    if (!(v > 0 && v < 1)) throw new UsageError(`--probability: expected a number between 0 and 1 (exclusive), found "${text}"`);
    return v;
  },
};

const range: OptionSpec = {
  long: 'range', value: 'LO..HI',
  description: 'the values of the lever searched; both ends must be values the lever accepts',
  default: "the distribution's bounds in the file (normal: mean ± 3 sd), or 0 to twice a fixed value",
  parse: (text) => {
    const m = /^\s*(-?[\d.]+(?:e-?\d+)?)\s*\.\.\s*(-?[\d.]+(?:e-?\d+)?)\s*$/i.exec(text);
    const lo = m ? Number(m[1]) : NaN, hi = m ? Number(m[2]) : NaN;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) throw new UsageError(`--range: expected LO..HI with LO < HI (e.g. 0..0.6), found "${text}"`);
    return [lo, hi];
  },
};

export const goal: CommandSpec = {
  name: 'goal',
  summary: 'The value of one lever at which P(reached by a year) is P, with its Monte Carlo interval.',
  details: 'Every value of the lever is simulated on the same paths (common random numbers), so the curve is monotone in the lever up to a few paths: a grid over the range finds where it crosses P, bisection narrows it, and the value comes with a 95% Monte Carlo interval (the standard error of P over the local slope). Says plainly when no value in the range reaches P. Writes goal.json (with the walked curve), manifest.json, charts/ (the curve, each value with its 95% interval, against the probability asked and the answer) and report.html.',
  arguments: [{ name: 'FILE', description: 'the scenario file (YAML or JSON)', complete: 'scenario' }],
  options: [lever, probability, by, range, ...SIMULATION_OPTIONS, ...PRECISION_OPTIONS, out('out/<scenario name>-goal'), ...OUTPUT_OPTIONS, queue],
  examples: [
    { command: "trade-sim goal scenarios/baseline-pk.yaml --lever 'byDirection.PK>KZ.growth' --probability 0.5 --by 2030 --range 0..1", says: "how fast Pakistan's exports would have to grow for an even chance of USD 1B by FY2030" },
    { command: "trade-sim goal scenarios/baseline-pk.yaml --lever agreements.transit-trade.probability --probability 0.2", says: 'whether any probability of the transit agreement gives a one-in-five chance (none does, and it says so)' },
  ],
  async action(words, options) {
    const { goalCommand } = await import('../goal-command.js');
    await goalCommand(runArgs(words, options), {
      lever: typeof options.lever === 'string' ? options.lever : undefined,
      probability: typeof options.probability === 'number' ? options.probability : undefined,
      by: typeof options.by === 'number' ? options.by : undefined,
      range: Array.isArray(options.range) ? (options.range as [number, number]) : undefined,
    });
  },
};
