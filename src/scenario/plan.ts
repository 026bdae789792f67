/**
 * The Plan: a scenario compiled to flat arrays and plain numbers, all the kernel sees. It is
 * structured-cloneable, so it crosses to worker threads as it is. Time index k = 0..T-1 is the
 * step covering years (k dt, (k+1) dt] since the start; schedules are evaluated at t = k dt.
 */
import type { Distribution, FlowAbsentKey, FlowUncertainKey } from './schema.js';

/** A per-path parameter: fixed, or drawn once per path from the stream named `component`. */
export type ParamDraw =
  | { kind: 'fixed'; value: number }
  | { kind: 'dist'; dist: Distribution; component: string; /** added to each draw (dates -> years since start) */ offset: number };

/**
 * One draw per per-path flow parameter (schema.ts FLOW_UNCERTAIN_PARAMETERS); null for a part of
 * the model the flow leaves out (potential null: the (1 - V/P) factor is 1).
 */
export type PlanFlowParams = Record<Exclude<FlowUncertainKey, FlowAbsentKey>, ParamDraw> & Record<FlowAbsentKey, ParamDraw | null>;

export interface PlanCorridor {
  name: string;
  label: string;
  /** Ad-valorem freight (0 when the corridor prices by weight). */
  freightCost: ParamDraw;
  /** Freight by weight: USD per tonne, or per container when tonnesPerContainer is set; divided by each flow's value per tonne. null: priced ad valorem. */
  weightCost: ParamDraw | null;
  tonnesPerContainer: ParamDraw | null;
  transitDays: ParamDraw;
  /** allows[f] = 1 when flow f may use this corridor. */
  allows: Uint8Array;
  /** Years since the start when it opens; null: open from the start. */
  opens: ParamDraw | null;
  /** seasonalClosed[k] = 1 when step k falls mostly in closed months. */
  seasonalClosed: Uint8Array;
  /** Two-state disruption chain; null when the corridor has none. */
  regime: PlanRegime | null;
  /** Years since the start when an initial closure ends (then the regime, if any, runs from open). */
  reopens: ParamDraw | null;
  /** Open at the start for certain. */
  openAtStart: boolean;
  /** Open when the bases were observed: one of the corridors of the reference route cost. */
  inReference: boolean;
  /** Index into Plan.borders of the border it crosses (its chain shuts it too); -1: none. */
  border: number;
}

/** Two-state disruption chain: closed -> open with 1 - exp(-dt 365 / meanClosureDays), open -> closed with 1 - exp(-closuresPerYear dt). */
export interface PlanRegime { closuresPerYear: ParamDraw; meanClosureDays: ParamDraw; initiallyClosed: boolean }

/** A border several corridors cross, with one disruption chain for all of them. */
export interface PlanBorder {
  name: string;
  regime: PlanRegime | null;
  /** Years since the start when an initial closure ends. */
  reopens: ParamDraw | null;
  /** Shut at the start (an initial closure, with or without a reopening date). */
  closedAtStart: boolean;
}

export const OP_SET = 0, OP_ADD = 1, OP_MULTIPLY = 2;
export const FIELD_TARIFF = 0, FIELD_NTM = 1;

export interface PlanAgreement {
  name: string;
  label: string;
  probability: number;
  /** Years from the start. */
  delay: ParamDraw;
  /** mfn: a tariff change for every partner (moves the MFN rate too), else bilateral. */
  flowEffects: Array<{ flows: number[]; field: number; op: number; value: number; mfn: boolean }>;
  /** Index into Plan.politicalFactors; -1: implemented independently (one uniform per path). */
  factor: number;
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
  /** The importer's MFN tariff at each step, [f * steps + k]: the tariff schedule when it is MFN, else its first value. */
  mfnTariff: Float64Array;
  /** mfnFlows[f] = 1 when an MFN change can reach flow f (its tariff schedule, or an agreement's MFN tariff change). */
  mfnFlows: Uint8Array;
  /** scheduleChange[f * steps + k] = 1 when the tariff, the NTM or the MFN tariff differs from step k - 1 (Object.is). */
  scheduleChange: Uint8Array;
  /** policyStatic[f] = 1 when nothing ever moves flow f's policy multiplier (it stays 1). */
  policyStatic: Uint8Array;
  corridors: PlanCorridor[];
  borders: PlanBorder[];
  agreements: PlanAgreement[];
  /** Common political factors of agreements: name and latent correlation rho. */
  politicalFactors: Array<{ name: string; correlation: number }>;
  /** sustainedYears: a year reaches the target when its total and the years' before it, this many in all, are at or above it. */
  target: { value: number; year: number; yearIndex: number; sustainedYears: number };
  /**
   * Components re-keyed by a study (engine/streams.ts): component -> salt; null in a compiled
   * scenario. Present in every plan, last, so that every plan has the same hidden class: a plan with
   * a property the others lack deoptimised the kernel's code built for them (a thread's first task
   * on a salted plan after an unsalted one ran 2.3x its warm time).
   */
  streamSalt: Record<string, string> | null;
}
