/** What --queue and --shard/--partial do: the queue backend (run, compare, sensitivity, goal), a shard's partial file (run). */
import { relative } from 'node:path';
import { DEFAULT_PATHS, type Prepared } from '../project.js';
import { queueBackend, queuedScenario, type QueueBackend } from '../engine/backends/queue.js';
import { runShard } from '../studies/run/shards.js';
import type { RunArgs } from './args.js';
import { UsageError } from './errors.js';
import { humanOutput } from './json-output.js';
import { withProgress } from './progress.js';
import { checkPartialTarget, partialPolicy, writePartialFile } from './partial-target.js';
import { groupThousands } from '../format.js';
import { stopOnInterrupt } from './signals.js';

export interface QueueUse {
  backend: QueueBackend;
  /** "on the queue at redis://...": for the closing line. */
  where: string;
  /** The manifest's `queue` field: where, and the chunks reused from an earlier submission. */
  manifest(): Record<string, unknown>;
}

/**
 * The queue backend that --queue names, for these scenarios (in the study's order), or without
 * `preps` for a study's derived plans (sensitivity, goal); undefined without --queue.
 */
export function queueOf(args: RunArgs, preps?: Prepared[]): QueueUse | undefined {
  const address = args.queue;
  if (!address) return undefined;
  const backend = queueBackend(address, preps?.map((p) => queuedScenario(p.loaded)));
  // Ctrl-C exits without the run's clean-up: the workers would simulate the rest of the study for nobody.
  stopOnInterrupt(() => backend.abandon());
  return {
    backend,
    where: `on the queue at ${address.url}`,
    manifest: () => ({
      queue: { url: address.url, chunksReused: backend.stats.reused, chunksSimulated: backend.stats.simulated, duplicateReports: backend.stats.duplicates },
    }),
  };
}

/** `run FILE --shard K/M --partial FILE`: simulates the shard and writes its partial file (whole or not at all). */
export async function writeShard(prep: Prepared, args: RunArgs): Promise<void> {
  const shard = args.shard as NonNullable<RunArgs['shard']>;
  const file = args.partial as string;
  const paths = args.paths ?? DEFAULT_PATHS;
  const seed = args.seed ?? prep.loaded.scenario.seed;
  if (seed === undefined) throw new UsageError(`run --shard: give --seed S (${prep.loaded.scenario.name} names no seed): every shard of a run needs the same one`);
  const policy = partialPolicy(prep, args.force);
  checkPartialTarget(file, policy);
  const bytes = await withProgress(!args.quiet, `${prep.loaded.scenario.name} shard ${shard.index}/${shard.count}`, (onProgress) => runShard(prep, {
    paths, seed, shard, files: prep.loaded.files.map((f) => relative(process.cwd(), f)), onProgress,
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
  }));
  writePartialFile(file, bytes, policy);
  humanOutput(args)(`shard ${shard.index}/${shard.count} of ${prep.loaded.scenario.name} (${groupThousands(paths)} paths, seed ${seed}): ${file}\n`);
}
