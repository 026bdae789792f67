/** comparison.csv: long format for spreadsheets, one number a row. */
import type { ComparisonSummary, ProbabilityDifference } from './summary.js';
import { QUANTILE_KEYS } from '../../results/summary.js';

const csvCell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Columns: scenario, baseline, year, statistic, value. Rows with an empty baseline describe one
 * scenario; rows with a baseline describe the paired difference scenario - baseline. Year is
 * empty for statistics of the whole horizon (first year at the target).
 */
export function comparisonCsv(s: ComparisonSummary): string {
  const rows: Array<Array<string | number | null>> = [['scenario', 'baseline', 'year', 'statistic', 'value']];
  for (const sc of s.scenarios) {
    s.years.forEach((year, y) => {
      const t = sc.annualTotal;
      rows.push([sc.key, '', year, 'mean', t.mean[y] as number]);
      rows.push([sc.key, '', year, 'mean_se', t.meanStandardError[y] as number]);
      for (const q of QUANTILE_KEYS) rows.push([sc.key, '', year, q, t[q][y] as number]);
      rows.push([sc.key, '', year, 'p_ge_target', sc.target.probability[y] as number]);
      rows.push([sc.key, '', year, 'p_ge_target_se', sc.target.standardError[y] as number]);
      rows.push([sc.key, '', year, 'p_reached_by', sc.target.reachedBy[y] as number]);
      rows.push([sc.key, '', year, 'p_reached_by_se', sc.target.reachedByStandardError[y] as number]);
      rows.push([sc.key, '', year, 'p_first_year', sc.target.firstYear.probability[y] as number]);
    });
    rows.push([sc.key, '', '', 'p_never', sc.target.firstYear.never]);
    rows.push([sc.key, '', '', 'median_first_year', sc.target.medianFirstYear]);
  }
  for (const c of s.comparisons) {
    const add = (year: number | string, stat: string, v: number | null) => rows.push([c.scenario, c.baseline, year, stat, v]);
    const prob = (prefix: string, d: ProbabilityDifference) => s.years.forEach((year, y) => {
      add(year, `diff_${prefix}`, d.difference[y] as number);
      add(year, `diff_${prefix}_se`, d.standardError[y] as number);
      add(year, `diff_${prefix}_lo95`, d.lower95[y] as number);
      add(year, `diff_${prefix}_hi95`, d.upper95[y] as number);
      add(year, `diff_${prefix}_independent_se`, d.independentStandardError[y] as number);
    });
    prob('p_ge_target', c.probability);
    prob('p_reached_by', c.reachedBy);
    s.years.forEach((year, y) => {
      const t = c.annualTotal;
      add(year, 'diff_median', t.medianDifference[y] as number);
      add(year, 'diff_mean', t.meanDifference[y] as number);
      add(year, 'diff_mean_se', t.meanDifferenceStandardError[y] as number);
      add(year, 'diff_mean_lo95', t.lower95[y] as number);
      add(year, 'diff_mean_hi95', t.upper95[y] as number);
      add(year, 'diff_mean_independent_se', t.independentStandardError[y] as number);
      for (const q of QUANTILE_KEYS) add(year, `paired_diff_${q}`, t.pairedDifference[q][y] as number);
      add(year, 'share_higher', t.shareHigher[y] as number);
      add(year, 'share_lower', t.shareLower[y] as number);
    });
    add('', 'median_first_year_shift', c.firstYear.medianShift);
    add('', 'share_reached_earlier', c.firstYear.earlier);
    add('', 'share_reached_same_year', c.firstYear.same);
    add('', 'share_reached_later', c.firstYear.later);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
