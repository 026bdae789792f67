/**
 * The Plan: a scenario compiled to flat arrays and plain numbers, all the kernel sees. It is
 * structured-cloneable, so it crosses to worker threads as it is. Time index k = 0..T-1 is the
 * step covering years (k dt, (k+1) dt] since the start; schedules are evaluated at t = k dt.
 */
import type { Distribution, FlowUncertainKey } from './schema.js';

/** A per-path parameter: fixed, or drawn once per path from the stream named `component`. */
export type ParamDraw =
  | { kind: 'fixed'; value: number }
  | { kind: 'dist'; dist: Distribution; component: string; /** added to each draw (dates -> years since start) */ offset: number };

/** One draw per per-path flow parameter (schema.ts FLOW_UNCERTAIN_PARAMETERS); potential null: no saturation, the (1 - V/P) factor is 1. */
export type PlanFlowParams = Record<Exclude<FlowUncertainKey, 'potential'>, ParamDraw> & { potential: ParamDraw | null };

export interface PlanCorridor {
  name: string;
  label: string;
  freightCost: ParamDraw;
  transitDays: ParamDraw;
  /** allows[f] = 1 when flow f may use this corridor. */
  allows: Uint8Array;
  /** Years since the start when it opens; null: open from the start. */
  opens: ParamDraw | null;
  /** seasonalClosed[k] = 1 when step k falls mostly in closed months. */
  seasonalClosed: Uint8Array;
  /** Two-state disruption chain; null when the corridor has none. */
  regime: { closuresPerYear: ParamDraw; meanClosureDays: ParamDraw; initiallyClosed: boolean } | null;
  /** Years since the start when an initial closure ends (then the regime, if any, runs from open). */
  reopens: ParamDraw | null;
  /** Open at the start for certain: part of the reference route cost. */
  openAtStart: boolean;
}

export const OP_SET = 0, OP_ADD = 1, OP_MULTIPLY = 2;
export const FIELD_TARIFF = 0, FIELD_NTM = 1;

export interface PlanAgreement {
  name: string;
  label: string;
  probability: number;
  /** Years from the start. */
  delay: ParamDraw;
  flowEffects: Array<{ flows: number[]; field: number; op: number; value: number }>;
  corridorEffects: Array<{ corridor: number; open: boolean; freightCost: { op: number; value: number } | null; transitDays: { op: number; value: number } | null }>;
}

export interface Plan {
  name: string;
  sha256: string;
  flowIds: string[];
  sectors: string[];
  directions: string[];
  /** Sector index of each flow. */
  flowSector: Int32Array;
  /** Direction index of each flow (0 PK>KZ, 1 KZ>PK). */
  flowDirection: Int32Array;
  steps: number;
  stepsPerYear: number;
  dt: number;
  /** Index into `years` of each step, -1 for a step outside a whole year of the horizon. */
  stepYear: Int32Array;
  years: number[];
  yearLabels: string[];
  /** Steps in each reported year. */
  yearSteps: Int32Array;
  /** The last step of each reported year. */
  yearEndStep: Int32Array;
  stepTime: Float64Array;
  stepDate: string[];
  /** Lower Cholesky factor of the flows' correlation (row-major F x F), null when it is the identity. */
  cholesky: Float64Array | null;
  flows: PlanFlowParams[];
  /** Ad-valorem rates at each step, [f * steps + k], before agreements. */
  tariff: Float64Array;
  ntm: Float64Array;
  /** scheduleChange[f * steps + k] = 1 when tariff + ntm differs from step k - 1. */
  scheduleChange: Uint8Array;
  /** policyStatic[f] = 1 when nothing ever moves flow f's policy multiplier (it stays 1). */
  policyStatic: Uint8Array;
  corridors: PlanCorridor[];
  agreements: PlanAgreement[];
  target: { value: number; year: number; yearIndex: number };
  /** Components re-keyed by a study (engine/streams.ts): component -> salt. Absent in a compiled scenario. */
  streamSalt?: Record<string, string>;
}
