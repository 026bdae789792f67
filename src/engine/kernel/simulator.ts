/**
 * The path simulator: the model's dynamics over a chunk of paths, in blocks of BLOCK paths held as
 * structure-of-arrays (state[f * BLOCK + p]), so that each inner loop runs over typed arrays
 * without calls. It sees only the Plan.
 *
 * Randomness: every component draws from its own stream for the chunk (streams.ts), and consumes
 * it in a fixed pattern (block by block, step by step, path by path), whatever the other
 * components do: flow shocks (`shocks:<flow>`, one normal per path-step), each corridor's regime
 * (`corridor:<name>:regime`, one uniform per path-step) and border's (`border:<name>:regime`, the
 * same), each agreement (`agreement:<name>`, one uniform per path, or one normal with a political
 * factor, `political:<factor>`: one normal per path), a flow's transitory part
 * (`transitory:<flow>`, one normal per path-step; `jumps:<flow>`, transitory.ts), each uncertain
 * parameter (`param:<field path>`, one draw per path; flows that take a parameter from the same
 * line of the file share its draw).
 *
 * Speed (bench/README.md has the profiles). What the hot loops touch lives in one Float64Array,
 * `mem`, as regions: V8 checks and loads one array object per iteration instead of one per
 * quantity. Per step: corridors move and routes follow (routes.ts); agreements that take effect
 * are bucketed by step when a block starts (agreements.ts); normals for all flows, then c = L z
 * (shocks.ts); per flow, the log level and the observed values (levels.ts; parameters that are the
 * same on every path, the common case, are scalars; a flow whose policy never moves skips the
 * multiplier). Where WebAssembly is available, the normals (the flows' and the transitory parts')
 * with c = L z (one call per step), and the level, transitory and exp passes (one call per flow
 * and step, or one per step for a run of flows whose policy moves and route adjusts, the
 * scenarios' kind, jumps included, or when every flow is of the simplest kind) run in kernel.wat
 * (wasm.ts: SIMD, no bounds checks), and so do the corridors' and borders' chains (chainMove,
 * borderMove), the routes' update (which paths' open corridors changed, each flow's route and the
 * flush of its value: routesUpdate, on arrays carve.ts lays out in the same memory), a year's
 * flush (yearEnd) and a block's hits (blockHits); the jumps of other flows are drawn in JS. Where
 * no step needs JS (K1's kind: runSteps), a block's steps are one wasm call: a fresh worker thread
 * then has no per-step JS to run slowly and compile (test/engine/step-wasm.test.ts).
 * Each of these keeps the plain version's arithmetic, operation for operation and in the same
 * order: results are the same bits as before the optimisations
 * (test/engine/kernel-reference-twin.test.ts), and agree with a one-path-at-a-time transcription of
 * the model (test/engine/kernel-twin.test.ts).
 */
import type { ParamDraw, Plan } from '../../scenario/plan.js';
import { zigguratTables } from '../normals.js';
import type { StreamState } from '../rng.js';
import { BlockParams } from './block-params.js';
import { Agreements } from './agreements.js';
import { Carve } from './carve.js';
import { BINS, binSums, highWords } from '../histogram.js';
import { blockHits } from '../hits.js';
import { drawKey, firstWithKey } from './draw-keys.js';
import { BLOCK, CHUNK, seriesCount, type BlockBins, type BlockResult, type ChunkResult } from './layout.js';
import { HOT_REGIONS, levelsFixed, levelsGeneral, observe, type Regions } from './levels.js';
import { added, halfLifeShare, halfLifeShares, logs, reciprocals, scaled, volatilityTerms } from './per-path.js';
import { record } from './record.js';
import { Routes } from './routes.js';
import { correlateDense, correlateTable, correlateTableSize, fillShocks, makeCorrelate, type Correlate } from './shocks.js';
import { Transitory, transitoryActive } from './transitory.js';
import { wasmKernel, type WasmKernel } from './wasm.js';
import { log } from '../exp-log.js';

/** The byte offset of m[i] in the wasm memory, m starting at byte wAt. */
const at = (wAt: number, i: number): number => wAt + i * 8;

/**
 * Copies generator states into the wasm memory's state groups: the j-th of `states` (null: none) is
 * lane j & 3 of group j >> 2 after `from` words (simulateChunk: the flows' shocks from 0, the
 * transitory parts' from trAt, the jumps that wasm draws from jAt, the regimes' from chainsAt and
 * bordersAt).
 */
function statesToWasm(wst: Int32Array, states: Array<StreamState | null>, from: number): void {
  for (let j = 0; j < states.length; j++) {
    const st = states[j];
    for (let w = 0; st && w < 4; w++) wst[from + (j >> 2) * 16 + w * 4 + (j & 3)] = st[w] as number;
  }
}

/**
 * The flows' route arrays that kernel.wat's routesUpdate, adjustTargets and yearEnd reach (routes.ts), laid out in
 * mem by `carve`, and yearEnd's table of each flow's sector and direction rows of annual (bytes
 * after a year's total row; written by simulateChunk).
 */
const carveFlowRoutes = (carve: Carve, F: number) => ({
  el: carve.f64(F * BLOCK), flushed: carve.f64(F * BLOCK), route: carve.i32(F * BLOCK), yearRows: carve.i32(2 * F), lnRef: carve.f64(F * BLOCK),
});

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
  private readonly lnAdj: Float64Array;
  private readonly lnRef: Float64Array;
  private readonly route: Int32Array;
  private readonly seg: Float64Array;
  private readonly flushed: Float64Array;
  /**
   * kernel.wat yearEnd's table (carveFlowRoutes), and its contents: each flow's sector and direction
   * rows of annual, as bytes after a year's total row (copied there for each chunk, as the other
   * tables in the memory the thread's simulators share).
   */
  private readonly yearRows: Int32Array;
  private readonly yearRowsTable: Int32Array;
  /**
   * One buffer holds every array the hot loop touches, as regions of F * BLOCK (the fields above
   * are views of it): V8 then checks and loads one array object per iteration instead of one per
   * array. Region offsets: R. */
  private readonly mem: Float64Array;
  private readonly R: Regions;
  /** R with lnAdj for lnRoute: the regions the JS levels of a flow that adjusts its route read. */
  private readonly RA: Regions;
  private readonly routes: Routes;
  private readonly agreements: Agreements;
  private readonly transitory: Transitory;
  /** The flows with a transitory part, in order; the j-th draws its normals into region zt at j * BLOCK. */
  private readonly trFlows: Int32Array;
  /** Per flow: its index in trFlows (-1: none). */
  private readonly trLane: Int32Array;
  /** Per path: an agreement changed its policy this step. */
  private readonly dirtyPolicy: Uint8Array;
  /** The paths marked in dirtyPolicy, the first nDirty of them. */
  private readonly dirtyList: Int32Array;
  private readonly out: BlockResult;
  /** What out.bin() fills, and where in mem: annual's values, then the rows' sums (2 H), then the cells (H * CHUNK int32s). */
  private readonly binned: BlockBins;
  private readonly annualAt: number;
  private readonly sumsAt: number;
  private readonly binsAt: number;
  /** Where in mem out.bin() counts the block's hits (Y doubles), then its first years (Y + 1). */
  private readonly hitsAt: number;
  // specialisations, fixed for the plan
  /** Per flow: growth, volatility and potential are the same on every path (then gdtF.. hold them). */
  private readonly flowFixed: Uint8Array;
  /**
   * Per flow: its policy multiplier moves, its route factor adjusts, and volatility and potential
   * are the same on every path (driftF.. hold them): wasm levelsMovingObserve.
   */
  private readonly moving: Uint8Array;
  /** The flows with rows drawn per path (or a transitory part), which initBlock writes per block (initFlow); the rest are initChunk's. */
  private readonly drawnFlows: Int32Array;
  /** x and v as a block starts where the base is fixed (ln base and base; 0 where initFlow writes them). */
  private readonly xStart: Float64Array;
  private readonly vStart: Float64Array;
  /** Per flow: the first flow with the same growth draws (its gdt row is this flow's), and the same adjustment half-life (alpha row). */
  private readonly growthFrom: Int32Array;
  private readonly alphaFrom: Int32Array;
  private readonly gdtF: Float64Array;
  private readonly driftF: Float64Array;
  private readonly vsF: Float64Array;
  private readonly ipotF: Float64Array;
  /** c = L z for a block, called with L = plan.cholesky; null when L is the identity (then c is z). */
  private readonly correlate: Correlate | null;
  /** Where in mem kernel.wat's correlate finds L (shocks.ts correlateTable), -1: c = L z in JS. */
  private readonly corrAt: number;
  /**
   * Where in mem kernel.wat's levelsObserveFlows finds each flow's g ip d s when every flow is of
   * levelsObserve's kind (parameters fixed, policy static, no transitory part, no route
   * adjustment): one call a step for all flows; -1: a call per flow.
   */
  private readonly flowsAt: number;
  /**
   * wasm: where in mem kernel.wat's movingFlows finds each moving flow's arguments (32 doubles a
   * flow, flow f at movingAt + 32 f; simulateChunk copies them there from movingEntries), and per
   * flow the length of the run of moving flows it starts (0: none, or inside a run).
   */
  private readonly movingAt: number;
  /**
   * wasm: where in mem kernel.wat runSteps finds its tables (simulateChunk writes them), when it can
   * run a block's steps in one call: every flow of levelsObserveFlows' kind, no agreements, c = L z
   * in wasm or not needed, and Routes.stepsInWasm; -1: step by step (step). routesTable: the byte
   * address of Routes' table there (-1: none).
   */
  private readonly stepsAt: number;
  private readonly stepsTables: Float64Array;
  private readonly routesTable: number = -1;
  private readonly movingEntries: Float64Array;
  private readonly movingRun: Int32Array;
  /** Per flow: its jumps' lane among the wasm jump generators (from jAt words), -1: its jumps are drawn in JS. */
  private readonly jumpLane: Int32Array;
  /** The flows whose jumps wasm draws, by lane. */
  private readonly jumpFlows: number[];
  /** The words (of wasm.states) where the groups of the transitory parts' generators start, after the flows', and of the jumps', after those. */
  private readonly trAt: number;
  private readonly jAt: number;
  /** The words where the corridors' regime generators' groups start (routes.ts chainMove), and the borders'. */
  private readonly chainsAt: number;
  private readonly bordersAt: number;
  /** Where in mem the jumps' parameters start, and the length of each of their four rows. */
  private readonly jumpsAt: number;
  private readonly jumpsLen: number;
  /** The parameters' values for the block being set up, and the chunk's streams. */
  private readonly params: BlockParams;
  private nDirty = 0;
  private anyDynamic = false;
  /** The wasm loops (wasm.ts), whose memory holds mem; null: the JS loops. */
  private readonly wasm: WasmKernel | null;

  /** `wasm: false` runs the JS loops even where WebAssembly is available (the same bits). */
  constructor(readonly plan: Plan, opts: { wasm?: boolean } = {}) {
    const F = (this.F = plan.flowIds.length);
    this.params = new BlockParams(plan);
    this.C = plan.corridors.length;
    this.A = plan.agreements.length;
    this.S = seriesCount(plan);
    this.T = plan.steps;
    this.anyDynamic = plan.policyStatic.some((s) => s === 0);
    this.Y = plan.years.length;
    const fb = () => new Float64Array(F * BLOCK);
    this.R = { stepTotal: HOT_REGIONS.length * F * BLOCK } as Regions;
    HOT_REGIONS.forEach((name, r) => { this.R[name] = r * F * BLOCK; });
    this.RA = { ...this.R, lnRoute: this.R.lnAdj };
    // after stepTotal: the annual values, and out.bin()'s sums and bins (in wasm memory where wasm runs, for binSums)
    const H = this.Y * this.S + this.T;
    this.annualAt = this.R.stepTotal + this.T * BLOCK;
    this.sumsAt = this.annualAt + this.Y * this.S * BLOCK;
    this.binsAt = this.sumsAt + 2 * H;
    const wasmCorrelate = opts.wasm !== false && plan.cholesky !== null && correlateDense(plan.cholesky, F);
    // then the block's hits, then L for kernel.wat's correlate, then the flows' parameters for levelsObserveFlows
    this.hitsAt = this.binsAt + (H * CHUNK) / 2;
    const corrAt = this.hitsAt + 2 * this.Y + 1, flowsAt = corrAt + (wasmCorrelate ? correlateTableSize(F) : 0);
    // then the jumps' parameters (transitory.ts), then movingFlows' arguments
    const jumps = plan.flows.some((fp) => fp.jumpsPerYear) ? F * BLOCK : 0;
    const jumpsAt = flowsAt + 4 * F, movingAt = jumpsAt + 4 * jumps;
    this.jumpsAt = jumpsAt; this.jumpsLen = jumps;
    // then what kernel.wat's routesUpdate reaches: the flows' route arrays, then Routes' own (carveRoutes)
    this.agreements = new Agreements(plan);
    // then runSteps' tables: per year 1 / its steps, stepYear, Routes' (writeSteps)
    const stepsAt = movingAt + 32 * F;
    const routesAt = stepsAt + this.Y + Math.ceil(this.T / 2) + Math.ceil(Routes.stepsWords(plan) / 2);
    const size = new Carve(null, routesAt);
    carveFlowRoutes(size, F);
    const doubles = size.at + Routes.memory(plan, this.agreements.changesCosts);
    const { KN, WN, FN } = zigguratTables;
    this.trFlows = Int32Array.from(plan.flowIds.map((_, f) => f).filter((f) => transitoryActive(plan.flows[f]!)));
    const nJumpy = plan.flows.filter((fp) => fp.jumpsPerYear).length;
    this.trAt = Math.ceil(F / 4) * 16;
    this.jAt = this.trAt + Math.ceil(this.trFlows.length / 4) * 16;
    this.chainsAt = this.jAt + Math.ceil(nJumpy / 4) * 16;
    this.bordersAt = this.chainsAt + Math.ceil(this.C / 4) * 16;
    // generator states: the flows' shocks, then the transitory parts', then room for the jumps', then the corridors' and borders' regimes (wasm.ts)
    const groups = Math.ceil(F / 4) + Math.ceil(this.trFlows.length / 4) + Math.ceil(nJumpy / 4) + Math.ceil(this.C / 4) + Math.ceil(plan.borders.length / 4);
    this.wasm = opts.wasm === false ? null : wasmKernel(doubles, groups, KN, WN, FN);
    const mem = (this.mem = this.wasm ? this.wasm.mem : new Float64Array(doubles));
    const view = (name: (typeof HOT_REGIONS)[number]) => mem.subarray(this.R[name], this.R[name] + F * BLOCK);
    this.x = view('x'); this.v = view('v'); this.seg = view('seg'); this.lnRoute = view('lnRoute'); this.lnAdj = view('lnAdj');
    this.lnm = view('lnm'); this.tgt = view('tgt'); this.alpha = view('alpha');
    this.gdt = view('gdt'); this.drift = view('drift'); this.vs = view('vs'); this.ipot = view('ipot');
    const carve = new Carve(mem, routesAt);
    const fr = carveFlowRoutes(carve, F);
    this.el = fr.el; this.flushed = fr.flushed; this.route = fr.route; this.yearRows = fr.yearRows;
    const rowBytes = (row: number) => row * BLOCK * 8;
    this.yearRowsTable = Int32Array.from(plan.flowIds.flatMap((_, f) =>
      [rowBytes(1 + (plan.flowSector[f] as number)), rowBytes(1 + plan.sectors.length + (plan.flowDirection[f] as number))]));
    this.tc = fb(); this.lnRef = fr.lnRef;
    this.dirtyPolicy = new Uint8Array(BLOCK);
    this.dirtyList = new Int32Array(BLOCK);
    this.trLane = new Int32Array(F).fill(-1);
    this.trFlows.forEach((f, j) => { this.trLane[f] = j; });
    const jumpRow = (r: number) => mem.subarray(jumpsAt + r * jumps, jumpsAt + (r + 1) * jumps);
    this.transitory = new Transitory(plan, record({ u: view('tu'), v: view('tv'), phi: view('tphi'), s: view('ts'),
      lam: jumpRow(0), p0: jumpRow(1), jm: jumpRow(2), js: jumpRow(3) }));
    this.routes = new Routes(plan, record({
      el: this.el, tc: this.tc, lnRef: this.lnRef, route: this.route, lnRoute: this.lnRoute, lnAdj: this.lnAdj, seg: this.seg, flushed: this.flushed,
      alphaRoute: view('alr'), adj: view('adj'), adjTarget: view('atg'), adjCap: view('acap'),
    }), this.agreements.actStep, this.agreements.changesCosts, carve, this.wasm ? this.wasm.fn : null,
      this.wasm ? this.wasm.stateAt + 4 * this.chainsAt : -1, this.wasm ? this.wasm.stateAt + 4 * this.bordersAt : -1);
    this.binned = record({
      cells: new Int32Array(mem.buffer, mem.byteOffset + this.binsAt * 8, H * CHUNK),
      sums: mem.subarray(this.sumsAt, this.sumsAt + 2 * H),
      hits: mem.subarray(this.hitsAt, this.hitsAt + this.Y),
      firstYear: mem.subarray(this.hitsAt + this.Y, this.hitsAt + 2 * this.Y + 1),
    });
    this.out = record({
      n: 0, firstPath: 0, last: false,
      annual: mem.subarray(this.annualAt, this.annualAt + this.Y * this.S * BLOCK),
      stepTotal: mem.subarray(this.R.stepTotal, this.R.stepTotal + this.T * BLOCK),
      bin: () => this.bin(),
    });

    // Per-flow parameters that are fixed: the same arithmetic as initBlock's, once.
    const dt = plan.dt;
    this.flowFixed = new Uint8Array(F);
    this.moving = new Uint8Array(F);
    this.gdtF = new Float64Array(F); this.driftF = new Float64Array(F); this.vsF = new Float64Array(F); this.ipotF = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      const fp = plan.flows[f]!;
      const g = fixedValue(fp.growth), s = fixedValue(fp.volatility), pot = fixedValue(fp.potential);
      if (g !== null) this.gdtF[f] = g * dt;
      if (s !== null) {
        this.driftF[f] = -0.5 * s * s * dt;
        this.vsF[f] = s * Math.sqrt(dt);
      }
      if (pot !== null) this.ipotF[f] = fp.potential ? 1 / pot : 0;
      this.flowFixed[f] = g !== null && s !== null && pot !== null ? 1 : 0;
      this.moving[f] = plan.policyStatic[f] === 0 && this.routes.adjusting[f] === 1 && s !== null && pot !== null ? 1 : 0;
    }
    this.growthFrom = firstWithKey(plan.flows.map((fp) => drawKey(fp.growth)));
    this.alphaFrom = firstWithKey(plan.flows.map((fp) => drawKey(fp.adjustmentHalfLife)));
    this.xStart = fb(); this.vStart = fb();
    const drawn: number[] = [];
    for (let f = 0; f < F; f++) {
      const fp = plan.flows[f]!, o = f * BLOCK;
      const perPath = (d: ParamDraw | null) => d !== null && d.kind !== 'fixed';
      if (fp.base.kind === 'fixed') { this.xStart.fill(log(fp.base.value), o, o + BLOCK); this.vStart.fill(fp.base.value, o, o + BLOCK); }
      if ([fp.base, fp.growth, fp.elasticity, fp.timeCostPerDay, fp.adjustmentHalfLife].some(perPath) || this.transitory.active[f] === 1
        || (this.flowFixed[f] === 0 && (perPath(fp.volatility) || perPath(fp.potential)))) drawn.push(f);
    }
    this.drawnFlows = Int32Array.from(drawn);
    this.correlate = plan.cholesky ? makeCorrelate(plan.cholesky, F) : null;
    this.corrAt = this.wasm && wasmCorrelate ? corrAt : -1;
    const simple = (f: number) => this.flowFixed[f] === 1 && plan.policyStatic[f] === 1 && this.trLane[f] === -1 && this.routes.adjusting[f] === 0;
    this.flowsAt = this.wasm && plan.flowIds.every((_, f) => simple(f)) ? flowsAt : -1;
    this.movingAt = this.wasm && this.flowsAt < 0 ? movingAt : -1;
    this.stepsAt = this.wasm && this.flowsAt >= 0 && F > 0 && this.A === 0 && (!this.correlate || this.corrAt >= 0) && this.routes.stepsInWasm ? stepsAt : -1;
    // runSteps' tables, copied to stepsAt for each chunk (not written there: a loop run per chunk is compiled in each thread)
    this.stepsTables = new Float64Array(this.stepsAt >= 0 ? routesAt - stepsAt : 0);
    if (this.stepsAt >= 0) {
      const t = this.stepsTables, Y = this.Y, rAt = Y + Math.ceil(this.T / 2);
      for (let y = 0; y < Y; y++) t[y] = 1 / (plan.yearSteps[y] as number);
      new Int32Array(t.buffer, Y * 8, this.T).set(plan.stepYear);
      this.routesTable = this.routes.writeSteps(new Int32Array(t.buffer, rAt * 8, Routes.stepsWords(plan)), at(this.wasm!.memAt, stepsAt + rAt));
    }
    this.movingRun = new Int32Array(F);
    this.jumpLane = new Int32Array(F).fill(-1);
    this.jumpFlows = [];
    for (let f = 0; this.movingAt >= 0 && f < F; f++) {
      if (this.moving[f] === 0) continue;
      if (f === 0 || this.moving[f - 1] === 0) {
        let e = f;
        while (e < F && this.moving[e] === 1) e++;
        this.movingRun[f] = e - f;
      }
      if (this.transitory.jumpy[f] === 1) { this.jumpLane[f] = this.jumpFlows.length; this.jumpFlows.push(f); }
    }
    this.movingEntries = new Float64Array(32 * F);
    for (let f = 0; this.movingAt >= 0 && f < F; f++) if (this.moving[f] === 1) this.movingEntry(this.movingEntries, f, this.jAt);
  }

  /**
   * movingFlows' arguments for flow f into entries (32 doubles a flow, as kernel.wat movingFlows
   * reads them: the doubles, then from byte 48 the int32s), as runBlock passed them to
   * levelsMovingObserve; the jumps' generator is lane jumpLane[f] of the groups at word jAt.
   */
  private movingEntry(entries: Float64Array, f: number, jAt: number): void {
    const R = this.R, tr = this.transitory, wAt = this.wasm!.memAt, stAt = this.wasm!.stateAt;
    const o = f * BLOCK, d = 32 * f;
    entries.set([this.ipotF[f] as number, this.driftF[f] as number, this.vsF[f] as number, tr.phiF[f] as number, tr.sF[f] as number], d);
    const shock = this.correlate ? R.c : R.z, lane = this.jumpLane[f] as number;
    const trCode = tr.active[f] === 1 ? (lane >= 0 ? 2 : tr.stepFixed[f] === 1 ? 3 : 1) : 0;
    const jst = lane >= 0 ? stAt + 4 * (jAt + (lane >> 2) * 16 + (lane & 3)) : -1;
    const rows = (...r: number[]) => r.map((x) => at(wAt, x));
    new Int32Array(entries.buffer, entries.byteOffset + d * 8 + 48, 26).set([
      ...rows(shock + o, R.x + o, R.v + o, R.e + o, R.seg + o, R.gdt + (this.growthFrom[f] as number) * BLOCK, R.lnm + o,
        R.alpha + (this.alphaFrom[f] as number) * BLOCK, R.tgt + o),
      trCode,
      ...rows(R.zt + (this.trLane[f] as number) * BLOCK, R.tu + o, R.tv + o, R.tphi + (tr.phiFrom[f] as number) * BLOCK, R.ts + (tr.sFrom[f] as number) * BLOCK,
        R.adj + o, R.alr + (this.routes.sameHalfLife[f] as number) * BLOCK, R.atg + o, R.acap + o),
      jst,
      ...rows(R.tphi + o, R.ts + o),
      ...[0, 1, 2, 3].map((k) => (lane >= 0 ? at(wAt, this.jumpsAt + k * this.jumpsLen + o) : -1)),
    ]);
  }

  /**
   * Simulates paths [chunk * CHUNK, chunk * CHUNK + n) and hands each block to `onBlock`.
   * The results depend only on (plan, seed, chunk, n).
   */
  simulateChunk(seed: number, chunk: number, n: number, onBlock: (b: BlockResult) => void): ChunkResult {
    const plan = this.plan;
    const params = this.params;
    params.startChunk(seed, chunk);
    const stream = (component: string): StreamState => params.stream(component);
    // Array.from, not map, for the arrays the block's functions take: once this function is
    // optimised, TurboFan inlines map, whose arrays have another map than the builtin's, and each
    // function that had met the builtin's was thrown away (step, initBlock, the corridors' moves:
    // once a thread in a run, more often in a study of many plans).
    const shocks = Array.from(plan.flowIds, (id) => stream(`shocks:${id}`));
    const regimes = Array.from(plan.corridors, (c) => (c.regime ? stream(`corridor:${c.name}:regime`) : null));
    const borderRegimes = Array.from(plan.borders, (b) => (b.regime ? stream(`border:${b.name}:regime`) : null));
    const implemented = Array.from(plan.agreements, (a) => stream(`agreement:${a.name}`));
    const factors = Array.from(plan.politicalFactors, (f) => stream(`political:${f.name}`));
    const active = this.transitory.active;
    const transitory = Array.from(plan.flowIds, (id, f) => (active[f] === 1 ? { shocks: stream(`transitory:${id}`), jumps: stream(`jumps:${id}`) } : null));
    this.initChunk();
    this.routes.initChunk();
    // The flows', transitory parts', jumps' and regimes' generators live in the wasm memory for the whole chunk (no JS
    // code draws from them between blocks; the memory is the thread's simulators', each using it
    // only inside its simulateChunk). Copied here, not in runBlock: a call at runBlock's end was
    // where its on-stack-replaced code kept deoptimising (186 times in a 20-plan study). Not copied
    // back: the chunk's generators are not used after it (the copy back made this the function each
    // fresh thread compiled).
    const wst = this.wasm?.states;
    const trShocks = Array.from(this.trFlows, (f) => transitory[f]!.shocks);
    const trAt = this.trAt, jAt = this.jAt;
    const jumpStates = Array.from(this.jumpFlows, (f) => transitory[f]!.jumps);
    const chainsAt = this.chainsAt, bordersAt = this.bordersAt;
    if (wst) {
      statesToWasm(wst, shocks, 0); statesToWasm(wst, trShocks, trAt); statesToWasm(wst, jumpStates, jAt);
      statesToWasm(wst, regimes, chainsAt); statesToWasm(wst, borderRegimes, bordersAt);
    }
    // The same for what kernel.wat reads of this plan: L for correlate, each flow's g ip d s for levelsObserveFlows.
    const m = this.mem, F = this.F;
    if (this.corrAt >= 0) correlateTable(plan.cholesky as Float64Array, F, m, this.corrAt);
    for (let f = 0; this.flowsAt >= 0 && f < F; f++) {
      const i = this.flowsAt + 4 * f;
      m[i] = this.gdtF[f] as number; m[i + 1] = this.ipotF[f] as number; m[i + 2] = this.driftF[f] as number; m[i + 3] = this.vsF[f] as number;
    }
    if (this.movingAt >= 0) m.set(this.movingEntries, this.movingAt);
    if (this.stepsAt >= 0) m.set(this.stepsTables, this.stepsAt);
    if (this.wasm) this.yearRows.set(this.yearRowsTable);
    for (let start = 0; start < n; start += BLOCK) {
      const nb = Math.min(BLOCK, n - start);
      params.startBlock(nb);
      this.initBlock(nb, params, implemented, factors);
      this.runBlock(nb, shocks, trShocks, regimes, borderRegimes, transitory);
      this.out.n = nb;
      this.out.firstPath = chunk * CHUNK + start;
      this.out.last = start + nb === n;
      onBlock(this.out);
    }
    return { corridorValue: this.routes.corridorValue };
  }

  /**
   * out.bin(): the rows of annual, then of stepTotal, binned into the chunk's cells (histogram.ts
   * binSums, or its wasm twin), and the block's paths at the target (hits.ts blockHits, or its twin).
   */
  private bin(): BlockBins {
    const n = this.out.n, q = this.out.firstPath % CHUNK, Y = this.Y, YS = Y * this.S, T = this.T, H = YS + T;
    const { annualAt, sumsAt, binsAt, hitsAt, binned } = this;
    const target = this.plan.target.value, need = Math.max(1, this.plan.target.sustainedYears);
    if (this.wasm) {
      const { fn, memAt } = this.wasm;
      const cells = at(memAt, binsAt) + q * 4;
      fn.binSums(at(memAt, annualAt), YS, n, BLOCK, cells, CHUNK, 0, at(memAt, sumsAt), at(memAt, sumsAt + H));
      fn.binSums(at(memAt, this.R.stepTotal), T, n, BLOCK, cells + YS * CHUNK * 4, CHUNK, YS * BINS, at(memAt, sumsAt + YS), at(memAt, sumsAt + H + YS));
      fn.blockHits(at(memAt, annualAt), Y, this.S * BLOCK * 8, n, target, need, at(memAt, hitsAt), at(memAt, hitsAt + Y));
    } else {
      const m = this.mem, hi = highWords(m);
      binSums(m, hi, annualAt, YS, n, BLOCK, binned.cells, q, CHUNK, 0, m, sumsAt, sumsAt + H);
      binSums(m, hi, this.R.stepTotal, T, n, BLOCK, binned.cells, YS * CHUNK + q, CHUNK, YS, m, sumsAt + YS, sumsAt + H + YS);
      blockHits(m, annualAt, Y, this.S * BLOCK, n, target, need, m, hitsAt, hitsAt + Y);
    }
    return binned;
  }

  private initBlock(nb: number, params: BlockParams, implemented: StreamState[], factors: StreamState[]): void {
    this.routes.initCorridors(nb, params);
    this.agreements.initBlock(nb, params, implemented, factors, this.routes.openStep);
    // The block's start: ln base and base from xStart and vStart (a flow whose base is drawn per path
    // writes its own rows below), no route, no value, no policy change yet.
    this.x.set(this.xStart); this.v.set(this.vStart);
    this.lnm.fill(0); this.tgt.fill(0); this.lnRoute.fill(0); this.route.fill(-1); this.seg.fill(0); this.flushed.fill(0);
    const drawn = this.drawnFlows;
    for (let j = 0; j < drawn.length; j++) this.initFlow(drawn[j] as number, nb, params);
    this.routes.initRoutes(nb);
    this.routes.initAdjustment(nb, params);
    this.out.annual.fill(0);
  }

  /**
   * The rows of flow f that are drawn per path (initBlock; the rest are initChunk's): parameters,
   * copied from an earlier flow's row where drawn from the same parameters, and the transitory part.
   */
  private initFlow(f: number, nb: number, params: BlockParams): void {
    const fp = this.plan.flows[f]!, dt = this.plan.dt;
    const { x, v, gdt, drift, vs, ipot, el, tc, alpha } = this;
    const o = f * BLOCK;
    const { base, growth, volatility, potential, adjustmentHalfLife: h } = fp;
    if (base.kind !== 'fixed') { logs(x, o, params.of(base), nb); params.into(base, v, o, nb); }
    const gf = this.growthFrom[f] as number;
    if (gf < f && growth.kind !== 'fixed') gdt.copyWithin(o, gf * BLOCK, gf * BLOCK + nb);
    else if (growth.kind !== 'fixed') scaled(gdt, o, params.of(growth), dt, nb);
    if (fp.elasticity.kind !== 'fixed') params.into(fp.elasticity, el, o, nb);
    if (fp.timeCostPerDay.kind !== 'fixed') params.into(fp.timeCostPerDay, tc, o, nb);
    if (this.flowFixed[f] === 0) {
      if (volatility.kind !== 'fixed') volatilityTerms(drift, vs, o, params.of(volatility), dt, nb);
      if (potential && potential.kind !== 'fixed') reciprocals(ipot, o, params.of(potential), nb);
    }
    const af = this.alphaFrom[f] as number;
    if (af < f && h.kind !== 'fixed') alpha.copyWithin(o, af * BLOCK, af * BLOCK + nb);
    else if (h.kind !== 'fixed') halfLifeShares(alpha, o, params.of(h), dt, nb);
    if (this.transitory.active[f] === 1) {
      const lnShare = this.transitory.initFlow(f, nb, params);
      if (lnShare) added(x, o, lnShare, nb);
    }
  }

  /**
   * For a new chunk: the rows of the flows' parameters that are the same on every path, on all
   * BLOCK paths (the same arithmetic as per path). Once a chunk, not once a simulator: the
   * simulators of a thread share the memory they are in.
   */
  private initChunk(): void {
    const plan = this.plan, dt = plan.dt;
    const { gdt, drift, vs, ipot, el, tc, alpha } = this;
    for (let f = 0; f < this.F; f++) {
      const fp = plan.flows[f]!, o = f * BLOCK, end = o + BLOCK;
      const { growth, volatility, potential, elasticity, timeCostPerDay, adjustmentHalfLife: h } = fp;
      if (growth.kind === 'fixed') gdt.fill(growth.value * dt, o, end);
      if (elasticity.kind === 'fixed') el.fill(elasticity.value, o, end);
      if (timeCostPerDay.kind === 'fixed') tc.fill(timeCostPerDay.value, o, end);
      if (h.kind === 'fixed') alpha.fill(halfLifeShare(h.value, dt), o, end);
      if (this.flowFixed[f] === 0) {
        // else the hot loop uses driftF.. instead (levelsMovingObserve reads gdt)
        if (volatility.kind === 'fixed') { drift.fill(this.driftF[f] as number, o, end); vs.fill(this.vsF[f] as number, o, end); }
        if (!potential || potential.kind === 'fixed') ipot.fill(this.ipotF[f] as number, o, end);
      }
    }
  }

  private runBlock(nb: number, shocks: StreamState[], trShocks: StreamState[], regimes: Array<StreamState | null>, borderRegimes: Array<StreamState | null>, transitory: Array<{ shocks: StreamState; jumps: StreamState } | null>): void {
    if (this.stepsAt >= 0 && (nb & 1) === 0) {
      this.runSteps(nb);
      return;
    }
    if (this.F === 0) this.out.stepTotal.fill(0);
    this.nDirty = 0;
    for (let k = 0; k < this.T; k++) this.step(k, nb, shocks, trShocks, regimes, borderRegimes, transitory);
  }

  /**
   * The block's steps in one kernel.wat call (runSteps, where stepsAt >= 0; an even path count, so
   * that levelsObserveFlows takes every path): what step would do, call for call, with no JS
   * between steps, which a fresh thread would first run slowly and then compile.
   */
  private runSteps(nb: number): void {
    const { memAt: wAt, stateAt, fn } = this.wasm!;
    const R = this.R, Y = this.Y, a = this.stepsAt;
    this.routes.fillTables();
    fn.runSteps(this.T, nb, this.F, stateAt, at(wAt, R.z), this.corrAt >= 0 ? at(wAt, this.corrAt) : -1, at(wAt, R.c),
      at(wAt, this.correlate ? R.c : R.z), at(wAt, R.x), at(wAt, R.v), this.C > 0 ? at(wAt, R.lnRoute) : -1, at(wAt, R.e), at(wAt, R.seg), at(wAt, R.stepTotal), at(wAt, this.flowsAt),
      this.routesTable, this.flushed.byteOffset, this.route.byteOffset, this.routes.corridorValue.byteOffset,
      at(wAt, a + Y), at(wAt, a), at(wAt, this.annualAt), this.S * BLOCK * 8, this.yearRows.byteOffset);
  }

  private step(k: number, nb: number, shocks: StreamState[], trShocks: StreamState[], regimes: Array<StreamState | null>, borderRegimes: Array<StreamState | null>, transitory: Array<{ shocks: StreamState; jumps: StreamState } | null>): void {
    const plan = this.plan;
    const { F, C, A, T } = this;
    const { routes, agreements, el, tgt } = this;
    const { flowFixed, moving, gdtF, driftF, vsF, ipotF, correlate, dirtyPolicy, dirtyList } = this;
    let nDirty = this.nDirty;
    const { evStart, evAt, changesCosts } = agreements;
    const m = this.mem;
    const R = this.R;
    const policyStatic = plan.policyStatic, scheduleChange = plan.scheduleChange;
    const stepYear = plan.stepYear;
    const adjusting = routes.adjusting;
    const RA = this.RA;
    const routed = C > 0;
    const anyDynamic = this.anyDynamic;
    const wasm = this.wasm;
    // wasm: the flows' generators in groups of four (lane = f & 3), swapped in by simulateChunk; at(wAt, i) = byte offset of m[i]
    // (module-level: a closure made here would be a new call target on every call, which deoptimised runBlock).
    const wf = wasm?.fn, wAt = wasm ? wasm.memAt : 0, stAt = wasm ? wasm.stateAt : 0;
    const even = nb & ~1;
    // the transitory parts' generators follow, in groups of four (lane = j & 3 for trFlows[j])
    const trFlows = this.trFlows, trLane = this.trLane, nTr = trFlows.length, trAt = this.trAt;
    const trans = this.transitory, jumpy = trans.jumpy;
    // wasm: where correlate reads L (simulateChunk placed it), lt < 0: c = L z in JS
    const lt = this.corrAt >= 0 ? at(wAt, this.corrAt) : -1;
    const flowsAt = this.flowsAt, movingAt = this.movingAt, movingRun = this.movingRun;
    // 1. corridor states move, then which corridors each path can use
    if (routed) routes.move(nb, k, regimes, borderRegimes);
    // 2. agreements that take effect at this step
    if (A > 0) {
      for (let e = evStart[k] as number, end = evStart[k + 1] as number; e < end; e++) {
        const ev = evAt[e] as number;
        const ai = (ev / BLOCK) | 0, p = ev - ai * BLOCK;
        if (plan.agreements[ai]!.flowEffects.length > 0 && dirtyPolicy[p] === 0) { dirtyPolicy[p] = 1; dirtyList[nDirty++] = p; }
        if (changesCosts[ai] === 1) routes.costsChanged(p, k);
      }
    }
    if (routed) {
      routes.update(nb, k);
      routes.adjust();
    }
    // 3. policy targets where a schedule moved or an agreement took effect
    if (anyDynamic) {
      for (let f = 0; f < F; f++) {
        if (policyStatic[f] === 1) continue;
        if (scheduleChange[f * T + k] === 1) agreements.policyTargets(tgt, el, f, k, null, nb);
        else if (nDirty > 0) agreements.policyTargets(tgt, el, f, k, dirtyList, nDirty);
      }
      for (let q = 0; q < nDirty; q++) dirtyPolicy[dirtyList[q] as number] = 0;
      nDirty = 0;
    }
    // 4. normals and c = L z (in wasm, one call), then per flow: log level, policy multiplier, observed value
    if (wf) {
      wf.stepShocks(stAt, at(wAt, R.z), F, stAt + trAt * 4, at(wAt, R.zt), nTr, lt, at(wAt, R.c), nb);
      if (correlate && lt < 0) correlate(plan.cholesky as Float64Array, m, R.z, R.c, nb);
    } else {
      for (let f = 0; f < F; f++) fillShocks(shocks[f]!, m, R.z + f * BLOCK, nb);
      for (let j = 0; j < nTr; j++) fillShocks(trShocks[j]!, m, R.zt + j * BLOCK, nb);
      if (correlate) correlate(plan.cholesky as Float64Array, m, R.z, R.c, nb);
    }
    const shock = correlate ? R.c : R.z;
    const tk = R.stepTotal + k * BLOCK;
    if (wf && flowsAt >= 0) {
      wf.levelsObserveFlows(at(wAt, shock), at(wAt, R.x), at(wAt, R.v), routed ? at(wAt, R.lnRoute) : -1, at(wAt, R.e), at(wAt, R.seg), at(wAt, tk), at(wAt, flowsAt), F, even);
    }
    for (let f = 0; f < F; f++) {
      const o = f * BLOCK;
      const fixed = flowFixed[f] === 1, stat = policyStatic[f] === 1, adj = adjusting[f] === 1, first = f === 0;
      const g = gdtF[f] as number, ip = ipotF[f] as number, d = driftF[f] as number, s = vsF[f] as number;
      // A flow that adjusts to lasting route changes reads lnAdj for lnRoute.
      const RL = adj ? RA : R;
      const tr = transitory[f];
      const oz = R.zt + (trLane[f] as number) * BLOCK, jumps = tr !== null && jumpy[f] === 1;
      // Pass 1: log level (route adjustment, policy multiplier, transitory part); the exponent goes to e.
      // Pass 2: observed values. In wasm, both passes in one function for pairs of paths (an odd
      // last path in JS). A flow with jumps moves its transitory part first (in JS, but in movingFlows).
      if (wf && flowsAt < 0 && moving[f] === 1) {
        // levelsMovingObserve for a run of such flows in one call, from its first flow, jumps drawn there
        const run = movingRun[f] as number;
        if (run > 0) wf.movingFlows(at(wAt, movingAt + 32 * f), run, at(wAt, tk), first ? 1 : 0, even, nb);
      } else if (wf && flowsAt < 0) {
        if (tr && jumps) trans.advance(f, m, oz, 0, nb, tr.jumps, -1);
        if (fixed && stat && !tr && !adj) {
          wf.levelsObserve(at(wAt, shock + o), at(wAt, R.x + o), at(wAt, R.v + o), routed ? at(wAt, R.lnRoute + o) : -1, at(wAt, R.e + o), at(wAt, R.seg + o), at(wAt, tk), g, ip, d, s, first ? 1 : 0, even);
        } else {
          wf.levelsGeneralObserve(at(wAt, shock + o), at(wAt, R.x + o), at(wAt, R.v + o), routed && !adj ? at(wAt, R.lnRoute + o) : -1, at(wAt, R.e + o), at(wAt, R.seg + o), at(wAt, tk),
            at(wAt, R.gdt + o), at(wAt, R.ipot + o), at(wAt, R.drift + o), at(wAt, R.vs + o), at(wAt, R.lnm + o), at(wAt, R.alpha + o), at(wAt, R.tgt + o),
            g, ip, d, s, fixed ? 1 : 0, stat ? 1 : 0, first ? 1 : 0, even,
            tr ? (jumps ? 2 : 1) : 0, at(wAt, oz), at(wAt, R.tu + o), at(wAt, R.tv + o), at(wAt, R.tphi + o), at(wAt, R.ts + o),
            adj ? 1 : 0, at(wAt, R.adj + o), at(wAt, R.alr + o), at(wAt, R.atg + o), at(wAt, R.acap + o));
        }
      }
      const from = wf ? even : 0;
      if (from < nb) {
        // the JS loops: every path, or the odd last one
        const q = o + from, n1 = nb - from;
        if (adj) routes.adjustFlow(f, from, nb);
        if (fixed && stat) levelsFixed(m, shock + q, R.x + q, R.v + q, routed ? RL.lnRoute + q : -1, R.e + q, g, ip, d, s, n1);
        else levelsGeneral(m, RL, q, shock + q, fixed, stat, routed, g, ip, d, s, n1);
        if (tr) {
          if (jumps && wf) trans.addTo(f, m, R.e + o, from, nb);
          else trans.advance(f, m, oz, from, nb, tr.jumps, R.e + o);
        }
        observe(m, R.e + q, R.v + q, R.seg + q, tk + from, first, n1);
      }
    }
    // 5. at the end of a year: annual values per path, and the corridors' share
    const y = stepYear[k] as number;
    if (k + 1 === T || stepYear[k + 1] !== y) {
      if (wf) {
        const fr = this.flushed, yes = y >= 0;
        wf.yearEnd(F, nb, this.seg.byteOffset, fr.byteOffset, this.route.byteOffset, routes.corridorValue.byteOffset + (yes ? y * C * 8 : 0),
          at(wAt, this.annualAt + (yes ? y * this.S * BLOCK : 0)), this.yearRows.byteOffset, yes ? 1 / (plan.yearSteps[y] as number) : 0, yes ? 1 : 0);
      } else {
        this.yearEnd(y, nb);
      }
    }
    this.nDirty = nDirty;
  }

  /** The JS loop of kernel.wat yearEnd (step calls that where wasm runs): the same bits. */
  private yearEnd(y: number, nb: number): void {
    const plan = this.plan;
    const { F, C, S, seg, flushed, route } = this;
    const yearSteps = plan.yearSteps, flowSector = plan.flowSector, flowDirection = plan.flowDirection;
    const corridorValue = this.routes.corridorValue, annual = this.out.annual, nSec = plan.sectors.length;
    const per = y >= 0 ? 1 / (yearSteps[y] as number) : 0;
    const tOff = y * S * BLOCK;
    for (let f = 0; f < F; f++) {
      const sOff = (y * S + 1 + (flowSector[f] as number)) * BLOCK;
      const dOff = (y * S + 1 + nSec + (flowDirection[f] as number)) * BLOCK;
      const o = f * BLOCK;
      // corridor cr's value for year y, summed in acc while paths keep to that corridor (the
      // same additions in the same order, without a store and load between paths)
      let cr = -1, acc = 0;
      for (let p = 0; p < nb; p++) {
        const i = o + p;
        // the value since the last flush goes to the corridor that carried it
        const sg = seg[i] as number;
        let fl = flushed[i] as number;
        if (sg !== 0) {
          fl += sg;
          const r = route[i] as number;
          if (y >= 0 && r >= 0) {
            if (r !== cr) {
              if (cr >= 0) corridorValue[y * C + cr] = acc;
              cr = r;
              acc = corridorValue[y * C + r] as number;
            }
            acc += sg;
          }
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
      if (cr >= 0) corridorValue[y * C + cr] = acc;
    }
  }
}
