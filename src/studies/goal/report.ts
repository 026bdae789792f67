/** The goal study's chart (the one chart writer) and report.html (the one page shell). All text from the scenario and the command line is escaped. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { card, escapeHtml, pageHtml, section } from '../../charts/page.js';
import { writeChartFiles } from '../../charts/write.js';
import { formatPercent, formatPercentWithError, formatUsd, groupThousands } from '../../format.js';
import { Z95 } from '../../results/statistics.js';
import { goalCharts } from './charts.js';
import { BISECTIONS, fmt, GRID, leverValueText, type GoalSummary } from './goal.js';

function curveTable(g: GoalSummary): string {
  const lv = leverValueText(g.fields);
  const rows = g.curve.map((c) => {
    const lo = Math.max(0, c.probability - Z95 * c.standardError), hi = Math.min(1, c.probability + Z95 * c.standardError);
    return `<tr><td>${escapeHtml(lv(c.value))}</td><td>${escapeHtml(formatPercentWithError(c.probability, c.standardError))}</td><td>${escapeHtml(`${formatPercent(lo)} to ${formatPercent(hi)}`)}</td></tr>`;
  });
  return `<table class="years"><thead><tr><th scope="col">${escapeHtml(g.lever)}</th><th scope="col">P(reached by ${escapeHtml(g.byLabel)}) ± s.e.</th><th scope="col">95% interval</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

/** The headline cards: the answer and its interval, or how near the range came. */
function cards(g: GoalSummary): string {
  const lv = leverValueText(g.fields);
  const asked = card('Asked', `P = ${formatPercent(g.probability)}`, `of reaching ${formatUsd(g.target.value)} a year by ${g.byLabel}`);
  if (!g.found || g.value === null || g.low === null || g.high === null) {
    const ps = g.curve.map((c) => c.probability);
    return `<div class="cards">${asked}${card('Answer', 'none in the range', `from ${lv(g.range[0])} to ${lv(g.range[1])}, P runs from ${formatPercent(Math.min(...ps))} to ${formatPercent(Math.max(...ps))}`)}</div>`;
  }
  return `<div class="cards">${asked}${card('Lever value', lv(g.value), g.lever)}${card('95% Monte Carlo interval', `${lv(g.low)} to ${lv(g.high)}`, 'the simulation\'s noise only')}</div>`;
}

/** Writes the chart and report.html into `outDir`; returns the report's path. */
export async function writeGoalOutputs(g: GoalSummary, outDir: string): Promise<string> {
  const charts = goalCharts(g);
  const written = await writeChartFiles(charts, outDir);
  const lv = leverValueText(g.fields);
  const method = [
    `Every value of the lever is simulated on the same ${groupThousands(g.paths)} paths (seed ${g.seed}: common random numbers), so the curve rises or falls with the lever up to the few paths that cross between values.`,
    `A grid of ${GRID} values from ${lv(g.range[0])} to ${lv(g.range[1])} finds the step where the curve crosses ${fmt(g.probability)}; up to ${BISECTIONS} bisections narrow it, and the value is read by linear interpolation between the step's ends.`,
    'Its 95% interval is the standard error of P at the value divided by the slope of the curve over the grid step around it (the delta method for an inverse). It measures the noise of the simulation only, not whether the scenario\'s other assumptions are right.',
    `The lever sets ${g.fields.join(', ')} to each value, with everything else as the file has it.`,
    ...(g.precision ? [`Paths: ${g.precision.stoppingRule.statistic}; standard error ${fmt(g.precision.stoppingRule.reached)} against ${fmt(g.precision.stoppingRule.asked)} asked${g.precision.stoppingRule.capped ? ', stopped by the cap' : ''}.`] : []),
  ];
  const html = await pageHtml({
    title: `${g.scenario.title} — what it takes — Pakistan–Kazakhstan trade`,
    header: `<p class="description">Pakistan–Kazakhstan bilateral trade: what it would take, on common random numbers</p>
<h1>${escapeHtml(g.scenario.title)}</h1>
<p>Scenario <strong>${escapeHtml(g.scenario.name)}</strong> (SHA-256 <code>${escapeHtml(g.scenario.sha256.slice(0, 16))}</code>); target ${escapeHtml(formatUsd(g.target.value))} a year, judged by ${escapeHtml(g.byLabel)}; lever <code>${escapeHtml(g.lever)}</code>; ${escapeHtml(groupThousands(g.paths))} paths for every value; seed ${escapeHtml(g.seed)}.</p>`,
    before: [section('answer', 'Answer', `${cards(g)}
<p>${escapeHtml(g.answer)}</p>`)],
    charts: charts.map((c) => ({ ...c, files: written.find((w) => w.name === c.name)?.files ?? [] })),
    after: [
      section('curve', 'Every value simulated', curveTable(g)),
      section('method', 'Method', `<ul>${method.map((t) => `<li>${escapeHtml(t)}</li>`).join('\n')}</ul>`),
    ],
    footer: `Probabilities are shares of simulated paths. Made by trade-sim from <code>goal.json</code> (${escapeHtml(g.format)}).`,
    outDir,
  });
  const file = join(outDir, 'report.html');
  await writeFile(file, html);
  return file;
}
