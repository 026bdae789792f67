/**
 * `--json`: the headline result of a command as one JSON document on stdout, and nothing else
 * there; the human-readable lines go to stderr instead. A command that prints a result (run,
 * compare; sensitivity, goal and backtest to come) does:
 *
 *   const say = humanOutput(args);          // say(text) instead of process.stdout.write
 *   ...
 *   if (args.json) printJson(resultDocument('trade-sim/<command>-result/v1', headline, where));
 *
 * Money in USD per year and probabilities as fractions, per year in the order of `years`, as in
 * the output folder's own JSON, whose figures these are (copied, not recomputed).
 */
import { join, resolve } from 'node:path';
import type { ComparisonSummary } from '../studies/compare/summary.js';
import type { Summary } from '../results/summary.js';

/** Where the command wrote: the folder, its main JSON file and its report (absolute paths). */
export interface Written {
  output: string;
  /** The folder's main JSON file (summary.json, comparison.json). */
  result: string;
  /** report.html, or null with --no-charts. */
  report: string | null;
}

export function written(outDir: string, resultFile: string, reportPath: string | undefined): Written {
  return { output: resolve(outDir), result: resolve(join(outDir, resultFile)), report: reportPath === undefined ? null : resolve(reportPath) };
}

/** Writes to stdout, or to stderr under --json, or nowhere under --quiet. */
export function humanOutput(args: { json: boolean; quiet: boolean }): (text: string) => void {
  if (args.quiet) return () => {};
  const stream = args.json ? process.stderr : process.stdout;
  return (text) => { stream.write(text); };
}

export function printJson(doc: unknown): void {
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

/** The document: its format, the headline, then where the full result is. */
export function resultDocument<T extends object>(format: string, headline: T, where: Written): { format: string } & T & Written {
  return { format, ...headline, ...where };
}

/** The numbers `trade-sim run` prints at the end, for every year, and what identifies the run. */
export function runHeadline(s: Summary, file: string) {
  const t = s.target;
  const a = s.annual.total;
  return {
    scenario: { name: s.scenario.name, title: s.scenario.title, file, sha256: s.scenario.sha256 },
    paths: s.paths,
    seed: s.seed,
    years: s.years,
    yearLabels: s.yearLabels,
    target: {
      value: t.value, year: t.year,
      probability: t.probability, standardError: t.standardError,
      reachedBy: t.reachedBy, reachedByStandardError: t.reachedByStandardError,
      medianFirstYear: t.medianFirstYear, neverReached: t.firstYear.never,
    },
    annualTotal: { mean: a.mean, p05: a.p05, p50: a.p50, p95: a.p95 },
    warnings: s.warnings,
  };
}

/** The numbers `trade-sim compare` prints, for every year, and what identifies each scenario. */
export function compareHeadline(s: ComparisonSummary) {
  return {
    paths: s.paths,
    seed: s.seed,
    years: s.years,
    yearLabels: s.yearLabels,
    target: s.target,
    scenarios: s.scenarios.map((x) => ({
      key: x.key, name: x.name, title: x.title, file: x.file, sha256: x.sha256,
      annualTotalMedian: x.annualTotal.p50,
      medianFirstYear: x.target.medianFirstYear,
      warnings: x.warnings,
    })),
    comparisons: s.comparisons.map((c) => {
      const p = (d: typeof c.probability) => ({
        baseline: d.baseline, scenario: d.scenario, difference: d.difference, standardError: d.standardError,
        lower95: d.lower95, upper95: d.upper95, independentStandardError: d.independentStandardError,
      });
      const t = c.annualTotal;
      return {
        scenario: c.scenario, baseline: c.baseline,
        probability: p(c.probability),
        reachedBy: p(c.reachedBy),
        annualTotal: {
          medianDifference: t.medianDifference, meanDifference: t.meanDifference,
          meanDifferenceStandardError: t.meanDifferenceStandardError, lower95: t.lower95, upper95: t.upper95,
          independentStandardError: t.independentStandardError,
          pairedDifference: { p05: t.pairedDifference.p05, p50: t.pairedDifference.p50, p95: t.pairedDifference.p95 },
        },
        firstYear: c.firstYear,
      };
    }),
  };
}
