/**
 * Scenario -> Plan: calendar, schedules evaluated per step, the correlation factor, corridor and
 * agreement tables. Problems found here (an expression that fails, a target year outside the
 * horizon) are located like schema problems and raised together as a ScenarioError.
 */
import { carries, effectRangeIssues, flowId, resolveFlows, type ResolvedFlow } from './checks.js';
import { cholesky, nearestCorrelation } from './correlation.js';
import { compileExpression } from './expressions.js';
import { messages, ScenarioError, type FieldPath, type RawIssue } from './issues.js';
import type { LoadedScenario } from './load.js';
import {
  FIELD_NTM, FIELD_TARIFF, OP_ADD, OP_MULTIPLY, OP_SET,
  type ParamDraw, type Plan, type PlanAgreement, type PlanBorder, type PlanCorridor, type PlanFlowParams, type PlanRegime,
} from './plan.js';
import {
  DIRECTIONS, FLOW_UNCERTAIN_PARAMETERS, type Corridor, type FlowUncertainKey, type Operation, type Scenario, type Schedule, type Uncertain,
} from './schema.js';

export interface Compiled {
  plan: Plan;
  warnings: string[];
  flows: ResolvedFlow[];
}

export interface Calendar {
  startYear: number;
  startMonth: number;
  /** Calendar year with fraction at the start. */
  startDecimal: number;
  steps: number;
  dt: number;
  stepYear: Int32Array;
  years: number[];
  yearLabels: string[];
  yearSteps: Int32Array;
  yearEndStep: Int32Array;
  stepTime: Float64Array;
  stepDate: string[];
  /** Year label (calendar, or the calendar year a fiscal year ends in) of each step. */
  stepYearLabel: Int32Array;
  /** First month (1-12) of each step. */
  stepMonths: Int32Array[];
}

/** Steps, and which whole (calendar or fiscal) year each belongs to. */
export function calendar(s: Scenario): Calendar {
  const startYear = Number(s.start.slice(0, 4));
  const startMonth = Number(s.start.slice(5, 7));
  const spy = s.stepsPerYear;
  const monthsPerStep = 12 / spy;
  const steps = s.horizon * spy;
  const fs = s.fiscalYearStartMonth;
  const stepYearLabel = new Int32Array(steps);
  const stepMonths: Int32Array[] = [];
  const stepDate: string[] = [];
  const stepTime = new Float64Array(steps);
  for (let k = 0; k < steps; k++) {
    const months = new Int32Array(monthsPerStep);
    for (let j = 0; j < monthsPerStep; j++) {
      const abs = startYear * 12 + (startMonth - 1) + k * monthsPerStep + j;
      months[j] = (abs % 12) + 1;
      if (j === 0) {
        const cy = Math.floor(abs / 12);
        stepYearLabel[k] = fs === 1 || (months[0] as number) < fs ? cy : cy + 1;
        stepDate.push(`${cy}-${String(months[0]).padStart(2, '0')}`);
      }
    }
    stepMonths.push(months);
    stepTime[k] = (k + 1) / spy;
  }
  const years: number[] = [];
  const yearSteps: number[] = [];
  const yearEnd: number[] = [];
  const stepYear = new Int32Array(steps).fill(-1);
  for (let k = 0; k < steps;) {
    let j = k;
    while (j < steps && stepYearLabel[j] === stepYearLabel[k]) j++;
    if (j - k === spy) {
      for (let i = k; i < j; i++) stepYear[i] = years.length;
      years.push(stepYearLabel[k] as number);
      yearSteps.push(spy);
      yearEnd.push(j - 1);
    }
    k = j;
  }
  const yearLabels = years.map((y) => (fs === 1 ? String(y) : `FY${y - 1}-${String(y % 100).padStart(2, '0')}`));
  return {
    startYear, startMonth, startDecimal: startYear + (startMonth - 1) / 12, steps, dt: 1 / spy,
    stepYear, years, yearLabels, yearSteps: Int32Array.from(yearSteps), yearEndStep: Int32Array.from(yearEnd),
    stepTime, stepDate, stepYearLabel, stepMonths,
  };
}

function draw(u: Uncertain, path: FieldPath, offset = 0): ParamDraw {
  return u.kind === 'fixed'
    ? { kind: 'fixed', value: u.value + offset }
    : { kind: 'dist', dist: u.dist, component: `param:${path.join('.')}`, offset };
}

function evaluateSchedule(sched: Schedule, cal: Calendar, path: FieldPath, issues: RawIssue[]): Float64Array {
  const out = new Float64Array(cal.steps);
  if (sched.kind === 'constant') return out.fill(sched.value);
  if (sched.kind === 'table') {
    const first = sched.table[0]?.[0] ?? Infinity;
    if (first > (cal.stepYearLabel[0] as number)) {
      issues.push({ path, message: messages.tableYearsOutside(first, cal.stepYearLabel[0] as number) });
      return out;
    }
    for (let k = 0; k < cal.steps; k++) {
      const y = cal.stepYearLabel[k] as number;
      let v = sched.table[0]?.[1] ?? 0;
      for (const [year, value] of sched.table) if (year <= y) v = value;
      out[k] = v;
    }
    return out;
  }
  const compiled = compileExpression(sched.expression);
  if ('error' in compiled) {
    issues.push({ path, message: messages.expressionRejected(sched.expression, compiled.error) });
    return out;
  }
  for (let k = 0; k < cal.steps; k++) {
    const t = k * cal.dt;
    let v: number;
    try {
      v = compiled.fn(t, cal.startDecimal + t);
    } catch (err) {
      issues.push({ path, message: messages.expressionRejected(sched.expression, (err as Error).message) });
      return out;
    }
    if (!Number.isFinite(v)) {
      issues.push({ path, message: messages.expressionNotFinite(sched.expression, `t = ${t.toFixed(3)}`, String(v)) });
      return out;
    }
    out[k] = v;
  }
  return out;
}

function checkRates(values: Float64Array, cal: Calendar, path: FieldPath, issues: RawIssue[]): void {
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    if (!(v >= -0.99 && v <= 10)) {
      issues.push({ path, message: messages.scheduleOutOfRange(cal.stepDate[k] as string, v) });
      return;
    }
  }
}

const opCode = (op: Operation): { op: number; value: number } =>
  op.set !== undefined ? { op: OP_SET, value: op.set } : op.add !== undefined ? { op: OP_ADD, value: op.add } : { op: OP_MULTIPLY, value: op.multiply as number };

/** Builds the correlation matrix from the scenario's rules; repairs it when it is not positive definite. */
function correlationFactor(s: Scenario, flows: ResolvedFlow[], warnings: string[]): Float64Array | null {
  const n = flows.length;
  const c = s.correlation;
  if (!c || n === 0) return null;
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = flows[i] as ResolvedFlow, b = flows[j] as ResolvedFlow;
      r[i * n + j] = i === j ? 1 : a.sector === b.sector ? c.sameSector : a.direction === b.direction ? c.sameDirection : c.otherwise;
    }
  }
  for (const p of c.pairs ?? []) {
    const i = flows.findIndex((f) => f.id === p.a), j = flows.findIndex((f) => f.id === p.b);
    if (i >= 0 && j >= 0 && i !== j) { r[i * n + j] = p.value; r[j * n + i] = p.value; }
  }
  if (r.every((v, k) => v === (k % (n + 1) === 0 ? 1 : 0))) return null;
  let l = cholesky(r, n);
  if (!l) {
    const repair = nearestCorrelation(r, n);
    warnings.push(
      `correlation: the matrix of ${n} flows is not positive definite; repaired to the nearest correlation matrix ` +
      `(Higham 2002): Frobenius distance ${repair.frobenius.toFixed(4)}, largest change of one entry ${repair.maxChange.toFixed(4)}`,
    );
    l = cholesky(repair.matrix, n);
    if (!l) throw new Error('internal: repaired correlation matrix is not positive definite');
  }
  return l;
}

type Disruption = Pick<Corridor, 'closuresPerYear' | 'meanClosureDays' | 'initiallyClosed' | 'reopens'>;

/** The disruption chain of a corridor or border, and the end of its initial closure. */
function disruptionOf(c: Disruption, path: FieldPath, cal: Calendar, issues: RawIssue[]): { regime: PlanRegime | null; reopens: ParamDraw | null } {
  const hasRegime = c.closuresPerYear !== undefined || (c.initiallyClosed === true && c.reopens === undefined);
  if (hasRegime && c.meanClosureDays === undefined) {
    issues.push({ path: [...path, 'meanClosureDays'], message: 'expected "meanClosureDays" (mean length of a closure, days) for a corridor or border with closures, found nothing' });
  }
  return {
    regime: hasRegime
      ? {
        closuresPerYear: c.closuresPerYear ? draw(c.closuresPerYear, [...path, 'closuresPerYear']) : { kind: 'fixed', value: 0 },
        meanClosureDays: c.meanClosureDays ? draw(c.meanClosureDays, [...path, 'meanClosureDays']) : { kind: 'fixed', value: 30 },
        initiallyClosed: c.initiallyClosed === true && c.reopens === undefined,
      }
      : null,
    reopens: c.reopens === undefined ? null : draw(c.reopens, [...path, 'reopens'], -cal.startDecimal),
  };
}

function borderTable(s: Scenario, cal: Calendar, issues: RawIssue[]): PlanBorder[] {
  return Object.entries(s.borders ?? {}).map(([name, b]): PlanBorder => ({
    name, ...disruptionOf(b, ['borders', name], cal, issues), closedAtStart: b.initiallyClosed === true,
  }));
}

function corridorTable(s: Scenario, cal: Calendar, flows: ResolvedFlow[], borders: PlanBorder[], issues: RawIssue[]): PlanCorridor[] {
  return Object.entries(s.corridors ?? {}).map(([name, c]): PlanCorridor => {
    const path: FieldPath = ['corridors', name];
    const closed = new Set(c.closedMonths ?? []);
    const seasonalClosed = Uint8Array.from(cal.stepMonths, (months) => {
      const n = months.filter((m) => closed.has(m)).length;
      return n * 2 > months.length ? 1 : 0;
    });
    const border = c.border === undefined ? -1 : borders.findIndex((b) => b.name === c.border);
    const opensFixed = c.opens === undefined || (c.opens.kind === 'fixed' && c.opens.value <= cal.startDecimal);
    const openAtStart = opensFixed && c.initiallyClosed !== true && !(border >= 0 && borders[border]!.closedAtStart);
    return {
      name,
      label: c.label ?? name,
      freightCost: c.freightCost ? draw(c.freightCost, [...path, 'freightCost']) : { kind: 'fixed', value: 0 },
      weightCost: c.costPerTonne ? draw(c.costPerTonne, [...path, 'costPerTonne'])
        : c.costPerContainer ? draw(c.costPerContainer, [...path, 'costPerContainer']) : null,
      tonnesPerContainer: c.tonnesPerContainer ? draw(c.tonnesPerContainer, [...path, 'tonnesPerContainer']) : null,
      transitDays: draw(c.transitDays, [...path, 'transitDays']),
      allows: Uint8Array.from(flows, (f) => (carries(c, f.sector, f.direction) ? 1 : 0)),
      opens: c.opens === undefined ? null : draw(c.opens, [...path, 'opens'], -cal.startDecimal),
      seasonalClosed,
      ...disruptionOf(c, path, cal, issues),
      openAtStart,
      inReference: s.basesObservedWith ? s.basesObservedWith.open.includes(name) : openAtStart,
      border,
    };
  });
}

function agreementTable(s: Scenario, flows: ResolvedFlow[], corridorNames: string[], factorNames: string[]): PlanAgreement[] {
  return Object.entries(s.agreements ?? {}).map(([name, a]): PlanAgreement => {
    const flowEffects: PlanAgreement['flowEffects'] = [];
    const corridorEffects: PlanAgreement['corridorEffects'] = [];
    for (const e of a.effects) {
      if ('corridor' in e) {
        corridorEffects.push({
          corridor: corridorNames.indexOf(e.corridor),
          open: e.open === true,
          freightCost: e.freightCost ? opCode(e.freightCost) : null,
          transitDays: e.transitDays ? opCode(e.transitDays) : null,
        });
      } else {
        const selected = flows.flatMap((f, i) => (carries(e, f.sector, f.direction) ? [i] : []));
        if (e.tariff) flowEffects.push({ flows: selected, field: FIELD_TARIFF, ...opCode(e.tariff), mfn: e.tariff.mfn === true });
        if (e.ntm) flowEffects.push({ flows: selected, field: FIELD_NTM, ...opCode(e.ntm), mfn: false });
      }
    }
    return {
      name, label: a.label ?? name, probability: a.probability.value,
      factor: a.politicalFactor === undefined ? -1 : factorNames.indexOf(a.politicalFactor),
      delay: draw(a.delay, ['agreements', name, 'delay']), flowEffects, corridorEffects,
    };
  });
}

/** A flow's per-path parameters as draws (potential null when the flow has none). */
function planFlowParams(f: ResolvedFlow, origin: (f: ResolvedFlow, key: string) => FieldPath): PlanFlowParams {
  const out: Partial<Record<FlowUncertainKey, ParamDraw | null>> = {};
  for (const key of FLOW_UNCERTAIN_PARAMETERS) {
    const u = f[key];
    out[key] = u ? draw(u, origin(f, key)) : null;
  }
  return out as PlanFlowParams;
}

export function compileScenario(loaded: LoadedScenario): Compiled {
  const s = loaded.scenario;
  const issues: RawIssue[] = [];
  const warnings: string[] = [];
  const cal = calendar(s);
  const flows = resolveFlows(s);
  const F = flows.length;
  const T = cal.steps;
  const tariff = new Float64Array(F * T);
  const ntm = new Float64Array(F * T);
  const mfnTariff = new Float64Array(F * T);
  flows.forEach((f, i) => {
    const tp = [...(f.origin.tariff ?? ['defaults', 'tariff'])];
    const np = [...(f.origin.ntm ?? ['defaults', 'ntm'])];
    const tv = evaluateSchedule(f.tariff, cal, tp, issues);
    const nv = evaluateSchedule(f.ntm, cal, np, issues);
    checkRates(tv, cal, tp, issues);
    checkRates(nv, cal, np, issues);
    tariff.set(tv, i * T);
    ntm.set(nv, i * T);
    if (f.tariff.mfn) mfnTariff.set(tv, i * T);
    else mfnTariff.fill(tv[0] ?? 0, i * T, (i + 1) * T);
  });
  const targetYearIndex = cal.years.indexOf(s.target.year);
  if (cal.years.length === 0) {
    issues.push({ path: ['horizon'], message: messages.noWholeYear(s.horizon, s.start, s.fiscalYearStartMonth) });
  } else if (targetYearIndex < 0) {
    issues.push({ path: ['target', 'year'], message: messages.targetYearOutside(s.target.year, cal.years[0] ?? NaN, cal.years[cal.years.length - 1] ?? NaN) });
  }
  const sustained = s.target.sustainedYears ?? 1;
  if (cal.years.length > 0 && sustained > cal.years.length) {
    issues.push({ path: ['target', 'sustainedYears'], message: messages.sustainedBeyondHorizon(sustained, cal.years.length) });
  }
  const borders = borderTable(s, cal, issues);
  const corridors = corridorTable(s, cal, flows, borders, issues);
  if (corridors.length > 0) {
    flows.forEach((f, i) => {
      if (!corridors.some((c) => c.openAtStart && c.allows[i] === 1)) {
        issues.push({ path: ['flows', f.sector, f.direction], message: messages.noCorridorOpenAtStart(f.id) });
      }
      if (s.basesObservedWith && !corridors.some((c) => c.inReference && c.allows[i] === 1)) {
        issues.push({ path: ['basesObservedWith', 'open'], message: `expected a corridor that carries ${f.id} among the corridors its base was observed with, found none of them allowed to it` });
      }
    });
  }
  const politicalFactors = Object.entries(s.politicalFactors ?? {}).map(([name, f]) => ({ name, correlation: f.correlation }));
  const agreements = agreementTable(s, flows, corridors.map((c) => c.name), politicalFactors.map((f) => f.name));
  if (issues.length === 0) issues.push(...effectRangeIssues(s, flows, tariff, ntm, T));
  if (issues.length > 0) throw new ScenarioError(issues.map((i) => loaded.locator.issue(i)));

  const scheduleChange = new Uint8Array(F * T);
  const policyStatic = new Uint8Array(F).fill(1);
  for (let f = 0; f < F; f++) {
    for (let k = 1; k < T; k++) {
      const i = f * T + k;
      // Each rate on its own, not their sum: an agreement's effect may act on one of them, and an
      // MFN tariff's term moves with the tariff even where an NTM change offsets it in the sum.
      // Object.is: -0 and 0 are told apart (log1p keeps the sign), as the policy memo needs.
      const same = (a: Float64Array) => Object.is(a[i], a[i - 1]);
      if (!(same(tariff) && same(ntm) && same(mfnTariff))) {
        scheduleChange[i] = 1;
        policyStatic[f] = 0;
      }
    }
  }
  for (const a of agreements) for (const e of a.flowEffects) for (const f of e.flows) policyStatic[f] = 0;
  const mfnFlows = Uint8Array.from(flows, (f) => (f.tariff.mfn ? 1 : 0));
  for (const a of agreements) for (const e of a.flowEffects) if (e.mfn) for (const f of e.flows) mfnFlows[f] = 1;
  flows.forEach((f, i) => {
    if (mfnFlows[i] === 1 && !f.importDemandElasticity) {
      issues.push({ path: ['flows', f.sector, f.direction, 'importDemandElasticity'], message: `expected "importDemandElasticity" (the importer's aggregate import-demand elasticity, > 0) for ${f.id}, whose tariff has MFN changes; found nothing` });
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues.map((i) => loaded.locator.issue(i)));

  const origin = (f: ResolvedFlow, key: string): FieldPath => f.origin[key] ?? ['defaults', key];
  const plan: Plan = {
    name: s.name,
    sha256: loaded.sha256,
    flowIds: flows.map((f) => flowId(f.sector, f.direction)),
    sectors: Object.keys(s.flows),
    directions: [...DIRECTIONS],
    flowSector: Int32Array.from(flows, (f) => Object.keys(s.flows).indexOf(f.sector)),
    flowDirection: Int32Array.from(flows, (f) => DIRECTIONS.indexOf(f.direction)),
    steps: T,
    stepsPerYear: s.stepsPerYear,
    dt: cal.dt,
    stepYear: cal.stepYear,
    years: cal.years,
    yearLabels: cal.yearLabels,
    yearSteps: cal.yearSteps,
    yearEndStep: cal.yearEndStep,
    stepTime: cal.stepTime,
    stepDate: cal.stepDate,
    cholesky: correlationFactor(s, flows, warnings),
    flows: flows.map((f) => planFlowParams(f, origin)),
    tariff,
    ntm,
    mfnTariff,
    mfnFlows,
    scheduleChange,
    policyStatic,
    corridors,
    borders,
    agreements,
    politicalFactors,
    target: { value: s.target.value, year: s.target.year, yearIndex: targetYearIndex, sustainedYears: s.target.sustainedYears ?? 1 },
    streamSalt: null,
  };
  return { plan, warnings, flows };
}
