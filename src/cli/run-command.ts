/** `trade-sim run FILE`: simulate a scenario and write its output folder. */
import { prestartBackend } from '../engine/backends/index.js';
import { workersToPrestart } from '../engine/driver.js';
import { join, relative } from 'node:path';
import { prepareScenario, type Prepared } from '../project.js';
import { runPrepared } from '../studies/run/run.js';
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

/**
 * `charts`: the chart thread, started and closed by the caller (commands/run.ts starts it before loading
 * this module, so that it loads Vega meanwhile); undefined with --no-charts.
 */
export async function runCommand(args: RunArgs, charts: ChartThread | undefined): Promise<void> {
  if (args.files.length !== 1) throw new UsageError(`run: expected one scenario file, found ${args.files.length === 0 ? 'none' : args.files.join(' ')}`);
  // Workers start (and compile the kernel) while this thread reads and compiles the scenario.
  await prestartBackend(workersToPrestart(args));
  const prep = prepareScenario(args.files[0] as string);
  const outDir = args.out ?? join('out', prep.loaded.scenario.name);
  // Refused before simulating, and again by StagedDir when writing.
  const policy = outputPolicy(args, [prep]);
  checkOutputDir(outDir, policy);
  await runAndWrite(prep, args, outDir, policy, args.charts ? charts : undefined);
}

async function runAndWrite(prep: Prepared, args: RunArgs, outDir: string, policy: OutputPolicy, charts: ChartThread | undefined): Promise<void> {
  const run = await withProgress(!args.quiet, prep.loaded.scenario.name, (onProgress) =>
    runPrepared(prep, { ...simulationOptions(args), onProgress }));
  const { result, summary } = run;
  const flowSteps = result.paths * result.plan.steps * result.plan.flowIds.length;
  const facts = { ...result, flowSteps };
  const manifestJson = manifest(facts, {
    scenario: { name: summary.scenario.name, sha256: summary.scenario.sha256, files: prep.loaded.files.map((f) => relative(process.cwd(), f)) },
  });
  assertFinite(summary, summary.scenario.name);
  const report = await writeOutputFolder({
    outDir, policy, manifest: manifestJson,
    files: { 'summary.json': toJson(summary), 'quantiles.csv': quantilesCsv(summary) },
    // After a failure the thread may still be writing (into a folder it would recreate): stop it
    // before the staging folder is removed.
    draw: charts ? (dir) => charts.render(summary, dir).catch(async (err: unknown) => { await charts.terminate(); throw err; }) : undefined,
  });
  const say = humanOutput(args);
  say(`${runTable(summary)}\n\n`);
  say(`${runFacts(`${groupThousands(result.paths)} paths`, result, flowSteps, outDir, report)}\n`);
  if (args.json) printJson(resultDocument('trade-sim/run-result/v1', runHeadline(summary, args.files[0] as string), written(outDir, 'summary.json', report)));
}
