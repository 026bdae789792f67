/**
 * Writing the comparison's charts (charts/NAME.vl.json, .svg, .png, rendered headless with the
 * charts module's renderer) and its report.html: one self-contained file, Vega and Vega-Lite
 * inlined, no network. All text from the scenarios is escaped.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSvg, svgToPng } from '../charts/render.js';
import { escapeHtml, REPORT_CLIENT_SCRIPT, scriptJson, vegaLibraries } from '../charts/report.js';
import { groupThousands, FONT, formatPercent, formatUsd } from '../charts/theme.js';
import { comparisonCharts, formatPoints, formatSignedUsd, type ComparisonChart } from './charts.js';
import type { Comparison, ComparisonSummary } from './summary.js';

export interface WrittenComparisonChart {
  name: string;
  title: string;
  /** Relative to the output folder. */
  files: string[];
}

/** Writes every chart into `outDir/charts/`. */
export async function writeComparisonCharts(s: ComparisonSummary, outDir: string, charts = comparisonCharts(s)): Promise<WrittenComparisonChart[]> {
  await mkdir(join(outDir, 'charts'), { recursive: true });
  const pending: Array<Promise<unknown>> = [];
  // Marked handled at once: a write that fails (disk full) while later charts are still being laid
  // out would otherwise be an unhandled rejection, which ends the thread; Promise.all reports it.
  const track = (p: Promise<unknown>) => { p.catch(() => undefined); pending.push(p); };
  const written: WrittenComparisonChart[] = [];
  for (const c of charts) {
    const files = ['vl.json', 'svg', 'png'].map((ext) => `charts/${c.name}.${ext}`);
    track(writeFile(join(outDir, files[0] as string), `${JSON.stringify(c.spec, null, 2)}\n`));
    const svg = await renderSvg(c.spec);
    track(writeFile(join(outDir, files[1] as string), svg));
    track(svgToPng(svg, 2).then((png) => writeFile(join(outDir, files[2] as string), png)));
    written.push({ name: c.name, title: c.title, files });
  }
  await Promise.all(pending);
  return written;
}

const pct = (p: number | undefined) => (p === undefined || !Number.isFinite(p) ? 'n/a' : formatPercent(p));
const pts = (d: number | undefined) => (d === undefined ? 'n/a' : formatPoints(d));
const seText = (d: number | undefined) => (d === undefined ? 'n/a' : `${(100 * d).toFixed(2)} pp`);

function card(label: string, value: string, note: string): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div><div class="note">${escapeHtml(note)}</div></div>`;
}

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
<p>Target ${escapeHtml(formatUsd(s.target.value))} a year in ${escapeHtml(s.target.year)}; years ${escapeHtml(s.yearLabels[0] ?? '')} – ${escapeHtml(s.yearLabels[s.yearLabels.length - 1] ?? '')}; ${escapeHtml(groupThousands(s.paths))} simulated paths per scenario; seed ${escapeHtml(s.seed)}.</p>`;
}

function crnNote(c: Comparison): string {
  const x = c.commonRandomNumbers;
  const own = [...x.onlyScenario.map((n) => `${n} (only in ${c.scenario})`), ...x.onlyBaseline.map((n) => `${n} (only in ${c.baseline})`)];
  return `<p class="crn">Random components shared with the baseline: ${escapeHtml(x.shared)}${own.length > 0 ? `; not shared: ${own.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')}` : ' (all)'}.</p>`;
}

const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; font-family: ${FONT}; color: #1a1a1a; background: #f6f6f4; line-height: 1.45; font-size: 15px; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 24px 48px; background: #fff; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 28px 0 8px; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 7px; border-bottom: 1px solid #e2e2e2; }
thead th { border-bottom: 2px solid #999; }
tr.target td { background: #fff4e5; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 12px; margin-bottom: 12px; }
.card { border: 1px solid #d9d9d9; border-left: 4px solid #0072B2; border-radius: 4px; padding: 10px 12px; background: #fbfbfb; }
.card .label { font-size: 13px; color: #444; font-weight: 600; }
.card .value { font-size: 22px; font-weight: 700; margin: 4px 0; color: #00578a; }
.card .note { font-size: 12.5px; color: #555; }
.vis { overflow-x: auto; min-height: 60px; }
.vis svg { max-width: 100%; height: auto; }
.files, .crn { font-size: 12.5px; color: #555; }
.warnings li { color: #7a3b00; }
.tooltip { position: fixed; z-index: 10; pointer-events: none; background: rgba(255,255,255,0.97); border: 1px solid #999; border-radius: 4px; padding: 6px 8px; font-size: 12.5px; max-width: 420px; }
.tooltip table { width: auto; }
.tooltip th, .tooltip td { border: 0; padding: 1px 6px 1px 0; }
footer { margin-top: 36px; font-size: 12.5px; color: #666; }
`;

export async function comparisonReportHtml(s: ComparisonSummary, charts: ComparisonChart[], written: WrittenComparisonChart[]): Promise<string> {
  const libs = await vegaLibraries();
  const names = s.scenarios.map((x) => x.key);
  const title = `${names[0] ?? ''} vs ${names.slice(1).join(', ')}`;
  const sections = s.comparisons.map((c) => `<section class="comparison">
<h3>${escapeHtml(c.scenario)} against ${escapeHtml(c.baseline)}</h3>
${headline(s, c)}
${crnNote(c)}
${yearTable(s, c)}
</section>`);
  const chartHtml = charts.map((c) => {
    const files = written.find((w) => w.name === c.name)?.files ?? [];
    const links = files.map((f) => `<a href="${escapeHtml(encodeURI(f))}">${escapeHtml(f.endsWith('.vl.json') ? 'Vega-Lite JSON' : f.endsWith('.svg') ? 'SVG' : 'PNG')}</a>`).join(' · ');
    return `<section class="chart"><h3>${escapeHtml(c.title)}</h3><div class="vis" id="vis-${escapeHtml(c.name)}" role="figure" aria-label="${escapeHtml(c.title)}"></div>${links ? `<p class="files">Files: ${links}</p>` : ''}</section>`;
  });
  const warnings = s.scenarios.flatMap((x) => x.warnings.map((w) => `${x.key}: ${w}`));
  const n = s.paths;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trade-sim">
<title>${escapeHtml(title)} — Pakistan–Kazakhstan trade, scenario comparison</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<p>Pakistan–Kazakhstan bilateral trade: what the measure changes, on common random numbers</p>
<h1>${escapeHtml(title)}</h1>
${scenarioFacts(s)}
</header>
<section id="differences">
<h2>Differences against the baseline</h2>
<p>Every scenario is simulated on the same ${escapeHtml(groupThousands(n))} paths as the baseline: the same shocks, corridor histories and agreement draws wherever the scenarios share them. A difference is the scenario minus the baseline, path by path; its standard error is the paired one, far smaller than two independent runs would give.</p>
${sections.join('\n')}
</section>
<section id="warnings">
<h2>Warnings</h2>
${warnings.length === 0 ? '<p>None.</p>' : `<ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`}
</section>
<section id="charts">
<h2>Charts</h2>
<noscript><p>The charts need JavaScript; the same charts are in the <code>charts</code> folder as SVG and PNG.</p></noscript>
${chartHtml.join('\n')}
</section>
<section id="precision">
<h2>Precision</h2>
<ul>
<li>A difference in probability is the mean over paths of h<sub>B</sub> − h<sub>A</sub> (1 when the scenario is at the target and the baseline not, −1 the other way, 0 otherwise); its standard error is √(var(h<sub>B</sub> − h<sub>A</sub>)/n), from the joint counts. The 95% interval is the difference ± 1.96 standard errors.</li>
<li>The difference in the mean annual total is the mean of the per-path differences, with standard error sd/√n. The fan of the difference shows quantiles of the per-path differences, read from signed histograms whose bins are at most ${escapeHtml(formatPercent(s.precision.quantileRelativeBinWidth, 2))} wide relative to the value (USD 65,536 absolute near zero).</li>
<li>These figures measure only the noise of the simulation, not whether the scenarios' assumptions are right. The same files, paths and seed give the same numbers.</li>
</ul>
</section>
<footer>Money is in US dollars per year; probabilities are shares of simulated paths; pp = percentage points. Made by trade-sim from <code>comparison.json</code> (${escapeHtml(s.format)}).</footer>
</main>
<script id="chart-specs" type="application/json">${scriptJson(charts.map((c) => ({ name: c.name, id: c.name, spec: c.spec })))}</script>
<script>${libs.vega}</script>
<script>${libs.vegaLite}</script>
<script>${REPORT_CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/** Writes charts and report.html into `outDir`; returns the report's path. */
export async function writeComparisonOutputs(s: ComparisonSummary, outDir: string): Promise<string> {
  const charts = comparisonCharts(s);
  const written = await writeComparisonCharts(s, outDir, charts);
  const file = join(outDir, 'report.html');
  await writeFile(file, await comparisonReportHtml(s, charts, written));
  return file;
}
