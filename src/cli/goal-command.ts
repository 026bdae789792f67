/** `trade-sim goal FILE --lever PATH --probability P`: the lever value at which P(reached by a year) is P. */
import { join, relative } from 'node:path';
import { prepareScenario } from '../project.js';
import { CHUNK } from '../engine/kernel.js';
import { runGoal } from '../studies/goal/goal.js';
import { LeverError } from '../studies/goal/lever.js';
import { goalTable } from '../studies/goal/write.js';
import { StagedDir, toJson } from '../results/write.js';
import { manifest } from './manifest.js';
import { parseInteger, parseRunArgs, simulationOptions } from './args.js';
import { UsageError } from './errors.js';

export function parseRange(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(-?[\d.]+(?:e-?\d+)?)\s*\.\.\s*(-?[\d.]+(?:e-?\d+)?)\s*$/i.exec(text);
  const lo = m ? Number(m[1]) : NaN, hi = m ? Number(m[2]) : NaN;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) throw new UsageError(`--range: expected LO..HI with LO < HI (e.g. 0..0.6), found "${text}"`);
  return [lo, hi];
}

export async function goalCommand(argv: string[]): Promise<void> {
  const args = parseRunArgs(argv, 'goal', { lever: { type: 'string' }, probability: { type: 'string' }, by: { type: 'string' }, range: { type: 'string' } });
  if (args.files.length !== 1) throw new UsageError(`goal: expected one scenario file, found ${args.files.length === 0 ? 'none' : args.files.join(' ')}`);
  if (args.strict) throw new UsageError('goal: --strict belongs to "validate"');
  const lever = args.extra.lever as string | undefined;
  if (!lever) throw new UsageError('goal: expected --lever PATH (a field path of the file, e.g. byDirection.PK>KZ.growth), found none');
  const ptext = args.extra.probability as string | undefined;
  const probability = ptext === undefined ? NaN : Number(ptext);
  if (!(probability > 0 && probability < 1)) throw new UsageError(`--probability: expected a number between 0 and 1 (exclusive), found ${ptext === undefined ? 'none' : `"${ptext}"`}`);
  const range = parseRange(args.extra.range as string | undefined);
  const prep = prepareScenario(args.files[0] as string);
  const plan = prep.compiled.plan;
  const by = parseInteger('by', args.extra.by as string | undefined, 0, 9999);
  if (by !== undefined && !plan.years.includes(by)) {
    throw new UsageError(`--by: expected a year of the scenario, ${plan.years[0]} to ${plan.years[plan.years.length - 1]}, found ${by}`);
  }
  const started = performance.now();
  let run;
  try {
    run = await runGoal(prep, { ...simulationOptions(args), lever, probability, ...(by !== undefined ? { by } : {}), ...(range ? { range } : {}) });
  } catch (err) {
    if (err instanceof LeverError) throw new UsageError(err.message);
    throw err;
  }
  const { summary, facts } = run;
  const wallSeconds = (performance.now() - started) / 1000;
  const outDir = args.out ?? join('out', `${summary.scenario.name}-goal`);
  const staged = new StagedDir(outDir);
  try {
    staged.write('goal.json', toJson(summary));
    staged.write('manifest.json', toJson(manifest({ ...facts, chunkSize: CHUNK, paths: summary.paths, seed: summary.seed, wallSeconds }, {
      scenario: { name: summary.scenario.name, sha256: summary.scenario.sha256, files: prep.loaded.files.map((f) => relative(process.cwd(), f)) },
      study: 'goal',
    })));
    staged.commit();
  } finally {
    staged.discard();
  }
  if (!args.quiet) {
    process.stdout.write(`${goalTable(summary)}\n${summary.curve.length} evaluations in ${wallSeconds.toFixed(1)} s\noutput: ${outDir}\n`);
  }
}
