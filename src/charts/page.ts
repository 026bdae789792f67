/**
 * The page every report is: one self-contained HTML file, the style sheet and Vega and Vega-Lite
 * inlined, the charts' specs inline and drawn in the page, with an HTML tooltip; no network. The
 * run's report (report.ts) and the comparison's (studies/compare/report.ts) fill in its sections.
 * All text that comes from a scenario must go through escapeHtml.
 */
import { relative, resolve, sep } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { bundleText } from './vega-bundles.js';
import { FONT } from './theme.js';

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

/** A chart of a page: drawn from its spec, with links to its files. */
export interface PageChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
  /** The chart's files (.vl.json, .svg, .png), absolute or relative to the working folder. */
  files: string[];
}

export interface Page {
  /** The <title>. */
  title: string;
  /** HTML of the <header> (already escaped). */
  header: string;
  /** HTML of the sections before the charts, and after them (already escaped). */
  before: string[];
  after: string[];
  charts: PageChart[];
  /** HTML of the <footer> (already escaped). */
  footer: string;
  /** The folder the page is written to: links to chart files are relative to it. */
  outDir: string;
}

/** A titled section. */
export const section = (id: string, title: string, body: string) => `<section id="${id}">
<h2>${escapeHtml(title)}</h2>
${body}
</section>`;

/** A headline card. */
export const card = (label: string, value: string, note: string) =>
  `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div><div class="note">${escapeHtml(note)}</div></div>`;

/** A list of warnings, or "None.". */
export const warningsList = (warnings: string[]) =>
  warnings.length === 0 ? '<p>None.</p>' : `<ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('\n')}</ul>`;

export async function pageHtml(page: Page): Promise<string> {
  const libs = await vegaLibraries();
  const specs = page.charts.map((c) => ({ name: c.name, id: chartId(c.name), spec: c.spec }));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trade-sim">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
${page.header}
</header>

${page.before.join('\n\n')}

<section id="charts">
<h2>Charts</h2>
<noscript><p>The charts need JavaScript. The same charts are in the <code>charts</code> folder as SVG and PNG.</p></noscript>
${page.charts.map((c) => chartSection(c, page.outDir)).join('\n')}
</section>

${page.after.join('\n\n')}

<footer>${page.footer}</footer>
</main>
<script id="chart-specs" type="application/json">${scriptJson(specs)}</script>
<script>${libs.vega}</script>
<script>${libs.vegaLite}</script>
<script>${REPORT_CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/** The chart's name made safe for an element id. */
function chartId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function chartSection(chart: PageChart, outDir: string): string {
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

/** The style sheet of every report. */
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${FONT}; color: #1a1a1a; background: #f6f6f4; line-height: 1.45; font-size: 15px; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 24px 48px; background: #ffffff; }
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
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; margin-bottom: 12px; }
tr.target td { background: #fff4e5; font-weight: 600; }
.card { border: 1px solid #d9d9d9; border-left: 4px solid #0072B2; border-radius: 4px; padding: 10px 12px; background: #fbfbfb; }
.card .label { font-size: 13px; color: #444; font-weight: 600; }
.card .value { font-size: 22px; font-weight: 700; margin: 4px 0; color: #00578a; }
.card .note { font-size: 12.5px; color: #555; }
.chart { break-inside: avoid; }
.vis { overflow-x: auto; min-height: 60px; }
.vis svg { max-width: 100%; height: auto; }
.files, .crn { font-size: 12.5px; color: #555; margin: 4px 0 0; }
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
 * into the element `vis-<id>`.  */
const REPORT_CLIENT_SCRIPT = `
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
