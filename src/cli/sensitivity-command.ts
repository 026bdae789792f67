/** `trade-sim sensitivity FILE`: what drives P(reached by a year): Sobol indices, tornado, rank correlations. */
import { join, relative } from 'node:path';
import { prepareScenario } from '../project.js';
import { runSensitivity, type Method } from '../studies/sensitivity/sensitivity.js';
import { unmatchedPatterns, type InputGroup } from '../studies/sensitivity/inputs.js';
import { sensitivityCsv, sensitivityFolder, sensitivityTable } from '../studies/sensitivity/write.js';
import { writeSensitivityOutputs } from '../studies/sensitivity/report.js';
import { StagedDir, toJson } from '../results/write.js';
import { manifest } from './manifest.js';
import { parseInteger, parseRunArgs, simulationOptions } from './args.js';
import { UsageError } from './errors.js';
import { withProgress } from './progress.js';
import { groupThousands } from '../format.js';

const METHODS: readonly Method[] = ['sobol', 'tornado'];

export function parseGroup(text: string): InputGroup {
  const m = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(text);
  const patterns = m ? (m[2] as string).split(',').map((p) => p.trim()).filter((p) => p.length > 0) : [];
  if (!m || patterns.length === 0) throw new UsageError(`--group: expected NAME=PATTERN[,PATTERN...] (e.g. elasticities=*.elasticity), found "${text}"`);
  return { name: m[1] as string, patterns };
}

export function parseMethods(text: string | undefined): Method[] {
  if (text === undefined) return [...METHODS];
  const ms = text.split(',').map((m) => m.trim());
  const bad = ms.filter((m) => !(METHODS as readonly string[]).includes(m));
  if (bad.length > 0 || ms.length === 0) throw new UsageError(`--method: expected sobol, tornado or both (sobol,tornado), found "${text}"`);
  return [...new Set(ms)] as Method[];
}

export async function sensitivityCommand(argv: string[]): Promise<void> {
  const args = parseRunArgs(argv, 'sensitivity', { by: { type: 'string' }, method: { type: 'string' }, group: { type: 'string', multiple: true } });
  if (args.files.length !== 1) throw new UsageError(`sensitivity: expected one scenario file, found ${args.files.length === 0 ? 'none' : args.files.join(' ')}`);
  if (args.strict) throw new UsageError('sensitivity: --strict belongs to "validate"');
  const groups = ((args.extra.group as string[] | undefined) ?? []).map(parseGroup);
  const methods = parseMethods(args.extra.method as string | undefined);
  const prep = prepareScenario(args.files[0] as string);
  const plan = prep.compiled.plan;
  const by = parseInteger('by', args.extra.by as string | undefined, 0, 9999);
  if (by !== undefined && !plan.years.includes(by)) {
    throw new UsageError(`--by: expected a year of the scenario, ${plan.years[0]} to ${plan.years[plan.years.length - 1]}, found ${by}`);
  }
  const unmatched = unmatchedPatterns(plan, groups);
  if (unmatched.length > 0) throw new UsageError(`--group: expected patterns that match inputs of ${args.files[0]}, found ${unmatched.map((p) => `"${p}"`).join(', ')}, which match none`);
  const started = performance.now();
  const { summary, facts } = await withProgress(!args.quiet, `sensitivity ${prep.loaded.scenario.name}`, (onProgress) =>
    runSensitivity(prep, { ...simulationOptions(args), methods, groups, ...(by !== undefined ? { by } : {}), onProgress }));
  const wallSeconds = (performance.now() - started) / 1000;
  const outDir = args.out ?? join('out', sensitivityFolder(summary.scenario.name));
  const manifestJson = manifest({ ...facts, chunkSize: summary.chunkSize, paths: summary.paths, seed: summary.seed, wallSeconds }, {
    scenario: { name: summary.scenario.name, sha256: summary.scenario.sha256, files: prep.loaded.files.map((f) => relative(process.cwd(), f)) },
    study: 'sensitivity',
  });
  const staged = new StagedDir(outDir);
  let reportPath: string | undefined;
  try {
    staged.write('sensitivity.json', toJson(summary));
    staged.write('sensitivity.csv', sensitivityCsv(summary));
    if (args.charts) reportPath = await writeSensitivityOutputs(summary, staged.tmp);
    staged.write('manifest.json', toJson(manifestJson));
    staged.commit();
  } finally {
    staged.discard();
  }
  if (!args.quiet) {
    process.stdout.write(`${sensitivityTable(summary)}\n\n`);
    process.stdout.write(`${groupThousands(summary.paths)} paths, ${summary.inputs.length} inputs (${methods.join(', ')}) in ${wallSeconds.toFixed(1)} s\n`);
    process.stdout.write(`output: ${outDir}\n`);
    if (reportPath) process.stdout.write(`report: ${join(outDir, relative(staged.tmp, reportPath))}\n`);
  }
}
