/** `trade-sim goal FILE --lever PATH --probability P`: the lever value at which P(reached by a year) is P. */
import { join, relative } from 'node:path';
import { prepareScenario } from '../project.js';
import { CHUNK } from '../engine/kernel/index.js';
import { runGoal } from '../studies/goal/goal.js';
import { LeverError } from '../studies/goal/lever.js';
import { goalFolder, goalTable } from '../studies/goal/write.js';
import { writeGoalOutputs } from '../studies/goal/report.js';
import { checkOutputDir } from '../results/output-dir.js';
import { toJson } from '../results/write.js';
import { runFacts, writeOutputFolder } from './outputs.js';
import { groupThousands } from '../format.js';
import { manifest } from './manifest.js';
import { simulationOptions, type RunArgs } from './args.js';
import { humanOutput, printJson, resultDocument, written } from './json-output.js';
import { outputPolicy } from './out-policy.js';
import { UsageError } from './errors.js';
import { yearProblem } from '../studies/variant.js';
import { queueOf } from './queue-options.js';
import { keptFor } from './kept-runs.js';

export async function goalCommand(args: RunArgs, own: { lever: string | undefined; probability: number | undefined; by: number | undefined; range: [number, number] | undefined }): Promise<void> {
  if (args.files.length !== 1) throw new UsageError(`goal: expected one scenario file, found ${args.files.length === 0 ? 'none' : args.files.join(' ')}`);
  if (!own.lever) throw new UsageError('goal: expected --lever PATH (a field path of the file, e.g. byDirection.PK>KZ.growth), found none');
  if (own.probability === undefined) throw new UsageError('goal: expected --probability P (between 0 and 1), found none');
  const prep = prepareScenario(args.files[0] as string);
  const plan = prep.compiled.plan;
  const badYear = yearProblem(plan.years, own.by, String(own.by));
  if (badYear) throw new UsageError(`--by: ${badYear}`);
  const outDir = args.out ?? join('out', goalFolder(prep.loaded.scenario.name));
  const policy = outputPolicy(args, [prep]);
  checkOutputDir(outDir, policy);
  const queue = queueOf(args);
  const kept = keptFor(outDir, queue !== undefined, args.quiet);
  const started = performance.now();
  let result;
  try {
    result = await runGoal(prep, {
      ...simulationOptions(args), lever: own.lever, probability: own.probability,
      ...(own.by !== undefined ? { by: own.by } : {}), ...(own.range ? { range: own.range } : {}),
      ...(queue ? { backend: queue.backend } : {}), ...kept.options,
    });
  } catch (err) {
    if (err instanceof LeverError) throw new UsageError(err.message);
    throw err;
  }
  const { summary, facts } = result;
  const wallSeconds = (performance.now() - started) / 1000;
  const report = await writeOutputFolder({
    outDir, policy,
    manifest: manifest({ ...facts, wallSeconds, chunkSize: CHUNK, paths: summary.paths, seed: summary.seed }, {
      scenario: { name: summary.scenario.name, sha256: summary.scenario.sha256, files: prep.loaded.files.map((f) => relative(process.cwd(), f)) },
      study: { kind: 'goal', lever: summary.lever, probability: summary.probability, by: summary.by },
      ...queue?.manifest(),
    }),
    files: { 'goal.json': toJson(summary) },
    draw: args.charts ? (dir) => writeGoalOutputs(summary, dir) : undefined,
  });
  kept.completed();
  const say = humanOutput(args);
  say(`${goalTable(summary)}\n\n${runFacts(`${summary.curve.length} evaluations x ${groupThousands(summary.paths)} paths`, { ...facts, wallSeconds }, facts.flowSteps, outDir, report, queue?.where)}\n`);
  if (args.json) {
    const { curve: _curve, format: _format, ...headline } = summary;
    printJson(resultDocument('trade-sim/goal-result/v1', headline, written(outDir, 'goal.json', report)));
  }
}
