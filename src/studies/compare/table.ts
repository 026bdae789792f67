/** The tables `trade-sim compare` prints: per scenario against the baseline, by year. */
import { targetYearLabel, type ComparisonSummary, type ProbabilityDifference } from './summary.js';
import { formatPercent, formatPoints, formatSignedUsd, formatUsd, groupThousands } from '../../format.js';

const pct = (p: number) => formatPercent(p);
/** Percentage points, signed; without the unit, which the column heads give. */
const pp = (d: number) => formatPoints(d, 2).replace(' pp', '');
const ppSe = (d: number) => formatPoints(d, 2, false).replace(' pp', '');
const usdSe = (v: number) => formatUsd(v);
const usdSigned = formatSignedUsd;
const years = (v: number) => `${v > 0 ? '+' : ''}${v} year${Math.abs(v) === 1 ? '' : 's'}`;

function probabilityCell(d: ProbabilityDifference, y: number): string {
  const a = pct(d.baseline[y] as number), b = pct(d.scenario[y] as number);
  const diff = `${pp(d.difference[y] as number)} ± ${ppSe(d.standardError[y] as number)}`;
  const ci = `[${pp(d.lower95[y] as number)}, ${pp(d.upper95[y] as number)}]`;
  return `${a.padStart(6)} ${b.padStart(6)} ${diff.padStart(14)} ${ci.padEnd(17)}`;
}

export function compareTable(s: ComparisonSummary): string {
  const lines: string[] = [];
  const base = s.scenarios[0];
  if (!base) return '';
  lines.push(`Comparison on common random numbers: ${groupThousands(s.paths)} paths, seed ${s.seed}; target ${formatUsd(s.target.value)} a year in ${targetYearLabel(s)}`);
  s.scenarios.forEach((sc, i) => lines.push(`  ${i === 0 ? 'baseline ' : `vs ${String(i).padEnd(5)}`} ${sc.key}${sc.title !== sc.name ? ` (${sc.title})` : ''}: ${sc.file}`));
  for (const c of s.comparisons) {
    const sc = s.scenarios.find((x) => x.key === c.scenario);
    if (!sc) continue;
    lines.push('');
    lines.push(`B = ${c.scenario} against A = ${c.baseline}: differences B - A on the same paths, ± paired standard error, [95% interval]`);
    const crn = c.commonRandomNumbers;
    const own = [...crn.onlyScenario.map((x) => `+${x}`), ...crn.onlyBaseline.map((x) => `-${x}`)];
    lines.push(`  random components shared: ${crn.shared}${own.length > 0 ? `; not shared: ${own.join(', ')}` : ''}`);
    lines.push(`  ${'year'.padEnd(10)}  ${'P(annual total >= target) in the year'.padEnd(46)}  P(reached by then)`);
    const head = `${'A'.padStart(6)} ${'B'.padStart(6)} ${'B - A (pp)'.padStart(14)} ${'95% interval'.padEnd(17)}`;
    lines.push(`  ${''.padEnd(10)}  ${head}  ${head.trimEnd()}`);
    s.yearLabels.forEach((label, y) => {
      const mark = s.years[y] === s.target.year ? '  <- target year' : '';
      lines.push(`  ${label.padEnd(10)}  ${probabilityCell(c.probability, y)}  ${probabilityCell(c.reachedBy, y).trimEnd()}${mark}`);
    });
    const ti = s.years.indexOf(s.target.year);
    const last = s.years.length - 1;
    const shown = [...new Set([ti, last].filter((i) => i >= 0))];
    const r = c.reachedBy, m = c.annualTotal;
    const ratio = (ind: number, se: number) => (se > 0 ? ` (${((ind / se) ** 2).toFixed(1)}x fewer paths)` : '');
    lines.push(`  paired vs independent-runs standard error: ${shown.map((i) => `P(reached by ${s.yearLabels[i]}) ${ppSe(r.standardError[i] as number)} vs ${ppSe(r.independentStandardError[i] as number)} pp${ratio(r.independentStandardError[i] as number, r.standardError[i] as number)}`).join('; ')}`);
    lines.push(`    mean annual total ${s.yearLabels[last]}: ${usdSe(m.meanDifferenceStandardError[last] as number)} vs ${usdSe(m.independentStandardError[last] as number)}${ratio(m.independentStandardError[last] as number, m.meanDifferenceStandardError[last] as number)}`);
    lines.push('');
    lines.push(`  ${'year'.padEnd(10)}  ${'median: A'.padStart(12)} ${'B'.padStart(8)} ${'B - A'.padStart(8)}   ${'mean B - A ± se'.padStart(18)} ${'95% interval'.padEnd(20)}  B - A per path: median [5% - 95%]`);
    s.yearLabels.forEach((label, y) => {
      const a = base.annualTotal.p50[y] as number, b = sc.annualTotal.p50[y] as number;
      const t = c.annualTotal;
      const mean = `${usdSigned(t.meanDifference[y] as number)} ± ${usdSe(t.meanDifferenceStandardError[y] as number)}`;
      const ci = `[${usdSigned(t.lower95[y] as number)}, ${usdSigned(t.upper95[y] as number)}]`;
      const q = t.pairedDifference;
      const fan = `${usdSigned(q.p50[y] as number)} [${usdSigned(q.p05[y] as number)} - ${usdSigned(q.p95[y] as number)}]`;
      lines.push(`  ${label.padEnd(10)}  ${formatUsd(a).padStart(12)} ${formatUsd(b).padStart(8)} ${usdSigned(b - a).padStart(8)}   ${mean.padStart(18)} ${ci.padEnd(20)}  ${fan}`);
    });
    const f = c.firstYear;
    const med = (v: number | null) => (v === null ? 'not within the horizon' : (s.yearLabels[s.years.indexOf(v)] ?? String(v)));
    const shift = f.medianShift === null ? 'n/a' : f.medianShift === 0 ? 'no shift' : years(f.medianShift);
    lines.push('');
    lines.push(`  first year at the target, median: ${c.baseline} ${med(f.baselineMedian)}, ${c.scenario} ${med(f.scenarioMedian)} (${shift})`);
    lines.push(`  on the same paths, ${c.scenario} reaches it earlier on ${pct(f.earlier)}, in the same year on ${pct(f.same)}, later on ${pct(f.later)} (never within the horizon counts as later than any year)`);
  }
  const warned = s.scenarios.filter((x) => x.warnings.length > 0);
  if (warned.length > 0) {
    lines.push('');
    for (const x of warned) for (const w of x.warnings) lines.push(`warning: ${x.key}: ${w}`);
  }
  return lines.join('\n');
}
