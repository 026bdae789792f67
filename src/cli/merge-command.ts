/** `trade-sim merge PARTIAL... [--out DIR]`: the output of a run from the partial files of all its shards. */
import { parseArgs } from 'node:util';
import { mergeShards } from '../studies/run/shards.js';
import { summarise } from '../results/summarise.js';
import type { ChartThread } from './outputs.js';
import { UsageError } from './errors.js';
import { writeRunOutputs } from './run-command.js';

export async function mergeCommand(argv: string[], charts: ChartThread | undefined): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q', default: false }, 'no-charts': { type: 'boolean', default: false } },
    });
  } catch (err) {
    throw new UsageError(`merge: ${(err as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  if (parsed.positionals.length === 0) throw new UsageError('merge: expected the partial files of every shard of a run, found none');
  const { prep, result, files } = mergeShards(parsed.positionals);
  const summary = summarise({ result, loaded: prep.loaded, warnings: prep.compiled.warnings, history: prep.history });
  await writeRunOutputs({ result, summary }, {
    out: parsed.values.out, quiet: parsed.values.quiet === true, files,
    where: `in ${parsed.positionals.length} shards (the time is their sum)`,
    extra: { shards: parsed.positionals.length },
  }, parsed.values['no-charts'] === true ? undefined : charts);
}
