/**
 * Agreements (step 2 of the model): whether and when each takes effect on each path, and the
 * policy target of a flow once the agreements in effect have changed its tariff or NTM.
 * Agreements that share a political factor decide by a latent normal (schema.ts politicalFactor):
 * one normal per path from `political:<factor>`, one from the agreement's own stream.
 */
import { FIELD_TARIFF, OP_ADD, OP_MULTIPLY, OP_SET, type Plan } from '../../scenario/plan.js';
import { normalQuantile } from '../normal-dist.js';
import { fillNormals } from '../normals.js';
import { fillUniforms, type StreamState } from '../rng.js';
import type { BlockParams } from './block-params.js';
import { BLOCK, NEVER, stepOf } from './layout.js';
import { log1p } from '../log1p.js';

/** Applies an agreement's operation to a value. */
export function applyOp(op: number, value: number, x: number): number {
  return op === OP_SET ? value : op === OP_ADD ? x + value : op === OP_MULTIPLY ? x * value : x;
}

/** policyTargets memoises flows with up to this many agreement effects (2^MEMO_OPS entries each). */
const MEMO_OPS = 10;

/** actStep[o + p]: the step an agreement without a political factor takes effect on path p (uniform draw u[p] < its probability), else NEVER. */
function uniformSteps(actStep: Int32Array, o: number, u: Float64Array, prob: number, delay: Float64Array, spy: number, n: number): void {
  for (let p = 0; p < n; p++) actStep[o + p] = (u[p] as number) < prob ? stepOf(delay[p] as number, spy) : NEVER;
}

/** The same with a political factor: the latent wf fz[p] + wo z[p] below the threshold tau. */
function latentSteps(actStep: Int32Array, o: number, fz: Float64Array, z: Float64Array, wf: number, wo: number, tau: number, delay: Float64Array, spy: number, n: number): void {
  for (let p = 0; p < n; p++) actStep[o + p] = wf * (fz[p] as number) + wo * (z[p] as number) < tau ? stepOf(delay[p] as number, spy) : NEVER;
}

/** evStart[k + 1] += 1 for each activation at a step k < T among actStep[o .. o + n); returns their number. */
function countSteps(evStart: Int32Array, actStep: Int32Array, o: number, T: number, n: number): number {
  let events = 0;
  for (let p = 0; p < n; p++) {
    const k = actStep[o + p] as number;
    if (k < T) { evStart[k + 1] = (evStart[k + 1] as number) + 1; events++; }
  }
  return events;
}

/** dst[at + p] = min(dst[at + p], src[o + p]), p < n. */
function earliest(dst: Int32Array, at: number, src: Int32Array, o: number, n: number): void {
  for (let p = 0; p < n; p++) {
    const k = src[o + p] as number;
    if (k < (dst[at + p] as number)) dst[at + p] = k;
  }
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
  /** [f * T + k]: the first step of the run of steps up to k where flow f's tariff, NTM and MFN tariff are those of step k. */
  private readonly epoch: Int32Array;
  /**
   * policyTargets' memo: what it computes from the schedule and the agreements in force, which
   * is the same on every path where the same of flow f's effects are in force. Entry memoAt[f] +
   * (bit j set when flowOps[f][j] is in force) holds, for the schedule epoch in memoEpoch (-1:
   * none), ln(1 + rate) - lnP0 in memoBil and ln(1 + mfn) - lnMfn0 in memoMfn. Flows with more
   * than MEMO_OPS effects are not memoised (memoAt -1).
   */
  private readonly memoAt: Int32Array;
  private readonly memoEpoch: Int32Array;
  private readonly memoBil: Float64Array;
  private readonly memoMfn: Float64Array;
  /** initBlock's scratch: an agreement's draws for the block. */
  private readonly draw = new Float64Array(BLOCK);
  /** policyTerms' result for a flow that is not memoised. */
  private readonly scratch = new Float64Array(2);
  /**
   * When A <= 31: per path, the agreements in force (bit a: actStep <= the step) at step
   * inForceStep[p] (-1: not yet this block), worked out once per path and step for every flow; and
   * per flow, the agreement of each of its effects (opAgr[opAt[f] + j] for flowOps[f][j]).
   */
  private readonly masked: boolean;
  private readonly inForce = new Int32Array(BLOCK);
  private readonly inForceStep = new Int32Array(BLOCK);
  private readonly opAt: Int32Array;
  private readonly opAgr: Int32Array;

  constructor(private readonly plan: Plan) {
    const A = (this.A = plan.agreements.length);
    const T = plan.steps;
    this.actStep = new Int32Array(A * BLOCK);
    this.evStart = new Int32Array(T + 1);
    this.evAt = new Int32Array(A * BLOCK);
    this.evNext = new Int32Array(T);
    this.changesCosts = Uint8Array.from(plan.agreements, (a) => (a.corridorEffects.some((e) => e.freightCost || e.transitDays) ? 1 : 0));
    // Array.from, not map: a constructor TurboFan has optimised (a thread's simulators of many
    // plans, a study's) inlines map, whose array then has another elements kind, so another map,
    // than the builtin's; policyTargets, inlined in step, was optimised for the first and threw its
    // code away at the next simulator (twice a thread in a 20-plan study).
    this.flowOps = Array.from(plan.flowIds, () => []);
    plan.agreements.forEach((a, ai) => {
      for (const e of a.flowEffects) for (const f of e.flows) this.flowOps[f]?.push({ agreement: ai, field: e.field, op: e.op, value: e.value, mfn: e.mfn });
    });
    this.threshold = Float64Array.from(plan.agreements, (a) => (a.factor < 0 ? NaN : a.probability <= 0 ? -Infinity : a.probability >= 1 ? Infinity : normalQuantile(a.probability)));
    this.factorZ = plan.politicalFactors.map(() => new Float64Array(BLOCK));
    this.eta = new Float64Array(plan.mfnFlows.some((x) => x === 1) ? plan.flowIds.length * BLOCK : 0);
    this.lnP0 = Float64Array.from(plan.flowIds, (_, f) => log1p((plan.tariff[f * T] as number) + (plan.ntm[f * T] as number)));
    this.lnMfn0 = Float64Array.from(plan.flowIds, (_, f) => log1p(plan.mfnTariff[f * T] as number));
    this.epoch = new Int32Array(plan.flowIds.length * T);
    for (let f = 0; f < plan.flowIds.length; f++) {
      for (let k = 0; k < T; k++) {
        const i = f * T + k;
        this.epoch[i] = k > 0 && plan.scheduleChange[i] === 0 ? this.epoch[i - 1] as number : k;
      }
    }
    let entries = 0;
    this.memoAt = Int32Array.from(this.flowOps, (ops) => {
      if (ops.length > MEMO_OPS) return -1;
      entries += 1 << ops.length;
      return entries - (1 << ops.length);
    });
    this.masked = A <= 31;
    this.opAt = new Int32Array(this.flowOps.length + 1);
    this.flowOps.forEach((ops, f) => { this.opAt[f + 1] = (this.opAt[f] as number) + ops.length; });
    this.opAgr = Int32Array.from(this.flowOps.flat(), (o) => o.agreement);
    this.memoEpoch = new Int32Array(entries).fill(-1);
    this.memoBil = new Float64Array(entries);
    this.memoMfn = new Float64Array(entries);
  }

  /**
   * Whether and when, per path (one uniform per path from each agreement's stream), activations
   * bucketed by step; an agreement that opens a corridor brings its openStep forward.
   */
  initBlock(nb: number, params: BlockParams, implemented: StreamState[], factors: StreamState[], openStep: Int32Array): void {
    const plan = this.plan;
    const T = plan.steps, spy = plan.stepsPerYear;
    const { A, actStep, factorZ } = this;
    for (let j = 0; j < factors.length; j++) fillNormals(factors[j]!, factorZ[j]!, 0, nb);
    for (let f = 0; this.eta.length > 0 && f < plan.flows.length; f++) {
      const eta = plan.flows[f]!.importDemandElasticity;
      if (plan.mfnFlows[f] === 1 && eta) params.into(eta, this.eta, f * BLOCK, nb);
    }
    this.inForceStep.fill(-1);
    const evStart = this.evStart.fill(0);
    let events = 0;
    for (let ai = 0; ai < A; ai++) {
      const a = plan.agreements[ai]!;
      const st = implemented[ai]!;
      const fz = a.factor >= 0 ? factorZ[a.factor]! : null;
      // the path's draw (a normal with a factor, else a uniform), all drawn first: the same stream order
      const draw = this.draw;
      if (fz) fillNormals(st, draw, 0, nb); else fillUniforms(st, draw, 0, nb);
      const o = ai * BLOCK;
      if (fz) {
        const rho = plan.politicalFactors[a.factor]!.correlation;
        latentSteps(actStep, o, fz, draw, Math.sqrt(rho), Math.sqrt(1 - rho), this.threshold[ai] as number, params.of(a.delay), spy, nb);
      } else uniformSteps(actStep, o, draw, a.probability, params.of(a.delay), spy, nb);
      events += countSteps(evStart, actStep, o, T, nb);
      for (const e of a.corridorEffects) if (e.open) earliest(openStep, e.corridor * BLOCK, actStep, o, nb); // NEVER moves no openStep
    }
    if (events > 0) this.bucket(nb);
  }

  /** evAt and evStart from the counts countSteps left in evStart[k + 1]: each step's activations, agreement by agreement, path by path. */
  private bucket(nb: number): void {
    const T = this.plan.steps, { A, actStep, evStart, evAt, evNext } = this;
    for (let k = 0; k < T; k++) evStart[k + 1] = (evStart[k + 1] as number) + (evStart[k] as number);
    evNext.set(evStart.subarray(0, T));
    for (let ai = 0; ai < A; ai++) {
      for (let p = 0; p < nb; p++) {
        const k = actStep[ai * BLOCK + p] as number;
        if (k < T) { evAt[evNext[k] as number] = ai * BLOCK + p; evNext[k] = (evNext[k] as number) + 1; }
      }
    }
  }

  /** Bit j set when flowOps[f][j] is in force on path p at step k (policyTerms' test). */
  private opBits(f: number, p: number, k: number): number {
    const actStep = this.actStep;
    let bits = 0;
    if (this.masked) {
      let mask = this.inForce[p] as number;
      if (this.inForceStep[p] !== k) {
        mask = 0;
        for (let a = 0; a < this.A; a++) if ((actStep[a * BLOCK + p] as number) <= k) mask |= 1 << a;
        this.inForce[p] = mask;
        this.inForceStep[p] = k;
      }
      for (let j = 0, at = this.opAt[f] as number, end = this.opAt[f + 1] as number; at + j < end; j++) bits |= ((mask >>> (this.opAgr[at + j] as number)) & 1) << j;
    } else {
      const ops = this.flowOps[f]!;
      for (let j = 0; j < ops.length; j++) if ((actStep[ops[j]!.agreement * BLOCK + p] as number) <= k) bits |= 1 << j;
    }
    return bits;
  }

  /**
   * The log policy multiplier flow f moves toward on path p from step k:
   *   -el (ln(1 + rate) - ln(1 + rate_0)) + (el - eta) (ln(1 + mfn) - ln(1 + mfn_0)),
   * rate = tariff + NTM after the agreements in force, mfn the importer's MFN tariff (the second
   * term only for flows an MFN change reaches). An MFN change alone moves the flow by
   * ((1 + mfn) / (1 + mfn_0))^-eta, a bilateral one by ((1 + rate) / (1 + rate_0))^-el.
   * Written to tgt[f * BLOCK + p], el the elasticities [f * BLOCK + p], for paths 0 .. n - 1
   * (paths null) or paths[0 .. n - 1]: one call per flow and step (called per path, this had its
   * elasticity argument boxed at each call).
   */
  policyTargets(tgt: Float64Array, el: Float64Array, f: number, k: number, paths: Int32Array | null, n: number): void {
    const ops = this.flowOps[f]!;
    const at = this.memoAt[f] as number, epoch = this.epoch[f * this.plan.steps + k] as number, mfn = this.plan.mfnFlows[f] === 1;
    const { memoEpoch, memoBil, memoMfn, scratch, eta } = this;
    for (let q = 0; q < n; q++) {
      const p = paths ? paths[q] as number : q;
      const i = f * BLOCK + p;
      let bil: number, mfnTerm: number;
      if (at >= 0) {
        const e = at + this.opBits(f, p, k);
        if (memoEpoch[e] !== epoch) {
          this.policyTerms(f, p, k, ops, e);
          memoEpoch[e] = epoch;
        }
        bil = memoBil[e] as number;
        mfnTerm = memoMfn[e] as number;
      } else {
        this.policyTerms(f, p, k, ops, memoBil.length);
        bil = scratch[0] as number;
        mfnTerm = scratch[1] as number;
      }
      const elp = el[i] as number;
      const bilateral = -elp * bil;
      tgt[i] = mfn ? bilateral + (elp - (eta[i] as number)) * mfnTerm : bilateral;
    }
  }

  /**
   * ln(1 + rate) - lnP0 and ln(1 + mfn) - lnMfn0 for flow f on path p at step k (policyTargets),
   * into memo entry e, or into scratch when e is past the memo.
   */
  private policyTerms(f: number, p: number, k: number, ops: Array<{ agreement: number; field: number; op: number; value: number; mfn: boolean }>, e: number): void {
    const plan = this.plan;
    const T = plan.steps;
    let tar = plan.tariff[f * T + k] as number;
    let ntm = plan.ntm[f * T + k] as number;
    let mfn = plan.mfnTariff[f * T + k] as number;
    // Every op is worked out, and kept only if its agreement is in force: V8 optimises this while no
    // agreement is yet in force, and code first reached after that (the ops) was thrown away and
    // compiled again, once a thread on baseline-pk.
    for (let j = 0; j < ops.length; j++) {
      const o = ops[j]!;
      const inForce = (this.actStep[o.agreement * BLOCK + p] as number) <= k, tariff = o.field === FIELD_TARIFF, onMfn = o.mfn;
      const t = applyOp(o.op, o.value, tar), m = applyOp(o.op, o.value, mfn), n = applyOp(o.op, o.value, ntm);
      if (inForce) {
        if (tariff) {
          tar = t;
          if (onMfn) mfn = m;
        } else ntm = n;
      }
    }
    const rate = Math.max(-0.99, tar + ntm);
    const bil = log1p(rate) - (this.lnP0[f] as number);
    const mfnTerm = plan.mfnFlows[f] === 1 ? log1p(Math.max(-0.99, mfn)) - (this.lnMfn0[f] as number) : 0;
    if (e < this.memoBil.length) { this.memoBil[e] = bil; this.memoMfn[e] = mfnTerm; } else { this.scratch[0] = bil; this.scratch[1] = mfnTerm; }
  }
}
