/**
 * The comparison study: scenario files -> prepared and checked -> simulated on common random
 * numbers (the driver with the paired kind) -> ComparisonSummary. Nothing here prints or exits.
 */
import { DEFAULT_PATHS, freshSeed, prepareScenario, type Prepared } from '../../project.js';
import { ScenarioError, type ScenarioIssue } from '../../scenario/issues.js';
import { checkComparable } from './check.js';
import { drive, type DriveResult } from '../../engine/driver.js';
import { paired, type ComparePartial, type CompareTotals } from '../../engine/kinds/paired.js';
import { summariseComparison, type ComparisonSummary } from './summary.js';

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

export interface CompareOptions {
  paths?: number;
  seed?: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The seed: given, else the baseline's `seed`, else a fresh one (recorded in the output). */
export function comparisonSeed(preps: Prepared[], seed: number | undefined): number {
  return seed ?? preps[0]?.loaded.scenario.seed ?? freshSeed();
}

export async function runComparison(preps: Prepared[], files: string[], opts: CompareOptions = {}): Promise<{ result: CompareRunResult; summary: ComparisonSummary }> {
  const result: CompareRunResult = await drive(paired, preps.map((p) => p.compiled.plan), {
    paths: opts.paths ?? DEFAULT_PATHS,
    seed: comparisonSeed(preps, opts.seed),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return { result, summary: summariseComparison(result, preps, files) };
}

/** The default output folder: out/compare-<A>-vs-<B>[-vs-<C>...]. */
export function defaultOutDir(preps: Prepared[]): string {
  return `out/compare-${preps.map((p) => p.loaded.scenario.name).join('-vs-')}`;
}
