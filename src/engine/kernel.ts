/**
 * The path simulator: model.md's dynamics over a chunk of paths, in blocks of BLOCK paths held as
 * structure-of-arrays (state[f * BLOCK + p]), so that each inner loop runs over typed arrays
 * without calls. It sees only the Plan.
 *
 * Randomness: every component draws from its own stream for the chunk (streams.ts), and consumes
 * it in a fixed pattern (block by block, step by step, path by path), whatever the other
 * components do: flow shocks (`shocks:<flow>`, one normal per path-step), each corridor's regime
 * (`corridor:<name>:regime`, one uniform per path-step), each agreement (`agreement:<name>`, one
 * uniform per path), each uncertain parameter (`param:<field path>`, one draw per path; flows that
 * take a parameter from the same line of the file share its draw).
 *
 * Speed (bench/README.md has the profiles; K1 went from about 20M to about 60M flow-steps per
 * second in one thread). What the hot loops touch lives in one Float64Array, `mem`, as regions:
 * V8 checks and loads one array object per iteration instead of one per quantity. Per step:
 *   - normals for all flows (fillShocks: normals.ts's draws with a cheaper wedge test), then
 *     c = L z in one pass that keeps a path's normals in registers (makeCorrelate);
 *   - per flow, two small loops: the log level (parameters that are the same on every path, the
 *     common case, are scalars; a flow whose policy never moves skips the multiplier), then the
 *     observed values (exp alone in its loop keeps more of them in flight);
 *   - routes: corridor costs that are the same on every path are tabulated per set of open
 *     corridors (a closing costs a look-up, not a log1p per flow); otherwise each path's costs
 *     and their logs are cached until an agreement changes them; corridors that are always open
 *     are not visited; agreements that take effect are bucketed by step when a block starts.
 * Where WebAssembly is available, the normals and the level and exp passes (one call per flow and
 * step) run in kernel.wat (wasm.ts: SIMD, no bounds checks; K1 about 1.3x faster).
 * Each of these keeps the plain version's arithmetic, operation for operation and in the same
 * order: results are the same bits as before the optimisations
 * (test/engine/kernel-reference-twin.test.ts), and agree with a one-path-at-a-time transcription of
 * model.md (test/engine/kernel-twin.test.ts).
 */
import {
  FIELD_TARIFF, OP_ADD, OP_MULTIPLY, OP_SET, type ParamDraw, type Plan,
} from '../scenario/plan.js';
import { fastExp } from './fast-exp.js';
import { nextUniform, U32_SCALE, type StreamState } from './rng.js';
import { sampleDistribution } from './sample.js';
import { streamFor } from './streams.js';
import { wasmKernel, type WasmKernel } from './wasm.js';

/** Paths per block: the unit of the structure-of-arrays layout. */
export const BLOCK = 256;
/** Paths per chunk: the unit of randomness and of work. A property of the engine, not the machine. */
export const CHUNK = 1024;
const NEVER = 0x7fffffff;
/** 2^-32, as a module-local binding (an imported one is read through a cell at every use). */
const U32 = U32_SCALE;
/** Route tables per set of open corridors are kept up to this many corridors (2^C sets). */
const MAX_TABLE_CORRIDORS = 12;
/** General routes: per path, the routes of this many sets of open corridors are remembered (a power of 2). */
const ROUTE_MEMO = 4;

/*
 * Flow shocks: the standard normals of normals.ts (nextNormal: Marsaglia & Tsang's ziggurat on
 * xoshiro128**), the same draws bit for bit (test/engine/kernel-twin.test.ts), filled faster.
 * The fast path (about 97% of draws) is fillNormals'. The rest, the wedges and the tail, cost
 * fillNormals about half its time, mostly in Math.exp (about 20 ns in V8): a wedge accepts x when
 * y < exp(-x^2/2), and fastExp decides that without Math.exp whenever the two sides differ by
 * more than 1e-15 relative (fastExp is within 4.5e-16 of Math.exp, fast-exp-twin.test.ts), which
 * is every time but about once in 10^15; then Math.exp decides, as in nextNormal.
 */
const ZIG_R = 3.442619855899;
const KN = new Int32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
{
  // normals.ts's tables, computed the same way.
  const m1 = 2147483648.0;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R, tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.trunc((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.trunc((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
}
const EXP_BELOW = 1 - 1e-15;
const EXP_ABOVE = 1 + 1e-15;

/** rng.ts nextUniform, for the rare path. */
function uniformOf(st: StreamState): number {
  const s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
  const m = Math.imul(s1, 5);
  const r = Math.imul((m << 7) | (m >>> 25), 9);
  const t = s1 << 9;
  const n2 = s2 ^ s0, n3 = s3 ^ s1;
  st[0] = s0 ^ n3; st[1] = s1 ^ n2; st[2] = n2 ^ t; st[3] = (n3 << 11) | (n3 >>> 21);
  return ((r >>> 0) + 0.5) * U32;
}

/** normals.ts slowNormal: a wedge or the tail, drawing further outputs from the stream. */
function slowShock(st: StreamState, hz: number, iz: number): number {
  for (;;) {
    let x = hz * (WN[iz] as number);
    if (iz === 0) {
      let y: number;
      do {
        x = -Math.log(uniformOf(st)) / ZIG_R;
        y = -Math.log(uniformOf(st));
      } while (y + y < x * x);
      return hz > 0 ? ZIG_R + x : -ZIG_R - x;
    }
    const y = (FN[iz] as number) + uniformOf(st) * ((FN[iz - 1] as number) - (FN[iz] as number));
    const t = -0.5 * x * x;
    const e = fastExp(t);
    if (y < e * EXP_BELOW || (!(y > e * EXP_ABOVE) && y < Math.exp(t))) return x;
    const s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
    const m = Math.imul(s1, 5);
    hz = Math.imul((m << 7) | (m >>> 25), 9);
    const tt = s1 << 9;
    const n2 = s2 ^ s0, n3 = s3 ^ s1;
    st[0] = s0 ^ n3; st[1] = s1 ^ n2; st[2] = n2 ^ tt; st[3] = (n3 << 11) | (n3 >>> 21);
    iz = hz & 127;
    if (Math.abs(hz) < (KN[iz] as number)) return hz * (WN[iz] as number);
  }
}

/** out[offset .. offset + n) = n draws of nextNormal(st) (normals.ts), as fillNormals would. */
export function fillShocks(st: StreamState, out: Float64Array, offset: number, n: number): void {
  let s0 = st[0] as number, s1 = st[1] as number, s2 = st[2] as number, s3 = st[3] as number;
  for (let i = 0; i < n; i++) {
    const m = Math.imul(s1, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    const iz = hz & 127;
    if (Math.abs(hz) < (KN[iz] as number)) {
      out[offset + i] = hz * (WN[iz] as number);
    } else {
      st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
      out[offset + i] = slowShock(st, hz, iz);
      s0 = st[0] as number; s1 = st[1] as number; s2 = st[2] as number; s3 = st[3] as number;
    }
  }
  st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
}

/** Number of annual series: total, each sector, each direction. */
export const seriesCount = (plan: Plan) => 1 + plan.sectors.length + plan.directions.length;

/** What a block hands to the aggregator. Arrays are reused: consume them before the next block. */
export interface BlockResult {
  /** Paths in this block (<= BLOCK). */
  n: number;
  /** Index of the block's first path within the run. */
  firstPath: number;
  /** Annual value, USD/yr, [(y * S + s) * BLOCK + p]; s = 0 total, 1.. sectors, then directions. */
  annual: Float64Array;
  /** Total at each step, USD/yr (annualised), [k * BLOCK + p]. */
  stepTotal: Float64Array;
}

export interface ChunkResult {
  /** Value carried by each corridor, summed over the chunk's path-steps in each year, [y * C + c]. */
  corridorValue: Float64Array;
}

/** Applies an agreement's operation to a value. */
function apply(op: number, value: number, x: number): number {
  return op === OP_SET ? value : op === OP_ADD ? x + value : op === OP_MULTIPLY ? x * value : x;
}

/**
 * The correlated shocks c = L z for a block: c[cOff + f * BLOCK + p] = sum over j <= f of
 * L[f][j] z[zOff + j * BLOCK + p], the terms added in order of j, starting from j = 0 and leaving
 * out the other zeros of L (as the plain loop does). Built per plan by makeCorrelate.
 */
type Correlate = (m: Float64Array, zOff: number, cOff: number, nb: number) => void;

/** The terms of row f of L: j = 0 always, then every other j <= f with L[f][j] != 0. */
function rowTerms(L: Float64Array, F: number, f: number): number[] {
  const js = [0];
  for (let j = 1; j <= f; j++) if ((L[f * F + j] as number) !== 0) js.push(j);
  return js;
}

/**
 * A correlate function for L. Per path, the F normals are read once into registers and each row's
 * sum is formed there: about a third of the loads and stores of row-by-row passes, and 11% faster
 * on K1. That needs the rows written out, so the function's source is generated for (F, the zero
 * pattern of L, BLOCK): it holds only indices, the coefficients come from L as arguments. Where
 * code cannot be generated (node --disallow-code-generation-from-strings), the same sums are
 * formed by passes over the block, row by row and term by term.
 */
export function makeCorrelate(L: Float64Array, F: number, generate = true): Correlate {
  if (generate) {
    const coef: string[] = [];
    const body: string[] = [];
    for (let j = 0; j < F; j++) body.push(`const z${j} = m[zOff + ${j * BLOCK} + p];`);
    for (let f = 0; f < F; f++) {
      const terms = rowTerms(L, F, f).map((j) => {
        coef.push(`const l${f}_${j} = L[${f * F + j}];`);
        return `l${f}_${j} * z${j}`;
      });
      body.push(`m[cOff + ${f * BLOCK} + p] = ${terms.join(' + ')};`);
    }
    const source = `${coef.join('\n')}\nreturn function correlate(m, zOff, cOff, nb) {\n  for (let p = 0; p < nb; p++) {\n    ${body.join('\n    ')}\n  }\n};`;
    try {
      // The source holds integers only (indices and offsets, above); L's values are an argument.
      return new Function('L', source)(Float64Array.from(L)) as Correlate;
    } catch {
      // code generation disallowed: the passes below
    }
  }
  const rows = Array.from({ length: F }, (_, f) => rowTerms(L, F, f).map((j) => ({ off: j * BLOCK, l: L[f * F + j] as number })));
  return (m, zOff, cOff, nb) => {
    for (let f = 0; f < F; f++) {
      const oc = cOff + f * BLOCK;
      const terms = rows[f]!;
      const t0 = terms[0]!;
      const l0 = t0.l, o0 = zOff + t0.off;
      for (let p = 0; p < nb; p++) m[oc + p] = l0 * (m[o0 + p] as number);
      for (let t = 1; t < terms.length; t++) {
        const l = terms[t]!.l, o = zOff + terms[t]!.off;
        for (let p = 0; p < nb; p++) m[oc + p] = (m[oc + p] as number) + l * (m[o + p] as number);
      }
    }
  };
}

/*
 * The hot loops of a step, per flow, over the paths of a block: small module-level functions, so
 * that few values are live in each loop (V8 inlines them into runBlock when it sees fit). All
 * read and write one array, m (ChunkSimulator.mem), at region offsets.
 */

/** x += g (1 - v ip) + d + s c; e = x (+ lnRoute when or >= 0): parameters the same on every path, no policy. */
function levelsFixed(m: Float64Array, oc: number, ox: number, ov: number, or: number, oe: number, g: number, ip: number, d: number, s: number, nb: number): void {
  if (or >= 0) {
    for (let p = 0; p < nb; p++) {
      const xv = (m[ox + p] as number) + g * (1 - (m[ov + p] as number) * ip) + d + s * (m[oc + p] as number);
      m[ox + p] = xv;
      m[oe + p] = xv + (m[or + p] as number);
    }
  } else {
    for (let p = 0; p < nb; p++) {
      const xv = (m[ox + p] as number) + g * (1 - (m[ov + p] as number) * ip) + d + s * (m[oc + p] as number);
      m[ox + p] = xv;
      m[oe + p] = xv;
    }
  }
}

/** As levelsFixed, with per-path parameters (unless `fixed`) and the policy multiplier (unless `stat`). */
function levelsGeneral(m: Float64Array, R: Regions, o: number, oc: number, fixed: boolean, stat: boolean, routed: boolean, g: number, ip: number, d: number, s: number, nb: number): void {
  const ox = R.x + o, ov = R.v + o, or = R.lnRoute + o, oe = R.e + o;
  const og = R.gdt + o, oi = R.ipot + o, od = R.drift + o, ovs = R.vs + o;
  const olm = R.lnm + o, oa = R.alpha + o, ot = R.tgt + o;
  for (let p = 0; p < nb; p++) {
    const cf = m[oc + p] as number;
    const xv = fixed
      ? (m[ox + p] as number) + g * (1 - (m[ov + p] as number) * ip) + d + s * cf
      : (m[ox + p] as number) + (m[og + p] as number) * (1 - (m[ov + p] as number) * (m[oi + p] as number)) + (m[od + p] as number) + (m[ovs + p] as number) * cf;
    m[ox + p] = xv;
    if (stat) {
      m[oe + p] = routed ? xv + (m[or + p] as number) : xv;
    } else {
      const l0 = m[olm + p] as number;
      const lm = l0 + (m[oa + p] as number) * ((m[ot + p] as number) - l0);
      m[olm + p] = lm;
      m[oe + p] = routed ? xv + lm + (m[or + p] as number) : xv + lm;
    }
  }
}

/**
 * v = exp(e); seg += v; the step's total += v (= v for the first flow). Apart from the levels: a
 * loop of exp alone keeps more of them in flight at once (its dependency chain is long), 7% faster.
 */
function observe(m: Float64Array, oe: number, ov: number, os: number, tk: number, first: boolean, nb: number): void {
  const exp = fastExp;
  if (first) {
    for (let p = 0; p < nb; p++) {
      const vv = exp(m[oe + p] as number);
      m[ov + p] = vv;
      m[os + p] = (m[os + p] as number) + vv;
      m[tk + p] = vv;
    }
  } else {
    for (let p = 0; p < nb; p++) {
      const vv = exp(m[oe + p] as number);
      m[ov + p] = vv;
      m[os + p] = (m[os + p] as number) + vv;
      m[tk + p] = (m[tk + p] as number) + vv;
    }
  }
}

/** Parts of the kernel that its tests compare with their wasm twins (a separate binding: see fast-exp.ts on exports). */
export const kernelParts = { KN, WN, FN, levelsFixed, levelsGeneral, observe };

/** Offsets of the regions of ChunkSimulator.mem. */
type Regions = Record<'x' | 'v' | 'seg' | 'lnRoute' | 'z' | 'c' | 'e' | 'lnm' | 'tgt' | 'alpha' | 'gdt' | 'drift' | 'vs' | 'ipot' | 'stepTotal', number>;

const fixedValue = (d: ParamDraw | null): number | null => (d === null ? 0 : d.kind === 'fixed' ? d.value : null);

export class ChunkSimulator {
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
  /**
   * One buffer holds every array the hot loop touches, as regions of F * BLOCK (the fields above
   * are views of it): V8 then checks and loads one array object per iteration instead of one per
   * array. Region offsets: */
  private readonly mem: Float64Array;
  private readonly R: Regions;
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
  /** Agreement activations of the block bucketed by step: events of step k are evAt[evStart[k] .. evStart[k + 1]), each ai * BLOCK + p. */
  private readonly evStart: Int32Array;
  private readonly evAt: Int32Array;
  private readonly u: Float64Array;
  /** Per flow: the agreements' effects on it, in declaration order. */
  private readonly flowOps: Array<Array<{ agreement: number; field: number; op: number; value: number }>>;
  private readonly p0: Float64Array;
  private readonly out: BlockResult;
  private readonly corridorValue: Float64Array;
  // specialisations, fixed for the plan
  /** Per flow: growth, volatility and potential are the same on every path (then gdtF.. hold them). */
  private readonly flowFixed: Uint8Array;
  private readonly gdtF: Float64Array;
  private readonly driftF: Float64Array;
  private readonly vsF: Float64Array;
  private readonly ipotF: Float64Array;
  /** c = L z for a block; null when L is the identity (then c is z). */
  private readonly correlate: Correlate | null;
  /** Per agreement: it changes a corridor's freight cost or transit days. */
  private readonly changesCosts: Uint8Array;
  /** Route costs are the same on every path: routes come from routeOf / routeDiff per set of open corridors. */
  private readonly costsFixed: boolean;
  /** [m * F + f]: cheapest open corridor allowed to flow f when the open set is m (-1: none); -2: not computed yet. */
  private readonly routeOf: Int32Array;
  /** [m * F + f]: log1p(route cost) - log1p(reference cost). */
  private readonly routeDiff: Float64Array;
  /** Per flow: its reference route cost is the same on every path (fixed costs of the corridors open at the start, fixed time cost). */
  private readonly refFixed: Uint8Array;
  /** Bit c set when corridor c is open on every path at every step. */
  private readonly alwaysOpen: number;
  /** Per corridor: it has an opening date or a reopening (else openStep and reopenStep are 0 on every path). */
  private readonly gated: Uint8Array;
  /** [m * F + f]: ln of the route factor, -el * routeDiff, for flows whose elasticity is fixed. */
  private readonly routeLn: Float64Array;
  private readonly elFixed: Uint8Array;
  /** General routes: per path, each corridor's cost for each flow and its log1p, [(c * F + f) * BLOCK + p]. */
  private readonly cost: Float64Array;
  private readonly lnCost: Float64Array;
  /** Per flow: bit c set when corridor c may carry it. */
  private readonly allowBits: Int32Array;
  /**
   * General routes, remembered per path for the last sets of open corridors it saw (a closure
   * that ends, a season that returns, give a set seen before): slot s = p * ROUTE_MEMO + (m & 3)
   * holds the set m in memoMask[s] (-1: empty) and, per flow, the route in memoRoute[s * F + f]
   * and its lnRoute in memoLn[s * F + f]. A path's slots are emptied when its costs change.
   */
  private readonly memoMask: Int32Array;
  private readonly memoRoute: Int32Array;
  private readonly memoLn: Float64Array;
  /** Filled arrays of fixed parameter values, by value, shared (read only). */
  private readonly constants = new Map<number, Float64Array>();
  /** The wasm loops (wasm.ts), whose memory holds mem; null: the JS loops. */
  private readonly wasm: WasmKernel | null;

  /** `wasm: false` runs the JS loops even where WebAssembly is available (the same bits). */
  constructor(readonly plan: Plan, opts: { wasm?: boolean } = {}) {
    const F = (this.F = plan.flowIds.length);
    const C = (this.C = plan.corridors.length);
    const A = (this.A = plan.agreements.length);
    this.S = seriesCount(plan);
    this.T = plan.steps;
    this.Y = plan.years.length;
    const fb = () => new Float64Array(F * BLOCK);
    const hot = ['x', 'v', 'seg', 'lnRoute', 'z', 'c', 'e', 'lnm', 'tgt', 'alpha', 'gdt', 'drift', 'vs', 'ipot'] as const;
    this.R = { stepTotal: hot.length * F * BLOCK } as Regions;
    hot.forEach((name, r) => { this.R[name] = r * F * BLOCK; });
    const doubles = hot.length * F * BLOCK + this.T * BLOCK;
    this.wasm = opts.wasm === false ? null : wasmKernel(doubles, Math.ceil(F / 4), KN, WN, FN);
    const mem = (this.mem = this.wasm ? this.wasm.mem : new Float64Array(doubles));
    const view = (name: (typeof hot)[number]) => mem.subarray(this.R[name], this.R[name] + F * BLOCK);
    this.x = view('x'); this.v = view('v'); this.seg = view('seg'); this.lnRoute = view('lnRoute'); this.z = view('z'); this.c = view('c');
    this.lnm = view('lnm'); this.tgt = view('tgt'); this.alpha = view('alpha');
    this.gdt = view('gdt'); this.drift = view('drift'); this.vs = view('vs'); this.ipot = view('ipot');
    this.el = fb(); this.tc = fb(); this.lnRef = fb(); this.flushed = fb();
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
    this.evStart = new Int32Array(this.T + 1);
    this.evAt = new Int32Array(A * BLOCK);
    this.u = new Float64Array(BLOCK);
    this.flowOps = plan.flowIds.map(() => []);
    plan.agreements.forEach((a, ai) => {
      for (const e of a.flowEffects) for (const f of e.flows) this.flowOps[f]?.push({ agreement: ai, field: e.field, op: e.op, value: e.value });
    });
    this.p0 = Float64Array.from(plan.flowIds, (_, f) => (plan.tariff[f * this.T] as number) + (plan.ntm[f * this.T] as number));
    this.out = {
      n: 0, firstPath: 0,
      annual: new Float64Array(this.Y * this.S * BLOCK),
      stepTotal: mem.subarray(this.R.stepTotal, this.R.stepTotal + this.T * BLOCK),
    };
    this.corridorValue = new Float64Array(this.Y * C);

    // Per-flow parameters that are fixed: the same arithmetic as initBlock's, once.
    const dt = plan.dt;
    this.flowFixed = new Uint8Array(F);
    this.gdtF = new Float64Array(F); this.driftF = new Float64Array(F); this.vsF = new Float64Array(F); this.ipotF = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      const fp = plan.flows[f]!;
      const g = fixedValue(fp.growth), s = fixedValue(fp.volatility), pot = fixedValue(fp.potential);
      if (g === null || s === null || pot === null) continue;
      this.flowFixed[f] = 1;
      this.gdtF[f] = g * dt;
      this.driftF[f] = -0.5 * s * s * dt;
      this.vsF[f] = s * Math.sqrt(dt);
      this.ipotF[f] = fp.potential ? 1 / pot : 0;
    }
    this.correlate = plan.cholesky ? makeCorrelate(plan.cholesky, F) : null;
    this.changesCosts = Uint8Array.from(plan.agreements, (a) => (a.corridorEffects.some((e) => e.freightCost || e.transitDays) ? 1 : 0));
    this.costsFixed = C > 0 && C <= MAX_TABLE_CORRIDORS
      && this.changesCosts.every((x) => x === 0)
      && plan.corridors.every((c) => c.freightCost.kind === 'fixed' && c.transitDays.kind === 'fixed')
      && plan.flows.every((fp) => fp.timeCostPerDay.kind === 'fixed');
    const tableSize = this.costsFixed ? (1 << C) * F : 0;
    this.routeOf = new Int32Array(tableSize).fill(-2);
    this.routeDiff = new Float64Array(tableSize);
    this.routeLn = new Float64Array(tableSize);
    this.elFixed = Uint8Array.from(plan.flows, (fp) => (fp.elasticity.kind === 'fixed' ? 1 : 0));
    const general = C > 0 && !this.costsFixed;
    this.cost = new Float64Array(general ? C * F * BLOCK : 0);
    this.lnCost = new Float64Array(general ? C * F * BLOCK : 0);
    this.memoMask = new Int32Array(general ? BLOCK * ROUTE_MEMO : 0);
    this.memoRoute = new Int32Array(general ? BLOCK * ROUTE_MEMO * F : 0);
    this.memoLn = new Float64Array(general ? BLOCK * ROUTE_MEMO * F : 0);
    this.allowBits = Int32Array.from(plan.flowIds, (_, f) => plan.corridors.reduce((bits, c, ci) => (c.allows[f] === 1 ? bits | (1 << ci) : bits), 0));
    this.refFixed = Uint8Array.from(plan.flows, (fp, f) => (fp.timeCostPerDay.kind === 'fixed'
      && plan.corridors.every((c) => !(c.openAtStart && c.allows[f] === 1) || (c.freightCost.kind === 'fixed' && c.transitDays.kind === 'fixed')) ? 1 : 0));
    this.gated = Uint8Array.from(plan.corridors, (c) => (c.opens !== null || c.reopens !== null ? 1 : 0));
    // Not for agreements that open a corridor: they can only open one that has an opening date.
    this.alwaysOpen = plan.corridors.reduce((bits, c, ci) => (c.regime === null && c.opens === null && c.reopens === null
      && c.seasonalClosed.every((x) => x === 0) ? bits | (1 << ci) : bits), 0);
  }

  /** A filled array of a fixed value, shared between blocks (read only). */
  private constant(value: number): Float64Array {
    if (Object.is(value, -0)) return new Float64Array(BLOCK).fill(value); // a Map does not tell -0 from 0
    let a = this.constants.get(value);
    if (!a) { a = new Float64Array(BLOCK).fill(value); this.constants.set(value, a); }
    return a;
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
      if (!st) { st = streamFor(seed, chunk, component, plan.streamSalt?.[component]); streams.set(component, st); }
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
        if (d.kind === 'fixed') return this.constant(d.value);
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
    const { F, C, A, T } = this;
    const { freightBase, daysBase, freight, days, openStep, reopenStep, pClose, pOpen, closed, actStep } = this;
    const stepOf = (years: number) => (years <= 0 ? 0 : Math.min(NEVER, Math.ceil(years * spy - 1e-9)));
    for (let ci = 0; ci < C; ci++) {
      const c = plan.corridors[ci]!;
      const fr = param(c.freightCost), dy = param(c.transitDays);
      const op = c.opens ? param(c.opens) : null;
      const re = c.reopens ? param(c.reopens) : null;
      const cpy = c.regime ? param(c.regime.closuresPerYear) : null;
      const mcd = c.regime ? param(c.regime.meanClosureDays) : null;
      const shut = c.regime?.initiallyClosed ? 1 : 0;
      for (let p = 0; p < nb; p++) {
        const i = ci * BLOCK + p;
        freightBase[i] = freight[i] = fr[p] as number;
        daysBase[i] = days[i] = dy[p] as number;
        openStep[i] = op ? stepOf(op[p] as number) : 0;
        reopenStep[i] = re ? stepOf(re[p] as number) : 0;
        pClose[i] = cpy ? 1 - Math.exp(-(cpy[p] as number) * dt) : 0;
        pOpen[i] = mcd ? 1 - Math.exp((-dt * 365) / (mcd[p] as number)) : 1;
        closed[i] = shut;
      }
    }
    // Agreements: whether and when, per path; activations bucketed by step.
    const evStart = this.evStart.fill(0);
    let events = 0;
    for (let ai = 0; ai < A; ai++) {
      const a = plan.agreements[ai]!;
      const st = implemented[ai]!;
      const delay = param(a.delay);
      for (let p = 0; p < nb; p++) {
        const yes = nextUniform(st) < a.probability;
        const k = yes ? stepOf(delay[p] as number) : NEVER;
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
    const { x, v, gdt, drift, vs, ipot, el, tc, alpha, lnm, tgt, lnRoute, route, seg, flushed, lnRef } = this;
    const sqrtDt = Math.sqrt(dt);
    for (let f = 0; f < F; f++) {
      const fp = plan.flows[f]!;
      const base = param(fp.base), g = param(fp.growth), s = param(fp.volatility);
      const pot = fp.potential ? param(fp.potential) : null;
      const e = param(fp.elasticity), tcd = param(fp.timeCostPerDay), h = param(fp.adjustmentHalfLife);
      const allowed: number[] = [];
      for (let ci = 0; ci < C; ci++) {
        const c = plan.corridors[ci]!;
        if (c.openAtStart && c.allows[f] === 1) allowed.push(ci);
      }
      // Reference route cost: corridors as they are at the start, seasonal closures aside.
      const refCost = (i: number, p: number): number => {
        let best = Infinity;
        for (const ci of allowed) {
          const r = (freightBase[ci * BLOCK + p] as number) + (tc[i] as number) * (daysBase[ci * BLOCK + p] as number);
          if (r < best) best = r;
        }
        return C > 0 ? Math.log1p(best) : 0;
      };
      // What is the same on every path is computed once (the same arithmetic as per path).
      const lnBase = fp.base.kind === 'fixed' ? Math.log(base[0] as number) : NaN;
      const h0 = h[0] as number;
      const alpha0 = fp.adjustmentHalfLife.kind === 'fixed' ? (h0 > 0 ? 1 - 2 ** (-dt / h0) : 1) : NaN;
      const perPath = this.flowFixed[f] === 0; // else the hot loop uses gdtF.. instead of gdt..
      const refFixed = this.refFixed[f] === 1;
      for (let p = 0; p < nb; p++) {
        const i = f * BLOCK + p;
        x[i] = lnBase === lnBase ? lnBase : Math.log(base[p] as number);
        v[i] = base[p] as number;
        if (perPath) {
          const sp = s[p] as number;
          gdt[i] = (g[p] as number) * dt;
          drift[i] = -0.5 * sp * sp * dt;
          vs[i] = sp * sqrtDt;
          ipot[i] = pot ? 1 / (pot[p] as number) : 0;
        }
        el[i] = e[p] as number;
        tc[i] = tcd[p] as number;
        const hp = h[p] as number;
        alpha[i] = alpha0 === alpha0 ? alpha0 : hp > 0 ? 1 - 2 ** (-dt / hp) : 1;
        lnm[i] = 0;
        tgt[i] = 0;
        lnRoute[i] = 0;
        route[i] = -1;
        seg[i] = 0;
        flushed[i] = 0;
        lnRef[i] = refFixed && p > 0 ? lnRef[f * BLOCK] as number : refCost(i, p);
      }
    }
    if (this.cost.length > 0) for (let p = 0; p < nb; p++) this.fillCosts(p);
    this.memoMask.fill(-1);
    this.prevMask.fill(-1);
    this.out.annual.fill(0);
  }

  private recomputeCorridorCosts(p: number, k: number): void {
    const plan = this.plan;
    const { freight, days, freightBase, daysBase, actStep } = this;
    for (let ci = 0; ci < this.C; ci++) {
      freight[ci * BLOCK + p] = freightBase[ci * BLOCK + p] as number;
      days[ci * BLOCK + p] = daysBase[ci * BLOCK + p] as number;
    }
    for (let ai = 0; ai < this.A; ai++) {
      if ((actStep[ai * BLOCK + p] as number) > k) continue;
      for (const e of plan.agreements[ai]!.corridorEffects) {
        const i = e.corridor * BLOCK + p;
        if (e.freightCost) freight[i] = Math.max(0, apply(e.freightCost.op, e.freightCost.value, freight[i] as number));
        if (e.transitDays) days[i] = Math.max(0, apply(e.transitDays.op, e.transitDays.value, days[i] as number));
      }
    }
    this.fillCosts(p);
  }

  /** The route cost of every corridor for every flow on path p, and its log1p (general routes). */
  private fillCosts(p: number): void {
    const { F, freight, days, tc, cost, lnCost } = this;
    if (cost.length === 0) return;
    for (let ci = 0; ci < this.C; ci++) {
      for (let f = 0; f < F; f++) {
        const r = (freight[ci * BLOCK + p] as number) + (tc[f * BLOCK + p] as number) * (days[ci * BLOCK + p] as number);
        const j = (ci * F + f) * BLOCK + p;
        cost[j] = r;
        lnCost[j] = Math.log1p(r);
      }
    }
  }

  /** Moves value accumulated since the last flush to the corridor that carried it, in year y (-1: discard). */
  private flush(i: number, y: number): void {
    const seg = this.seg;
    const s = seg[i] as number;
    if (s === 0) return;
    this.flushed[i] = (this.flushed[i] as number) + s;
    const r = this.route[i] as number;
    if (y >= 0 && r >= 0) this.corridorValue[y * this.C + r] = (this.corridorValue[y * this.C + r] as number) + s;
    seg[i] = 0;
  }

  /** The cheapest corridor open in m and allowed to f, and its log1p cost less the reference's (path-invariant costs only). */
  private tabulateRoute(m: number, f: number): void {
    const plan = this.plan;
    let best = Infinity, bestC = -1;
    for (let ci = 0; ci < this.C; ci++) {
      if (((m >>> ci) & 1) === 0 || plan.corridors[ci]!.allows[f] !== 1) continue;
      // freight[ci * BLOCK] etc. hold the fixed values (the same on every path).
      const r = (this.freight[ci * BLOCK] as number) + (this.tc[f * BLOCK] as number) * (this.days[ci * BLOCK] as number);
      if (r < best) { best = r; bestC = ci; }
    }
    const diff = bestC < 0 ? 0 : Math.log1p(best) - (this.lnRef[f * BLOCK] as number);
    this.routeOf[m * this.F + f] = bestC;
    this.routeDiff[m * this.F + f] = diff;
    // As updateRoutes computes it per path (el[i] is the same on every path when elasticity is fixed).
    this.routeLn[m * this.F + f] = bestC < 0 ? -Infinity : -(this.el[f * BLOCK] as number) * diff;
  }

  private updateRoutes(nb: number, k: number): void {
    const plan = this.plan;
    const { F, C, mask, prevMask, forceRoute, route, lnRoute, el, lnRef, seg, flushed, corridorValue } = this;
    const yPrev = k > 0 ? (plan.stepYear[k - 1] as number) : -1;
    const cvOff = yPrev * C;
    if (this.costsFixed) {
      const { routeOf, routeDiff, routeLn, elFixed } = this;
      for (let p = 0; p < nb; p++) {
        const m = mask[p] as number;
        if (m === prevMask[p]) continue;
        prevMask[p] = m;
        const t = m * F;
        if ((routeOf[t] as number) === -2) for (let f = 0; f < F; f++) this.tabulateRoute(m, f);
        for (let f = 0; f < F; f++) {
          const i = f * BLOCK + p;
          const bestC = routeOf[t + f] as number;
          const r = route[i] as number;
          if (bestC !== r) {
            // flush(i, yPrev), inlined
            const sg = seg[i] as number;
            if (sg !== 0) {
              flushed[i] = (flushed[i] as number) + sg;
              if (yPrev >= 0 && r >= 0) corridorValue[cvOff + r] = (corridorValue[cvOff + r] as number) + sg;
              seg[i] = 0;
            }
            route[i] = bestC;
          }
          lnRoute[i] = elFixed[f] === 1 ? routeLn[t + f] as number : bestC < 0 ? -Infinity : -(el[i] as number) * (routeDiff[t + f] as number);
        }
      }
      return;
    }
    // General routes: costs per path (cached by fillCosts), the cheapest open corridor per flow.
    const { cost, lnCost, allowBits, memoMask, memoRoute, memoLn } = this;
    for (let p = 0; p < nb; p++) {
      const m = mask[p] as number;
      const forced = forceRoute[p] === 1;
      if (m === prevMask[p] && !forced) continue;
      prevMask[p] = m;
      forceRoute[p] = 0;
      if (forced) memoMask.fill(-1, p * ROUTE_MEMO, (p + 1) * ROUTE_MEMO); // the costs changed
      const slot = p * ROUTE_MEMO + (m & (ROUTE_MEMO - 1));
      const hit = memoMask[slot] === m;
      memoMask[slot] = m;
      const mo = slot * F;
      for (let f = 0; f < F; f++) {
        const i = f * BLOCK + p;
        let bestC: number, ln: number;
        if (hit) {
          bestC = memoRoute[mo + f] as number;
          ln = memoLn[mo + f] as number;
        } else {
          const bits = m & (allowBits[f] as number);
          let best = Infinity;
          bestC = -1;
          for (let ci = 0; ci < C; ci++) {
            if (((bits >>> ci) & 1) === 0) continue;
            const r = cost[(ci * F + f) * BLOCK + p] as number;
            if (r < best) { best = r; bestC = ci; }
          }
          ln = bestC < 0 ? -Infinity : -(el[i] as number) * ((lnCost[(bestC * F + f) * BLOCK + p] as number) - (lnRef[i] as number));
          memoRoute[mo + f] = bestC;
          memoLn[mo + f] = ln;
        }
        if (bestC !== route[i]) this.flush(i, yPrev);
        route[i] = bestC;
        lnRoute[i] = ln;
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
    this.tgt[i] = -(this.el[i] as number) * (Math.log1p(rate) - Math.log1p(this.p0[f] as number));
  }

  /**
   * Corridor states move (step 1 of model.md), then the set of corridors each path can use. The
   * regime's uniforms are drawn here as fillUniforms (rng.ts) would, with the generator in locals.
   */
  private moveCorridors(nb: number, k: number, regimes: Array<StreamState | null>): void {
    const plan = this.plan;
    const { mask, closed, reopenStep, openStep, pOpen, pClose, gated, alwaysOpen } = this;
    // Corridors open on every path at every step (no regime, no dates, no season) are set at once.
    mask.fill(alwaysOpen, 0, nb);
    for (let ci = 0; ci < this.C; ci++) {
      if (((alwaysOpen >>> ci) & 1) === 1) continue;
      const o = ci * BLOCK;
      const reg = regimes[ci];
      const open = plan.corridors[ci]!.seasonalClosed[k] !== 1;
      const gate = gated[ci] === 1;
      const bit = 1 << ci;
      if (reg) {
        let s0 = reg[0] as number, s1 = reg[1] as number, s2 = reg[2] as number, s3 = reg[3] as number;
        for (let p = 0; p < nb; p++) {
          // xoshiro128** (rng.ts nextInt32)
          const mm = Math.imul(s1, 5);
          const r = Math.imul((mm << 7) | (mm >>> 25), 9);
          const t = s1 << 9;
          s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
          const i = o + p;
          if (gate && k < (reopenStep[i] as number)) continue;
          const uu = ((r >>> 0) + 0.5) * U32;
          const shut = closed[i] === 1 ? (uu >= (pOpen[i] as number) ? 1 : 0) : (uu < (pClose[i] as number) ? 1 : 0);
          closed[i] = shut;
          if (open && shut === 0 && (!gate || k >= (openStep[i] as number))) mask[p] = (mask[p] as number) | bit;
        }
        reg[0] = s0; reg[1] = s1; reg[2] = s2; reg[3] = s3;
      } else if (open) {
        for (let p = 0; p < nb; p++) {
          const i = o + p;
          if (closed[i] === 0 && (!gate || (k >= (openStep[i] as number) && k >= (reopenStep[i] as number)))) mask[p] = (mask[p] as number) | bit;
        }
      }
    }
  }

  private runBlock(nb: number, shocks: StreamState[], regimes: Array<StreamState | null>): void {
    const plan = this.plan;
    const { F, C, A, T, S } = this;
    const { seg, flushed, route } = this;
    const { flowFixed, gdtF, driftF, vsF, ipotF, correlate, dirtyPolicy, forceRoute, evStart, evAt, changesCosts } = this;
    const m = this.mem;
    const R = this.R;
    const policyStatic = plan.policyStatic, scheduleChange = plan.scheduleChange;
    const stepYear = plan.stepYear, yearSteps = plan.yearSteps, flowSector = plan.flowSector, flowDirection = plan.flowDirection;
    const corridorValue = this.corridorValue;
    const annual = this.out.annual;
    const nSec = plan.sectors.length;
    const routed = C > 0;
    const anyDynamic = policyStatic.some((s) => s === 0);
    if (F === 0) this.out.stepTotal.fill(0);
    const wasm = this.wasm;
    // wasm: the flows' generators in groups of four (lane = f & 3), for the whole block; b = byte offset of m[i].
    const wf = wasm?.fn, wst = wasm?.states, wAt = wasm ? wasm.memAt : 0, stAt = wasm ? wasm.stateAt : 0;
    const b = (i: number) => wAt + i * 8;
    const even = nb & ~1;
    if (wst) for (let f = 0; f < F; f++) for (let w = 0; w < 4; w++) wst[(f >> 2) * 16 + w * 4 + (f & 3)] = shocks[f]![w] as number;
    for (let k = 0; k < T; k++) {
      // 1. corridor states move, then which corridors each path can use
      if (routed) this.moveCorridors(nb, k, regimes);
      // 2. agreements that take effect at this step
      if (A > 0) {
        for (let e = evStart[k] as number, end = evStart[k + 1] as number; e < end; e++) {
          const ev = evAt[e] as number;
          const ai = (ev / BLOCK) | 0, p = ev - ai * BLOCK;
          if (plan.agreements[ai]!.flowEffects.length > 0) dirtyPolicy[p] = 1;
          if (changesCosts[ai] === 1) {
            this.recomputeCorridorCosts(p, k);
            forceRoute[p] = 1;
          }
        }
      }
      if (routed) this.updateRoutes(nb, k);
      // 3. policy targets where a schedule moved or an agreement took effect
      if (anyDynamic) {
        for (let f = 0; f < F; f++) {
          if (policyStatic[f] === 1) continue;
          const all = scheduleChange[f * T + k] === 1;
          for (let p = 0; p < nb; p++) if (all || dirtyPolicy[p] === 1) this.policyTarget(f, p, k);
        }
        dirtyPolicy.fill(0, 0, nb);
      }
      // 4. normals, then per flow: c = L z, log level, policy multiplier, observed value
      if (wf) {
        for (let f = 0; f < F; f += 4) wf.shocks4(stAt + f * 16, b(R.z + f * BLOCK), BLOCK * 8, Math.min(4, F - f), nb);
      } else {
        for (let f = 0; f < F; f++) fillShocks(shocks[f]!, m, R.z + f * BLOCK, nb);
      }
      if (correlate) correlate(m, R.z, R.c, nb);
      const shock = correlate ? R.c : R.z;
      const tk = R.stepTotal + k * BLOCK;
      for (let f = 0; f < F; f++) {
        const o = f * BLOCK;
        // Pass 1: log level (and policy multiplier); the exponent goes to e.
        // Pass 2: observed values. In wasm, both passes in one function for pairs of paths (an odd
        // last path in JS).
        if (flowFixed[f] === 1 && policyStatic[f] === 1) {
          const g = gdtF[f] as number, ip = ipotF[f] as number, d = driftF[f] as number, s = vsF[f] as number;
          if (wf) {
            wf.levelsObserve(b(shock + o), b(R.x + o), b(R.v + o), routed ? b(R.lnRoute + o) : -1, b(R.e + o), b(R.seg + o), b(tk), g, ip, d, s, f === 0 ? 1 : 0, even);
            if (even < nb) {
              const q = o + even;
              levelsFixed(m, shock + q, R.x + q, R.v + q, routed ? R.lnRoute + q : -1, R.e + q, g, ip, d, s, 1);
              observe(m, R.e + q, R.v + q, R.seg + q, tk + even, f === 0, 1);
            }
          } else {
            levelsFixed(m, shock + o, R.x + o, R.v + o, routed ? R.lnRoute + o : -1, R.e + o, g, ip, d, s, nb);
            observe(m, R.e + o, R.v + o, R.seg + o, tk, f === 0, nb);
          }
        } else {
          const fixed = flowFixed[f] === 1, stat = policyStatic[f] === 1;
          const g = gdtF[f] as number, ip = ipotF[f] as number, d = driftF[f] as number, s = vsF[f] as number;
          if (wf) {
            wf.levelsGeneralObserve(b(shock + o), b(R.x + o), b(R.v + o), routed ? b(R.lnRoute + o) : -1, b(R.e + o), b(R.seg + o), b(tk),
              b(R.gdt + o), b(R.ipot + o), b(R.drift + o), b(R.vs + o), b(R.lnm + o), b(R.alpha + o), b(R.tgt + o),
              g, ip, d, s, fixed ? 1 : 0, stat ? 1 : 0, f === 0 ? 1 : 0, even);
            if (even < nb) {
              levelsGeneral(m, R, o + even, shock + o + even, fixed, stat, routed, g, ip, d, s, 1);
              observe(m, R.e + o + even, R.v + o + even, R.seg + o + even, tk + even, f === 0, 1);
            }
          } else {
            levelsGeneral(m, R, o, shock + o, fixed, stat, routed, g, ip, d, s, nb);
            observe(m, R.e + o, R.v + o, R.seg + o, tk, f === 0, nb);
          }
        }
      }
      // 5. at the end of a year: annual values per path, and the corridors' share
      const y = stepYear[k] as number;
      if (k + 1 === T || stepYear[k + 1] !== y) {
        const per = y >= 0 ? 1 / (yearSteps[y] as number) : 0;
        const tOff = y * S * BLOCK;
        for (let f = 0; f < F; f++) {
          const sOff = (y * S + 1 + (flowSector[f] as number)) * BLOCK;
          const dOff = (y * S + 1 + nSec + (flowDirection[f] as number)) * BLOCK;
          const o = f * BLOCK;
          for (let p = 0; p < nb; p++) {
            const i = o + p;
            // flush(i, y), inlined
            const sg = seg[i] as number;
            let fl = flushed[i] as number;
            if (sg !== 0) {
              fl += sg;
              const r = route[i] as number;
              if (y >= 0 && r >= 0) corridorValue[y * C + r] = (corridorValue[y * C + r] as number) + sg;
              seg[i] = 0;
            }
            if (y >= 0) {
              const a = fl * per;
              annual[tOff + p] = (annual[tOff + p] as number) + a;
              annual[sOff + p] = (annual[sOff + p] as number) + a;
              annual[dOff + p] = (annual[dOff + p] as number) + a;
            }
            flushed[i] = 0;
          }
        }
      }
    }
    if (wst) for (let f = 0; f < F; f++) for (let w = 0; w < 4; w++) shocks[f]![w] = wst[(f >> 2) * 16 + w * 4 + (f & 3)] as number;
  }
}
