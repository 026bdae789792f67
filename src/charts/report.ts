/**
 * The run's report (a page of page.ts): the headline numbers, every chart interactive, the
 * parameters and their sources, the warnings and a note on precision. All text from the summary
 * is escaped.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { SeriesStats, Summary } from '../results/summary.js';
import { targetIndex, yearLabel } from './common.js';
import { CHARTS, type WrittenChart } from './specs.js';
import { card, escapeHtml, pageHtml, section, warningsList, type PageChart } from './page.js';
import { formatPercent, formatUsd, groupThousands, sustainedNote } from '../format.js';
import { sensitivityFolder } from '../studies/sensitivity/write.js';
import { goalFolder } from '../studies/goal/write.js';

/** The Vega-Lite spec of each written chart: rebuilt from the summary, or read from its .vl.json. */
async function reportCharts(summary: Summary, charts: WrittenChart[]): Promise<PageChart[]> {
  return Promise.all(
    charts.map(async (chart) => {
      const known = CHARTS.find((c) => c.name === chart.name);
      if (known) return { ...chart, spec: known.build(summary) };
      const file = chart.files.find((f) => f.endsWith('.vl.json'));
      if (!file) throw new Error(`chart "${chart.name}" has no .vl.json file`);
      return { ...chart, spec: JSON.parse(await readFile(file, 'utf8')) as TopLevelSpec };
    }),
  );
}

function quantileAt(stats: SeriesStats, i: number) {
  return { p05: stats.p05[i], p50: stats.p50[i], p95: stats.p95[i], mean: stats.mean[i] };
}

const usd = formatUsd;
const pct = formatPercent;

function headline(summary: Summary): string {
  const t = summary.target;
  const idx = targetIndex(summary);
  const last = summary.years.length - 1;
  const cards: string[] = [];
  const targetText = `${usd(t.value)} a year`;
  const rule = sustainedNote(t.sustainedYears);
  if (idx >= 0) {
    const yl = yearLabel(summary, t.year);
    cards.push(
      card(
        `P(target reached by ${yl})`,
        `${pct(t.reachedBy[idx])} ± ${pct(t.reachedByStandardError[idx], 2)}`,
        `Share of paths whose annual total reaches ${targetText} in ${yl} or before; ± one standard error.${rule}`,
      ),
      card(
        `P(annual total ≥ target in ${yl}${t.sustainedYears !== undefined && t.sustainedYears > 1 ? ` and the ${t.sustainedYears - 1} before` : ''})`,
        `${pct(t.probability[idx])} ± ${pct(t.standardError[idx], 2)}`,
        `Share of paths at or above ${targetText} in ${yl} itself.${rule}`,
      ),
    );
  } else {
    cards.push(
      card(
        'Target year',
        String(t.year),
        `Outside the projected years (${summary.yearLabels[0] ?? '?'}–${summary.yearLabels[last] ?? '?'}): no probability for it.`,
      ),
    );
    if (last >= 0) {
      cards.push(
        card(
          `P(target reached by ${summary.yearLabels[last]})`,
          `${pct(t.reachedBy[last])} ± ${pct(t.reachedByStandardError[last], 2)}`,
          `Share of paths whose annual total reaches ${targetText} within the horizon.${rule}`,
        ),
      );
    }
  }
  cards.push(
    card(
      'Median first year at target',
      t.medianFirstYear === null ? 'not within horizon' : yearLabel(summary, t.medianFirstYear),
      t.medianFirstYear === null
        ? `Fewer than half of the paths reach ${targetText} by ${summary.yearLabels[last] ?? 'the end'}.`
        : `Half of the paths reach ${targetText} by then.`,
    ),
  );
  const yearsShown = [...new Set([idx, last].filter((i) => i >= 0))];
  for (const i of yearsShown) {
    const q = quantileAt(summary.annual.total, i);
    const yl = summary.yearLabels[i] ?? String(summary.years[i]);
    cards.push(
      card(
        `Annual total in ${yl}${i === idx ? ' (target year)' : ' (final year)'}`,
        `${usd(q.p50)}`,
        `Median; 90% interval ${usd(q.p05)} – ${usd(q.p95)} (5th to 95th percentile). Mean ${usd(q.mean)}.`,
      ),
    );
  }
  return `<div class="cards">${cards.join('\n')}</div>`;
}

function scenarioFacts(summary: Summary): string {
  const s = summary.scenario;
  const rows: Array<[string, string]> = [
    ['Scenario', s.name],
    ['Scenario hash (SHA-256)', s.sha256],
    ['Target', `${usd(summary.target.value)} a year in ${yearLabel(summary, summary.target.year)}`],
    ['Projected years', `${summary.yearLabels[0] ?? '?'} – ${summary.yearLabels[summary.yearLabels.length - 1] ?? '?'}`],
    ['Start, horizon', `${s.start}, ${s.horizon} years, ${s.stepsPerYear} steps a year`],
    ['Simulated paths', groupThousands(summary.paths)],
    ['Seed', String(summary.seed)],
    ['Base series', s.baseSeries],
    ['Summary format', summary.format],
  ];
  if (s.fiscalYearStartMonth !== 1) rows.splice(5, 0, ['Fiscal year starts in month', String(s.fiscalYearStartMonth)]);
  return `<table class="facts">${rows
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${k.startsWith('Scenario hash') ? `<code>${escapeHtml(v)}</code>` : escapeHtml(v)}</td></tr>`)
    .join('\n')}</table>`;
}

function parametersTable(summary: Summary): string {
  if (summary.parameters.length === 0) return '<p>The summary lists no parameters.</p>';
  const rows = summary.parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.path)}</code></td><td>${escapeHtml(p.value)}</td><td>${escapeHtml(p.source ?? '')}</td><td>${escapeHtml(p.assumption ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<table class="params"><thead><tr><th scope="col">Parameter</th><th scope="col">Value</th><th scope="col">Source</th><th scope="col">Assumption</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function precisionNote(summary: Summary): string {
  const n = summary.paths;
  const seHalf = Math.sqrt(0.25 / Math.max(1, n));
  const w = summary.precision.quantileRelativeBinWidth;
  return `<ul class="precision">
<li>Probabilities are shares of ${escapeHtml(groupThousands(n))} simulated paths. Their Monte Carlo standard error is √(p(1−p)/n): at most ${escapeHtml(pct(seHalf, 2))} (for p = 50%), less near 0% or 100%. Intervals of ±1.96 standard errors, as shaded in the charts, cover the value an infinite run would give 95% of the time.</li>
<li>Means are shown with their standard error (standard deviation / √n).</li>
<li>Percentiles are read from histograms whose bins are at most ${escapeHtml(pct(w, 2))} wide relative to the value, which bounds their binning error. Their sampling error is about that of the mean near the median, and larger in the tails (5% and 95%).</li>
<li>These figures measure only the noise of the simulation. They do not measure whether the scenario's assumptions are right: see the parameters, their sources and assumptions above. The same scenario and seed give the same numbers.</li>
</ul>`;
}

/** The report's HTML. `outDir` makes the chart file links relative. */
export async function reportHtml(summary: Summary, charts: WrittenChart[], outDir: string): Promise<string> {
  const s = summary.scenario;
  const title = s.title.trim() || s.name;
  return pageHtml({
    title: `${title} — Pakistan–Kazakhstan trade projection`,
    header: `<p class="description">Pakistan–Kazakhstan bilateral trade: Monte Carlo projection</p>
<h1>${escapeHtml(title)}</h1>
${s.question ? `<p class="question">${escapeHtml(s.question)}</p>` : ''}
${s.description ? `<p class="description">${escapeHtml(s.description)}</p>` : ''}
${scenarioFacts(summary)}`,
    before: [section('headline', 'Headline numbers', headline(summary)), section('warnings', 'Warnings', warningsList(summary.warnings))],
    charts: await reportCharts(summary, charts),
    after: [
      section('parameters', 'Parameters and sources', parametersTable(summary)),
      section('drivers', 'What drives the answer', driversNote(s.name)),
      section('precision', 'Precision', precisionNote(summary)),
    ],
    footer: `Money is in US dollars per year; probabilities are shares of simulated paths. Made by trade-sim from <code>summary.json</code> (${escapeHtml(summary.format)}).`,
    outDir,
  });
}

/**
 * Where the sensitivity and goal studies of this scenario go. Said in words, not linked: the run cannot
 * know whether or where that study was written (its --out may be anywhere), and a link to the
 * default folder was dead whenever it was not.
 */
function driversNote(name: string): string {
  const folder = `out/${sensitivityFolder(name)}/`;
  return `<p><code>trade-sim sensitivity</code> on this scenario file ranks its inputs (Sobol indices, a tornado, rank correlations) and writes its own report, by default to <code>${escapeHtml(folder)}report.html</code> under the folder it is run from.</p>
<p><code>trade-sim goal</code> asks what it would take: the value of one lever (a growth rate, a corridor's opening date, an agreement's probability) at which the chance of reaching the target by a year is what you name, e.g. <code>--lever 'byDirection.PK&gt;KZ.growth' --probability 0.5</code>. Its report is by default in <code>${escapeHtml(`out/${goalFolder(name)}/`)}report.html</code>.</p>`;
}

/** Writes `outDir/report.html` and returns its path. */
export async function writeReport(summary: Summary, charts: WrittenChart[], outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, 'report.html');
  await writeFile(file, await reportHtml(summary, charts, outDir));
  return file;
}
