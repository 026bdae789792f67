/**
 * The kernel against the version it was optimised from, bit for bit. ReferenceSimulator below is
 * src/engine/kernel.ts as of commit a2f984e ("Tests for the engine: closed forms ..."), before the
 * throughput work (bench/README.md), copied verbatim but for its name and its exp, log, log1p and
 * powers, which are the engine's own now (src/engine/exp-log.ts, log1p.ts, pow.ts; Math's differ
 * between machines and Node lines, as the kernel's no longer do): one array per quantity,
 * row-by-row correlation passes, normals from fillNormals, uniforms from fillUniforms, routes
 * recomputed per path. The optimised kernel keeps its arithmetic operation for operation, so every
 * number a block hands on (annual values, step totals, corridor values) must be the same double.
 * Scenarios: every feature (as in kernel-twin.test.ts), K1, the smoke fixture, a model with no
 * corridors and no correlation, and one with a single flow and yearly steps.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ChunkSimulator, kernelParts } from '../../src/engine/kernel/index.js';
import { wasmAvailable, wasmKernel } from '../../src/engine/kernel/wasm.js';
import { prepareScenario } from '../../src/project.js';
import {
  FIELD_TARIFF, OP_ADD, OP_MULTIPLY, OP_SET, type ParamDraw, type Plan,
} from '../../src/scenario/plan.js';
import { fastExp } from '../../src/engine/fast-exp.js';
import { fillNormals } from '../../src/engine/normals.js';
import { fillUniforms, nextUniform, type StreamState } from '../../src/engine/rng.js';
import { sampleDistribution } from '../../src/engine/sample.js';
import { streamFor } from '../../src/engine/streams.js';
import { TempDir } from '../helpers/scenario-files.js';
import { exp, log } from '../../src/engine/exp-log.js';
import { log1p } from '../../src/engine/log1p.js';
import { pow } from '../../src/engine/pow.js';

/** Paths per block: the unit of the structure-of-arrays layout. */
const BLOCK = 256;
/** Paths per chunk: the unit of randomness and of work. A property of the engine, not the machine. */
const CHUNK = 1024;
const NEVER = 0x7fffffff;

/** Number of annual series: total, each sector, each direction. */
const seriesCount = (plan: Plan) => 1 + plan.sectors.length + plan.directions.length;

/** What a block hands to the aggregator. Arrays are reused: consume them before the next block. */
interface BlockResult {
  /** Paths in this block (<= BLOCK). */
  n: number;
  /** Index of the block's first path within the run. */
  firstPath: number;
  /** Annual value, USD/yr, [(y * S + s) * BLOCK + p]; s = 0 total, 1.. sectors, then directions. */
  annual: Float64Array;
  /** Total at each step, USD/yr (annualised), [k * BLOCK + p]. */
  stepTotal: Float64Array;
}

interface ChunkResult {
  /** Value carried by each corridor, summed over the chunk's path-steps in each year, [y * C + c]. */
  corridorValue: Float64Array;
}

/** Applies an agreement's operation to a value. */
function apply(op: number, value: number, x: number): number {
  return op === OP_SET ? value : op === OP_ADD ? x + value : op === OP_MULTIPLY ? x * value : x;
}

class ReferenceSimulator {
  readonly F: number;
  readonly C: number;
  readonly A: number;
  readonly S: number;
  private readonly T: number;
  private readonly Y: number;
  // flow state and per-path flow parameters, [f * BLOCK + p]
  private readonly x: Float64Array;
  private readonly v: Float64Array;
  private readonly gdt: Float64Array;
  private readonly drift: Float64Array;
  private readonly vs: Float64Array;
  private readonly ipot: Float64Array;
  private readonly el: Float64Array;
  private readonly tc: Float64Array;
  private readonly alpha: Float64Array;
  private readonly lnm: Float64Array;
  private readonly tgt: Float64Array;
  private readonly lnRoute: Float64Array;
  private readonly lnRef: Float64Array;
  private readonly route: Int32Array;
  private readonly seg: Float64Array;
  private readonly flushed: Float64Array;
  private readonly z: Float64Array;
  private readonly c: Float64Array;
  // corridors, [c * BLOCK + p]
  private readonly freightBase: Float64Array;
  private readonly daysBase: Float64Array;
  private readonly freight: Float64Array;
  private readonly days: Float64Array;
  private readonly openStep: Int32Array;
  private readonly reopenStep: Int32Array;
  private readonly pClose: Float64Array;
  private readonly pOpen: Float64Array;
  private readonly closed: Uint8Array;
  private readonly mask: Int32Array;
  private readonly prevMask: Int32Array;
  private readonly forceRoute: Uint8Array;
  private readonly dirtyPolicy: Uint8Array;
  // agreements, [a * BLOCK + p]
  private readonly actStep: Int32Array;
  private readonly u: Float64Array;
  private readonly stepTot: Float64Array;
  /** Per flow: the agreements' effects on it, in declaration order. */
  private readonly flowOps: Array<Array<{ agreement: number; field: number; op: number; value: number }>>;
  private readonly p0: Float64Array;
  private readonly out: BlockResult;
  private readonly corridorValue: Float64Array;

  constructor(readonly plan: Plan) {
    const F = (this.F = plan.flowIds.length);
    const C = (this.C = plan.corridors.length);
    const A = (this.A = plan.agreements.length);
    this.S = seriesCount(plan);
    this.T = plan.steps;
    this.Y = plan.years.length;
    const fb = () => new Float64Array(F * BLOCK);
    this.x = fb(); this.v = fb(); this.gdt = fb(); this.drift = fb(); this.vs = fb(); this.ipot = fb();
    this.el = fb(); this.tc = fb(); this.alpha = fb(); this.lnm = fb(); this.tgt = fb(); this.lnRoute = fb();
    this.lnRef = fb(); this.seg = fb(); this.flushed = fb(); this.z = fb(); this.c = fb();
    this.route = new Int32Array(F * BLOCK);
    const cb = () => new Float64Array(C * BLOCK);
    this.freightBase = cb(); this.daysBase = cb(); this.freight = cb(); this.days = cb();
    this.pClose = cb(); this.pOpen = cb();
    this.openStep = new Int32Array(C * BLOCK);
    this.reopenStep = new Int32Array(C * BLOCK);
    this.closed = new Uint8Array(C * BLOCK);
    this.mask = new Int32Array(BLOCK);
    this.prevMask = new Int32Array(BLOCK);
    this.forceRoute = new Uint8Array(BLOCK);
    this.dirtyPolicy = new Uint8Array(BLOCK);
    this.actStep = new Int32Array(A * BLOCK);
    this.u = new Float64Array(BLOCK);
    this.stepTot = new Float64Array(BLOCK);
    this.flowOps = plan.flowIds.map(() => []);
    plan.agreements.forEach((a, ai) => {
      for (const e of a.flowEffects) for (const f of e.flows) this.flowOps[f]?.push({ agreement: ai, field: e.field, op: e.op, value: e.value });
    });
    this.p0 = Float64Array.from(plan.flowIds, (_, f) => (plan.tariff[f * this.T] as number) + (plan.ntm[f * this.T] as number));
    this.out = {
      n: 0, firstPath: 0,
      annual: new Float64Array(this.Y * this.S * BLOCK),
      stepTotal: new Float64Array(this.T * BLOCK),
    };
    this.corridorValue = new Float64Array(this.Y * C);
  }

  /**
   * Simulates paths [chunk * CHUNK, chunk * CHUNK + n) and hands each block to `onBlock`.
   * The results depend only on (plan, seed, chunk, n).
   */
  simulateChunk(seed: number, chunk: number, n: number, onBlock: (b: BlockResult) => void): ChunkResult {
    const plan = this.plan;
    const streams = new Map<string, StreamState>();
    const stream = (component: string): StreamState => {
      let st = streams.get(component);
      if (!st) { st = streamFor(seed, chunk, component); streams.set(component, st); }
      return st;
    };
    const shocks = plan.flowIds.map((id) => stream(`shocks:${id}`));
    const regimes = plan.corridors.map((c) => (c.regime ? stream(`corridor:${c.name}:regime`) : null));
    const implemented = plan.agreements.map((a) => stream(`agreement:${a.name}`));
    this.corridorValue.fill(0);
    for (let start = 0; start < n; start += BLOCK) {
      const nb = Math.min(BLOCK, n - start);
      const draws = new Map<string, Float64Array>();
      const param = (d: ParamDraw): Float64Array => {
        if (d.kind === 'fixed') return new Float64Array(nb).fill(d.value);
        let values = draws.get(d.component);
        if (!values) {
          const st = stream(d.component);
          values = new Float64Array(nb);
          for (let p = 0; p < nb; p++) values[p] = sampleDistribution(d.dist, st) + d.offset;
          draws.set(d.component, values);
        }
        return values;
      };
      this.initBlock(nb, param, implemented);
      this.runBlock(nb, shocks, regimes);
      this.out.n = nb;
      this.out.firstPath = chunk * CHUNK + start;
      onBlock(this.out);
    }
    return { corridorValue: this.corridorValue };
  }

  private initBlock(nb: number, param: (d: ParamDraw) => Float64Array, implemented: StreamState[]): void {
    const plan = this.plan;
    const dt = plan.dt;
    const spy = plan.stepsPerYear;
    const stepOf = (years: number) => (years <= 0 ? 0 : Math.min(NEVER, Math.ceil(years * spy - 1e-9)));
    for (let ci = 0; ci < this.C; ci++) {
      const c = plan.corridors[ci]!;
      const fr = param(c.freightCost), dy = param(c.transitDays);
      const op = c.opens ? param(c.opens) : null;
      const re = c.reopens ? param(c.reopens) : null;
      const cpy = c.regime ? param(c.regime.closuresPerYear) : null;
      const mcd = c.regime ? param(c.regime.meanClosureDays) : null;
      for (let p = 0; p < nb; p++) {
        const i = ci * BLOCK + p;
        this.freightBase[i] = this.freight[i] = fr[p] as number;
        this.daysBase[i] = this.days[i] = dy[p] as number;
        this.openStep[i] = op ? stepOf(op[p] as number) : 0;
        this.reopenStep[i] = re ? stepOf(re[p] as number) : 0;
        this.pClose[i] = cpy ? 1 - exp(-(cpy[p] as number) * dt) : 0;
        this.pOpen[i] = mcd ? 1 - exp((-dt * 365) / (mcd[p] as number)) : 1;
        this.closed[i] = c.regime?.initiallyClosed ? 1 : 0;
      }
    }
    for (let ai = 0; ai < this.A; ai++) {
      const a = plan.agreements[ai]!;
      const st = implemented[ai]!;
      const delay = param(a.delay);
      for (let p = 0; p < nb; p++) {
        const yes = nextUniform(st) < a.probability;
        const k = yes ? stepOf(delay[p] as number) : NEVER;
        this.actStep[ai * BLOCK + p] = k;
        if (k === NEVER) continue;
        for (const e of a.corridorEffects) {
          const i = e.corridor * BLOCK + p;
          if (e.open && k < (this.openStep[i] as number)) this.openStep[i] = k;
        }
      }
    }
    for (let f = 0; f < this.F; f++) {
      const fp = plan.flows[f]!;
      const base = param(fp.base), g = param(fp.growth), s = param(fp.volatility);
      const pot = fp.potential ? param(fp.potential) : null;
      const e = param(fp.elasticity), tcd = param(fp.timeCostPerDay), h = param(fp.adjustmentHalfLife);
      for (let p = 0; p < nb; p++) {
        const i = f * BLOCK + p;
        const sp = s[p] as number;
        this.x[i] = log(base[p] as number);
        this.v[i] = base[p] as number;
        this.gdt[i] = (g[p] as number) * dt;
        this.drift[i] = -0.5 * sp * sp * dt;
        this.vs[i] = sp * Math.sqrt(dt);
        this.ipot[i] = pot ? 1 / (pot[p] as number) : 0;
        this.el[i] = e[p] as number;
        this.tc[i] = tcd[p] as number;
        const hp = h[p] as number;
        this.alpha[i] = hp > 0 ? 1 - pow(2, -dt / hp) : 1;
        this.lnm[i] = 0;
        this.tgt[i] = 0;
        this.lnRoute[i] = 0;
        this.route[i] = -1;
        this.seg[i] = 0;
        this.flushed[i] = 0;
        // Reference route cost: corridors as they are at the start, seasonal closures aside.
        let best = Infinity;
        for (let ci = 0; ci < this.C; ci++) {
          const c = plan.corridors[ci]!;
          if (!c.openAtStart || c.allows[f] !== 1) continue;
          const r = (this.freightBase[ci * BLOCK + p] as number) + (this.tc[i] as number) * (this.daysBase[ci * BLOCK + p] as number);
          if (r < best) best = r;
        }
        this.lnRef[i] = this.C > 0 ? log1p(best) : 0;
      }
    }
    this.prevMask.fill(-1);
    this.out.annual.fill(0);
  }

  private recomputeCorridorCosts(p: number, k: number): void {
    const plan = this.plan;
    for (let ci = 0; ci < this.C; ci++) {
      this.freight[ci * BLOCK + p] = this.freightBase[ci * BLOCK + p] as number;
      this.days[ci * BLOCK + p] = this.daysBase[ci * BLOCK + p] as number;
    }
    for (let ai = 0; ai < this.A; ai++) {
      if ((this.actStep[ai * BLOCK + p] as number) > k) continue;
      for (const e of plan.agreements[ai]!.corridorEffects) {
        const i = e.corridor * BLOCK + p;
        if (e.freightCost) this.freight[i] = Math.max(0, apply(e.freightCost.op, e.freightCost.value, this.freight[i] as number));
        if (e.transitDays) this.days[i] = Math.max(0, apply(e.transitDays.op, e.transitDays.value, this.days[i] as number));
      }
    }
  }

  /** Moves value accumulated since the last flush to the corridor that carried it, in year y (-1: discard). */
  private flush(i: number, y: number): void {
    const s = this.seg[i] as number;
    if (s === 0) return;
    this.flushed[i] = (this.flushed[i] as number) + s;
    const r = this.route[i] as number;
    if (y >= 0 && r >= 0) this.corridorValue[y * this.C + r] = (this.corridorValue[y * this.C + r] as number) + s;
    this.seg[i] = 0;
  }

  private updateRoutes(nb: number, k: number): void {
    const plan = this.plan;
    const yPrev = k > 0 ? (plan.stepYear[k - 1] as number) : -1;
    for (let p = 0; p < nb; p++) {
      const m = this.mask[p] as number;
      if (m === this.prevMask[p] && this.forceRoute[p] === 0) continue;
      this.prevMask[p] = m;
      this.forceRoute[p] = 0;
      for (let f = 0; f < this.F; f++) {
        const i = f * BLOCK + p;
        let best = Infinity, bestC = -1;
        for (let ci = 0; ci < this.C; ci++) {
          if (((m >>> ci) & 1) === 0 || plan.corridors[ci]!.allows[f] !== 1) continue;
          const r = (this.freight[ci * BLOCK + p] as number) + (this.tc[i] as number) * (this.days[ci * BLOCK + p] as number);
          if (r < best) { best = r; bestC = ci; }
        }
        if (bestC !== this.route[i]) this.flush(i, yPrev);
        this.route[i] = bestC;
        this.lnRoute[i] = bestC < 0 ? -Infinity : -(this.el[i] as number) * (log1p(best) - (this.lnRef[i] as number));
      }
    }
  }

  private policyTarget(f: number, p: number, k: number): void {
    const T = this.T;
    let tar = this.plan.tariff[f * T + k] as number;
    let ntm = this.plan.ntm[f * T + k] as number;
    for (const o of this.flowOps[f]!) {
      if ((this.actStep[o.agreement * BLOCK + p] as number) > k) continue;
      if (o.field === FIELD_TARIFF) tar = apply(o.op, o.value, tar);
      else ntm = apply(o.op, o.value, ntm);
    }
    const rate = Math.max(-0.99, tar + ntm);
    const i = f * BLOCK + p;
    this.tgt[i] = -(this.el[i] as number) * (log1p(rate) - log1p(this.p0[f] as number));
  }

  private runBlock(nb: number, shocks: StreamState[], regimes: Array<StreamState | null>): void {
    const plan = this.plan;
    const { F, C, A, T, S } = this;
    const { x, v, gdt, drift, vs, ipot, alpha, lnm, tgt, lnRoute, seg, z, c, stepTot } = this;
    const L = plan.cholesky;
    const annual = this.out.annual;
    const stepTotal = this.out.stepTotal;
    const nSec = plan.sectors.length;
    for (let k = 0; k < T; k++) {
      // 1. corridor states move, then which corridors each path can use
      if (C > 0) {
        this.mask.fill(0, 0, nb);
        for (let ci = 0; ci < C; ci++) {
          const o = ci * BLOCK;
          const reg = regimes[ci];
          if (reg) {
            fillUniforms(reg, this.u, 0, nb);
            for (let p = 0; p < nb; p++) {
              const i = o + p;
              if (k < (this.reopenStep[i] as number)) continue;
              const u = this.u[p] as number;
              this.closed[i] = this.closed[i] === 1 ? (u >= (this.pOpen[i] as number) ? 1 : 0) : (u < (this.pClose[i] as number) ? 1 : 0);
            }
          }
          const seasonal = plan.corridors[ci]!.seasonalClosed[k] === 1;
          if (seasonal) continue;
          const bit = 1 << ci;
          for (let p = 0; p < nb; p++) {
            const i = o + p;
            if (this.closed[i] === 0 && k >= (this.openStep[i] as number) && k >= (this.reopenStep[i] as number)) {
              this.mask[p] = (this.mask[p] as number) | bit;
            }
          }
        }
      }
      // 2. agreements that take effect at this step
      if (A > 0) {
        for (let ai = 0; ai < A; ai++) {
          const a = plan.agreements[ai]!;
          const o = ai * BLOCK;
          for (let p = 0; p < nb; p++) {
            if (this.actStep[o + p] !== k) continue;
            if (a.flowEffects.length > 0) this.dirtyPolicy[p] = 1;
            if (a.corridorEffects.some((e) => e.freightCost || e.transitDays)) {
              this.recomputeCorridorCosts(p, k);
              this.forceRoute[p] = 1;
            }
          }
        }
      }
      if (C > 0) this.updateRoutes(nb, k);
      // 3. policy targets where a schedule moved or an agreement took effect
      for (let f = 0; f < F; f++) {
        if (plan.policyStatic[f] === 1) continue;
        const all = plan.scheduleChange[f * T + k] === 1;
        for (let p = 0; p < nb; p++) if (all || this.dirtyPolicy[p] === 1) this.policyTarget(f, p, k);
      }
      this.dirtyPolicy.fill(0, 0, nb);
      // 4. correlated shocks c = L z
      for (let f = 0; f < F; f++) fillNormals(shocks[f]!, z, f * BLOCK, nb);
      let shock = z;
      if (L) {
        shock = c;
        for (let f = 0; f < F; f++) {
          const o = f * BLOCK;
          const l0 = L[f * F] as number;
          for (let p = 0; p < nb; p++) c[o + p] = l0 * (z[p] as number);
          for (let j = 1; j <= f; j++) {
            const l = L[f * F + j] as number;
            if (l === 0) continue;
            const oj = j * BLOCK;
            for (let p = 0; p < nb; p++) c[o + p] = (c[o + p] as number) + l * (z[oj + p] as number);
          }
        }
      }
      // 5. log levels, policy multipliers and observed values: the hot loop
      stepTot.fill(0, 0, nb);
      for (let f = 0; f < F; f++) {
        const o = f * BLOCK;
        if (plan.policyStatic[f] === 1) {
          for (let p = 0; p < nb; p++) {
            const i = o + p;
            const xv = (x[i] as number) + (gdt[i] as number) * (1 - (v[i] as number) * (ipot[i] as number)) + (drift[i] as number) + (vs[i] as number) * (shock[i] as number);
            x[i] = xv;
            const vv = fastExp(xv + (lnRoute[i] as number));
            v[i] = vv;
            seg[i] = (seg[i] as number) + vv;
            stepTot[p] = (stepTot[p] as number) + vv;
          }
        } else {
          for (let p = 0; p < nb; p++) {
            const i = o + p;
            const xv = (x[i] as number) + (gdt[i] as number) * (1 - (v[i] as number) * (ipot[i] as number)) + (drift[i] as number) + (vs[i] as number) * (shock[i] as number);
            x[i] = xv;
            const lm = (lnm[i] as number) + (alpha[i] as number) * ((tgt[i] as number) - (lnm[i] as number));
            lnm[i] = lm;
            const vv = fastExp(xv + lm + (lnRoute[i] as number));
            v[i] = vv;
            seg[i] = (seg[i] as number) + vv;
            stepTot[p] = (stepTot[p] as number) + vv;
          }
        }
      }
      stepTotal.set(stepTot.subarray(0, nb), k * BLOCK);
      // 6. at the end of a year: annual values per path, and the corridors' share
      const y = plan.stepYear[k] as number;
      if (k + 1 === T || plan.stepYear[k + 1] !== y) {
        const per = y >= 0 ? 1 / (plan.yearSteps[y] as number) : 0;
        for (let f = 0; f < F; f++) {
          const sOff = (y * S + 1 + (plan.flowSector[f] as number)) * BLOCK;
          const dOff = (y * S + 1 + nSec + (plan.flowDirection[f] as number)) * BLOCK;
          const tOff = y * S * BLOCK;
          for (let p = 0; p < nb; p++) {
            const i = f * BLOCK + p;
            this.flush(i, y);
            if (y >= 0) {
              const a = (this.flushed[i] as number) * per;
              annual[tOff + p] = (annual[tOff + p] as number) + a;
              annual[sOff + p] = (annual[sOff + p] as number) + a;
              annual[dOff + p] = (annual[dOff + p] as number) + a;
            }
            this.flushed[i] = 0;
          }
        }
      }
    }
  }
}


const dir = new TempDir();
afterAll(() => dir.remove());

interface Captured { firstPath: number; n: number; annual: Float64Array; stepTotal: Float64Array }

function capture(run: (onBlock: (b: BlockResult) => void) => ChunkResult): { blocks: Captured[]; corridorValue: Float64Array } {
  const blocks: Captured[] = [];
  const { corridorValue } = run((b) => blocks.push({ firstPath: b.firstPath, n: b.n, annual: b.annual.slice(), stepTotal: b.stepTotal.slice() }));
  return { blocks, corridorValue: corridorValue.slice() };
}

/** Same doubles, bit for bit, in the cells a block defines (paths 0 .. n - 1 of each row). */
function expectSameBits(a: Float64Array, b: Float64Array, n: number, what: string) {
  expect(a.length).toBe(b.length);
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length), y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) {
    if (i % BLOCK >= n) continue;
    if (x[i] !== y[i]) throw new Error(`${what}: cell ${i} differs: ${a[i]} vs ${b[i]}`);
  }
}

const SCENARIOS: Array<[string, () => string]> = [
  ['every feature', () => 'test/bench/fixtures/kernel-features.yaml'],
  ['K1', () => 'bench/k1.yaml'],
  ['smoke', () => 'test/fixtures/scenarios/smoke.yaml'],
  ['no corridors, no correlation', () => dir.file('plain.yaml', `
name: plain
start: 2026-01
horizon: 4
target: { value: 1B, year: 2029 }
flows:
  textiles: { PK>KZ: { base: 50M, growth: 0.1, volatility: 0.3, potential: 400M }, KZ>PK: { base: 20M, growth: { dist: uniform, min: 0, max: 0.2 }, volatility: 0.4, tariff: { 2026: 0.1, 2027: 0.05 } } }
  energy: { KZ>PK: { base: 40M, growth: 0.05, volatility: 0.5 } }
`)],
  ['one flow, yearly steps', () => dir.file('yearly.yaml', `
name: yearly
start: 2026-01
horizon: 5
stepsPerYear: 1
target: { value: 100M, year: 2030 }
flows:
  pharma: { PK>KZ: { base: 50M, growth: 0.1, volatility: 0.3 } }
corridors:
  air: { freightCost: 0.3, transitDays: 1, closuresPerYear: 1, meanClosureDays: 60 }
  sea: { freightCost: 0.1, transitDays: 30 }
`)],
  // textiles PK>KZ is under 11 effects (more than agreements.ts memoises: its targets are worked
  // out per path), energy under 4 (memoised); tariffs move by schedule too
  ['a flow under eleven agreement effects', () => dir.file('many-agreements.yaml', `
name: many-agreements
start: 2026-01
horizon: 6
target: { value: 1B, year: 2031 }
flows:
  textiles: { PK>KZ: { base: 50M, growth: 0.05, volatility: 0.2, elasticity: { dist: uniform, min: 2, max: 6 }, tariff: { 2026: 0.12, 2028: 0.08, 2030: 0.1 }, ntm: 0.05 } }
  energy: { KZ>PK: { base: 40M, growth: 0.05, volatility: 0.3, tariff: { 2026: 0.05, 2029: 0.02 } } }
agreements:
${Array.from({ length: 11 }, (_, a) => `  deal${a}:
    probability: ${(0.3 + 0.06 * a).toFixed(2)}
    delay: { dist: uniform, min: ${(a * 0.3).toFixed(1)}, max: ${(1 + a * 0.4).toFixed(1)} }
    effects:
      - { sectors: [textiles], ${a % 3 === 0 ? 'ntm: { add: -0.004 }' : a % 3 === 1 ? 'tariff: { multiply: 0.9 }' : 'tariff: { add: -0.005 }'} }
${a < 4 ? '      - { sectors: [energy], tariff: { multiply: 0.8 } }\n' : ''}`).join('')}`)],
];

describe('the optimised kernel gives the reference kernel\'s numbers, bit for bit', () => {
  // wasm: the kernel's wasm loops (wasm.ts, kernel.wat); else its JS loops. 601 paths end in an odd block.
  for (const [name, file] of SCENARIOS) for (const wasm of [true, false]) {
    it(`${name}${wasm ? '' : ', JS loops'}`, () => {
      const plan = prepareScenario(file()).compiled.plan;
      const fast = new ChunkSimulator(plan, { wasm }), ref = new ReferenceSimulator(plan);
      for (const [seed, chunk, n] of [[7, 0, CHUNK], [20260204, 9, 600], [1, 2, 1], [3, 1, 601]] as const) {
        const a = capture((cb) => fast.simulateChunk(seed, chunk, n, cb));
        const b = capture((cb) => ref.simulateChunk(seed, chunk, n, cb));
        expect(a.blocks.map((x) => [x.firstPath, x.n])).toEqual(b.blocks.map((x) => [x.firstPath, x.n]));
        a.blocks.forEach((blk, i) => {
          const other = b.blocks[i]!;
          expectSameBits(blk.annual, other.annual, blk.n, `${name}: annual, block ${i}`);
          expectSameBits(blk.stepTotal, other.stepTotal, blk.n, `${name}: step totals, block ${i}`);
        });
        expectSameBits(a.corridorValue, b.corridorValue, BLOCK, `${name}: corridor values`);
      }
    });
  }
});

describe('simulators of one thread share the wasm memory', () => {
  it('each gives the reference kernel\'s bits when the others run on the memory between its chunks', () => {
    const plans = SCENARIOS.map(([name, file]) => [name, prepareScenario(file()).compiled.plan] as const);
    const sims = plans.map(([name, plan]) => ({ name, fast: new ChunkSimulator(plan), ref: new ReferenceSimulator(plan) }));
    // the memory is shared: the last simulator's instance is the one a new simulator gets
    const { KN, WN, FN } = kernelParts;
    const probe = [wasmKernel(8, 1, KN, WN, FN), wasmKernel(8, 1, KN, WN, FN)];
    if (wasmAvailable) expect(probe[0]!.mem.buffer).toBe(probe[1]!.mem.buffer);
    for (const [seed, chunk, n] of [[7, 0, CHUNK], [3, 1, 601], [20260204, 9, 600]] as const) {
      for (const { name, fast, ref } of sims) {
        const a = capture((cb) => fast.simulateChunk(seed, chunk, n, cb));
        const b = capture((cb) => ref.simulateChunk(seed, chunk, n, cb));
        expect(a.blocks.length).toBe(b.blocks.length);
        a.blocks.forEach((blk, i) => {
          expectSameBits(blk.annual, b.blocks[i]!.annual, blk.n, `${name}: annual, block ${i}`);
          expectSameBits(blk.stepTotal, b.blocks[i]!.stepTotal, blk.n, `${name}: step totals, block ${i}`);
        });
        expectSameBits(a.corridorValue, b.corridorValue, BLOCK, `${name}: corridor values`);
      }
    }
  });
});
