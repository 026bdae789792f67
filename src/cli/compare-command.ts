/** `trade-sim compare A.yaml B.yaml [C.yaml ...]`: paired comparison of scenarios on common random numbers. */
import { join, relative } from 'node:path';
import { defaultOutDir, prepareComparison, runComparison } from '../compare/compare.js';
import { writeComparisonOutputs } from '../compare/report.js';
import { compareTable } from '../compare/table.js';
import { whereRun } from './table.js';
import { comparisonCsv } from '../compare/write.js';
import { StagedDir, toJson } from '../results/write.js';
import { manifest } from './manifest.js';
import { simulationOptions, type RunArgs } from './args.js';
import { compareHeadline, humanOutput, printJson, resultDocument, written } from './json-output.js';
import { outputPolicy } from './out-policy.js';
import { checkOutputDir } from '../results/output-dir.js';
import { UsageError } from './errors.js';
import { withProgress } from './progress.js';
import { groupThousands } from '../charts/theme.js';

export async function compareCommand(args: RunArgs): Promise<void> {
  if (args.files.length < 2) {
    throw new UsageError(`compare: expected two or more scenario files (the first is the baseline), found ${args.files.length === 0 ? 'none' : `only ${args.files[0]}`}`);
  }
  const preps = prepareComparison(args.files);
  const outDir = args.out ?? defaultOutDir(preps);
  // Refused before simulating, and again by StagedDir when writing.
  const policy = outputPolicy(args, preps);
  checkOutputDir(outDir, policy);
  const run = await withProgress(!args.quiet, `compare ${preps.map((p) => p.loaded.scenario.name).join(' vs ')}`, (onProgress) =>
    runComparison(preps, args.files, { ...simulationOptions(args), onProgress }));
  const { result, summary } = run;
  const flowSteps = result.paths * result.plans.reduce((a, p) => a + p.steps * p.flowIds.length, 0);
  const seeds = [...new Set(preps.map((p) => p.loaded.scenario.seed).filter((s) => s !== undefined))];
  const manifestJson = manifest({ ...result, flowSteps }, {
    seedFrom: args.seed !== undefined ? '--seed' : preps[0]?.loaded.scenario.seed !== undefined ? 'baseline scenario' : 'fresh',
    scenarios: preps.map((p, i) => ({
      name: p.loaded.scenario.name, sha256: p.loaded.sha256, file: args.files[i],
      files: p.loaded.files.map((f) => relative(process.cwd(), f)),
    })),
  });
  const staged = new StagedDir(outDir, policy);
  let reportPath: string | undefined;
  try {
    staged.write('comparison.json', toJson(summary));
    staged.write('comparison.csv', comparisonCsv(summary));
    if (args.charts) reportPath = await writeComparisonOutputs(summary, staged.tmp);
    staged.commit(manifestJson);
  } finally {
    staged.discard();
  }
  const say = humanOutput(args);
  const report = reportPath === undefined ? undefined : join(outDir, relative(staged.tmp, reportPath));
  say(`${compareTable(summary)}\n\n`);
  if (args.seed === undefined && seeds.length > 1) {
    say(`note: the scenarios name different seeds (${seeds.join(', ')}); all were run with the baseline's, ${result.seed}\n`);
  }
  say(`${groupThousands(result.paths)} paths x ${preps.length} scenarios in ${result.wallSeconds.toFixed(2)} s ${whereRun(result.workers)}: ${(flowSteps / result.wallSeconds / 1e6).toFixed(1)}M flow-steps/s\n`);
  say(`output: ${outDir}\n`);
  if (report) say(`report: ${report}\n`);
  if (args.json) printJson(resultDocument('trade-sim/compare-result/v1', compareHeadline(summary), written(outDir, 'comparison.json', report)));
}
