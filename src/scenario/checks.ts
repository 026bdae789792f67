/**
 * Checks that span fields (names that must refer to something defined elsewhere in the file),
 * and the resolution of each flow's parameters from `defaults`, `byDirection` and `flows`.
 */
import type { FieldPath, RawIssue } from './issues.js';
import { messages } from './issues.js';
import {
  DIRECTIONS, FLOW_REQUIRED_PARAMETERS, FLOW_SCHEDULE_PARAMETERS, FLOW_UNCERTAIN_PARAMETERS, plausibleMax, RATE_RANGE, support,
  type Direction, type FlowAbsentKey, type FlowParams, type FlowScheduleKey, type FlowUncertainKey, type Operation, type Scenario, type Schedule,
  type Uncertain,
} from './schema.js';

/** Engine defaults for parameters a scenario leaves out; each is reported as an assumption. */
export const ENGINE_DEFAULTS = {
  elasticity: { kind: 'fixed', value: 5, source: 'Head & Mayer (2014) meta-analysis, trade-cost elasticity about 5 (engine default)', bare: false },
  timeCostPerDay: { kind: 'fixed', value: 0.01, assumption: 'engine default: inside Hummels & Schaur (2013) range of 0.6-2.1% ad valorem per day', bare: false },
  adjustmentHalfLife: { kind: 'fixed', value: 1, assumption: 'engine default: trade closes half the gap to a new cost level in a year', bare: false },
  tariff: { kind: 'constant', value: 0, assumption: 'engine default: no tariff', bare: false },
  ntm: { kind: 'constant', value: 0, assumption: 'engine default: no non-tariff measure', bare: false },
} as const satisfies Partial<Record<keyof FlowParams, Uncertain | Schedule>>;

export type ResolvedFlow = {
  id: string;
  sector: string;
  direction: Direction;
  label: string | undefined;
  /** Where each parameter was set, for messages and the parameter table. */
  origin: Record<string, FieldPath>;
} & Record<Exclude<FlowUncertainKey, FlowAbsentKey>, Uncertain> & Record<FlowAbsentKey, Uncertain | undefined> & Record<FlowScheduleKey, Schedule>;

export const flowId = (sector: string, direction: Direction) => `${sector} ${direction}`;

const REQUIRED: readonly FlowUncertainKey[] = FLOW_REQUIRED_PARAMETERS;
const OPTIONAL = [...FLOW_UNCERTAIN_PARAMETERS.filter((k) => !REQUIRED.includes(k)), ...FLOW_SCHEDULE_PARAMETERS];

/** Flows in file order: sectors as listed, PK>KZ before KZ>PK. */
export function resolveFlows(s: Scenario, issues: RawIssue[] = []): ResolvedFlow[] {
  const flows: ResolvedFlow[] = [];
  for (const [sector, byDir] of Object.entries(s.flows)) {
    for (const direction of DIRECTIONS) {
      const own = byDir[direction];
      if (!own) continue;
      const layers: Array<[FlowParams | undefined, FieldPath]> = [
        [own, ['flows', sector, direction]],
        [s.byDirection?.[direction], ['byDirection', direction]],
        [s.defaults, ['defaults']],
      ];
      const origin: Record<string, FieldPath> = {};
      const pick = (key: keyof FlowParams): unknown => {
        for (const [layer, path] of layers) {
          if (layer && layer[key] !== undefined) {
            origin[key] = [...path, key];
            return layer[key];
          }
        }
        return undefined;
      };
      const values: Record<string, unknown> = {};
      for (const key of REQUIRED) {
        values[key] = pick(key);
        if (values[key] === undefined) issues.push({ path: ['flows', sector, direction, key], message: messages.missingFlowParameter(key) });
      }
      for (const key of OPTIONAL) {
        values[key] = pick(key);
        if (values[key] === undefined && key in ENGINE_DEFAULTS) {
          values[key] = ENGINE_DEFAULTS[key as keyof typeof ENGINE_DEFAULTS];
          origin[key] = ['(engine default)', key];
        }
      }
      flows.push({
        id: flowId(sector, direction), sector, direction, label: own.label,
        ...(values as Omit<ResolvedFlow, 'id' | 'sector' | 'direction' | 'label' | 'origin'>),
        origin,
      });
    }
  }
  return flows;
}

export function checkScenario(s: Scenario): RawIssue[] {
  const issues: RawIssue[] = [];
  const flows = resolveFlows(s, issues);
  // Sets, not lists: every check here stays linear in the size of the file.
  const sectors = Object.keys(s.flows);
  const sectorSet = new Set(sectors);
  const corridors = Object.keys(s.corridors ?? {});
  const corridorSet = new Set(corridors);
  const flowIds = flows.map((f) => f.id);
  const flowIdSet = new Set(flowIds);
  if (flows.length === 0) issues.push({ path: ['flows'], message: messages.noFlows(Object.keys(s.flows).length) });
  const checkSectors = (list: string[] | undefined, path: FieldPath) => {
    list?.forEach((name, i) => {
      if (!sectorSet.has(name)) issues.push({ path: [...path, i], message: messages.unknownSector(name, sectors) });
    });
  };
  const borders = Object.keys(s.borders ?? {});
  for (const [name, c] of Object.entries(s.corridors ?? {})) {
    checkSectors(c.sectors, ['corridors', name, 'sectors']);
    checkSectors(c.excludes, ['corridors', name, 'excludes']);
    if (c.costPerTonne || c.costPerContainer) {
      for (const f of flows) {
        if (carries(c, f.sector, f.direction) && !f.valuePerTonne) {
          issues.push({ path: ['flows', f.sector, f.direction, 'valuePerTonne'], message: `expected "valuePerTonne" (USD per tonne) for ${f.id}, which corridor "${name}" prices by weight; found nothing` });
        }
      }
    }
    if (c.border !== undefined && !borders.includes(c.border)) {
      issues.push({ path: ['corridors', name, 'border'], message: `expected a border defined under "borders" (${borders.join(', ') || 'none defined'}), found "${c.border}"` });
    }
  }
  const factors = Object.keys(s.politicalFactors ?? {});
  for (const [name, a] of Object.entries(s.agreements ?? {})) {
    if (a.politicalFactor !== undefined && !factors.includes(a.politicalFactor)) {
      issues.push({ path: ['agreements', name, 'politicalFactor'], message: `expected a factor defined under "politicalFactors" (${factors.join(', ') || 'none defined'}), found "${a.politicalFactor}"` });
    }
    a.effects.forEach((e, i) => {
      const path: FieldPath = ['agreements', name, 'effects', i];
      if ('corridor' in e) {
        if (!corridorSet.has(e.corridor)) issues.push({ path: [...path, 'corridor'], message: messages.unknownCorridor(e.corridor, corridors) });
      } else checkSectors(e.sectors, [...path, 'sectors']);
    });
  }
  s.basesObservedWith?.open.forEach((c, i) => {
    if (!corridors.includes(c)) issues.push({ path: ['basesObservedWith', 'open', i], message: messages.unknownCorridor(c, corridors) });
  });
  s.correlation?.pairs?.forEach((p, i) => {
    for (const key of ['a', 'b'] as const) {
      if (!flowIdSet.has(p[key])) issues.push({ path: ['correlation', 'pairs', i, key], message: messages.unknownFlow(p[key], flowIds) });
    }
  });
  for (const f of flows) {
    const at: FieldPath = ['flows', f.sector, f.direction];
    if ((f.transitoryVolatility || f.permanentShare) && !f.persistence) {
      issues.push({ path: [...at, 'persistence'], message: 'expected "persistence" (the annual autocorrelation of the transitory deviation, 0 to 1) for a flow with "transitoryVolatility" or "permanentShare", found nothing' });
    }
    if ((f.jumpSd || f.jumpMean) && !f.jumpsPerYear) {
      issues.push({ path: [...at, 'jumpsPerYear'], message: 'expected "jumpsPerYear" (the mean number of jumps a year) for a flow with "jumpMean" or "jumpSd", found nothing' });
    }
    if (f.ntm.mfn) {
      issues.push({ path: [...(f.origin.ntm ?? [...at, 'ntm']), 'mfn'], message: 'expected "mfn" on a tariff only (an NTM has no MFN rate), found it on an NTM' });
    }
    if (f.jumpsPerYear && !f.jumpMean) {
      issues.push({ path: [...at, 'jumpMean'], message: 'expected "jumpMean" (the mean size of a jump in the log level) for a flow with "jumpsPerYear", found nothing' });
    }
  }
  if (corridors.length > 0) {
    const carried = new Set<string>();
    for (const c of Object.values(s.corridors ?? {})) {
      for (const sector of c.sectors ?? sectors) {
        for (const direction of c.directions ?? DIRECTIONS) carried.add(flowId(sector, direction));
      }
    }
    for (const f of flows) {
      if (!carried.has(f.id)) issues.push({ path: ['flows', f.sector, f.direction], message: messages.noCorridorForFlow(f.id) });
    }
  }
  return issues;
}

export function carries(c: { sectors?: string[] | undefined; directions?: Direction[] | undefined; excludes?: string[] | undefined }, sector: string, direction: Direction): boolean {
  return (c.sectors === undefined || c.sectors.includes(sector)) && (c.directions === undefined || c.directions.includes(direction))
    && !(c.excludes?.includes(sector) ?? false);
}

/** The values an operation can turn any value in [lo, hi] into. */
function applyToRange(op: Operation, [lo, hi]: [number, number]): [number, number] {
  if (op.set !== undefined) return [op.set, op.set];
  if (op.add !== undefined) return [lo + op.add, hi + op.add];
  const m = op.multiply as number;
  return m >= 0 ? [lo * m, hi * m] : [hi * m, lo * m];
}

const hull = (a: [number, number], b: [number, number]): [number, number] => [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
const fmt = (v: number) => String(Number(v.toPrecision(6)));

/**
 * Agreement effects checked after they are applied: each agreement may or may not be in force at
 * any step, so a value can be changed by any subset of them, in file order (as the kernel applies
 * them). What each field can become (the hull of every subset, at any step) must stay in the
 * field's range: a tariff or NTM rate in RATE_RANGE, a corridor's freight cost and transit days in
 * their schema bounds. `tariff` and `ntm` are the scheduled rates, [flow * steps + step].
 */
export function effectRangeIssues(s: Scenario, flows: ResolvedFlow[], tariff: Float64Array, ntm: Float64Array, steps: number): RawIssue[] {
  const issues: RawIssue[] = [];
  const scheduled = (rates: Float64Array, f: number): [number, number] => {
    let lo = Infinity, hi = -Infinity;
    for (let k = 0; k < steps; k++) {
      const v = rates[f * steps + k] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return [lo, hi];
  };
  const rate = { tariff: flows.map((_, f) => scheduled(tariff, f)), ntm: flows.map((_, f) => scheduled(ntm, f)) };
  // A corridor priced by weight: a freight-cost effect changes its cost per tonne (or container), bounded below only.
  const corridors = new Map(Object.entries(s.corridors ?? {}).map(([name, c]) => [name, {
    freightCost: valueRange((c.freightCost ?? c.costPerTonne ?? c.costPerContainer) as Uncertain), transitDays: valueRange(c.transitDays),
    weighted: c.freightCost === undefined,
  }]));
  const CORRIDOR_RANGE = { freightCost: [0, 5], transitDays: [0, 365] } as const;
  for (const [name, a] of Object.entries(s.agreements ?? {})) {
    a.effects.forEach((e, i) => {
      const path: FieldPath = ['agreements', name, 'effects', i];
      if ('corridor' in e) {
        const c = corridors.get(e.corridor);
        if (!c) return;
        for (const field of ['freightCost', 'transitDays'] as const) {
          const op = e[field];
          if (!op) continue;
          const after = applyToRange(op, c[field]);
          const [min, max] = field === 'freightCost' && c.weighted ? [0, Infinity] : CORRIDOR_RANGE[field];
          if (after[0] < min || after[1] > max) {
            issues.push({ path: [...path, field], message: `expected ${field} of corridor "${e.corridor}" to stay in [${min}, ${max}] after this effect, found it can reach ${fmt(after[0] < min ? after[0] : after[1])}` });
          }
          c[field] = hull(c[field], after);
        }
        return;
      }
      for (const field of ['tariff', 'ntm'] as const) {
        const op = e[field];
        if (!op) continue;
        let reported = false;
        flows.forEach((f, fi) => {
          if (!carries(e, f.sector, f.direction)) return;
          const before = rate[field][fi] as [number, number];
          const after = applyToRange(op, before);
          if (!reported && (after[0] < RATE_RANGE[0] || after[1] > RATE_RANGE[1])) {
            reported = true;
            issues.push({ path: [...path, field], message: `expected the ${field} rate of ${f.id} to stay in [${RATE_RANGE[0]}, ${RATE_RANGE[1]}] (a fraction, 0.1 = 10%) after this effect, found it can reach ${fmt(after[0] < RATE_RANGE[0] ? after[0] : after[1])}` });
          }
          rate[field][fi] = hull(before, after);
        });
      }
    });
  }
  return issues;
}

function valueRange(u: Uncertain): [number, number] {
  return u.kind === 'fixed' ? [u.value, u.value] : [support(u.dist)[0], plausibleMax(u.dist)];
}

const MONEY_FLOW_FIELDS = ['base', 'potential', 'valuePerTonne'] as const;
const MONEY_CORRIDOR_FIELDS = ['costPerTonne', 'costPerContainer'] as const;

/** Whether a flow's or corridor's field of this name holds an amount of money (USD). */
export const isMoneyField = (name: string | undefined): boolean =>
  (MONEY_FLOW_FIELDS as readonly string[]).includes(name ?? '') || (MONEY_CORRIDOR_FIELDS as readonly string[]).includes(name ?? '');
/** The parts of a value that are in its field's unit (a lognormal's sdlog is in logs). */
const MONEY_PARTS = ['value', 'mean', 'sd', 'median', 'min', 'mode', 'max'] as const;

const mapping = (v: unknown): Record<string, unknown> | undefined =>
  (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/**
 * Amounts of money written as percentages ("40%" for a base is USD 0.40 a year): the amount
 * syntax reads them, so the schema does not see the unit; `raw` is the file as written.
 */
export function moneyAsPercent(raw: Record<string, unknown>): RawIssue[] {
  const issues: RawIssue[] = [];
  const check = (v: unknown, path: FieldPath) => {
    if (typeof v === 'string') {
      if (v.trim().endsWith('%')) issues.push({ path, message: messages.moneyAsPercent(v) });
      return;
    }
    const m = mapping(v);
    if (m) for (const part of MONEY_PARTS) if (typeof m[part] === 'string') check(m[part], [...path, part]);
  };
  const flowParams = (params: unknown, path: FieldPath) => {
    const m = mapping(params);
    if (m) for (const f of MONEY_FLOW_FIELDS) check(m[f], [...path, f]);
  };
  flowParams(raw.defaults, ['defaults']);
  for (const [dir, params] of Object.entries(mapping(raw.byDirection) ?? {})) flowParams(params, ['byDirection', dir]);
  for (const [sector, dirs] of Object.entries(mapping(raw.flows) ?? {})) {
    for (const [dir, params] of Object.entries(mapping(dirs) ?? {})) flowParams(params, ['flows', sector, dir]);
  }
  for (const [name, c] of Object.entries(mapping(raw.corridors) ?? {})) {
    const m = mapping(c);
    if (m) for (const f of MONEY_CORRIDOR_FIELDS) check(m[f], ['corridors', name, f]);
  }
  const target = mapping(raw.target);
  if (target && typeof target.value === 'string') check(target.value, ['target', 'value']);
  return issues;
}
