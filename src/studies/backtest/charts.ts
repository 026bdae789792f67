/**
 * The back-test's charts, as Vega-Lite specs in the run charts' look (charts/theme.ts): the fan
 * from each origin with the outcomes drawn on it, the PIT histogram and coverage against nominal.
 */
import type { TopLevelSpec } from 'vega-lite';
import { directionLabel, textTooltip } from '../../charts/common.js';
import type { ChartToWrite } from '../../charts/write.js';
import { FAN, HISTORY_COLOR, MUTED, OKABE_ITO, theme } from '../../charts/theme.js';
import { formatUsd, groupThousands } from '../../format.js';
import { FORECASTER_TEXT, FORECASTERS, type BacktestSummary } from './backtest.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const PIT_BINS = 10;
const COLORS = [FAN.median, OKABE_ITO.orange, OKABE_ITO.bluishGreen];

const runLine = (s: BacktestSummary) => `${groupThousands(s.paths)} simulated paths per origin · seed ${s.seed} · observations from ${s.history}`;
const seriesText = (key: string) => (key === 'total' ? 'Total trade' : directionLabel(key));

export function fanSpec(s: BacktestSummary): TopLevelSpec | null {
  const rows = s.origins.flatMap((o) => [
    ...o.fan.map((f) => ({ kind: 'fan', origin: `from ${o.originLabel}`, series: seriesText(f.key), year: f.year, label: f.yearLabel, q05: f.q05, q25: f.q25, q50: f.q50, q75: f.q75, q95: f.q95, text: `${formatUsd(f.q50)} [${formatUsd(f.q05)} - ${formatUsd(f.q95)}]` })),
    ...o.scored.map((r) => ({ kind: 'outcome', origin: `from ${o.originLabel}`, series: seriesText(r.key), year: r.year, label: r.yearLabel, value: r.outcome, text: `${formatUsd(r.outcome)}, PIT ${r.model.pit.toFixed(2)}` })),
    ...o.benchmarks.flatMap((b) => b.years.filter((y) => y === o.origin).map((y) => {
      const obs = o.bases.rule === 'as written' ? undefined : o.bases.observed.find((x) => x.series === b.series);
      return obs ? [{ kind: 'origin', origin: `from ${o.originLabel}`, series: seriesText(b.key), year: y, label: o.originLabel, value: obs.value, text: `${formatUsd(obs.value)} at the origin` }] : [];
    }).flat()),
  ]);
  if (rows.length === 0) return null;
  const x = { field: 'year', type: 'quantitative', axis: { title: null, format: 'd', tickMinStep: 1 } } as const;
  const y = (field: string) => ({ field, type: 'quantitative', scale: { type: 'log' }, axis: { title: 'USD per year (log scale)', format: '~s' } }) as const;
  const only = (kind: string) => [{ filter: `datum.kind === '${kind}'` }];
  const spec = {
    $schema: SCHEMA,
    description: 'The forecast from each origin (median, 50% and 90% bands of the annual value) with the observed outcomes.',
    title: { text: `Forecasts from each origin and what happened — ${s.scenario.name}`, subtitle: ['Bands: 50% and 90% central intervals; line: median; dots: observed whole years (scored); ring: the value at the origin.', runLine(s)] },
    config: theme,
    data: { values: rows },
    facet: { row: { field: 'origin', type: 'nominal', title: null }, column: { field: 'series', type: 'nominal', title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 220,
      height: 160,
      layer: [
        {
          transform: only('fan'),
          layer: [
            { mark: { type: 'area', color: FAN.outer }, encoding: { x, y: y('q05'), y2: { field: 'q95' } } },
            { mark: { type: 'area', color: FAN.inner }, encoding: { x, y: y('q25'), y2: { field: 'q75' } } },
            // Bars as well as bands: a run of one year has no band to draw.
            { mark: { type: 'rule', color: FAN.outer, strokeWidth: 7 }, encoding: { x, y: y('q05'), y2: { field: 'q95' } } },
            { mark: { type: 'rule', color: FAN.inner, strokeWidth: 7 }, encoding: { x, y: y('q25'), y2: { field: 'q75' } } },
            { mark: { type: 'line', color: FAN.median, point: true }, encoding: { x, y: y('q50'), tooltip: textTooltip(['label', 'Year'], ['text', 'Median [90%]']) } },
          ],
        },
        { transform: only('outcome'), mark: { type: 'point', filled: true, color: OKABE_ITO.vermillion, size: 60 }, encoding: { x, y: y('value'), tooltip: textTooltip(['label', 'Year'], ['text', 'Observed']) } },
        { transform: only('origin'), mark: { type: 'point', filled: false, color: HISTORY_COLOR, size: 60 }, encoding: { x, y: y('value'), tooltip: textTooltip(['label', 'Origin'], ['text', 'Observed']) } },
      ],
    },
  };
  return spec as TopLevelSpec;
}

export function pitSpec(s: BacktestSummary): TopLevelSpec | null {
  const rows = s.aggregate.all.filter((a) => a.count > 0).flatMap((a) => Array.from({ length: PIT_BINS }, (_, b) => ({
    forecaster: FORECASTER_TEXT[a.forecaster], bin: `${(b / PIT_BINS).toFixed(1)}-${((b + 1) / PIT_BINS).toFixed(1)}`,
    count: a.pit.filter((p) => Math.min(PIT_BINS - 1, Math.floor(p * PIT_BINS)) === b).length,
    expected: a.count / PIT_BINS,
  })));
  if (rows.length === 0) return null;
  const domain = FORECASTERS.filter((f) => (s.aggregate.all.find((a) => a.forecaster === f)?.count ?? 0) > 0).map((f) => FORECASTER_TEXT[f]);
  const spec = {
    $schema: SCHEMA,
    description: 'Histogram of the probability integral transform of each scored outcome, per forecaster.',
    title: { text: `Where the outcomes fell in their forecasts (PIT) — ${s.scenario.name}`, subtitle: ['Flat when the forecasts are calibrated; a U: too narrow; a hump: too wide; a slope: biased. Ticks: a flat histogram.', runLine(s)] },
    config: theme,
    width: 520,
    height: 220,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'bin', type: 'ordinal', axis: { title: 'PIT (share of the forecast below the outcome)', labelAngle: 0 } },
          xOffset: { field: 'forecaster', type: 'nominal', sort: domain },
          y: { field: 'count', type: 'quantitative', axis: { title: 'Outcomes', tickMinStep: 1 } },
          color: { field: 'forecaster', type: 'nominal', scale: { domain, range: COLORS.slice(0, domain.length) }, legend: { title: null, orient: 'bottom' } },
          tooltip: textTooltip(['forecaster', 'Forecaster'], ['bin', 'PIT'], ['count', 'Outcomes']),
        },
      },
      {
        mark: { type: 'tick', color: MUTED, thickness: 1.5 },
        encoding: { x: { field: 'bin', type: 'ordinal' }, xOffset: { field: 'forecaster', type: 'nominal', sort: domain }, y: { field: 'expected', type: 'quantitative' } },
      },
    ],
  };
  return spec as TopLevelSpec;
}

export function coverageSpec(s: BacktestSummary): TopLevelSpec | null {
  // Each forecaster a little to the side of the nominal level, so that their intervals do not hide each other.
  const rows = s.aggregate.all.filter((a) => a.count > 0).flatMap((a, i) => a.coverage.map((c) => ({
    forecaster: FORECASTER_TEXT[a.forecaster], nominal: c.level, at: c.level + (i - 1) * 0.015, rate: c.rate, low: c.low, high: c.high,
    text: `${c.covered} of ${c.n} (95%: ${((c.low ?? 0) * 100).toFixed(0)}-${((c.high ?? 0) * 100).toFixed(0)}%)`,
  })));
  if (rows.length === 0) return null;
  const domain = FORECASTERS.filter((f) => (s.aggregate.all.find((a) => a.forecaster === f)?.count ?? 0) > 0).map((f) => FORECASTER_TEXT[f]);
  const x = { field: 'at', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: 'Nominal coverage of the central interval', format: '.0%' } } as const;
  const spec = {
    $schema: SCHEMA,
    description: 'Share of outcomes inside the central 50% and 90% intervals against the nominal share, with Wilson 95% intervals.',
    title: { text: `Coverage against nominal — ${s.scenario.name}`, subtitle: ['On the diagonal when the intervals are as wide as they claim; below it: too narrow. Lines: Wilson 95% intervals.', runLine(s)] },
    config: theme,
    width: 360,
    height: 300,
    layer: [
      { data: { values: [{ a: 0, b: 0 }, { a: 1, b: 1 }] }, mark: { type: 'line', color: MUTED, strokeDash: [4, 3] }, encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } },
      {
        data: { values: rows },
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color: { field: 'forecaster', type: 'nominal', scale: { domain, range: COLORS.slice(0, domain.length) }, legend: { title: null, orient: 'bottom' } } },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x, y: { field: 'rate', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: 'Share of outcomes covered', format: '.0%' } },
          color: { field: 'forecaster', type: 'nominal', scale: { domain, range: COLORS.slice(0, domain.length) }, legend: { title: null, orient: 'bottom' } },
          tooltip: textTooltip(['forecaster', 'Forecaster'], ['text', 'Covered']),
        },
      },
    ],
  };
  return spec as TopLevelSpec;
}

export function backtestCharts(s: BacktestSummary): ChartToWrite[] {
  const out: ChartToWrite[] = [];
  const fan = fanSpec(s);
  if (fan) out.push({ name: 'backtest-fan', title: 'Forecasts from each origin, with what happened', spec: fan });
  const pit = pitSpec(s);
  if (pit) out.push({ name: 'backtest-pit', title: 'PIT histogram', spec: pit });
  const coverage = coverageSpec(s);
  if (coverage) out.push({ name: 'backtest-coverage', title: 'Coverage against nominal', spec: coverage });
  return out;
}
