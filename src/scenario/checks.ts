/**
 * Checks that span fields (names that must refer to something defined elsewhere in the file),
 * and the resolution of each flow's parameters from `defaults`, `byDirection` and `flows`.
 */
import type { FieldPath, RawIssue } from './issues.js';
import { messages } from './issues.js';
import {
  DIRECTIONS, FLOW_REQUIRED_PARAMETERS, FLOW_SCHEDULE_PARAMETERS, FLOW_UNCERTAIN_PARAMETERS,
  type Direction, type FlowParams, type FlowScheduleKey, type FlowUncertainKey, type Scenario, type Schedule, type Uncertain,
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
} & Record<Exclude<FlowUncertainKey, 'potential'>, Uncertain> & { potential: Uncertain | undefined } & Record<FlowScheduleKey, Schedule>;

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
  const sectors = Object.keys(s.flows);
  const corridors = Object.keys(s.corridors ?? {});
  const flowIds = flows.map((f) => f.id);
  const checkSectors = (list: string[] | undefined, path: FieldPath) => {
    list?.forEach((name, i) => {
      if (!sectors.includes(name)) issues.push({ path: [...path, i], message: messages.unknownSector(name, sectors) });
    });
  };
  for (const [name, c] of Object.entries(s.corridors ?? {})) checkSectors(c.sectors, ['corridors', name, 'sectors']);
  for (const [name, a] of Object.entries(s.agreements ?? {})) {
    a.effects.forEach((e, i) => {
      const path: FieldPath = ['agreements', name, 'effects', i];
      if ('corridor' in e) {
        if (!corridors.includes(e.corridor)) issues.push({ path: [...path, 'corridor'], message: messages.unknownCorridor(e.corridor, corridors) });
      } else checkSectors(e.sectors, [...path, 'sectors']);
    });
  }
  s.correlation?.pairs?.forEach((p, i) => {
    for (const key of ['a', 'b'] as const) {
      if (!flowIds.includes(p[key])) issues.push({ path: ['correlation', 'pairs', i, key], message: messages.unknownFlow(p[key], flowIds) });
    }
  });
  if (corridors.length > 0) {
    for (const f of flows) {
      const carried = Object.values(s.corridors ?? {}).some((c) => carries(c, f.sector, f.direction));
      if (!carried) issues.push({ path: ['flows', f.sector, f.direction], message: messages.noCorridorForFlow(f.id) });
    }
  }
  return issues;
}

export function carries(c: { sectors?: string[] | undefined; directions?: Direction[] | undefined }, sector: string, direction: Direction): boolean {
  return (c.sectors === undefined || c.sectors.includes(sector)) && (c.directions === undefined || c.directions.includes(direction));
}
