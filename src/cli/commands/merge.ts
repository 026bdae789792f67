/** `trade-sim merge PARTIAL...`. */
import { OUTPUT_OPTIONS, out } from './options.js';
import type { CommandSpec } from './spec.js';

export const merge: CommandSpec = {
  name: 'merge',
  summary: 'Make a run from the partial files of all its shards (run --shard K/M --partial FILE): the same output as the run on one machine.',
  details: 'Checks that the files are the M shards of one run, each once: the same scenario (sha256), seed, paths, number of shards and engine version; otherwise exits 2 naming the shard that is missing, repeated or foreign. Needs neither the scenario files nor the machines that ran the shards.',
  arguments: [{ name: 'PARTIAL', description: 'the partial file of every shard, in any order', variadic: true }],
  options: [out('out/<scenario name>'), ...OUTPUT_OPTIONS],
  examples: [
    { command: 'trade-sim merge partials/shard-*.partial --out out/baseline-pk-1e7', says: 'the output of a sharded run' },
  ],
  async action(words, options) {
    const { runArgs } = await import('../args.js');
    const args = runArgs(words, options);
    const { startChartThread } = await import('../outputs.js');
    const charts = args.charts ? startChartThread() : undefined;
    try {
      const { mergeCommand } = await import('../merge-command.js');
      await mergeCommand(args, charts);
    } finally {
      charts?.close();
    }
  },
};
