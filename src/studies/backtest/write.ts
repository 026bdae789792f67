/** backtest.csv (one row per scored observation and forecaster) and the terminal table of a back-test. */
import { formatUsd, groupThousands } from '../../format.js';
import { csvText } from '../../results/write.js';
import { FORECASTERS, FORECASTER_TEXT, type Aggregate, type BacktestSummary, type FanRow, type OriginResult, type Scores } from './backtest.js';
import type { BaseRule } from './origin.js';

/** The default output folder of a scenario's back-test. */
export const backtestFolder = (scenarioName: string) => `${scenarioName}-backtest`;

export function backtestCsv(s: BacktestSummary): string {
  const rows: Array<Array<string | number | null>> = [[
    'origin', 'series_key', 'series', 'year', 'year_label', 'horizon', 'outcome_usd', 'forecaster',
    'pit', 'lower50', 'upper50', 'covered50', 'lower90', 'upper90', 'covered90', 'crps_usd', 'log_score',
  ]];
  for (const o of s.origins) {
    for (const r of o.scored) {
      for (const f of FORECASTERS) {
        const sc = r[f];
        const i50 = sc?.intervals.find((i) => i.level === 0.5);
        const i90 = sc?.intervals.find((i) => i.level === 0.9);
        rows.push([
          o.origin, r.key, r.series, r.year, r.yearLabel, r.horizon, r.outcome, f,
          sc?.pit ?? null, i50?.lower ?? null, i50?.upper ?? null, i50 ? (i50.covered ? 1 : 0) : null,
          i90?.lower ?? null, i90?.upper ?? null, i90 ? (i90.covered ? 1 : 0) : null,
          sc?.crps ?? null, sc ? sc.logScore ?? 'inf' : null,
        ]);
      }
    }
  }
  return csvText(rows);
}

const usd = (v: number | null | undefined) => (v === null || v === undefined ? '-' : formatUsd(v));
const num = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '-' : v.toFixed(d));

export function basesText(b: BaseRule, origin: number): string {
  if (b.rule === 'as written') return 'the bases as the file writes them';
  const parts = b.observed.map((o) => `${o.key} ${formatUsd(o.value)} (${o.series} ${origin})`);
  return `bases scaled to ${b.rule === 'total' ? 'the observed total' : 'the observed direction totals'}: ${parts.join(', ')}`;
}

export function coverageText(a: Aggregate, level: number): string {
  const c = a.coverage.find((x) => x.level === level);
  if (!c || c.n === 0) return '-';
  return `${c.covered}/${c.n} [${((c.low ?? 0) * 100).toFixed(0)}-${((c.high ?? 0) * 100).toFixed(0)}%]`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c] as number) : x.padStart(widths[c] as number))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

const fanOf = (o: OriginResult, key: string, year: number): FanRow | undefined => o.fan.find((f) => f.key === key && f.year === year);
const scoreCell = (sc: Scores | null) => (sc ? `${formatUsd(sc.crps)} / ${num(sc.pit)}` : 'n/a');

export function aggregateRows(aggs: readonly Aggregate[]): string[][] {
  return aggs.map((a) => [
    FORECASTER_TEXT[a.forecaster], String(a.count), usd(a.meanCrps),
    a.meanLogScore !== null ? num(a.meanLogScore) : a.infiniteLogScores > 0 ? `inf (${a.infiniteLogScores})` : '-',
    coverageText(a, 0.5), coverageText(a, 0.9),
  ]);
}

export const AGGREGATE_HEADER = ['forecaster', 'n', 'mean CRPS', 'mean log score', '50% covered [95% CI]', '90% covered [95% CI]'];

/** The terminal table. */
export function backtestTable(s: BacktestSummary): string {
  const out: string[] = [`Back-test of ${s.scenario.name} against ${s.history}, ${groupThousands(s.paths)} paths per origin, seed ${s.seed}`];
  for (const o of s.origins) {
    out.push('', `Origin ${o.originLabel}: ${basesText(o.bases, o.origin)}; run ${o.yearLabels[0]} to ${o.yearLabels[o.yearLabels.length - 1]}`);
    if (o.scored.length === 0) {
      out.push('  no whole-year observation in the run\'s years');
      continue;
    }
    const rows = o.scored.map((r) => {
      const f = fanOf(o, r.key, r.year);
      return [
        `${r.yearLabel} ${r.key}`, formatUsd(r.outcome),
        f ? `${formatUsd(f.q50)} [${formatUsd(f.q05)} - ${formatUsd(f.q95)}]` : '-',
        scoreCell(r.model), scoreCell(r.noChange), scoreCell(r.randomWalkWithDrift),
      ];
    });
    out.push(...table(['year, series', 'outcome', 'model median [90%]', 'model CRPS / PIT', 'no change CRPS / PIT', 'drift walk CRPS / PIT'], rows).map((l) => `  ${l}`));
    const missing = o.benchmarks.filter((b) => !b.noChange.available || !b.randomWalkWithDrift.available)
      .map((b) => `${b.key} (${b.years.length} whole year${b.years.length === 1 ? '' : 's'} up to the origin)`);
    if (missing.length > 0) out.push(`  n/a: a benchmark needs 2 (no change) or 3 (drift walk) whole years up to the origin: ${missing.join(', ')}`);
    if (o.notScored.length > 0) {
      const which = o.notScored.length <= 4 ? ` (${o.notScored.map((n) => `${n.series} ${n.period ?? n.year}`).join('; ')})` : ', listed in backtest.json';
      out.push(`  not scored: ${o.notScored.length} observation${o.notScored.length === 1 ? '' : 's'} of a partial year or of a year the run covers in part${which}`);
    }
  }
  for (const k of s.skipped) out.push('', `Skipped: ${k.reason}`);
  const n = s.aggregate.all[0]?.count ?? 0;
  out.push('', `Over ${n} scored observation${n === 1 ? '' : 's'} (each forecaster on those it could forecast):`);
  out.push(...table(AGGREGATE_HEADER, aggregateRows(s.aggregate.all)).map((l) => `  ${l}`));
  for (const p of s.aggregate.paired) {
    if (p.count === 0) continue;
    out.push('', `The model beside ${FORECASTER_TEXT[p.benchmark]}, on the ${p.count} observation${p.count === 1 ? '' : 's'} both forecast:`);
    out.push(...table(AGGREGATE_HEADER, aggregateRows([p.model, p.naive])).map((l) => `  ${l}`));
  }
  out.push('', `CRPS: USD per year; log score: nats; lower is better for both. ${n < 20 ? `${n} outcomes are weak evidence: the coverage intervals show how wide.` : ''}`.trimEnd());
  out.push(s.notes[0] as string);
  return out.join('\n');
}
