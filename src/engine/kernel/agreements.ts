/**
 * Agreements (step 2 of the model): whether and when each takes effect on each path, and the
 * policy target of a flow once the agreements in effect have changed its tariff or NTM.
 * Agreements that share a political factor decide by a latent normal (schema.ts politicalFactor):
 * one normal per path from `political:<factor>`, one from the agreement's own stream.
 */
import { FIELD_TARIFF, OP_ADD, OP_MULTIPLY, OP_SET, type ParamDraw, type Plan } from '../../scenario/plan.js';
import { normalQuantile } from '../normal-dist.js';
import { nextNormal } from '../normals.js';
import { nextUniform, type StreamState } from '../rng.js';
import { BLOCK, NEVER, stepOf } from './layout.js';

/** Applies an agreement's operation to a value. */
export function applyOp(op: number, value: number, x: number): number {
  return op === OP_SET ? value : op === OP_ADD ? x + value : op === OP_MULTIPLY ? x * value : x;
}

export class Agreements {
  readonly A: number;
  /** [a * BLOCK + p]: the step agreement a takes effect on path p; NEVER when it is not implemented. */
  readonly actStep: Int32Array;
  /** Activations of the block bucketed by step: events of step k are evAt[evStart[k] .. evStart[k + 1]), each a * BLOCK + p. */
  readonly evStart: Int32Array;
  readonly evAt: Int32Array;
  /** initBlock's scratch: where the next event of each step goes. */
  private readonly evNext: Int32Array;
  /** Per agreement: it changes a corridor's freight cost or transit days. */
  readonly changesCosts: Uint8Array;
  /** Per flow: the agreements' effects on it, in declaration order. */
  private readonly flowOps: Array<Array<{ agreement: number; field: number; op: number; value: number; mfn: boolean }>>;
  /** [f * BLOCK + p]: the import-demand elasticity of flows an MFN change reaches. */
  private readonly eta: Float64Array;
  /** Per flow: ln(1 + tariff + NTM at the start), the reference of the policy multiplier, and ln(1 + the MFN tariff at the start). */
  private readonly lnP0: Float64Array;
  private readonly lnMfn0: Float64Array;
  /** Per agreement with a political factor: the probability's normal quantile (the latent's threshold). */
  private readonly threshold: Float64Array;
  /** Per political factor: its normal for each path of the block. */
  private readonly factorZ: Float64Array[];

  constructor(private readonly plan: Plan) {
    const A = (this.A = plan.agreements.length);
    const T = plan.steps;
    this.actStep = new Int32Array(A * BLOCK);
    this.evStart = new Int32Array(T + 1);
    this.evAt = new Int32Array(A * BLOCK);
    this.evNext = new Int32Array(T);
    this.changesCosts = Uint8Array.from(plan.agreements, (a) => (a.corridorEffects.some((e) => e.freightCost || e.transitDays) ? 1 : 0));
    this.flowOps = plan.flowIds.map(() => []);
    plan.agreements.forEach((a, ai) => {
      for (const e of a.flowEffects) for (const f of e.flows) this.flowOps[f]?.push({ agreement: ai, field: e.field, op: e.op, value: e.value, mfn: e.mfn });
    });
    this.threshold = Float64Array.from(plan.agreements, (a) => (a.factor < 0 ? NaN : a.probability <= 0 ? -Infinity : a.probability >= 1 ? Infinity : normalQuantile(a.probability)));
    this.factorZ = plan.politicalFactors.map(() => new Float64Array(BLOCK));
    this.eta = new Float64Array(plan.mfnFlows.some((x) => x === 1) ? plan.flowIds.length * BLOCK : 0);
    this.lnP0 = Float64Array.from(plan.flowIds, (_, f) => Math.log1p((plan.tariff[f * T] as number) + (plan.ntm[f * T] as number)));
    this.lnMfn0 = Float64Array.from(plan.flowIds, (_, f) => Math.log1p(plan.mfnTariff[f * T] as number));
  }

  /**
   * Whether and when, per path (one uniform per path from each agreement's stream), activations
   * bucketed by step; an agreement that opens a corridor brings its openStep forward.
   */
  initBlock(nb: number, param: (d: ParamDraw) => Float64Array, implemented: StreamState[], factors: StreamState[], openStep: Int32Array): void {
    const plan = this.plan;
    const T = plan.steps, spy = plan.stepsPerYear;
    const { A, actStep, factorZ } = this;
    factors.forEach((st, j) => { for (let p = 0; p < nb; p++) factorZ[j]![p] = nextNormal(st); });
    plan.flows.forEach((fp, f) => {
      if (plan.mfnFlows[f] !== 1 || !fp.importDemandElasticity) return;
      const eta = param(fp.importDemandElasticity);
      for (let p = 0; p < nb; p++) this.eta[f * BLOCK + p] = eta[p] as number;
    });
    const evStart = this.evStart.fill(0);
    let events = 0;
    for (let ai = 0; ai < A; ai++) {
      const a = plan.agreements[ai]!;
      const st = implemented[ai]!;
      const delay = param(a.delay);
      const fz = a.factor >= 0 ? factorZ[a.factor]! : null;
      const rho = fz ? plan.politicalFactors[a.factor]!.correlation : 0;
      const wf = Math.sqrt(rho), wo = Math.sqrt(1 - rho), tau = this.threshold[ai] as number;
      for (let p = 0; p < nb; p++) {
        const yes = fz ? wf * (fz[p] as number) + wo * nextNormal(st) < tau : nextUniform(st) < a.probability;
        const k = yes ? stepOf(delay[p] as number, spy) : NEVER;
        actStep[ai * BLOCK + p] = k;
        if (k === NEVER) continue;
        if (k < T) { evStart[k + 1] = (evStart[k + 1] as number) + 1; events++; }
        for (const e of a.corridorEffects) {
          const i = e.corridor * BLOCK + p;
          if (e.open && k < (openStep[i] as number)) openStep[i] = k;
        }
      }
    }
    if (events > 0) {
      for (let k = 0; k < T; k++) evStart[k + 1] = (evStart[k + 1] as number) + (evStart[k] as number);
      const fill = this.evAt;
      const next = this.evNext;
      next.set(evStart.subarray(0, T));
      for (let ai = 0; ai < A; ai++) {
        for (let p = 0; p < nb; p++) {
          const k = actStep[ai * BLOCK + p] as number;
          if (k < T) { fill[next[k] as number] = ai * BLOCK + p; next[k] = (next[k] as number) + 1; }
        }
      }
    }
  }

  /**
   * The log policy multiplier flow f moves toward on path p from step k:
   *   -el (ln(1 + rate) - ln(1 + rate_0)) + (el - eta) (ln(1 + mfn) - ln(1 + mfn_0)),
   * rate = tariff + NTM after the agreements in force, mfn the importer's MFN tariff (the second
   * term only for flows an MFN change reaches). An MFN change alone moves the flow by
   * ((1 + mfn) / (1 + mfn_0))^-eta, a bilateral one by ((1 + rate) / (1 + rate_0))^-el.
   * Written to tgt[i] (a number returned would be boxed when this is not inlined).
   */
  setPolicyTarget(tgt: Float64Array, i: number, f: number, p: number, k: number, el: number): void {
    const plan = this.plan;
    const T = plan.steps;
    let tar = plan.tariff[f * T + k] as number;
    let ntm = plan.ntm[f * T + k] as number;
    let mfn = plan.mfnTariff[f * T + k] as number;
    const ops = this.flowOps[f]!;
    for (let j = 0; j < ops.length; j++) {
      const o = ops[j]!;
      if ((this.actStep[o.agreement * BLOCK + p] as number) > k) continue;
      if (o.field === FIELD_TARIFF) {
        tar = applyOp(o.op, o.value, tar);
        if (o.mfn) mfn = applyOp(o.op, o.value, mfn);
      } else ntm = applyOp(o.op, o.value, ntm);
    }
    const rate = Math.max(-0.99, tar + ntm);
    const bilateral = -el * (Math.log1p(rate) - (this.lnP0[f] as number));
    if (plan.mfnFlows[f] !== 1) { tgt[i] = bilateral; return; }
    const eta = this.eta[f * BLOCK + p] as number;
    tgt[i] = bilateral + (el - eta) * (Math.log1p(Math.max(-0.99, mfn)) - (this.lnMfn0[f] as number));
  }
}
