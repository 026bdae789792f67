/** `trade-sim validate FILE...`. */
import { runArgs } from '../args.js';
import type { CommandSpec } from './spec.js';

export const validate: CommandSpec = {
  name: 'validate',
  summary: 'Check scenario files without running them, listing every problem at once.',
  details: 'Prints one line per valid file; every problem is reported as file:line:column: field: expected ..., found .... Warns where a number has no `source` or `assumption`.',
  arguments: [{ name: 'FILE', description: 'one or more scenario files', variadic: true, complete: 'scenario' }],
  options: [{ long: 'strict', description: 'make a number without `source` or `assumption` an error, not a warning', default: 'off, a warning' }],
  examples: [
    { command: 'trade-sim validate scenarios/baseline-pk.yaml', says: 'check one scenario' },
    { command: 'trade-sim validate scenarios/baseline-*.yaml scenarios/variants/*.yaml --strict', says: 'the whole library, every number with its source' },
  ],
  async action(words, options) {
    const { validateCommand } = await import('../validate-command.js');
    validateCommand(runArgs(words, options));
  },
};
