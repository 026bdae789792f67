/**
 * The comparison study: scenario files -> prepared and checked -> simulated on common random
 * numbers (the driver with the paired kind) -> ComparisonSummary. Nothing here prints or exits.
 */
import { createHash } from 'node:crypto';
import { freshSeed, prepareScenario, type Prepared } from '../../project.js';
import { ScenarioError, type ScenarioIssue } from '../../scenario/issues.js';
import { checkComparable } from './check.js';
import { drive, type DriveResult, type PrecisionRule } from '../../engine/driver.js';
import { paired, type ComparePartial, type CompareTotals } from '../../engine/kinds/paired.js';
import type { Plan } from '../../scenario/plan.js';
import { cautiousPairedSe } from '../../results/statistics.js';
import { MAX_FOLDER_NAME } from '../../results/output-dir.js';
import { pathsOrPrecision, driveSettings, type RunScenarioOptions } from '../run/run.js';
import { reachedJointly, summariseComparison, type ComparisonSummary } from './summary.js';

/**
 * Reads, validates and compiles every file, then checks that they can be compared. Throws one
 * ScenarioError with every problem of every file (unreadable files included).
 */
export function prepareComparison(files: string[], cwd = process.cwd()): Prepared[] {
  const preps: Prepared[] = [];
  const issues: ScenarioIssue[] = [];
  for (const f of files) {
    try {
      preps.push(prepareScenario(f, cwd));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  checkComparable(preps, files);
  return preps;
}

export type CompareRunResult = DriveResult<ComparePartial, keyof CompareTotals>;

/** Options of a comparison: those of a run; `precision` bounds each scenario's paired standard error of the difference in P(reached by the target year). */
export type CompareOptions = RunScenarioOptions;

/** The seed: given, else the baseline's `seed`, else a fresh one (recorded in the output). */
export function comparisonSeed(preps: Prepared[], seed: number | undefined): number {
  return seed ?? preps[0]?.loaded.scenario.seed ?? freshSeed();
}

export async function runComparison(preps: Prepared[], files: string[], opts: CompareOptions = {}): Promise<{ result: CompareRunResult; summary: ComparisonSummary }> {
  const plans = preps.map((p) => p.compiled.plan);
  const { paths, precision } = pathsOrPrecision(opts);
  const result: CompareRunResult = await drive(paired, plans, {
    paths,
    seed: comparisonSeed(preps, opts.seed),
    ...driveSettings(opts),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  }, precision === undefined ? undefined : pairedReachedByPrecision(plans, precision));
  return { result, summary: summariseComparison(result, preps, files) };
}

/**
 * The stopping rule of a comparison: the largest, over the scenarios after the first, of the
 * paired standard error of the difference in P(reached by the target year) against the first.
 */
export function pairedReachedByPrecision(plans: Plan[], standardError: number): PrecisionRule<ComparePartial> {
  const Y = plans[0]?.years.length ?? 0;
  const yi = plans[0]?.target.yearIndex ?? 0;
  return {
    standardError,
    of: (p) => {
      let se = 0;
      for (let c = 0; c + 1 < plans.length; c++) {
        const { a10, a01 } = reachedJointly(p.firstJoint, c, Y, yi);
        se = Math.max(se, cautiousPairedSe(p.paths, a10, a01));
      }
      return se;
    },
  };
}

/** The default output folder: out/ and compareFolderName. */
export function defaultOutDir(preps: Prepared[]): string {
  return `out/${compareFolderName(preps.map((p) => p.loaded.scenario.name))}`;
}

/**
 * compare-<A>-vs-<B>[-vs-<C>...]; when that is longer than an output folder's name may be, as many
 * of the first names as fit, then -and-<N>-more-<hash>: N the names left out, hash the first 8 hex
 * digits of the sha256 of every name, one per line, so that two lists differing only in the names
 * left out have different folders. A name is at most 100 characters, so the first always fits.
 */
export function compareFolderName(names: readonly string[]): string {
  const full = `compare-${names.join('-vs-')}`;
  if (full.length <= MAX_FOLDER_NAME) return full;
  const hash = createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 8);
  for (let kept = names.length - 1; ; kept--) {
    const name = `compare-${names.slice(0, kept).join('-vs-')}-and-${names.length - kept}-more-${hash}`;
    if (name.length <= MAX_FOLDER_NAME || kept <= 1) return name;
  }
}
