/**
 * The run's report: one self-contained HTML file (Vega and Vega-Lite inlined, data inline, no
 * network) with the headline numbers, every chart interactive, the parameters and their sources,
 * the warnings and a note on precision. All text from the summary is escaped.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { SeriesStats, Summary } from '../results/summary.js';
import { targetIndex, yearLabel } from './common.js';
import { CHARTS, type WrittenChart } from './specs.js';
import { bundleText } from './vega-bundles.js';
import { FONT } from './theme.js';
import { formatPercent, formatUsd, groupThousands } from '../format.js';
import { sensitivityFolder } from '../studies/sensitivity/write.js';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON that is safe inside a <script> element: no "</script", "<!--" or line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Inline JavaScript, made safe against an early "</script" (none in the Vega builds today). */
function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

interface Libraries {
  vega: string;
  vegaLite: string;
}
let libraries: Promise<Libraries> | undefined;

/** The minified browser builds of Vega and Vega-Lite, escaped for a script element, once per thread. */
export function vegaLibraries(): Promise<Libraries> {
  if (!libraries) {
    libraries = Promise.resolve().then(() => ({ vega: scriptText(bundleText('vega')), vegaLite: scriptText(bundleText('vega-lite')) }));
    libraries.catch(() => {
      libraries = undefined; // let a later call try again
    });
  }
  return libraries;
}

interface ReportChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
  files: string[];
}

/** The Vega-Lite spec of each written chart: rebuilt from the summary, or read from its .vl.json. */
async function reportCharts(summary: Summary, charts: WrittenChart[]): Promise<ReportChart[]> {
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
  const card = (label: string, value: string, note: string) =>
    `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div><div class="note">${escapeHtml(note)}</div></div>`;
  const targetText = `${usd(t.value)} a year`;
  if (idx >= 0) {
    const yl = yearLabel(summary, t.year);
    cards.push(
      card(
        `P(target reached by ${yl})`,
        `${pct(t.reachedBy[idx])} ± ${pct(t.reachedByStandardError[idx], 2)}`,
        `Share of paths whose annual total reaches ${targetText} in ${yl} or before; ± one standard error.`,
      ),
      card(
        `P(annual total ≥ target in ${yl})`,
        `${pct(t.probability[idx])} ± ${pct(t.standardError[idx], 2)}`,
        `Share of paths at or above ${targetText} in ${yl} itself.`,
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
          `Share of paths whose annual total reaches ${targetText} within the horizon.`,
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

function warningsList(summary: Summary): string {
  if (summary.warnings.length === 0) return '<p>None.</p>';
  return `<ul class="warnings">${summary.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('\n')}</ul>`;
}

function precisionNote(summary: Summary): string {
  const n = summary.paths;
  const seHalf = Math.sqrt(0.25 / Math.max(1, n));
  const w = summary.precision.quantileRelativeBinWidth;
  return `<ul class="precision">
<li>Probabilities are shares of ${escapeHtml(groupThousands(n))} simulated paths. Their Monte Carlo standard error is √(p(1−p)/n): at most ${escapeHtml(pct(seHalf, 2))} (for p = 50%), less near 0% or 100%. Intervals of ±2 standard errors, as shaded in the charts, cover the value an infinite run would give about 95% of the time.</li>
<li>Means are shown with their standard error (standard deviation / √n).</li>
<li>Percentiles are read from histograms whose bins are at most ${escapeHtml(pct(w, 2))} wide relative to the value, which bounds their binning error. Their sampling error is about that of the mean near the median, and larger in the tails (5% and 95%).</li>
<li>These figures measure only the noise of the simulation. They do not measure whether the scenario's assumptions are right: see the parameters, their sources and assumptions above. The same scenario and seed give the same numbers.</li>
</ul>`;
}

/** The chart's name made safe for an element id. */
function chartId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function chartSection(chart: ReportChart, outDir: string): string {
  const id = chartId(chart.name);
  const links = chart.files
    .map((f) => {
      const rel = relativeTo(outDir, f);
      const kind = f.endsWith('.vl.json') ? 'Vega-Lite JSON' : f.endsWith('.svg') ? 'SVG' : f.endsWith('.png') ? 'PNG' : rel;
      return `<a href="${escapeHtml(encodeURI(rel))}">${escapeHtml(kind)}</a>`;
    })
    .join(' · ');
  return `<section class="chart" id="chart-${id}">
<h3>${escapeHtml(chart.title)}</h3>
<div class="vis" id="vis-${id}" data-chart="${escapeHtml(chart.name)}" role="figure" aria-label="${escapeHtml(chart.title)}"></div>
${links ? `<p class="files">Files: ${links}</p>` : ''}
</section>`;
}

/** `file` as a link from a page in `dir`: relative, with forward slashes. */
function relativeTo(dir: string, file: string): string {
  return relative(resolve(dir), resolve(file)).split(sep).join('/');
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${FONT}; color: #1a1a1a; background: #f6f6f4; line-height: 1.45; font-size: 15px; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 24px 48px; background: #ffffff; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 28px 0 8px; }
.question { font-size: 17px; color: #333; margin: 4px 0 12px; }
.description { color: #444; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #e2e2e2; }
thead th { border-bottom: 2px solid #999; }
table.facts th { width: 220px; font-weight: 600; color: #333; }
table.params { table-layout: fixed; font-size: 12.5px; }
table.params td { overflow-wrap: anywhere; }
table.params th:nth-child(1) { width: 22%; }
table.params th:nth-child(2) { width: 15%; }
table.params th:nth-child(3) { width: 33%; }
table.params th:nth-child(4) { width: 30%; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; }
.card { border: 1px solid #d9d9d9; border-left: 4px solid #0072B2; border-radius: 4px; padding: 10px 12px; background: #fbfbfb; }
.card .label { font-size: 13px; color: #444; font-weight: 600; }
.card .value { font-size: 22px; font-weight: 700; margin: 4px 0; color: #00578a; }
.card .note { font-size: 12.5px; color: #555; }
.chart { break-inside: avoid; }
.vis { overflow-x: auto; min-height: 60px; }
.vis svg { max-width: 100%; height: auto; }
.files { font-size: 12.5px; color: #555; margin: 4px 0 0; }
.warnings li { color: #7a3b00; }
.tooltip { position: fixed; z-index: 10; pointer-events: none; background: rgba(255,255,255,0.97); border: 1px solid #999; border-radius: 4px; padding: 6px 8px; font-size: 12.5px; box-shadow: 0 2px 6px rgba(0,0,0,0.15); max-width: 420px; }
.tooltip table { width: auto; font-size: 12.5px; }
.tooltip th, .tooltip td { border: 0; padding: 1px 6px 1px 0; }
.tooltip th { color: #555; font-weight: 600; }
footer { margin-top: 36px; font-size: 12.5px; color: #666; }
@media print { body { background: #fff; } main { padding: 0; } .files { display: none; } }
`;

/**
 * Draws every chart of a report with Vega (compiled from Vega-Lite in the page), with an HTML
 * tooltip. No network. Reads `[{id, spec}]` from the JSON script `chart-specs` and draws chart i
 * into the element `vis-<id>`. Shared with the comparison's report.
 */
export const REPORT_CLIENT_SCRIPT = `
(function () {
  'use strict';
  var tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.hidden = true;
  document.body.appendChild(tip);
  function tooltip(handler, event, item, value) {
    if (value == null || value === '') { tip.hidden = true; return; }
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    if (typeof value === 'object' && !Array.isArray(value)) {
      var table = document.createElement('table');
      Object.keys(value).forEach(function (key) {
        var row = table.insertRow();
        var th = document.createElement('th');
        th.textContent = key;
        row.appendChild(th);
        row.insertCell().textContent = String(value[key]);
      });
      tip.appendChild(table);
    } else {
      tip.textContent = String(value);
    }
    tip.hidden = false;
    var box = tip.getBoundingClientRect();
    var x = event.clientX + 14, y = event.clientY + 14;
    if (x + box.width > window.innerWidth - 8) x = Math.max(8, event.clientX - box.width - 14);
    if (y + box.height > window.innerHeight - 8) y = Math.max(8, event.clientY - box.height - 14);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  var charts = JSON.parse(document.getElementById('chart-specs').textContent);
  var done = charts.map(function (chart) {
    var el = document.getElementById('vis-' + chart.id);
    function fail(error) {
      if (el) {
        el.setAttribute('data-rendered', 'error');
        el.textContent = 'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
      }
      console.error(error);
    }
    try {
      var vgSpec = vegaLite.compile(chart.spec).spec;
      var view = new vega.View(vega.parse(vgSpec), { renderer: 'svg', container: el, hover: true, tooltip: tooltip });
      return view.runAsync().then(function () { el.setAttribute('data-rendered', 'true'); }, fail);
    } catch (error) {
      fail(error);
      return Promise.resolve();
    }
  });
  Promise.all(done).then(function () { document.body.setAttribute('data-charts-ready', 'true'); });
})();
`;

/** The report's HTML. `outDir` makes the chart file links relative. */
export async function reportHtml(summary: Summary, charts: WrittenChart[], outDir: string): Promise<string> {
  const [libs, built] = await Promise.all([vegaLibraries(), reportCharts(summary, charts)]);
  const s = summary.scenario;
  const title = s.title.trim() || s.name;
  const specs = built.map((c) => ({ name: c.name, id: chartId(c.name), spec: c.spec }));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trade-sim">
<title>${escapeHtml(title)} — Pakistan–Kazakhstan trade projection</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<p class="description">Pakistan–Kazakhstan bilateral trade: Monte Carlo projection</p>
<h1>${escapeHtml(title)}</h1>
${s.question ? `<p class="question">${escapeHtml(s.question)}</p>` : ''}
${s.description ? `<p class="description">${escapeHtml(s.description)}</p>` : ''}
${scenarioFacts(summary)}
</header>

<section id="headline">
<h2>Headline numbers</h2>
${headline(summary)}
</section>

<section id="warnings">
<h2>Warnings</h2>
${warningsList(summary)}
</section>

<section id="charts">
<h2>Charts</h2>
<noscript><p>The charts need JavaScript. The same charts are in the <code>charts</code> folder as SVG and PNG.</p></noscript>
${built.map((c) => chartSection(c, outDir)).join('\n')}
</section>

<section id="parameters">
<h2>Parameters and sources</h2>
${parametersTable(summary)}
</section>

<section id="drivers">
<h2>What drives the answer</h2>
<p><code>trade-sim sensitivity</code> on this scenario file ranks its inputs (Sobol indices, a tornado, rank correlations) and writes <a href="../${escapeHtml(encodeURI(sensitivityFolder(summary.scenario.name)))}/report.html">its own report</a> beside this one.</p>
</section>

<section id="precision">
<h2>Precision</h2>
${precisionNote(summary)}
</section>

<footer>Money is in US dollars per year; probabilities are shares of simulated paths. Made by trade-sim from <code>summary.json</code> (${escapeHtml(summary.format)}).</footer>
</main>
<script id="chart-specs" type="application/json">${scriptJson(specs)}</script>
<script>${libs.vega}</script>
<script>${libs.vegaLite}</script>
<script>${REPORT_CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/** Writes `outDir/report.html` and returns its path. */
export async function writeReport(summary: Summary, charts: WrittenChart[], outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, 'report.html');
  await writeFile(file, await reportHtml(summary, charts, outDir));
  return file;
}
