/** `trade-sim backtest FILE`: the scenario as of one or more origins, scored against what happened. */
import { join, relative } from 'node:path';
import { prepareScenario, readScenarioHistory } from '../project.js';
import { ScenarioError } from '../scenario/issues.js';
import { runBacktest } from '../studies/backtest/backtest.js';
import { OriginError } from '../studies/backtest/origin.js';
import { backtestCsv, backtestFolder, backtestTable } from '../studies/backtest/write.js';
import { writeBacktestOutputs } from '../studies/backtest/report.js';
import { checkOutputDir } from '../results/output-dir.js';
import { toJson } from '../results/write.js';
import { runFacts, writeOutputFolder } from './outputs.js';
import { manifest } from './manifest.js';
import { simulationOptions, type RunArgs } from './args.js';
import { humanOutput, printJson, resultDocument, written } from './json-output.js';
import { outputPolicy } from './out-policy.js';
import { UsageError } from './errors.js';
import { withProgress } from './progress.js';
import { keptFor } from './kept-runs.js';
import { groupThousands } from '../format.js';

export async function backtestCommand(args: RunArgs, own: { origins: number[] | undefined; single: boolean }): Promise<void> {
  if (args.files.length !== 1) throw new UsageError(`backtest: expected one scenario file, found ${args.files.length === 0 ? 'none' : args.files.join(' ')}`);
  if (args.precision !== undefined) throw new UsageError('backtest: --precision is not taken (each origin is scored on the paths given by --paths)');
  const prep = prepareScenario(args.files[0] as string);
  const s = prep.loaded.scenario;
  if (!s.history) {
    throw new ScenarioError([prep.loaded.locator.issue({ path: ['history'], message: 'expected "history", the file of observations to score against (e.g. history.yaml), found none' })]);
  }
  const history = readScenarioHistory(prep.loaded, s.history);
  const outDir = args.out ?? join('out', backtestFolder(s.name));
  const policy = outputPolicy(args, [prep]);
  checkOutputDir(outDir, policy);
  const kept = keptFor(outDir, false, args.quiet);
  const started = performance.now();
  let result;
  try {
    result = await withProgress(!args.quiet, `backtest ${s.name}`, (onProgress) =>
      runBacktest(prep, history, own.origins, { ...simulationOptions(args), strict: own.single, ...kept.options, onProgress }));
  } catch (err) {
    if (err instanceof OriginError) throw new UsageError(`${args.files[0]}: ${err.message}`);
    throw err;
  }
  const { summary, facts } = result;
  const wallSeconds = (performance.now() - started) / 1000;
  const run = { ...facts, wallSeconds, chunkSize: summary.chunkSize, paths: summary.paths, seed: summary.seed };
  const report = await writeOutputFolder({
    outDir, policy,
    manifest: manifest(run, {
      scenario: { name: s.name, sha256: prep.loaded.sha256, files: prep.loaded.files.map((f) => relative(process.cwd(), f)) },
      study: { kind: 'backtest', origins: summary.origins.map((o) => o.origin), skipped: summary.skipped.map((k) => k.origin), history: summary.history },
    }),
    files: { 'backtest.json': toJson(summary), 'backtest.csv': backtestCsv(summary) },
    draw: args.charts ? (dir) => writeBacktestOutputs(summary, dir) : undefined,
  });
  kept.completed();
  const say = humanOutput(args);
  say(`${backtestTable(summary)}\n\n`);
  say(`${runFacts(`${summary.origins.length} origin${summary.origins.length === 1 ? '' : 's'} x ${groupThousands(summary.paths)} paths`, run, facts.flowSteps, outDir, report)}\n`);
  if (args.json) {
    printJson(resultDocument('trade-sim/backtest-result/v1', {
      scenario: summary.scenario, paths: summary.paths, seed: summary.seed,
      origins: summary.origins.map((o) => o.origin), skipped: summary.skipped,
      scored: summary.aggregate.all[0]?.count ?? 0,
      aggregate: summary.aggregate.all.map((a) => ({ forecaster: a.forecaster, count: a.count, meanCrps: a.meanCrps, meanLogScore: a.meanLogScore, coverage: a.coverage })),
    }, written(outDir, 'backtest.json', report)));
  }
}
