/** `trade-sim sensitivity FILE`. */
import { runArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { OUTPUT_OPTIONS, PRECISION_OPTIONS, SIMULATION_OPTIONS, out, queue } from './options.js';
import type { CommandSpec, OptionSpec } from './spec.js';

export const by: OptionSpec = {
  long: 'by', value: 'YEAR',
  description: 'the year asked about: P(reached by YEAR), and the annual total of YEAR',
  default: "the scenario's target year",
  parse: (text) => {
    const v = /^\d{4}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(v)) throw new UsageError(`--by: expected a year such as 2030, found "${text}"`);
    return v;
  },
};

const method: OptionSpec = {
  long: 'method', value: 'LIST',
  description: 'what to estimate: sobol (first-order and total indices, rank correlations), tornado, or both, comma-separated',
  default: 'sobol,tornado',
  complete: ['sobol', 'tornado', 'sobol,tornado'],
};

const group: OptionSpec = {
  long: 'group', value: 'GROUPS',
  description: 'merge inputs into one: NAME=PATTERN[,PATTERN...], several separated by ";"; a pattern matches input names, * any run of characters; every pattern must match an input, an input may be in one group only, and a NAME may name one group and no input outside it',
  default: 'none: each parameter, agreement, corridor or border regime, and the shocks, transitory shocks and jumps, alone',
};

export const sensitivity: CommandSpec = {
  name: 'sensitivity',
  summary: 'What drives P(reached by a year): Sobol indices on common random numbers, a tornado, rank correlations.',
  details: "Inputs are the scenario's random components, named as the file writes them: each uncertain parameter, each agreement (implementation and delay), each corridor's and each border's disruption chain, and the flows' permanent shocks (market noise), transitory shocks and jumps, each kind as one input. Sobol first-order and total indices by pick-freeze on re-keyed component streams, with 95% intervals (delta method); the tornado sets each parameter at its 10th and 90th percentile and each agreement never and always implemented, every other draw shared, with paired standard errors; rank correlations of each output with each parameter's draws. Writes sensitivity.json, sensitivity.csv, manifest.json, charts/ and report.html.",
  arguments: [{ name: 'FILE', description: 'the scenario file (YAML or JSON)', complete: 'scenario' }],
  options: [by, method, group, ...SIMULATION_OPTIONS, ...PRECISION_OPTIONS, out('out/<scenario name>-sensitivity'), ...OUTPUT_OPTIONS, queue],
  examples: [
    { command: 'trade-sim sensitivity scenarios/baseline-pk.yaml', says: 'what drives P(USD 1B by FY2030) in the default scenario' },
    { command: "trade-sim sensitivity scenarios/baseline-pk.yaml --by 2028 --method tornado", says: 'only the tornado, for reaching the target by FY2028' },
    { command: "trade-sim sensitivity scenarios/baseline-pk.yaml --group 'afghan=borders.afghanistan.*,corridors.afghan-road.*,agreements.transit-trade'", says: 'the Afghan border, its road and the transit agreement as one input' },
  ],
  async action(words, options) {
    const { sensitivityCommand } = await import('../sensitivity-command.js');
    await sensitivityCommand(runArgs(words, options), {
      by: typeof options.by === 'number' ? options.by : undefined,
      method: typeof options.method === 'string' ? options.method : undefined,
      group: typeof options.group === 'string' ? options.group : undefined,
    });
  },
};
