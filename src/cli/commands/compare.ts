/** `trade-sim compare A B [C ...]`. */
import { runArgs } from '../args.js';
import { OUTPUT_OPTIONS, PRECISION_OPTIONS, SIMULATION_OPTIONS, out, queue } from './options.js';
import type { CommandSpec } from './spec.js';

export const compare: CommandSpec = {
  name: 'compare',
  summary: 'Paired comparison on common random numbers: what each scenario changes against the first (the baseline).',
  details: 'Runs the scenarios on the same paths (each random component they share draws the same numbers), then reports per year the difference in P(annual total >= target) and in P(reached by then) with paired standard errors and 95% intervals, the difference in the mean and median annual total, and the shift of the first year at the target. The scenarios must share the calendar and the target.',
  arguments: [{ name: 'FILE', description: 'two or more scenario files; the first is the baseline', variadic: true, complete: 'scenario' }],
  options: [...SIMULATION_OPTIONS, ...PRECISION_OPTIONS, out('out/compare-<A>-vs-<B>[...]; a name over 200 characters keeps the first scenario names and ends -and-<N>-more-<hash>'), ...OUTPUT_OPTIONS, queue],
  examples: [
    { command: 'trade-sim compare scenarios/baseline-pk.yaml scenarios/variants/pk-afghan-crossings-reopen-soon.yaml', says: 'what an early reopening of the Afghan crossings changes' },
    { command: 'trade-sim compare scenarios/baseline-pk.yaml scenarios/variants/pk-roadmap-fully-implemented.yaml scenarios/variants/pk-afghan-crossings-stay-closed.yaml --paths 50000 --seed 2026', says: 'two measures against one baseline, on 50,000 common paths' },
    { command: 'trade-sim compare scenarios/baseline-pk.yaml scenarios/variants/pk-tariff-reform-stalls.yaml --json --quiet', says: 'the paired differences as JSON on stdout, nothing else printed' },
  ],
  async action(words, options) {
    const { compareCommand } = await import('../compare-command.js');
    await compareCommand(runArgs(words, options));
  },
};
