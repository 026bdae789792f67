/** The sensitivity study's charts (the one chart writer) and report.html (the one page shell). All text from the scenario is escaped. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml, pageHtml, section } from '../../charts/page.js';
import { writeChartFiles } from '../../charts/write.js';
import { formatPercent, formatSwing, formatUsd, groupThousands } from '../../format.js';
import { sensitivityCharts } from './charts.js';
import type { Interval } from './indices.js';
import type { SensitivitySummary } from './sensitivity.js';
import { rankedInputs } from './write.js';

const idx = (x: Interval | undefined) => (x ? `${x.value.toFixed(3)} <span class="ci">(${x.low.toFixed(3)} to ${x.high.toFixed(3)})</span>` : '');

function swingCell(w: { low: number; high: number; se: number }): string {
  const [low, high, swing] = formatSwing(w.low, w.high, w.se);
  return `${escapeHtml(low)} → ${escapeHtml(high)}<br>${escapeHtml(swing)}`;
}

function inputTable(s: SensitivitySummary): string {
  const rows = rankedInputs(s).map((i) => {
    const w = i.reached.swing;
    const cells = [
      `<code>${escapeHtml(i.name)}</code>`,
      idx(i.reached.first), idx(i.reached.total), idx(i.logTotal.first), idx(i.logTotal.total),
      w ? swingCell(w) : '',
      i.settings ? escapeHtml(`${i.settings.low}; ${i.settings.high}`) : '',
    ];
    return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  return `<table class="years"><thead><tr><th scope="col">Input</th><th scope="col">First-order, reached</th><th scope="col">Total, reached</th><th scope="col">First-order, log total</th><th scope="col">Total, log total</th><th scope="col">Tornado: P at low → high, swing ± s.e.</th><th scope="col">Settings (low; high)</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function rankTable(s: SensitivitySummary): string {
  const rows = [...s.rankCorrelation]
    .sort((a, b) => (b.contribution.reached ?? 0) - (a.contribution.reached ?? 0))
    .map((r) => `<tr><td><code>${escapeHtml(r.parameter)}</code></td><td>${idx(r.correlation.reached ?? undefined)}</td><td>${escapeHtml(formatPercent(r.contribution.reached ?? undefined))}</td><td>${idx(r.correlation.logTotal ?? undefined)}</td><td>${escapeHtml(formatPercent(r.contribution.logTotal ?? undefined))}</td></tr>`);
  return `<table class="years"><thead><tr><th scope="col">Parameter</th><th scope="col">Correlation with reached</th><th scope="col">Contribution</th><th scope="col">Correlation with log total</th><th scope="col">Contribution</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

/** Writes charts and report.html into `outDir`; returns the report's path. */
export async function writeSensitivityOutputs(s: SensitivitySummary, outDir: string): Promise<string> {
  const charts = sensitivityCharts(s);
  const written = await writeChartFiles(charts, outDir);
  const noise = s.inputs.find((i) => i.name === 'shocks')?.reached.total;
  const sum = s.sumOfFirst.reached;
  const before = [section('inputs', 'Inputs', `<p>${escapeHtml(`P(reached ${formatUsd(s.target.value)} by ${s.byLabel}) is ${formatPercent(s.output.reached?.mean)} in this study.`)}
${noise ? escapeHtml(`Market noise (the flows' own shocks, which no policy removes) has a total index of ${noise.value.toFixed(2)} (95%: ${noise.low.toFixed(2)} to ${noise.high.toFixed(2)}).`) : ''}
${sum ? escapeHtml(`The first-order indices sum to ${sum.value.toFixed(2)} (95%: ${sum.low.toFixed(2)} to ${sum.high.toFixed(2)}); the rest of the variance is in interactions: whether the target is reached depends on inputs together, not one by one.`) : ''}</p>
${inputTable(s)}`)];
  const after = [
    ...(s.rankCorrelation.length > 0 ? [section('contribution', 'Contribution to variance from one run', `<p>Correlation of each output with each uncertain parameter's rank F(x) on the same path, and its square as a share of the sum of squares (as @RISK shows it): a cheap check on the Sobol ranking, blind to interactions.</p>
${rankTable(s)}`)] : []),
    section('precision', 'Precision', `<ul>
<li>${escapeHtml(`First-order index: ${s.precision.firstOrder}. Total index: ${s.precision.totalEffect}.`)}</li>
<li>${escapeHtml(`Intervals: ${s.precision.interval}. They measure the noise of the simulation only, not whether the scenario's assumptions are right.`)}</li>
<li>${escapeHtml(`Tornado: ${s.precision.swing}.`)}</li>
</ul>`),
  ];
  const html = await pageHtml({
    title: `${s.scenario.title} — what drives the answer — Pakistan–Kazakhstan trade`,
    header: `<p class="description">Pakistan–Kazakhstan bilateral trade: what drives the answer, on common random numbers</p>
<h1>${escapeHtml(s.scenario.title)}</h1>
<p>Scenario <strong>${escapeHtml(s.scenario.name)}</strong> (SHA-256 <code>${escapeHtml(s.scenario.sha256.slice(0, 16))}</code>); target ${escapeHtml(formatUsd(s.target.value))} a year, judged by ${escapeHtml(s.byLabel)}; ${escapeHtml(groupThousands(s.paths))} paths per design point; seed ${escapeHtml(s.seed)}.</p>`,
    before,
    charts: charts.map((c) => ({ ...c, files: written.find((w) => w.name === c.name)?.files ?? [] })),
    after,
    footer: `Probabilities are shares of simulated paths; pp = percentage points. Made by trade-sim from <code>sensitivity.json</code> (${escapeHtml(s.format)}).`,
    outDir,
  });
  const file = join(outDir, 'report.html');
  await writeFile(file, html);
  return file;
}
