/**
 * The scenario library in scenarios/: which files are scenarios, in what order they are listed,
 * and the headline numbers of a run. Shared by the table generator (scenario-table.ts) and the
 * library's tests (test/scenarios/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import type { Summary } from '../results/summary.js';

/** Years at which the table reports P(target reached by then). */
export const HEADLINE_YEARS = [2028, 2030, 2035] as const;
/** The year whose median annual total the table reports. */
export const MEDIAN_YEAR = 2030;

/** A file in the library: its path and the little the listing needs before loading it. */
export interface LibraryFile {
  /** Path relative to the library folder, with "/" separators ("variants/pk-x.yaml"). */
  relPath: string;
  /** Absolute (or cwd-relative, as given) path. */
  path: string;
  /** The baseline the file is or extends, by statistics: "pk", "kz" or "" when unknown. */
  statistics: string;
  isBaseline: boolean;
}

/** The library's folder of back-test scenarios (as of a past date, for `trade-sim backtest`): not projections, so not in the table. */
export const BACKTEST_FOLDER = 'backtest';

/**
 * YAML files under `dir` (recursively) that are scenarios: history files (a `series` mapping and
 * no `flows`) are skipped, and so is the back-test folder (listBacktestFiles).
 */
export function listScenarioFiles(dir: string): LibraryFile[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!(d === dir && e.name === BACKTEST_FOLDER)) walk(p);
      }
      else if (/\.ya?ml$/.test(e.name) && !isHistoryFile(p)) found.push(p);
    }
  };
  walk(dir);
  const files = found.map((path): LibraryFile => {
    const relPath = relative(dir, path).split('\\').join('/');
    const name = basename(path).replace(/\.ya?ml$/, '');
    const m = /(?:^|-)(pk|kz)(?:-|$)/.exec(name);
    return { relPath, path, statistics: m?.[1] ?? '', isBaseline: !relPath.includes('/') };
  });
  const order = (f: LibraryFile) => [f.statistics === 'pk' ? 0 : f.statistics === 'kz' ? 1 : 2, f.isBaseline ? 0 : 1] as const;
  return files.sort((a, b) => {
    const [sa, ba] = order(a), [sb, bb] = order(b);
    return sa - sb || ba - bb || a.relPath.localeCompare(b.relPath);
  });
}

/** The back-test scenarios of the library (scenarios/backtest/*.yaml), by name. */
export function listBacktestFiles(dir: string): string[] {
  const d = join(dir, BACKTEST_FOLDER);
  return readdirSync(d).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(d, n));
}

function isHistoryFile(path: string): boolean {
  try {
    const data: unknown = parse(readFileSync(path, 'utf8'));
    return typeof data === 'object' && data !== null && 'series' in data && !('flows' in data) && !('extends' in data);
  } catch {
    return false;
  }
}

/** The numbers a row of the table shows. */
export interface Headline {
  name: string;
  title: string;
  question: string;
  /** "FY (Jul-Jun)" or "calendar". */
  yearBasis: string;
  /** P(annual total >= target in that year or before), per HEADLINE_YEARS; null when the year is outside the run. */
  reachedBy: Array<number | null>;
  reachedByStandardError: Array<number | null>;
  /** Median, 5th and 95th percentile of the annual total in MEDIAN_YEAR, USD/yr. */
  median: number | null;
  p05: number | null;
  p95: number | null;
  /** Label of the first whole year ("FY2026-27" or "2026") and the median annual total in it, USD/yr. */
  firstYearLabel: string;
  firstYearMedian: number;
  target: number;
  targetYear: number;
}

export function headline(s: Summary): Headline {
  const at = (year: number) => s.years.indexOf(year);
  const pick = (xs: number[], year: number) => { const i = at(year); return i < 0 ? null : (xs[i] ?? null); };
  return {
    name: s.scenario.name,
    title: s.scenario.title,
    question: s.scenario.question,
    yearBasis: s.scenario.fiscalYearStartMonth === 1 ? 'calendar' : 'FY (Jul-Jun)',
    reachedBy: HEADLINE_YEARS.map((y) => pick(s.target.reachedBy, y)),
    reachedByStandardError: HEADLINE_YEARS.map((y) => pick(s.target.reachedByStandardError, y)),
    median: pick(s.annual.total.p50, MEDIAN_YEAR),
    p05: pick(s.annual.total.p05, MEDIAN_YEAR),
    p95: pick(s.annual.total.p95, MEDIAN_YEAR),
    firstYearLabel: s.yearLabels[0] ?? '',
    firstYearMedian: s.annual.total.p50[0] ?? NaN,
    target: s.target.value,
    targetYear: s.target.year,
  };
}
