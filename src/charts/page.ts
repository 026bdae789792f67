/**
 * What every study's report page shares (a comparison's, a sensitivity study's): writing charts
 * given as Vega-Lite specs (charts/NAME.vl.json, .svg, .png, rendered headless), the page's
 * style, and its HTML shell: one self-contained file, Vega and Vega-Lite inlined, no network.
 * The caller escapes the text it passes as HTML.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg, svgToPng } from './render.js';
import { escapeHtml, REPORT_CLIENT_SCRIPT, scriptJson, vegaLibraries } from './report.js';
import { FONT } from './theme.js';

export interface SpecChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

export interface WrittenSpecChart {
  name: string;
  title: string;
  /** Relative to the output folder. */
  files: string[];
}

/** Writes every chart into `outDir/charts/`. */
export async function writeChartSpecs(charts: SpecChart[], outDir: string): Promise<WrittenSpecChart[]> {
  await mkdir(join(outDir, 'charts'), { recursive: true });
  const pending: Array<Promise<unknown>> = [];
  const written: WrittenSpecChart[] = [];
  for (const c of charts) {
    const files = ['vl.json', 'svg', 'png'].map((ext) => `charts/${c.name}.${ext}`);
    pending.push(writeFile(join(outDir, files[0] as string), `${JSON.stringify(c.spec, null, 2)}\n`));
    const svg = await renderSvg(c.spec);
    pending.push(writeFile(join(outDir, files[1] as string), svg));
    pending.push(svgToPng(svg, 2).then((png) => writeFile(join(outDir, files[2] as string), png)));
    written.push({ name: c.name, title: c.title, files });
  }
  await Promise.all(pending);
  return written;
}

export const STUDY_STYLE = `
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

export interface StudyPage {
  /** The <title>, before " — Pakistan–Kazakhstan trade, <kind>". */
  title: string;
  kind: string;
  /** The line above the heading. */
  kicker: string;
  heading: string;
  /** HTML under the heading (facts about the study). */
  header: string;
  /** HTML sections before the charts. */
  sections: string[];
  charts: SpecChart[];
  written: WrittenSpecChart[];
  /** HTML of the precision section's list items. */
  precision: string[];
  footer: string;
}

/** The page: header, the caller's sections, the charts (interactive, with links to their files), precision, footer. */
export async function studyPageHtml(p: StudyPage): Promise<string> {
  const libs = await vegaLibraries();
  const chartHtml = p.charts.map((c) => {
    const files = p.written.find((w) => w.name === c.name)?.files ?? [];
    const links = files.map((f) => `<a href="${escapeHtml(encodeURI(f))}">${escapeHtml(f.endsWith('.vl.json') ? 'Vega-Lite JSON' : f.endsWith('.svg') ? 'SVG' : 'PNG')}</a>`).join(' · ');
    return `<section class="chart"><h3>${escapeHtml(c.title)}</h3><div class="vis" id="vis-${escapeHtml(c.name)}" role="figure" aria-label="${escapeHtml(c.title)}"></div>${links ? `<p class="files">Files: ${links}</p>` : ''}</section>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trade-sim">
<title>${escapeHtml(p.title)} — Pakistan–Kazakhstan trade, ${escapeHtml(p.kind)}</title>
<style>${STUDY_STYLE}</style>
</head>
<body>
<main>
<header>
<p>${escapeHtml(p.kicker)}</p>
<h1>${escapeHtml(p.heading)}</h1>
${p.header}
</header>
${p.sections.join('\n')}
<section id="charts">
<h2>Charts</h2>
<noscript><p>The charts need JavaScript; the same charts are in the <code>charts</code> folder as SVG and PNG.</p></noscript>
${chartHtml.join('\n')}
</section>
<section id="precision">
<h2>Precision</h2>
<ul>
${p.precision.map((x) => `<li>${x}</li>`).join('\n')}
</ul>
</section>
<footer>${p.footer}</footer>
</main>
<script id="chart-specs" type="application/json">${scriptJson(p.charts.map((c) => ({ name: c.name, id: c.name, spec: c.spec })))}</script>
<script>${libs.vega}</script>
<script>${libs.vegaLite}</script>
<script>${REPORT_CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
