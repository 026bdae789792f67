/** `trade-sim merge PARTIAL...`: the output of a run from the partial files of all its shards. */
import { join } from 'node:path';
import { mergeShards } from '../studies/run/shards.js';
import { summarise } from '../results/summarise.js';
import { checkOutputDir } from '../results/output-dir.js';
import type { ChartThread } from './outputs.js';
import type { RunArgs } from './args.js';
import { UsageError } from './errors.js';
import { writeRun } from './run-command.js';

export async function mergeCommand(args: RunArgs, charts: ChartThread | undefined): Promise<void> {
  if (args.files.length === 0) throw new UsageError('merge: expected the partial files of every shard of a run, found none');
  const { prep, result, files } = mergeShards(args.files);
  const outDir = args.out ?? join('out', prep.loaded.scenario.name);
  const policy = { force: args.force, inputs: args.files };
  checkOutputDir(outDir, policy);
  const summary = summarise({ result, loaded: prep.loaded, warnings: prep.compiled.warnings, history: prep.history });
  await writeRun({ result, summary }, args, {
    outDir, policy, file: files[0] ?? prep.loaded.scenario.name, files,
    where: `in ${args.files.length} shards (the time is their sum)`, extra: { shards: args.files.length },
  }, charts);
}
