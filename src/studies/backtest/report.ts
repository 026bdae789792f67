/** The back-test's charts (the one chart writer) and report.html (the one page shell). All text from the scenario and history is escaped. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml, pageHtml, section } from '../../charts/page.js';
import { writeChartFiles } from '../../charts/write.js';
import { formatUsd, groupThousands } from '../../format.js';
import { backtestCharts } from './charts.js';
import type { BacktestSummary, Scores } from './backtest.js';
import { AGGREGATE_HEADER, aggregateRows, basesText } from './write.js';

const cell = (sc: Scores | null) => (sc ? `${escapeHtml(formatUsd(sc.crps))} / ${sc.pit.toFixed(2)} / ${sc.logScore === null ? '∞' : sc.logScore.toFixed(2)}` : 'n/a');

function htmlTable(header: string[], rows: string[][]): string {
  return `<table class="years"><thead><tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

/** The report's sections on the back-test: also what a run's report could carry. */
export function backtestSections(s: BacktestSummary): string[] {
  const n = s.aggregate.all[0]?.count ?? 0;
  const aggregate = section('backtest-scores', 'Back-test scores', `<p>${escapeHtml(`${n} whole-year outcome${n === 1 ? '' : 's'} scored over ${s.origins.length} origin${s.origins.length === 1 ? '' : 's'}. CRPS in USD per year and log score in nats: lower is better. Coverage: outcomes inside the central interval, with Wilson's 95% interval.${n < 20 ? ' So few outcomes are weak evidence.' : ''}`)}</p>
${htmlTable(AGGREGATE_HEADER, aggregateRows(s.aggregate.all).map((r) => r.map(escapeHtml)))}
${s.aggregate.paired.filter((p) => p.count > 0).map((p) => `<p>${escapeHtml(`The model beside the benchmark on the ${p.count} outcome${p.count === 1 ? '' : 's'} both forecast:`)}</p>
${htmlTable(AGGREGATE_HEADER, aggregateRows([p.model, p.naive]).map((r) => r.map(escapeHtml)))}`).join('\n')}`);
  const origins = s.origins.map((o) => section(`origin-${o.origin}`, `From ${o.originLabel}`, `<p>${escapeHtml(`${basesText(o.bases, o.origin)}; run ${o.yearLabels[0]} to ${o.yearLabels[o.yearLabels.length - 1]}${o.start ? `, from ${o.start}` : ''}.`)}</p>
${o.notes.length > 0 ? `<ul>${o.notes.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>` : ''}
${htmlTable(['Year', 'Series', 'Outcome', 'Model: CRPS / PIT / log score', 'No change: CRPS / PIT / log score', 'Drift walk: CRPS / PIT / log score', 'Source'], o.scored.map((r) => [
    escapeHtml(r.yearLabel), escapeHtml(r.key), escapeHtml(formatUsd(r.outcome)), cell(r.model), cell(r.noChange), cell(r.randomWalkWithDrift), escapeHtml(r.printed ?? r.source),
  ]))}
${o.benchmarks.flatMap((b) => [...(b.noChange.available ? [] : [`No change for ${b.key}: ${b.noChange.reason}.`]), ...(b.randomWalkWithDrift.available ? [] : [`Drift walk for ${b.key}: ${b.randomWalkWithDrift.reason}.`])]).map((t) => `<p class="note">${escapeHtml(t)}</p>`).join('\n')}
${o.notScored.length > 0 ? `<p class="note">${escapeHtml(`Not scored (a partial year, or a year the run covers in part): ${o.notScored.map((x) => `${x.series} ${x.period ?? x.year}`).join('; ')}.`)}</p>` : ''}`));
  const skipped = s.skipped.length > 0 ? [section('skipped', 'Origins skipped', `<ul>${s.skipped.map((k) => `<li>${escapeHtml(k.reason)}</li>`).join('')}</ul>`)] : [];
  return [aggregate, ...origins, ...skipped];
}

/** Writes charts and report.html into `outDir`; returns the report's path. */
export async function writeBacktestOutputs(s: BacktestSummary, outDir: string): Promise<string> {
  const charts = backtestCharts(s);
  const written = await writeChartFiles(charts, outDir);
  const html = await pageHtml({
    title: `${s.scenario.title} — back-test — Pakistan–Kazakhstan trade`,
    header: `<p class="description">Pakistan–Kazakhstan bilateral trade: how the model would have forecast what happened</p>
<h1>${escapeHtml(s.scenario.title)}: back-test</h1>
<p>Scenario <strong>${escapeHtml(s.scenario.name)}</strong> (SHA-256 <code>${escapeHtml(s.scenario.sha256.slice(0, 16))}</code>), observations from <code>${escapeHtml(s.history)}</code>; ${escapeHtml(groupThousands(s.paths))} paths per origin; seed ${escapeHtml(s.seed)}.</p>`,
    before: backtestSections(s),
    charts: charts.map((c) => ({ ...c, files: written.find((w) => w.name === c.name)?.files ?? [] })),
    after: [section('method', 'Method', `<ul>${s.notes.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`)],
    footer: `Made by trade-sim from <code>backtest.json</code> (${escapeHtml(s.format)}).`,
    outDir,
  });
  const file = join(outDir, 'report.html');
  await writeFile(file, html);
  return file;
}
