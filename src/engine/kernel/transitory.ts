/**
 * The transitory part of a flow's log level (issue 11, item 1): an AR(1) deviation u with
 * optional jumps, on top of the permanent random walk with drift (levels.ts). Per step, per path:
 *
 *   u_k = phi_dt u_(k-1) + s_dt z_k + (sum of N_k jumps, each Normal(jumpMean, jumpSd)),
 *   N_k ~ Poisson(jumpsPerYear dt),
 *   v_k = phi_dt^2 v_(k-1) + s_dt^2           (the variance of the Gaussian part of u_k),
 *   ln V = (permanent part, route, policy) + u_k - v_k / 2.
 *
 * The parameters are annual: `persistence` phi is the autocorrelation of u one year apart and
 * `transitoryVolatility` sigma the standard deviation of its annual innovation, so that the
 * stationary variance sigma^2 / (1 - phi^2) does not depend on the step: phi_dt = phi^dt,
 * s_dt^2 = sigma^2 (1 - phi^(2 dt)) / (1 - phi^2) (sigma^2 dt when phi = 1, a second random walk).
 * Subtracting v_k / 2 keeps the Gaussian part mean-preserving: E[exp(u_k - v_k / 2)] =
 * exp(phi_dt^k u_0), so `growth` stays the mean growth of the flow (docs/model.md, section 5).
 * `permanentShare` pi splits the base: the permanent level starts at ln(pi base) and u_0 = -ln pi,
 * a deviation that decays at phi. Jumps are not compensated: lumpy cargo adds to the mean.
 *
 * Randomness: `transitory:<flow>` gives one normal per path-step; `jumps:<flow>` one uniform per
 * path-step (the Poisson count, by inversion) and one normal per jump. A flow without any of
 * these parameters draws neither, and runs the geometric Brownian motion loops as before.
 */
import type { ParamDraw, Plan } from '../../scenario/plan.js';
import { nextNormal } from '../normals.js';
import { U32_SCALE, type StreamState } from '../rng.js';
import type { BlockParams } from './block-params.js';
import { drawKey, firstWithKey } from './draw-keys.js';
import { BLOCK } from './layout.js';
import { jumpRates, logs, negated } from './per-path.js';
import { pow } from '../pow.js';
import { exp, log } from '../exp-log.js';

/** The simulator's arrays (regions of its memory, [f * BLOCK + p]) that hold the transitory part's state and its per-step constants. */
export interface TransitoryArrays {
  /** u and v (above). */
  u: Float64Array;
  v: Float64Array;
  /** phi_dt and s_dt. */
  phi: Float64Array;
  s: Float64Array;
  /** The jumps' parameters (F * BLOCK when a flow has jumps, else empty): lam = jumpsPerYear dt, p0 = exp(-lam), jm, js. */
  lam: Float64Array;
  p0: Float64Array;
  jm: Float64Array;
  js: Float64Array;
}

/** A flow has a transitory part, jumps or a permanent share below 1. */
export const transitoryActive = (fp: Plan['flows'][number]): boolean => !!(fp.transitoryVolatility || fp.permanentShare || fp.jumpsPerYear);

/** 2^-32 (module-local: an imported binding is read through a cell at every use). */
const U32 = U32_SCALE;

/** phi_dt and s_dt from the annual phi and sigma (above). */
const phiStep = (ph: number, dt: number): number => pow(ph, dt);
const sStep = (ph: number, sg: number, dt: number): number => (ph < 1 ? sg * Math.sqrt((1 - pow(ph, 2 * dt)) / (1 - ph * ph)) : sg * Math.sqrt(dt));

/** dst[o + p] = phi_dt from phi[p], p < n (initFlow, for per-path draws). */
function phiSteps(dst: Float64Array, o: number, phi: Float64Array, dt: number, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = phiStep(phi[p] as number, dt);
}
/** dst[o + p] = s_dt from phi[p] and sigma[p], p < n. */
function sSteps(dst: Float64Array, o: number, phi: Float64Array, sigma: Float64Array, dt: number, n: number): void {
  for (let p = 0; p < n; p++) dst[o + p] = sStep(phi[p] as number, sigma[p] as number, dt);
}

export class Transitory {
  /** Per flow: it has a transitory part, jumps or a permanent share below 1. */
  readonly active: Uint8Array;
  /** Per flow: it may have jumps (jumpsPerYear is given). */
  readonly jumpy: Uint8Array;
  /** Per flow: phi_dt and s_dt are the same on every path (persistence and transitoryVolatility fixed or absent), and then their values. */
  readonly stepFixed: Uint8Array;
  readonly phiF: Float64Array;
  readonly sF: Float64Array;
  /** Per flow: the first flow with the same persistence draws (its phi_dt row is this flow's), and with the same persistence and transitoryVolatility (s_dt row). */
  readonly phiFrom: Int32Array;
  readonly sFrom: Int32Array;
  // [f * BLOCK + p]
  private readonly phi: Float64Array;
  private readonly s: Float64Array;
  private readonly u: Float64Array;
  private readonly v: Float64Array;
  private readonly lam: Float64Array;
  /** exp(-lam): the probability of no jump. */
  private readonly p0: Float64Array;
  private readonly jm: Float64Array;
  private readonly js: Float64Array;
  /** A parameter that is absent (read only), and initFlow's result (valid until its next call). */
  private readonly zeros = new Float64Array(BLOCK);
  private readonly lnShare = new Float64Array(BLOCK);

  constructor(private readonly plan: Plan, arrays: TransitoryArrays) {
    this.active = Uint8Array.from(plan.flows, (fp) => (transitoryActive(fp) ? 1 : 0));
    this.jumpy = Uint8Array.from(plan.flows, (fp) => (fp.jumpsPerYear ? 1 : 0));
    ({ phi: this.phi, s: this.s, u: this.u, v: this.v, lam: this.lam, p0: this.p0, jm: this.jm, js: this.js } = arrays);
    const dt = plan.dt;
    const fixed = (d: ParamDraw | null): number | null => (d === null ? 0 : d.kind === 'fixed' ? d.value : null);
    this.stepFixed = new Uint8Array(plan.flows.length);
    this.phiF = new Float64Array(plan.flows.length); this.sF = new Float64Array(plan.flows.length);
    plan.flows.forEach((fp, f) => {
      const ph = fixed(fp.persistence), sg = fixed(fp.transitoryVolatility);
      if (ph === null || sg === null) return;
      this.stepFixed[f] = 1;
      this.phiF[f] = phiStep(ph, dt);
      this.sF[f] = sStep(ph, sg, dt);
    });
    this.phiFrom = firstWithKey(plan.flows.map((fp, f) => (this.active[f] === 1 ? drawKey(fp.persistence) : `#${f}`)));
    this.sFrom = firstWithKey(plan.flows.map((fp, f) => (this.active[f] === 1 ? `${drawKey(fp.persistence)} ${drawKey(fp.transitoryVolatility)}` : `#${f}`)));
  }

  /** Flow f's per-path parameters for a block; returns ln pi per path (to add to the permanent level), or null when pi is 1. */
  initFlow(f: number, nb: number, params: BlockParams): Float64Array | null {
    const fp = this.plan.flows[f]!;
    const dt = this.plan.dt;
    const zeros = this.zeros;
    const none = (d: ParamDraw | null) => (d ? params.of(d) : zeros);
    const o = f * BLOCK;
    // phi_dt and s_dt: a fixed value, a copy of an earlier flow's row drawn from the same parameters, or per path
    const pf = this.phiFrom[f] as number, sf = this.sFrom[f] as number, fixed = this.stepFixed[f] === 1;
    const sigma = fixed || sf < f ? zeros : none(fp.transitoryVolatility), phi = fixed || (pf < f && sf < f) ? zeros : none(fp.persistence);
    if (fixed) this.phi.fill(this.phiF[f] as number, o, o + nb);
    else if (pf < f) this.phi.copyWithin(o, pf * BLOCK, pf * BLOCK + nb);
    else phiSteps(this.phi, o, phi, dt, nb);
    if (fixed) this.s.fill(this.sF[f] as number, o, o + nb);
    else if (sf < f) this.s.copyWithin(o, sf * BLOCK, sf * BLOCK + nb);
    else sSteps(this.s, o, phi, sigma, dt, nb);
    // u starts at -ln pi (-0 without a share), v at 0; fixed values filled, per-path arithmetic in per-path.ts
    const share = fp.permanentShare, end = o + nb;
    const lnShare = share ? this.lnShare : null;
    if (share && lnShare) {
      if (share.kind === 'fixed') lnShare.fill(log(share.value), 0, nb); else logs(lnShare, 0, params.of(share), nb);
      negated(this.u, o, lnShare, nb);
    } else this.u.fill(-0, o, end);
    this.v.fill(0, o, end);
    if (this.jumpy[f] === 1) {
      const rate = fp.jumpsPerYear;
      if (!rate || rate.kind === 'fixed') {
        const l = (rate ? rate.value : 0) * dt;
        this.lam.fill(l, o, end);
        this.p0.fill(exp(-l), o, end);
      } else jumpRates(this.lam, this.p0, o, params.of(rate), dt, nb);
      if (fp.jumpMean) params.into(fp.jumpMean, this.jm, o, nb); else this.jm.fill(0, o, end);
      if (fp.jumpSd) params.into(fp.jumpSd, this.js, o, nb); else this.js.fill(0, o, end);
    }
    return lnShare;
  }

  /**
   * One step of flow f on paths [from, to), its normals at m[oz + p]: moves u and v (jumps drawn from
   * `jumps` when the flow has them) and, when oe >= 0, adds u - v/2 to the exponents m[oe + p].
   * kernel.wat levelsGeneralObserve and levelsMovingObserve do the same (but jumps) with the level update,
   * and jumpsAdvance the same as this without oe.
   */
  advance(f: number, m: Float64Array, oz: number, from: number, to: number, jumps: StreamState, oe: number): void {
    const { phi, s, u, v, lam, p0, jm, js } = this;
    const jumpy = this.jumpy[f] === 1;
    const o = f * BLOCK;
    // the jumps' generator in locals (rng.ts nextUniform, written out), stored back around nextNormal
    let s0 = jumps[0] as number, s1 = jumps[1] as number, s2 = jumps[2] as number, s3 = jumps[3] as number;
    for (let p = from; p < to; p++) {
      const i = o + p;
      const ph = phi[i] as number, sp = s[i] as number;
      let uu = ph * (u[i] as number) + sp * (m[oz + p] as number);
      const vv = ph * ph * (v[i] as number) + sp * sp;
      if (jumpy) {
        const l = lam[i] as number;
        if (l > 0) {
          // Poisson(l) by inversion of one uniform
          const mm = Math.imul(s1, 5);
          const r = Math.imul((mm << 7) | (mm >>> 25), 9);
          const t = s1 << 9;
          s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
          const x = ((r >>> 0) + 0.5) * U32;
          const e0 = p0[i] as number;
          if (x > e0) {
            let n = 0, pr = e0, cum = pr;
            while (x > cum && n < 1000) { n++; pr *= l / n; cum += pr; }
            jumps[0] = s0; jumps[1] = s1; jumps[2] = s2; jumps[3] = s3;
            for (let j = 0; j < n; j++) uu += (jm[i] as number) + (js[i] as number) * nextNormal(jumps);
            s0 = jumps[0] as number; s1 = jumps[1] as number; s2 = jumps[2] as number; s3 = jumps[3] as number;
          }
        }
      }
      u[i] = uu;
      v[i] = vv;
      if (oe >= 0) m[oe + p] = (m[oe + p] as number) + uu - 0.5 * vv;
    }
    jumps[0] = s0; jumps[1] = s1; jumps[2] = s2; jumps[3] = s3;
  }

  /** Adds u - v/2 of flow f to m[oe + p], p in [from, to) (after advance without oe). */
  addTo(f: number, m: Float64Array, oe: number, from: number, to: number): void {
    const { u, v } = this;
    for (let p = from; p < to; p++) m[oe + p] = (m[oe + p] as number) + (u[f * BLOCK + p] as number) - 0.5 * (v[f * BLOCK + p] as number);
  }
}
