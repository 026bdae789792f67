/** `trade-sim run FILE`. */
import { runArgs } from '../args.js';
import { startChartThread } from '../outputs.js';
import { stopOnInterrupt } from '../signals.js';
import { OUTPUT_OPTIONS, PRECISION_OPTIONS, SIMULATION_OPTIONS, force, out, partial, queue, runForce, shard } from './options.js';
import type { CommandSpec } from './spec.js';

export const run: CommandSpec = {
  name: 'run',
  summary: 'Simulate a scenario: the probability of reaching the target by each year, the fan of the annual total, charts and a report.',
  details: 'Prints, per year, P(annual total >= target) and P(reached by then) with their Monte Carlo standard errors, and the median and 90% interval of the annual total; writes summary.json, quantiles.csv, manifest.json, charts/ and report.html into the output folder. A progress bar shows on stderr when it is a terminal.',
  arguments: [{ name: 'FILE', description: 'the scenario file (YAML or JSON)', complete: 'scenario' }],
  options: [...SIMULATION_OPTIONS, ...PRECISION_OPTIONS, out('out/<scenario name>'), ...OUTPUT_OPTIONS.map((o) => (o === force ? runForce : o)), queue, shard, partial],
  examples: [
    { command: 'trade-sim run scenarios/baseline-pk.yaml', says: "the default scenario, 10,000 paths, into out/baseline-pk/" },
    { command: 'trade-sim run scenarios/baseline-pk.yaml --paths 100000 --seed 2026', says: 'ten times the paths (a third of the standard error), reproducibly' },
    { command: 'trade-sim run scenarios/variants/pk-eaeu-pta-by-2029.yaml --json --no-charts', says: 'the headline numbers as JSON on stdout, for a script' },
  ],
  async action(words, options) {
    const args = runArgs(words, options);
    // The chart thread first: it loads Vega while this thread loads the scenario code and simulates.
    const charts = args.charts && !args.shard ? startChartThread() : undefined;
    if (charts) stopOnInterrupt(() => charts.terminate());
    try {
      const { runCommand } = await import('../run-command.js');
      await runCommand(args, charts);
    } finally {
      charts?.close();
    }
  },
};
