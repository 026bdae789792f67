/**
 * A scenario as of a back-test origin: the bases taken from the history at the origin, the run
 * starting the year after it and ending with the last whole-year observation, and the scenario's
 * dated events kept at their dates. The rules, and why they are judgements, are in
 * docs/backtest.md; every edit is made to the merged file and validated again (studies/variant.ts).
 */
import type { Prepared } from '../../project.js';
import type { Plan } from '../../scenario/plan.js';
import { distributionMean } from '../../engine/sample.js';
import { seriesMismatch, type HistoryFile, type HistorySeries, type Observation } from '../../scenario/history.js';
import { ScenarioError } from '../../scenario/issues.js';
import { decimalYear, type Distribution, type Uncertain } from '../../scenario/schema.js';
import type { RawEdit } from '../variant.js';

/** "total" or a direction such as "PK>KZ". */
export type SeriesKey = string;

export interface ScenarioSeries {
  key: SeriesKey;
  series: HistorySeries;
  /** Whole-year observations by year label (the history file holds at most one a year). */
  whole: Map<number, Observation>;
  /** Partial-year observations, which are not scored. */
  partial: Observation[];
}

/**
 * The history series the scenario names in `historySeries`, checked against the history file:
 * each must exist and record the flow it is named for. Throws a ScenarioError naming the
 * scenario's file, line and field.
 */
export function scenarioSeries(prep: Prepared, history: HistoryFile): ScenarioSeries[] {
  const s = prep.loaded.scenario;
  const fail = (path: Array<string | number>, message: string): never => {
    throw new ScenarioError([prep.loaded.locator.issue({ path, message })]);
  };
  const names = s.historySeries;
  const available = history.series.map((x) => `${x.id} (${x.flow})`).join(', ');
  if (!names || Object.keys(names).length === 0) {
    fail(['historySeries'], `expected "historySeries" naming the series of ${history.display} that hold this scenario's statistics, e.g. { total: NAME, "PK>KZ": NAME, "KZ>PK": NAME }; found none. The file's series: ${available}`);
  }
  const out: ScenarioSeries[] = [];
  for (const [key, id] of Object.entries(names ?? {})) {
    const mismatch = seriesMismatch(history, key, id, s.fiscalYearStartMonth);
    const series = history.series.find((x) => x.id === id);
    if (mismatch !== undefined || series === undefined) fail(['historySeries', key], mismatch ?? '');
    else {
      const whole = new Map<number, Observation>();
      for (const p of series.points) if (p.months === undefined) whole.set(p.year, p);
      out.push({ key, series, whole, partial: series.points.filter((p) => p.months !== undefined) });
    }
  }
  return out;
}

/** How the bases were set at the origin. */
export type BaseRule =
  | { rule: 'by direction'; observed: Array<{ key: SeriesKey; series: string; value: number; factor: number }> }
  | { rule: 'total'; observed: Array<{ key: SeriesKey; series: string; value: number; factor: number }> }
  | { rule: 'as written' };

export interface OriginScenario {
  /** The origin's year label: the last year whose observations the run may use. */
  origin: number;
  start: string;
  horizon: number;
  /** Year labels the run reports, the year after the origin to the last observation. */
  years: number[];
  bases: BaseRule;
  edits: RawEdit[];
  /** What the edits did beyond the bases (removed, moved), for the output. */
  notes: string[];
}

/** Why an origin cannot be used; the CLI says it with exit 2. */
export class OriginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OriginError';
  }
}

const monthText = (calendarYear: number, month: number) => `${calendarYear}-${String(month).padStart(2, '0')}`;

/** The first month of year label `label` (a fiscal year is labelled by the calendar year it ends in). */
export function yearStart(label: number, fiscalYearStartMonth: number): string {
  return monthText(fiscalYearStartMonth === 1 ? label : label - 1, fiscalYearStartMonth);
}

/** The year label of month `month` ("2019-06"): a fiscal year by the calendar year it ends in (compile.ts's stepYearLabel). */
export function yearLabelOf(month: string, fiscalYearStartMonth: number): number {
  const year = Number(month.slice(0, 4));
  return fiscalYearStartMonth === 1 || Number(month.slice(5, 7)) < fiscalYearStartMonth ? year : year + 1;
}

/** A distribution times `c` (c > 0): every location and scale parameter scaled. */
export function scaleDistribution(d: Distribution, c: number): Distribution {
  switch (d.dist) {
    case 'normal': return { ...d, mean: d.mean * c, sd: d.sd * c };
    case 'lognormal': return { ...d, median: d.median * c };
    case 'uniform': return { ...d, min: d.min * c, max: d.max * c };
    case 'triangular':
    case 'pert': return { ...d, min: d.min * c, mode: d.mode * c, max: d.max * c };
  }
}

/** A distribution plus `s`; undefined for a lognormal, which a shift would take out of its family. */
export function shiftDistribution(d: Distribution, s: number): Distribution | undefined {
  switch (d.dist) {
    case 'normal': return { ...d, mean: d.mean + s };
    case 'lognormal': return undefined;
    case 'uniform': return { ...d, min: d.min + s, max: d.max + s };
    case 'triangular':
    case 'pert': return { ...d, min: d.min + s, mode: d.mode + s, max: d.max + s };
  }
}

const meanOf = (u: Uncertain) => (u.kind === 'fixed' ? u.value : distributionMean(u.dist));

/** An Uncertain written back as the file would write it, with a provenance. */
function rawUncertain(value: number | Distribution, provenance: { source?: string | undefined; assumption?: string | undefined }): Record<string, unknown> {
  const prov = { ...(provenance.source ? { source: provenance.source } : {}), ...(provenance.assumption ? { assumption: provenance.assumption } : {}) };
  return typeof value === 'number' ? { value, ...prov } : { ...value, ...prov };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An origin as the scenario labels its years: "FY2023-24" for 2024 in a fiscal-year calendar. */
export function originLabel(plan: Plan, origin: number): string {
  const first = plan.yearLabels[0] ?? '';
  return first.startsWith('FY') ? `FY${origin - 1}-${String(origin % 100).padStart(2, '0')}` : String(origin);
}

/**
 * The scenario as of origin `origin` (a year label of the scenario's calendar). Throws
 * OriginError when the history has no whole-year observation at the origin to take the bases
 * from, or none after it to score.
 */
export function originScenario(prep: Prepared, series: ScenarioSeries[], origin: number): OriginScenario {
  const s = prep.loaded.scenario;
  const plan = prep.compiled.plan;
  const fs = s.fiscalYearStartMonth;
  const observedYears = (x: ScenarioSeries) => [...x.whole.keys()].sort((a, b) => a - b);
  const describe = () => series.map((x) => `${x.series.id}: ${observedYears(x).join(', ') || 'none'}`).join('; ');
  const label = originLabel(plan, origin);
  const later = series.flatMap((x) => observedYears(x).filter((y) => y > origin));
  if (later.length === 0) throw new OriginError(`origin ${label}: no whole-year observation after it to score (whole years observed: ${describe()})`);
  const last = Math.max(...later);

  // Bases: each direction's observed total at the origin where every direction has one, else the total.
  const byDirection = plan.directions.map((d) => series.find((x) => x.key === d && x.whole.has(origin)));
  const totalSeries = series.find((x) => x.key === 'total' && x.whole.has(origin));
  const flows = Object.entries(s.flows).flatMap(([sector, dirs]) => Object.entries(dirs).map(([dir, params]) => {
    const base = params?.base ?? s.byDirection?.[dir as 'PK>KZ']?.base ?? s.defaults?.base;
    if (!base) throw new Error(`internal: flow ${sector} ${dir} has no base after validation`);
    return { sector, dir, base, mean: meanOf(base) };
  }));
  const sumOf = (dir?: string) => flows.filter((f) => dir === undefined || f.dir === dir).reduce((a, f) => a + f.mean, 0);
  let bases: BaseRule;
  const factor = new Map<string, number>();
  if (byDirection.every((x) => x !== undefined) && byDirection.length > 0) {
    bases = {
      rule: 'by direction',
      observed: plan.directions.map((d, i) => {
        const x = byDirection[i] as ScenarioSeries;
        const value = (x.whole.get(origin) as Observation).value;
        const f = value / sumOf(d);
        factor.set(d, f);
        return { key: d, series: x.series.id, value, factor: f };
      }),
    };
  } else if (totalSeries) {
    const value = (totalSeries.whole.get(origin) as Observation).value;
    const f = value / sumOf();
    for (const d of plan.directions) factor.set(d, f);
    bases = { rule: 'total', observed: [{ key: 'total', series: totalSeries.series.id, value, factor: f }] };
  } else {
    throw new OriginError(`origin ${label}: no whole-year observation in ${label} to take the bases from, neither of every direction nor of the total (whole years observed: ${describe()})`);
  }

  const start = yearStart(origin + 1, fs);
  const horizon = last - origin;
  // Years from the new start to the scenario's own: dated-by-start events move by this much.
  const gap = decimalYear(s.start) - decimalYear(start);
  const notes: string[] = [];
  const edits: RawEdit[] = [(raw) => {
    raw.start = start;
    raw.horizon = horizon;
    raw.target = { ...(raw.target as Record<string, unknown>), year: last };
  }];

  const observedText = bases.observed.map((o) => `${o.series} ${origin} = USD ${(o.value / 1e6).toPrecision(4)}M`).join(', ');
  edits.push((raw) => {
    const rawFlows = raw.flows as Record<string, Record<string, Record<string, unknown>>>;
    for (const f of flows) {
      const c = factor.get(f.dir) as number;
      const value = f.base.kind === 'fixed' ? f.base.value * c : scaleDistribution(f.base.dist, c);
      const flow = rawFlows[f.sector]?.[f.dir];
      if (!flow) throw new Error(`internal: flow ${f.sector} ${f.dir} missing from the merged file`);
      flow.base = rawUncertain(value, {
        source: `Back-test as of ${origin}: ${observedText} (${bases.rule === 'total' ? 'the total' : `the ${f.dir} total`})`,
        assumption: `The scenario's base times ${c.toPrecision(4)}, so that the flows' mean bases sum to the observed ${bases.rule === 'total' ? 'total' : 'direction total'} with the scenario's sector shares kept; the scenario's own base: ${f.base.source ?? f.base.assumption ?? 'not sourced'}`,
      });
    }
  });

  // permanentShare reads the scenario's own base-year observation (baseline-pk: FY25's spike); an
  // origin's observation is read as the level.
  edits.push((raw) => {
    const holders: unknown[] = [raw.defaults, ...Object.values(isRecord(raw.byDirection) ? raw.byDirection : {}), ...Object.values(raw.flows as Record<string, unknown>).flatMap((d) => (isRecord(d) ? Object.values(d) : []))];
    let removed = 0;
    for (const h of holders) if (isRecord(h) && 'permanentShare' in h) { delete h.permanentShare; removed++; }
    if (removed > 0 && !notes.some((n) => n.startsWith('permanentShare'))) notes.push(`permanentShare removed (${removed} place${removed === 1 ? '' : 's'}): it reads the scenario's own base-year observation, and the origin's observation is taken as the lasting level`);
  });

  // A schedule table that starts after the run's first year: its first rate, the earliest the
  // scenario states, is taken to hold from the origin on.
  const firstYear = origin + 1;
  edits.push((raw) => {
    const holders: Array<[string, unknown]> = [['defaults', raw.defaults],
      ...Object.entries(isRecord(raw.byDirection) ? raw.byDirection : {}).map(([d, v]): [string, unknown] => [`byDirection.${d}`, v]),
      ...Object.entries(raw.flows as Record<string, unknown>).flatMap(([sector, d]) => (isRecord(d) ? Object.entries(d).map(([dir, v]): [string, unknown] => [`flows.${sector}.${dir}`, v]) : []))];
    for (const [where, h] of holders) {
      if (!isRecord(h)) continue;
      for (const key of ['tariff', 'ntm']) {
        const v = h[key];
        const table = isRecord(v) && isRecord(v.value) ? v.value : isRecord(v) && !('value' in v) ? v : undefined;
        if (!table) continue;
        const years = Object.keys(table).map(Number).filter(Number.isInteger).sort((a, b) => a - b);
        const first = years[0];
        if (first === undefined || first <= firstYear) continue;
        table[String(firstYear)] = table[String(first)];
        notes.push(`${where}.${key}: the table starts in ${first}; its ${first} rate is taken to hold from ${firstYear}`);
      }
    }
  });

  if (gap > 0) {
    // A closure in force at the scenario's start began after the origin: unknown then.
    edits.push((raw) => {
      for (const group of ['borders', 'corridors'] as const) {
        const items = raw[group];
        if (!isRecord(items)) continue;
        for (const [name, item] of Object.entries(items)) {
          if (isRecord(item) && item.initiallyClosed === true) {
            delete item.initiallyClosed;
            delete item.reopens;
            if (!notes.some((n) => n.includes(`${group}.${name}`))) notes.push(`${group}.${name}: closed at the scenario's start (${s.start}), open at the origin's (${start}); its closure and reopening date removed, its disruption regime kept`);
          }
        }
      }
    });
  }

  if (gap !== 0 && s.agreements) {
    // An agreement's delay counts from the start: keep its calendar date.
    edits.push((raw) => {
      const rawAgreements = raw.agreements as Record<string, Record<string, unknown>>;
      for (const [name, a] of Object.entries(s.agreements ?? {})) {
        const d = a.delay;
        let value: number | Distribution | undefined;
        const before = () => new OriginError(`origin ${label}: agreements.${name}.delay moved by ${gap.toFixed(2)} years would fall before the origin's start; the back-test cannot place an agreement dated, wholly or in part, before its origin`);
        if (d.kind === 'fixed') {
          value = d.value + gap;
          if (value < 0) throw before();
        } else {
          value = shiftDistribution(d.dist, gap);
          if (value === undefined) throw new OriginError(`origin ${label}: agreements.${name}.delay is lognormal, which cannot be moved by the ${gap.toFixed(2)} years between the scenario's start and the origin's; write it as a triangular or PERT distribution`);
          const lowest = 'min' in value ? value.min : -Infinity;
          if (lowest < 0) throw before();
        }
        const target = rawAgreements[name];
        if (target) target.delay = rawUncertain(value, { source: d.source, assumption: `${d.assumption ? `${d.assumption}; ` : ''}back-test: moved by ${gap.toFixed(2)} years so that the agreement keeps its calendar date (the delay counts from the start)` });
      }
      if (!notes.some((n) => n.startsWith('agreements'))) notes.push(`agreements: delays moved by ${gap.toFixed(2)} years, so that each keeps its calendar date`);
    });
  }

  const years = Array.from({ length: horizon }, (_, i) => origin + 1 + i);
  return { origin, start, horizon, years, bases, edits, notes };
}
