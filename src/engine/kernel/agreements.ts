/**
 * Agreements (step 2 of the model): whether and when each takes effect on each path, and the
 * policy target of a flow once the agreements in effect have changed its tariff or NTM.
 */
import { FIELD_TARIFF, OP_ADD, OP_MULTIPLY, OP_SET, type ParamDraw, type Plan } from '../../scenario/plan.js';
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
  /** Per agreement: it changes a corridor's freight cost or transit days. */
  readonly changesCosts: Uint8Array;
  /** Per flow: the agreements' effects on it, in declaration order. */
  private readonly flowOps: Array<Array<{ agreement: number; field: number; op: number; value: number }>>;
  /** Per flow: tariff + NTM at the start, the reference of the policy multiplier. */
  private readonly p0: Float64Array;

  constructor(private readonly plan: Plan) {
    const A = (this.A = plan.agreements.length);
    const T = plan.steps;
    this.actStep = new Int32Array(A * BLOCK);
    this.evStart = new Int32Array(T + 1);
    this.evAt = new Int32Array(A * BLOCK);
    this.changesCosts = Uint8Array.from(plan.agreements, (a) => (a.corridorEffects.some((e) => e.freightCost || e.transitDays) ? 1 : 0));
    this.flowOps = plan.flowIds.map(() => []);
    plan.agreements.forEach((a, ai) => {
      for (const e of a.flowEffects) for (const f of e.flows) this.flowOps[f]?.push({ agreement: ai, field: e.field, op: e.op, value: e.value });
    });
    this.p0 = Float64Array.from(plan.flowIds, (_, f) => (plan.tariff[f * T] as number) + (plan.ntm[f * T] as number));
  }

  /**
   * Whether and when, per path (one uniform per path from each agreement's stream), activations
   * bucketed by step; an agreement that opens a corridor brings its openStep forward.
   */
  initBlock(nb: number, param: (d: ParamDraw) => Float64Array, implemented: StreamState[], openStep: Int32Array): void {
    const plan = this.plan;
    const T = plan.steps, spy = plan.stepsPerYear;
    const { A, actStep } = this;
    const evStart = this.evStart.fill(0);
    let events = 0;
    for (let ai = 0; ai < A; ai++) {
      const a = plan.agreements[ai]!;
      const st = implemented[ai]!;
      const delay = param(a.delay);
      for (let p = 0; p < nb; p++) {
        const yes = nextUniform(st) < a.probability;
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
      const next = Int32Array.from(evStart.subarray(0, T));
      for (let ai = 0; ai < A; ai++) {
        for (let p = 0; p < nb; p++) {
          const k = actStep[ai * BLOCK + p] as number;
          if (k < T) { fill[next[k] as number] = ai * BLOCK + p; next[k] = (next[k] as number) + 1; }
        }
      }
    }
  }

  /** The log policy multiplier flow f moves toward on path p from step k: -el (ln(1 + rate) - ln(1 + rate at the start)). */
  policyTarget(f: number, p: number, k: number, el: number): number {
    const T = this.plan.steps;
    let tar = this.plan.tariff[f * T + k] as number;
    let ntm = this.plan.ntm[f * T + k] as number;
    for (const o of this.flowOps[f]!) {
      if ((this.actStep[o.agreement * BLOCK + p] as number) > k) continue;
      if (o.field === FIELD_TARIFF) tar = applyOp(o.op, o.value, tar);
      else ntm = applyOp(o.op, o.value, ntm);
    }
    const rate = Math.max(-0.99, tar + ntm);
    return -el * (Math.log1p(rate) - Math.log1p(this.p0[f] as number));
  }
}
