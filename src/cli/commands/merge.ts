/** `trade-sim merge PARTIAL...`. */
import { OUTPUT_OPTIONS, out } from './options.js';
import type { CommandSpec } from './spec.js';

export const merge: CommandSpec = {
  name: 'merge',
  summary: 'Make a run from the partial files of all its shards (run --shard K/M --partial FILE): the same output as the run on one machine.',
  details: 'Checks that each file is whole and unchanged since its shard wrote it (the SHA-256 its first line records), and that the files are the M shards of one run, each once: the same scenario (sha256), seed, paths, number of shards and engine version; otherwise exits 2 naming the file that is damaged or the shard that is missing, repeated or foreign. Needs neither the scenario files nor the machines that ran the shards.',
  arguments: [{ name: 'PARTIAL', description: 'the partial file of every shard, in any order', variadic: true }],
  options: [out('out/<scenario name>'), ...OUTPUT_OPTIONS],
  examples: [
    { command: 'trade-sim merge shard-*.partial --out out/baseline-pk-1e6', says: 'the run from the partial files of `run scenarios/baseline-pk.yaml --paths 1000000 --seed 2026 --shard K/16 --partial shard-K.partial`, K = 1..16: the bytes one machine would write' },
    { command: 'trade-sim merge shard-1.partial shard-2.partial --json --quiet --no-charts', says: 'a run of two shards, its headline as JSON on stdout' },
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
