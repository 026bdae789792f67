/**
 * Every number of a scenario with where it came from: the report's parameter table, and the
 * check that no default scenario has a bare number (`validate --strict`).
 */
import type { FieldPath } from './issues.js';
import { formatPath } from './issues.js';
import { FLOW_SCHEDULE_PARAMETERS, FLOW_UNCERTAIN_PARAMETERS, type Border, type Distribution, type Scenario, type Schedule, type Uncertain } from './schema.js';
import { resolveFlows } from './checks.js';
import { formatAmount } from './amount.js';

export interface Provenanced {
  path: FieldPath;
  value: string;
  source?: string | undefined;
  assumption?: string | undefined;
}

const num = (v: number, money: boolean) => (money ? formatAmount(v) : String(Number(v.toPrecision(6))));

export function describeDistribution(d: Distribution, money = false): string {
  const n = (v: number) => num(v, money);
  switch (d.dist) {
    case 'normal': return `normal(mean ${n(d.mean)}, sd ${n(d.sd)})`;
    case 'lognormal': return `lognormal(median ${n(d.median)}, sdlog ${d.sdlog})`;
    case 'uniform': return `uniform(${n(d.min)}, ${n(d.max)})`;
    case 'triangular': return `triangular(${n(d.min)}, ${n(d.mode)}, ${n(d.max)})`;
    case 'pert': return `PERT(${n(d.min)}, ${n(d.mode)}, ${n(d.max)})`;
  }
}

export function describeUncertain(u: Uncertain, money = false): string {
  return u.kind === 'fixed' ? num(u.value, money) : describeDistribution(u.dist, money);
}

export function describeSchedule(s: Schedule): string {
  if (s.kind === 'constant') return num(s.value, false);
  if (s.kind === 'expression') return s.expression;
  return `{${s.table.map(([y, v]) => `${y}: ${num(v, false)}`).join(', ')}}`;
}

type Noted = { source?: string | undefined; assumption?: string | undefined };
const row = (path: FieldPath, value: string, note: Noted): Provenanced => ({
  path, value, ...(note.source ? { source: note.source } : {}), ...(note.assumption ? { assumption: note.assumption } : {}),
});

/** One row per number written in the scenario (a parameter shared through `defaults` appears once). */
export function parameterRows(s: Scenario): Provenanced[] {
  const rows: Provenanced[] = [];
  const seen = new Set<string>();
  const push = (r: Provenanced) => {
    const key = formatPath(r.path);
    if (!seen.has(key)) { seen.add(key); rows.push(r); }
  };
  push(row(['target', 'value'], formatAmount(s.target.value), s.target));
  for (const f of resolveFlows(s)) {
    for (const key of FLOW_UNCERTAIN_PARAMETERS) {
      const u = f[key];
      const path = f.origin[key];
      if (!u || !path) continue;
      push(row(path, describeUncertain(u, key === 'base' || key === 'potential'), u));
    }
    for (const key of FLOW_SCHEDULE_PARAMETERS) {
      const path = f.origin[key];
      if (path) push(row(path, describeSchedule(f[key]), f[key]));
    }
  }
  if (s.correlation) {
    const c = s.correlation;
    push(row(['correlation'], `same sector ${c.sameSector}, same direction ${c.sameDirection}, otherwise ${c.otherwise}${c.pairs?.length ? `, ${c.pairs.length} pairs` : ''}`, c));
  }
  /** A corridor's or border's disruption chain. */
  const disruption = (p: FieldPath, c: Pick<Border, 'reopens' | 'closuresPerYear' | 'meanClosureDays'>) => {
    if (c.reopens) push(row([...p, 'reopens'], describeUncertain(c.reopens), c.reopens));
    if (c.closuresPerYear) push(row([...p, 'closuresPerYear'], describeUncertain(c.closuresPerYear), c.closuresPerYear));
    if (c.meanClosureDays) push(row([...p, 'meanClosureDays'], describeUncertain(c.meanClosureDays), c.meanClosureDays));
  };
  for (const [name, c] of Object.entries(s.corridors ?? {})) {
    const p: FieldPath = ['corridors', name];
    if (c.freightCost) push(row([...p, 'freightCost'], describeUncertain(c.freightCost), c.freightCost));
    for (const key of ['costPerTonne', 'costPerContainer', 'tonnesPerContainer'] as const) {
      const u = c[key];
      if (u) push(row([...p, key], describeUncertain(u), u));
    }
    push(row([...p, 'transitDays'], describeUncertain(c.transitDays), c.transitDays));
    if (c.opens) push(row([...p, 'opens'], describeUncertain(c.opens), c.opens));
    disruption(p, c);
    if (c.closedMonths?.length) push(row([...p, 'closedMonths'], c.closedMonths.join(', '), c));
  }
  for (const [name, b] of Object.entries(s.borders ?? {})) disruption(['borders', name], b);
  for (const [name, f] of Object.entries(s.politicalFactors ?? {})) push(row(['politicalFactors', name, 'correlation'], String(f.correlation), f));
  for (const [name, a] of Object.entries(s.agreements ?? {})) {
    const p: FieldPath = ['agreements', name];
    push(row([...p, 'probability'], String(a.probability.value), a.probability));
    push(row([...p, 'delay'], describeUncertain(a.delay), a.delay));
    a.effects.forEach((e, i) => {
      const ops = 'corridor' in e
        ? ([['freightCost', e.freightCost], ['transitDays', e.transitDays]] as const)
        : ([['tariff', e.tariff], ['ntm', e.ntm]] as const);
      for (const [field, op] of ops) {
        if (!op) continue;
        const text = op.set !== undefined ? `set ${op.set}` : op.add !== undefined ? `add ${op.add}` : `multiply ${op.multiply}`;
        push(row([...p, 'effects', i, field], text, op.source || op.assumption ? op : a));
      }
    });
  }
  return rows;
}

/** Rows whose number carries neither a source nor an assumption. */
export function bareNumbers(s: Scenario): Provenanced[] {
  return parameterRows(s).filter((r) => !r.source && !r.assumption);
}
