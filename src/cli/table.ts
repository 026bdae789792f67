/** The short table a run prints at the end. */
import type { Summary } from '../results/summary.js';
import { formatPercent, formatPercentWithError, formatUsd, groupThousands } from '../format.js';

const pct = (p: number) => formatPercent(p);

export function runTable(s: Summary): string {
  const lines: string[] = [];
  const t = s.target;
  lines.push(`${s.scenario.title} (${s.scenario.name}), ${groupThousands(s.paths)} paths, seed ${s.seed}`);
  lines.push('');
  const k = t.sustainedYears ?? 1;
  lines.push(`P(annual total >= ${formatUsd(t.value)}${k > 1 ? ` in that year and the ${k - 1} before` : ''}), with Monte Carlo standard error`);
  lines.push('  year        in that year          reached by then');
  s.yearLabels.forEach((label, y) => {
    const a = formatPercentWithError(t.probability[y], t.standardError[y]);
    const b = formatPercentWithError(t.reachedBy[y], t.reachedByStandardError[y]);
    lines.push(`  ${label.padEnd(10)}  ${a.padEnd(20)}  ${b}${s.years[y] === t.year ? '   <- target year' : ''}`);
  });
  const median = t.medianFirstYear === null ? 'not within the horizon' : (s.yearLabels[s.years.indexOf(t.medianFirstYear)] ?? String(t.medianFirstYear));
  lines.push(`  first year reached: median ${median}; never within the horizon ${pct(t.firstYear.never)}`);
  lines.push('');
  lines.push('Annual total, USD/yr: median [90% interval]');
  const yi = s.years.indexOf(t.year);
  const rows = new Set([yi, s.years.length - 1].filter((i) => i >= 0));
  for (const y of rows) {
    const a = s.annual.total;
    lines.push(`  ${(s.yearLabels[y] as string).padEnd(10)}  ${formatUsd(a.p50[y] as number)} [${formatUsd(a.p05[y] as number)} - ${formatUsd(a.p95[y] as number)}]   mean ${formatUsd(a.mean[y] as number)}`);
  }
  if (s.warnings.length > 0) {
    lines.push('');
    for (const w of s.warnings) lines.push(`warning: ${w}`);
  }
  return lines.join('\n');
}

/** "in one thread" for a run that used no worker threads, else "on N worker(s)". */
export function whereRun(workers: number): string {
  return workers === 0 ? 'in one thread' : `on ${workers} worker thread${workers === 1 ? '' : 's'}`;
}
