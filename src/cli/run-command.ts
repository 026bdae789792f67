/** `trade-sim run FILE`: simulate a scenario and write its output folder (or, with --shard, one shard's partial file). */
import { join, relative } from 'node:path';
import { prepareScenario } from '../project.js';
import { runPrepared, type RunResult } from '../studies/run/run.js';
import { quantilesCsv, StagedDir, toJson } from '../results/write.js';
import type { Summary } from '../results/summary.js';
import type { ChartThread } from './outputs.js';
import { parseRunArgs, simulationOptions } from './args.js';
import { manifest } from './manifest.js';
import { UsageError } from './errors.js';
import { withProgress } from './progress.js';
import { runTable, whereRun } from './table.js';
import { groupThousands } from '../format.js';
import { queueOf, writeShard } from './queue-options.js';

/**
 * `charts`: the chart thread, started and closed by the caller (main.ts starts it before loading
 * this module, so that it loads Vega meanwhile); undefined with --no-charts.
 */
export async function runCommand(argv: string[], charts: ChartThread | undefined): Promise<void> {
  const args = parseRunArgs(argv, 'run');
  if (args.files.length !== 1) throw new UsageError(`run: expected one scenario file, found ${args.files.length === 0 ? 'none' : args.files.join(' ')}`);
  if (args.strict) throw new UsageError('run: --strict belongs to "validate"');
  if ((args.shard === undefined) !== (args.partial === undefined)) throw new UsageError('run: --shard K/M and --partial FILE go together');
  if (args.shard && args.queue) throw new UsageError('run: --shard runs here, --queue on the queue\'s workers: give one of them');
  const prep = prepareScenario(args.files[0] as string);
  if (args.shard) return writeShard(prep, args);
  const queue = queueOf(args, [prep]);
  const run = await withProgress(!args.quiet, prep.loaded.scenario.name, (onProgress) =>
    runPrepared(prep, { ...simulationOptions(args), ...(queue ? { backend: queue.backend } : {}), onProgress }));
  await writeRunOutputs(run, {
    out: args.out, quiet: args.quiet, files: prep.loaded.files.map((f) => relative(process.cwd(), f)),
    ...(queue ? { where: queue.where, extra: queue.manifest() } : {}),
  }, args.charts ? charts : undefined);
}

export interface RunOutputOptions {
  out: string | undefined;
  quiet: boolean;
  /** The scenario's files, as the manifest names them. */
  files: string[];
  /** Where the paths were simulated, for the closing line; default from the number of workers. */
  where?: string;
  /** More manifest fields. */
  extra?: Record<string, unknown>;
}

/** Writes a run's output folder and prints its table: for `run`, and for `merge` of a run's shards. */
export async function writeRunOutputs(run: { result: RunResult; summary: Summary }, opts: RunOutputOptions, charts: ChartThread | undefined): Promise<void> {
  const { result, summary } = run;
  const outDir = opts.out ?? join('out', summary.scenario.name);
  const flowSteps = result.paths * result.plan.steps * result.plan.flowIds.length;
  const facts = { ...result, flowSteps };
  const manifestJson = manifest(facts, {
    scenario: { name: summary.scenario.name, sha256: summary.scenario.sha256, files: opts.files },
    ...opts.extra,
  });
  const staged = new StagedDir(outDir);
  let reportPath: string | undefined;
  try {
    staged.write('summary.json', toJson(summary));
    staged.write('quantiles.csv', quantilesCsv(summary));
    if (charts) reportPath = await charts.render(summary, staged.tmp);
    staged.write('manifest.json', toJson(manifestJson));
    staged.commit();
  } finally {
    staged.discard();
  }
  if (!opts.quiet) {
    process.stdout.write(`${runTable(summary)}\n\n`);
    process.stdout.write(`${groupThousands(result.paths)} paths in ${result.wallSeconds.toFixed(2)} s ${opts.where ?? whereRun(result.workers)}: ${(flowSteps / result.wallSeconds / 1e6).toFixed(1)}M flow-steps/s\n`);
    process.stdout.write(`output: ${outDir}\n`);
    if (reportPath) process.stdout.write(`report: ${join(outDir, relative(staged.tmp, reportPath))}\n`);
  }
}
