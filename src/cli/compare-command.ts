/** `trade-sim compare A.yaml B.yaml [C.yaml ...]`: paired comparison of scenarios on common random numbers. */
import { prestartBackend } from '../engine/backends/index.js';
import { workersToPrestart } from '../engine/driver.js';
import { relative } from 'node:path';
import { defaultOutDir, prepareComparison, runComparison } from '../studies/compare/compare.js';
import { writeComparisonOutputs } from '../studies/compare/report.js';
import { compareTable } from '../studies/compare/table.js';
import { comparisonCsv } from '../studies/compare/write.js';
import { assertFinite, toJson } from '../results/write.js';
import { runFacts, writeOutputFolder } from './outputs.js';
import { manifest } from './manifest.js';
import { simulationOptions, type RunArgs } from './args.js';
import { compareHeadline, humanOutput, printJson, resultDocument, written } from './json-output.js';
import { outputPolicy } from './out-policy.js';
import { checkOutputDir } from '../results/output-dir.js';
import { UsageError, withPath } from './errors.js';
import { withProgress } from './progress.js';
import { groupThousands } from '../format.js';
import { queueOf } from './queue-options.js';
import { keptFor } from './kept-runs.js';

export async function compareCommand(args: RunArgs): Promise<void> {
  if (args.files.length < 2) {
    throw new UsageError(`compare: expected two or more scenario files (the first is the baseline), found ${args.files.length === 0 ? 'none' : `only ${args.files[0]}`}`);
  }
  if (args.shard || args.partial) throw new UsageError('compare: --shard and --partial belong to "run"');
  // Workers start (and compile the kernel) while this thread reads and compiles the scenario.
  if (!args.queue) await prestartBackend(workersToPrestart(args));
  const preps = prepareComparison(args.files);
  const outDir = args.out ?? defaultOutDir(preps);
  // Refused before simulating, and again by StagedDir when writing.
  const policy = outputPolicy(args, preps);
  checkOutputDir(outDir, policy);
  const queue = queueOf(args, preps);
  const kept = keptFor(outDir, queue !== undefined, args.quiet);
  const run = await withProgress(!args.quiet, `compare ${preps.map((p) => p.loaded.scenario.name).join(' vs ')}`, (onProgress) =>
    runComparison(preps, args.files, { ...simulationOptions(args), ...(queue ? { backend: queue.backend } : {}), ...kept.options, onProgress }));
  const { result, summary } = run;
  const flowSteps = result.paths * result.plans.reduce((a, p) => a + p.steps * p.flowIds.length, 0);
  const seeds = [...new Set(preps.map((p) => p.loaded.scenario.seed).filter((s) => s !== undefined))];
  const manifestJson = manifest({ ...result, flowSteps }, {
    seedFrom: args.seed !== undefined ? '--seed' : preps[0]?.loaded.scenario.seed !== undefined ? 'baseline scenario' : 'fresh',
    scenarios: preps.map((p, i) => ({
      name: p.loaded.scenario.name, sha256: p.loaded.sha256, file: args.files[i],
      files: p.loaded.files.map((f) => relative(process.cwd(), f)),
    })),
    ...queue?.manifest(),
  });
  assertFinite(summary, preps.map((p) => p.loaded.scenario.name).join(' vs '));
  const report = await writeOutputFolder({
    outDir, policy, manifest: manifestJson,
    files: { 'comparison.json': toJson(summary), 'comparison.csv': comparisonCsv(summary) },
    // A failed write (ENOSPC) names no file: name the folder.
    draw: args.charts ? (dir) => writeComparisonOutputs(summary, dir).catch((err: unknown) => { throw withPath(err, dir); }) : undefined,
  });
  kept.completed();
  const say = humanOutput(args);
  say(`${compareTable(summary)}\n\n`);
  if (args.seed === undefined && seeds.length > 1) {
    say(`note: the scenarios name different seeds (${seeds.join(', ')}); all were run with the baseline's, ${result.seed}\n`);
  }
  say(`${runFacts(`${groupThousands(result.paths)} paths x ${preps.length} scenarios`, result, flowSteps, outDir, report, queue?.where)}\n`);
  if (args.json) printJson(resultDocument('trade-sim/compare-result/v1', compareHeadline(summary), written(outDir, 'comparison.json', report)));
}
