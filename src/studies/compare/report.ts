/**
 * The comparison's charts (charts/NAME.vl.json, .svg, .png: charts/write.ts) and its report.html
 * (a page of charts/page.ts). All text from the scenarios is escaped.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { card, escapeHtml, pageHtml, section, warningsList } from '../../charts/page.js';
import type { WrittenChart } from '../../charts/specs.js';
import { writeChartFiles } from '../../charts/write.js';
import { formatPercent, formatPoints, formatSignedUsd, formatUsd, groupThousands } from '../../format.js';
import { comparisonCharts, type ComparisonChart } from './charts.js';
import { targetYearLabel, type Comparison, type ComparisonSummary } from './summary.js';

const pct = (p: number | undefined) => formatPercent(p);
const pts = (d: number | undefined) => formatPoints(d);
const seText = (d: number | undefined) => formatPoints(d, 2, false);

function headline(s: ComparisonSummary, c: Comparison): string {
  const ti = s.years.indexOf(s.target.year);
  const yl = s.yearLabels[ti] ?? String(s.target.year);
  const cards: string[] = [];
  if (ti >= 0) {
    const r = c.reachedBy, p = c.probability;
    cards.push(card(
      `Change in P(target reached by ${yl})`,
      `${pts(r.difference[ti])} ± ${seText(r.standardError[ti])}`,
      `${pct(r.baseline[ti])} → ${pct(r.scenario[ti])}. 95% interval ${pts(r.lower95[ti])} to ${pts(r.upper95[ti])}; ± one paired standard error (two independent runs: ${seText(r.independentStandardError[ti])}).`,
    ));
    cards.push(card(
      `Change in P(annual total ≥ target in ${yl})`,
      `${pts(p.difference[ti])} ± ${seText(p.standardError[ti])}`,
      `${pct(p.baseline[ti])} → ${pct(p.scenario[ti])}. 95% interval ${pts(p.lower95[ti])} to ${pts(p.upper95[ti])}.`,
    ));
    const t = c.annualTotal;
    cards.push(card(
      `Change in the mean annual total, ${yl}`,
      `${formatSignedUsd(t.meanDifference[ti] as number)}`,
      `± ${formatUsd(t.meanDifferenceStandardError[ti] as number, 2)} (paired s.e.); 95% interval ${formatSignedUsd(t.lower95[ti] as number)} to ${formatSignedUsd(t.upper95[ti] as number)}. Change in the median: ${formatSignedUsd(t.medianDifference[ti] as number)}.`,
    ));
  }
  const f = c.firstYear;
  const med = (v: number | null) => (v === null ? 'not within the horizon' : String(v));
  cards.push(card(
    'Shift in the median first year at target',
    f.medianShift === null ? 'n/a' : f.medianShift === 0 ? 'none' : `${f.medianShift > 0 ? '+' : '−'}${Math.abs(f.medianShift)} year${Math.abs(f.medianShift) === 1 ? '' : 's'}`,
    `Median first year: ${med(f.baselineMedian)} → ${med(f.scenarioMedian)}. On the same paths, earlier on ${pct(f.earlier)}, same year on ${pct(f.same)}, later on ${pct(f.later)}.`,
  ));
  return `<div class="cards">${cards.join('\n')}</div>`;
}

function yearTable(s: ComparisonSummary, c: Comparison): string {
  const base = s.scenarios.find((x) => x.key === c.baseline);
  const sc = s.scenarios.find((x) => x.key === c.scenario);
  if (!base || !sc) return '';
  const rows = s.yearLabels.map((label, y) => {
    const r = c.reachedBy, p = c.probability, t = c.annualTotal;
    const cells = [
      label,
      `${pct(p.baseline[y])} → ${pct(p.scenario[y])}`,
      `${pts(p.difference[y])} ± ${seText(p.standardError[y])}`,
      `${pts(p.lower95[y])} to ${pts(p.upper95[y])}`,
      `${pct(r.baseline[y])} → ${pct(r.scenario[y])}`,
      `${pts(r.difference[y])} ± ${seText(r.standardError[y])}`,
      `${pts(r.lower95[y])} to ${pts(r.upper95[y])}`,
      `${formatUsd(base.annualTotal.p50[y] as number)} → ${formatUsd(sc.annualTotal.p50[y] as number)}`,
      `${formatSignedUsd(t.meanDifference[y] as number)} ± ${formatUsd(t.meanDifferenceStandardError[y] as number, 2)}`,
    ];
    const mark = s.years[y] === s.target.year ? ' class="target"' : '';
    return `<tr${mark}>${cells.map((x) => `<td>${escapeHtml(x)}</td>`).join('')}</tr>`;
  });
  return `<table class="years"><thead><tr><th scope="col">Year</th><th scope="col">P(≥ target in year)</th><th scope="col">Difference ± s.e.</th><th scope="col">95% interval</th><th scope="col">P(reached by)</th><th scope="col">Difference ± s.e.</th><th scope="col">95% interval</th><th scope="col">Median total</th><th scope="col">Mean difference ± s.e.</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function scenarioFacts(s: ComparisonSummary): string {
  const rows = s.scenarios.map((sc, i) => `<tr><td>${i === 0 ? 'baseline' : `scenario ${i}`}</td><td><strong>${escapeHtml(sc.key)}</strong>${sc.title !== sc.name ? `<br>${escapeHtml(sc.title)}` : ''}</td><td><code>${escapeHtml(sc.file)}</code></td><td><code>${escapeHtml(sc.sha256.slice(0, 16))}</code></td></tr>`);
  return `<table class="facts"><thead><tr><th scope="col">Role</th><th scope="col">Scenario</th><th scope="col">File</th><th scope="col">Hash (SHA-256)</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>
<p>Target ${escapeHtml(formatUsd(s.target.value))} a year in ${escapeHtml(targetYearLabel(s))}; years ${escapeHtml(s.yearLabels[0] ?? '')} – ${escapeHtml(s.yearLabels[s.yearLabels.length - 1] ?? '')}; ${escapeHtml(groupThousands(s.paths))} simulated paths per scenario; seed ${escapeHtml(s.seed)}.</p>`;
}

function crnNote(c: Comparison): string {
  const x = c.commonRandomNumbers;
  const own = [...x.onlyScenario.map((n) => `${n} (only in ${c.scenario})`), ...x.onlyBaseline.map((n) => `${n} (only in ${c.baseline})`)];
  return `<p class="crn">Random components shared with the baseline: ${escapeHtml(x.shared)}${own.length > 0 ? `; not shared: ${own.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')}` : ' (all)'}.</p>`;
}

/** The report's HTML; `written`: the charts' files (none: no links), `outDir` makes their links relative. */
export async function comparisonReportHtml(s: ComparisonSummary, charts: ComparisonChart[], written: WrittenChart[], outDir = '.'): Promise<string> {
  const names = s.scenarios.map((x) => x.key);
  const title = `${names[0] ?? ''} vs ${names.slice(1).join(', ')}`;
  const sections = s.comparisons.map((c) => `<section class="comparison">
<h3>${escapeHtml(c.scenario)} against ${escapeHtml(c.baseline)}</h3>
${headline(s, c)}
${crnNote(c)}
${yearTable(s, c)}
</section>`);
  const warnings = s.scenarios.flatMap((x) => x.warnings.map((w) => `${x.key}: ${w}`));
  const n = s.paths;
  return pageHtml({
    title: `${title} — Pakistan–Kazakhstan trade, scenario comparison`,
    header: `<p class="description">Pakistan–Kazakhstan bilateral trade: what the measure changes, on common random numbers</p>
<h1>${escapeHtml(title)}</h1>
${scenarioFacts(s)}`,
    before: [
      section('differences', 'Differences against the baseline', `<p>Every scenario is simulated on the same ${escapeHtml(groupThousands(n))} paths as the baseline: the same shocks, corridor histories and agreement draws wherever the scenarios share them. A difference is the scenario minus the baseline, path by path; its standard error is the paired one, far smaller than two independent runs would give.</p>
${sections.join('\n')}`),
      section('warnings', 'Warnings', warningsList(warnings)),
    ],
    charts: charts.map((c) => ({ ...c, files: written.find((w) => w.name === c.name)?.files ?? [] })),
    after: [section('precision', 'Precision', `<ul>
<li>A difference in probability is the mean over paths of h<sub>B</sub> − h<sub>A</sub> (1 when the scenario is at the target and the baseline not, −1 the other way, 0 otherwise); its standard error is √(var(h<sub>B</sub> − h<sub>A</sub>)/n), from the joint counts. The 95% interval is the difference ± 1.96 standard errors.</li>
<li>The difference in the mean annual total is the mean of the per-path differences, with standard error sd/√n. The fan of the difference shows quantiles of the per-path differences, read from signed histograms whose bins are at most ${escapeHtml(formatPercent(s.precision.quantileRelativeBinWidth, 2))} wide relative to the value (USD 65,536 absolute near zero).</li>
<li>These figures measure only the noise of the simulation, not whether the scenarios' assumptions are right. The same files, paths and seed give the same numbers.</li>
</ul>`)],
    footer: `Money is in US dollars per year; probabilities are shares of simulated paths; pp = percentage points. Made by trade-sim from <code>comparison.json</code> (${escapeHtml(s.format)}).`,
    outDir,
  });
}

/** Writes charts and report.html into `outDir`; returns the report's path. */
export async function writeComparisonOutputs(s: ComparisonSummary, outDir: string): Promise<string> {
  const charts = comparisonCharts(s);
  const written = await writeChartFiles(charts, outDir);
  const file = join(outDir, 'report.html');
  await writeFile(file, await comparisonReportHtml(s, charts, written, outDir));
  return file;
}
