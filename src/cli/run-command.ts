/** `trade-sim run FILE`: simulate a scenario and write its output folder (with --shard, one shard's partial file). */
import { prestartBackend } from '../engine/backends/index.js';
import { workersToPrestart } from '../engine/driver.js';
import { join, relative } from 'node:path';
import { prepareScenario } from '../project.js';
import { runPrepared, type RunResult } from '../studies/run/run.js';
import type { Summary } from '../results/summary.js';
import { assertFinite, quantilesCsv, toJson } from '../results/write.js';
import { runFacts, writeOutputFolder, type ChartThread } from './outputs.js';
import { simulationOptions, type RunArgs } from './args.js';
import { humanOutput, printJson, resultDocument, runHeadline, written } from './json-output.js';
import { outputPolicy } from './out-policy.js';
import { checkOutputDir, type OutputPolicy } from '../results/output-dir.js';
import { manifest } from './manifest.js';
import { UsageError } from './errors.js';
import { withProgress } from './progress.js';
import { runTable } from './table.js';
import { groupThousands } from '../format.js';
import { queueOf, writeShard } from './queue-options.js';
import { keptFor } from './kept-runs.js';

/**
 * `charts`: the chart thread, started and closed by the caller (commands/run.ts starts it before loading
 * this module, so that it loads Vega meanwhile); undefined with --no-charts.
 */
export async function runCommand(args: RunArgs, charts: ChartThread | undefined): Promise<void> {
  if (args.files.length !== 1) throw new UsageError(`run: expected one scenario file, found ${args.files.length === 0 ? 'none' : args.files.join(' ')}`);
  if ((args.shard === undefined) !== (args.partial === undefined)) throw new UsageError('run: --shard K/M and --partial FILE go together');
  if (args.shard && args.queue) throw new UsageError("run: --shard runs here, --queue on the queue's workers: give one of them");
  if (args.shard && args.precision !== undefined) throw new UsageError('run: --shard simulates its part of a fixed number of paths (--paths), --precision decides the paths round by round: give one of them');
  if (args.shard && args.out !== undefined) throw new UsageError('run --shard: --out is not taken (the shard writes its --partial file; trade-sim merge PARTIAL... --out DIR writes the output folder)');
  // Workers start (and compile the kernel) while this thread reads and compiles the scenario.
  if (!args.queue) await prestartBackend(workersToPrestart(args));
  const prep = prepareScenario(args.files[0] as string);
  if (args.shard) return writeShard(prep, args);
  const outDir = args.out ?? join('out', prep.loaded.scenario.name);
  // Refused before simulating, and again by StagedDir when writing.
  const policy = outputPolicy(args, [prep]);
  checkOutputDir(outDir, policy);
  const queue = queueOf(args, [prep]);
  const kept = keptFor(outDir, queue !== undefined, args.quiet);
  const run = await withProgress(!args.quiet, prep.loaded.scenario.name, (onProgress) =>
    runPrepared(prep, { ...simulationOptions(args), ...(queue ? { backend: queue.backend } : {}), ...kept.options, onProgress }));
  await writeRun(run, args, {
    outDir, policy, file: args.files[0] as string, files: prep.loaded.files.map((f) => relative(process.cwd(), f)),
    ...(queue ? { where: queue.where, extra: queue.manifest() } : {}),
  }, args.charts ? charts : undefined);
  kept.completed();
}

export interface RunOutput {
  outDir: string;
  policy: OutputPolicy;
  /** The scenario file as the JSON headline names it, and its files as the manifest does. */
  file: string;
  files: string[];
  /** Where the paths were simulated, for the closing line; default from the number of workers. */
  where?: string;
  /** More manifest fields. */
  extra?: Record<string, unknown>;
}

/** Writes a run's output folder and prints its result: for `run`, and for `merge` of a run's shards. */
export async function writeRun(run: { result: RunResult; summary: Summary }, args: RunArgs, o: RunOutput, charts: ChartThread | undefined): Promise<void> {
  const { result, summary } = run;
  const flowSteps = result.paths * result.plan.steps * result.plan.flowIds.length;
  const facts = { ...result, flowSteps };
  const manifestJson = manifest(facts, {
    scenario: { name: summary.scenario.name, sha256: summary.scenario.sha256, files: o.files },
    ...o.extra,
  });
  assertFinite(summary, summary.scenario.name);
  const report = await writeOutputFolder({
    outDir: o.outDir, policy: o.policy, manifest: manifestJson,
    files: { 'summary.json': toJson(summary), 'quantiles.csv': quantilesCsv(summary) },
    // After a failure the thread may still be writing (into a folder it would recreate): stop it
    // before the staging folder is removed.
    draw: charts ? (dir) => charts.render(summary, dir).catch(async (err: unknown) => { await charts.terminate(); throw err; }) : undefined,
  });
  const say = humanOutput(args);
  say(`${runTable(summary)}\n\n`);
  say(`${runFacts(`${groupThousands(result.paths)} paths`, result, flowSteps, o.outDir, report, o.where)}\n`);
  if (args.json) printJson(resultDocument('trade-sim/run-result/v1', runHeadline(summary, o.file), written(o.outDir, 'summary.json', report)));
}
