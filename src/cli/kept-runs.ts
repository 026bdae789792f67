/**
 * A command's kept runs (engine/kept.ts): read from beside its output folder when it starts, so
 * that it picks up where an interrupted run of the same command stopped; written there on
 * Ctrl-C, SIGTERM or SIGHUP once the tasks running have come in; removed once its output is in
 * place. Not for a queue, which keeps its chunks in Redis.
 */
import { resolve } from 'node:path';
import { groupThousands } from '../format.js';
import { keptFile, KeptRuns, removeKept } from '../engine/kept.js';
import { stopOnInterrupt } from './signals.js';

/** How long an interrupt waits for the tasks running to come in, to keep them. */
const KEEP_WAIT_MS = 30_000;

export interface KeptForCommand {
  /** The study's options: `keep`, or none on a queue. */
  options: { keep?: KeptRuns };
  /** The output is in place: nothing more to keep. */
  completed(): void;
}

/** `quiet`: say nothing of the paths taken from an interrupted run (said on stderr otherwise). */
export function keptFor(outDir: string, onQueue: boolean, quiet: boolean): KeptForCommand {
  if (onQueue) return { options: {}, completed: () => undefined };
  const file = keptFile(resolve(outDir));
  const keep = KeptRuns.read(file, (message) => process.stderr.write(`warning: ${message}\n`));
  const unregister = stopOnInterrupt(async () => {
    keep.stop();
    await keep.drained();
    if (keep.paths === 0) return;
    if (keep.foreign) {
      process.stderr.write(`\nthe ${groupThousands(keep.paths)} paths simulated are not kept: ${file} is not a file trade-sim wrote, and is left as it is\n`);
      return;
    }
    keep.write(file);
    process.stderr.write(`\nkept the ${groupThousands(keep.paths)} paths simulated in ${file}: the same command picks up where it stopped\n`);
  }, KEEP_WAIT_MS);
  return {
    options: { keep },
    completed() {
      unregister();
      if (!keep.foreign) removeKept(file);
      if (keep.restored > 0 && !quiet) process.stderr.write(`picked up the ${groupThousands(keep.restored)} paths an interrupted run of this command had kept\n`);
    },
  };
}
