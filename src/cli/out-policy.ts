/**
 * What `--out` may replace for a run: `--force`, and the files the run reads, whose folders it
 * never replaces. Not in outputs.ts, which main.ts loads before starting the chart thread.
 */
import type { OutputPolicy } from '../results/output-dir.js';
import type { Prepared } from '../project.js';
import { historyFile } from '../scenario/history.js';
import type { RunArgs } from './args.js';

export function outputPolicy(args: Pick<RunArgs, 'force' | 'out'>, preps: readonly Prepared[]): OutputPolicy {
  return {
    force: args.force,
    defaultFolder: args.out === undefined,
    inputs: preps.flatMap(({ loaded }) => [
      ...loaded.files,
      ...(loaded.scenario.history ? [historyFile(loaded.file, loaded.scenario.history)] : []),
    ]),
  };
}
