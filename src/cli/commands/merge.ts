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
    { command: 'trade-sim run scenarios/baseline-pk.yaml --paths 1000000 --seed 2026 --shard 3/16 --partial shard-3.partial', says: 'shard 3 of 16 of a run, on one machine of a batch scheduler (every shard the same paths and seed)' },
    { command: 'trade-sim merge shard-*.partial --out out/baseline-pk-1e6', says: 'the run from the 16 partial files, the same bytes as one machine would write' },
  ],
  async action(words, options) {
    const { runArgs } = await import('../args.js');
    const args = runArgs(words, options);
    const { startChartThread } = await import('../outputs.js');
    const { stopOnInterrupt } = await import('../signals.js');
    const charts = args.charts ? startChartThread() : undefined;
    if (charts) stopOnInterrupt(() => charts.terminate());
    try {
      const { mergeCommand } = await import('../merge-command.js');
      await mergeCommand(args, charts);
    } finally {
      charts?.close();
    }
  },
};
