/** `trade-sim sensitivity FILE`: what drives P(reached by a year): Sobol indices, tornado, rank correlations. */
import { join, relative } from 'node:path';
import { prepareScenario } from '../project.js';
import { runSensitivity, type Method } from '../studies/sensitivity/sensitivity.js';
import { fileGroups, groupsProblem, type InputGroup } from '../studies/sensitivity/inputs.js';
import { rankedInputs, sensitivityCsv, sensitivityFolder, sensitivityTable } from '../studies/sensitivity/write.js';
import { writeSensitivityOutputs } from '../studies/sensitivity/report.js';
import { checkOutputDir } from '../results/output-dir.js';
import { toJson } from '../results/write.js';
import { runFacts, writeOutputFolder } from './outputs.js';
import { manifest } from './manifest.js';
import { simulationOptions, type RunArgs } from './args.js';
import { humanOutput, printJson, resultDocument, written } from './json-output.js';
import { outputPolicy } from './out-policy.js';
import { UsageError } from './errors.js';
import { yearProblem } from '../studies/variant.js';
import { ScenarioError } from '../scenario/issues.js';
import { withProgress } from './progress.js';
import { groupThousands } from '../format.js';
import { queueOf } from './queue-options.js';
import { keptFor } from './kept-runs.js';

const METHODS: readonly Method[] = ['sobol', 'tornado'];

/** `NAME=PATTERN[,PATTERN...]`, several separated by ";". */
export function parseGroups(text: string | undefined): InputGroup[] {
  if (text === undefined) return [];
  return text.split(';').map((t) => t.trim()).filter((t) => t.length > 0).map((t) => {
    const m = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(t);
    const patterns = m ? (m[2] as string).split(',').map((p) => p.trim()).filter((p) => p.length > 0) : [];
    if (!m || patterns.length === 0) throw new UsageError(`--group: expected NAME=PATTERN[,PATTERN...] (e.g. elasticities=*.elasticity), found "${t}"`);
    return { name: m[1] as string, patterns };
  });
}

export function parseMethods(text: string | undefined): Method[] {
  if (text === undefined) return [...METHODS];
  const ms = text.split(',').map((m) => m.trim());
  if (ms.some((m) => !(METHODS as readonly string[]).includes(m))) throw new UsageError(`--method: expected sobol, tornado or both (sobol,tornado), found "${text}"`);
  return [...new Set(ms)] as Method[];
}

export async function sensitivityCommand(args: RunArgs, own: { by: number | undefined; method: string | undefined; group: string | undefined }): Promise<void> {
  if (args.files.length !== 1) throw new UsageError(`sensitivity: expected one scenario file, found ${args.files.length === 0 ? 'none' : args.files.join(' ')}`);
  const methods = parseMethods(own.method);
  const prep = prepareScenario(args.files[0] as string);
  const plan = prep.compiled.plan;
  // --group replaces the file's `sensitivity.groups`.
  const groups = own.group !== undefined ? parseGroups(own.group) : fileGroups(prep.loaded);
  const badYear = yearProblem(plan.years, own.by, String(own.by));
  if (badYear) throw new UsageError(`--by: ${badYear}`);
  // A problem of the file's groups is the file's, at its line; one of --group is the option's.
  const problem = groupsProblem(plan, groups, args.files[0] as string);
  if (problem && own.group !== undefined) throw new UsageError(`--group: ${problem.message}`);
  if (problem) throw new ScenarioError([prep.loaded.locator.issue({ path: ['sensitivity', 'groups', ...problem.path], message: problem.message })]);
  const outDir = args.out ?? join('out', sensitivityFolder(prep.loaded.scenario.name));
  const policy = outputPolicy(args, [prep]);
  checkOutputDir(outDir, policy);
  const queue = queueOf(args);
  const kept = keptFor(outDir, queue !== undefined, args.quiet);
  const started = performance.now();
  const { summary, facts } = await withProgress(!args.quiet, `sensitivity ${prep.loaded.scenario.name}`, (onProgress) =>
    runSensitivity(prep, { ...simulationOptions(args), methods, groups, ...(own.by !== undefined ? { by: own.by } : {}), ...(queue ? { backend: queue.backend } : {}), ...kept.options, onProgress }));
  const wallSeconds = (performance.now() - started) / 1000;
  const run = { ...facts, wallSeconds, chunkSize: summary.chunkSize, paths: summary.paths, seed: summary.seed };
  const report = await writeOutputFolder({
    outDir, policy,
    manifest: manifest(run, {
      scenario: { name: summary.scenario.name, sha256: summary.scenario.sha256, files: prep.loaded.files.map((f) => relative(process.cwd(), f)) },
      study: { kind: 'sensitivity', by: summary.by, methods: summary.methods, inputs: summary.inputs.length },
      ...queue?.manifest(),
    }),
    files: { 'sensitivity.json': toJson(summary), 'sensitivity.csv': sensitivityCsv(summary) },
    draw: args.charts ? (dir) => writeSensitivityOutputs(summary, dir) : undefined,
  });
  kept.completed();
  const say = humanOutput(args);
  say(`${sensitivityTable(summary)}\n\n`);
  say(`${runFacts(`${groupThousands(summary.paths)} paths, ${summary.inputs.length} inputs (${methods.join(', ')})`, run, facts.flowSteps, outDir, report, queue?.where)}\n`);
  if (args.json) {
    printJson(resultDocument('trade-sim/sensitivity-result/v1', {
      scenario: summary.scenario, paths: summary.paths, seed: summary.seed, by: summary.by, target: summary.target,
      reached: summary.output.reached?.mean ?? null,
      inputs: rankedInputs(summary).map((i) => ({ name: i.name, reached: i.reached })),
    }, written(outDir, 'sensitivity.json', report)));
  }
}
