/**
 * Corridors and routes (steps 1 and 2 of the model): each corridor's state per path (disruption
 * chain, opening and reopening dates, seasons), its costs, and each flow's route, the cheapest
 * open corridor that may carry it, with ln of its route factor, -el (log1p(cost) - log1p(reference)).
 *
 * Speed: corridor costs that are the same on every path are tabulated per set of open corridors
 * (a closing costs a look-up, not a log1p per flow); otherwise each path's costs and their logs
 * are cached until an agreement changes them; corridors that are always open are not visited.
 */
import type { ParamDraw, Plan, PlanRegime } from '../../scenario/plan.js';
import { log1p } from '../log1p.js';
import { U32_SCALE, type StreamState } from '../rng.js';
import type { BlockParams } from './block-params.js';
import { applyOp } from './agreements.js';
import { Carve } from './carve.js';
import { drawKey, firstWithKey } from './draw-keys.js';
import { BLOCK, NEVER, stepOf } from './layout.js';
import { fillPairs, halfLifeShare, halfLifeShares, latest, ratios, steps } from './per-path.js';
import type { KernelExports } from './wasm.js';
import { exp } from '../exp-log.js';

/** 2^-32 (module-local: an imported binding is read through a cell at every use). */
const U32 = U32_SCALE;
/** Route tables per set of open corridors are kept up to this many corridors (2^C sets). */
const MAX_TABLE_CORRIDORS = 12;
/** kernel.wat runSteps (stepsInWasm) is used up to this many corridors: it needs every set's route table rows (2^C). */
const MAX_STEPS_CORRIDORS = 6;
/** General routes: per path, the routes of this many sets of open corridors are remembered (8: memoSlot, and kernel.wat routesMemo). */
const ROUTE_MEMO = 8;
/**
 * The memo slot of a set of open corridors: its bits folded onto three, so that sets that differ
 * only in higher corridors (those that open later) do not share a slot. On baseline-pk, a set
 * evicted by another came back 9,000 times in 385,000 look-ups (25,000 with 4 slots, m & 3);
 * most misses (30% of look-ups) are a set's first time on a path since its costs last changed.
 */
const memoSlot = (m: number): number => (m ^ (m >>> 2) ^ (m >>> 4) ^ (m >>> 6) ^ (m >>> 8) ^ (m >>> 10)) & 7;

/**
 * A probability of leaving a state, for chainStep: p clamped to [0, 1] (the same outcome for every u
 * in (0, 1)), and `nan` for NaN: 0 for the open state (u < NaN is false: it stays), 1 for the closed
 * one (u >= NaN is false: it reopens).
 */
const probability = (p: number, nan: number): number => (p !== p ? nan : p > 0 ? (p < 1 ? p : 1) : 0);

/** A disruption chain's probability of leaving the open state in a step of dt years, with closuresPerYear cpy (null: never closes). */
const leaveOpen = (cpy: number | null, dt: number): number => probability(cpy === null ? 0 : 1 - exp(-cpy * dt), 0);
/** ... and of leaving the closed state, with meanClosureDays mcd (null: reopens at once). */
const leaveClosed = (mcd: number | null, dt: number): number => probability(mcd === null ? 1 : 1 - exp((-dt * 365) / mcd), 1);

/** pLeave[at + 2p] and pLeave[at + 2p + 1], the leave probabilities with the per-path draws cpy[p] and mcd[p] (null: none), p < n. */
function leaveProbabilities(pLeave: Float64Array, at: number, cpy: Float64Array | null, mcd: Float64Array | null, dt: number, n: number): void {
  for (let p = 0; p < n; p++) {
    pLeave[at + 2 * p] = leaveOpen(cpy ? cpy[p] as number : null, dt);
    pLeave[at + 2 * p + 1] = leaveClosed(mcd ? mcd[p] as number : null, dt);
  }
}

/**
 * A disruption chain's next state (1: closed) from state c and a uniform u in (0, 1): it leaves c when
 * u < pLeave[2i + c]. Branch-free (the state is random: a branch on it was mispredicted): with p in
 * [0, 1], p - u is in (-1, 1), so ceil(p - u) is 1 when u < p, else 0 or -0.
 */
const chainStep = (pLeave: Float64Array, i: number, c: number, u: number): number => (Math.ceil((pLeave[2 * i + c] as number) - u) | 0) ^ c;

/** The byte address of generator j's s0 in state groups from byte `at` (lane j & 3 of group j >> 2; wasm.ts). */
const lane = (at: number, j: number): number => at + (j >> 2) * 64 + (j & 3) * 4;

/** 1 when step k is at or after step s (both in [0, NEVER]), else 0: the sign of s - k - 1, without a branch. */
const reached = (k: number, s: number): number => (s - k - 1) >>> 31;

/**
 * adjCap[i] = +Infinity when x is 0 (the flow's open corridors are its lasting ones), else ln, without
 * a branch (on baseline-pk the two come at random): pair is a scratch [ln, +Infinity].
 */
const setCap = (adjCap: Float64Array, i: number, pair: Float64Array, ln: number, x: number): void => {
  pair[0] = ln;
  adjCap[i] = pair[((x | -x) >>> 31) ^ 1] as number;
};

/** The branch-free rules above, for their test against the branches they replace (exported as one object: a module's own exports are read through a cell). */
export const branchFree = { probability, chainStep, reached, setCap };

/** A corridor whose costs are the same on every path. */
const fixedCost = (c: Plan['corridors'][number]): boolean => c.freightCost.kind === 'fixed' && c.transitDays.kind === 'fixed'
  && (!c.weightCost || c.weightCost.kind === 'fixed') && (!c.tonnesPerContainer || c.tonnesPerContainer.kind === 'fixed');

/** Route costs are the same on every path and no agreement changes them: routes come from tables per set of open corridors. */
const costsFixedIn = (plan: Plan, changesCosts: Uint8Array): boolean => plan.corridors.length > 0 && plan.corridors.length <= MAX_TABLE_CORRIDORS
  && changesCosts.every((x) => x === 0)
  && plan.corridors.every(fixedCost)
  && plan.flows.every((fp) => fp.timeCostPerDay.kind === 'fixed' && (!fp.valuePerTonne || fp.valuePerTonne.kind === 'fixed'));

const elFixed = (plan: Plan): Uint8Array => Uint8Array.from(plan.flows, (fp) => (fp.elasticity.kind === 'fixed' ? 1 : 0));
/** The flows whose lnRoute is not the table's: a per-path elasticity on tabulated routes. */
const fixFlows = (plan: Plan, costsFixed: boolean): Int32Array => Int32Array.from(plan.flowIds.map((_, f) => f).filter((f) => costsFixed && plan.flows[f]!.elasticity.kind !== 'fixed'));
const adjustingFlows = (plan: Plan): Uint8Array => Uint8Array.from(plan.flows, (fp) => (plan.corridors.length > 0 && fp.routeAdjustmentHalfLife ? 1 : 0));

/**
 * What Routes.update's per-flow loop (kernel.wat routesUpdate) reads and writes beside the
 * simulator's flow arrays, laid out by `carve` (with a null buffer: measured, Routes.memory),
 * with what their sizes follow from (costsFixed, fixFlows, adjustingFlows: the constructor keeps them).
 * The memory is shared by a thread's simulators, each using it only inside its simulateChunk:
 * what must outlive a chunk is rewritten by initChunk (the per-flow lists; the route tables
 * emptied, refilled from Routes' own as sets of open corridors come), the rest by initRoutes
 * (per block) or before it is read.
 */
function carveRoutes(plan: Plan, changesCosts: Uint8Array, carve: Carve) {
  const F = plan.flowIds.length, C = plan.corridors.length, B = plan.borders.length;
  const costsFixed = costsFixedIn(plan, changesCosts);
  const general = C > 0 && !costsFixed;
  const tableSize = costsFixed ? (1 << C) * F : 0;
  const fix = fixFlows(plan, costsFixed), nFix = fix.length;
  const adjusting = adjustingFlows(plan);
  const anyAdjusting = adjusting.some((a) => a === 1);
  return {
    costsFixed, fixFlows: fix, adjustingFlows: adjusting,
    corridorValue: carve.f64(plan.years.length * C),
    mask: carve.i32(BLOCK),
    prevMask: carve.i32(BLOCK),
    forceRoute: carve.u8(BLOCK),
    changed: carve.i32(BLOCK),
    tableAt: carve.i32(BLOCK),
    routeOf: carve.i32(tableSize),
    routeLn: carve.f64(tableSize),
    routeDiff: carve.f64(nFix > 0 ? tableSize : 0),
    memoMask: carve.i32(general ? BLOCK * ROUTE_MEMO : 0),
    memoRoute: carve.i32(general ? BLOCK * ROUTE_MEMO * F : 0),
    memoLn: carve.f64(general ? BLOCK * ROUTE_MEMO * F : 0),
    lastingMask: carve.i32(anyAdjusting ? BLOCK : 0),
    allow: carve.i32(F),
    adjusting: carve.i32(F),
    fix: carve.i32(nFix),
    // the chains' state (initCorridors, per block), for kernel.wat chainMove and borderMove
    pLeave: carve.f64(2 * C * BLOCK),
    openStep: carve.i32(C * BLOCK),
    reopenStep: carve.i32(C * BLOCK),
    closed: carve.u8(C * BLOCK),
    bReopen: carve.i32(B * BLOCK),
    bPLeave: carve.f64(2 * B * BLOCK),
    bClosed: carve.u8(B * BLOCK),
    bOpenNow: carve.u8(B * BLOCK),
    gateStep: carve.i32(C * BLOCK),
    // general routes' costs and the route adjustment's state, for kernel.wat adjustTargets
    cost: carve.f64(general ? C * F * BLOCK : 0),
    lnCost: carve.f64(general ? C * F * BLOCK : 0),
    adjustWork: carve.i32(anyAdjusting ? BLOCK : 0),
    adjBits: carve.i32(anyAdjusting ? F * BLOCK : 0),
    adjustStale: carve.u8(anyAdjusting ? BLOCK : 0),
  };
}

/**
 * The byte addresses of the arrays that Routes' calls per step hand to kernel.wat (update, adjust,
 * move), read once: V8 takes about 6 ns to read a typed array's byteOffset (routesUpdate's 22 reads
 * cost 120 ns a call, the call itself 15).
 */
function addresses(w: ReturnType<typeof carveRoutes>, flows: FlowRouteArrays) {
  const a = (x: ArrayBufferView) => x.byteOffset;
  return {
    mask: a(w.mask), prevMask: a(w.prevMask), forceRoute: a(w.forceRoute), changed: a(w.changed), tableAt: a(w.tableAt),
    routeOf: a(w.routeOf), routeLn: a(w.routeLn), routeDiff: a(w.routeDiff), memoMask: a(w.memoMask), memoRoute: a(w.memoRoute), memoLn: a(w.memoLn),
    lastingMask: a(w.lastingMask), allow: a(w.allow), adjusting: a(w.adjusting), fix: a(w.fix), corridorValue: a(w.corridorValue),
    pLeave: a(w.pLeave), openStep: a(w.openStep), reopenStep: a(w.reopenStep), closed: a(w.closed), gateStep: a(w.gateStep),
    bReopen: a(w.bReopen), bPLeave: a(w.bPLeave), bClosed: a(w.bClosed), bOpenNow: a(w.bOpenNow),
    cost: a(w.cost), lnCost: a(w.lnCost), adjustWork: a(w.adjustWork), adjBits: a(w.adjBits), adjustStale: a(w.adjustStale),
    route: a(flows.route), lnRoute: a(flows.lnRoute), seg: a(flows.seg), flushed: a(flows.flushed), adjCap: a(flows.adjCap), el: a(flows.el),
    lnRef: a(flows.lnRef), adjTarget: a(flows.adjTarget),
  };
}

/** The simulator's per-flow arrays that routes read and write, [f * BLOCK + p]. */
export interface FlowRouteArrays {
  /** Trade-cost elasticity. */
  el: Float64Array;
  /** Time cost per day, ad valorem. */
  tc: Float64Array;
  /** log1p of the reference route cost. */
  lnRef: Float64Array;
  /** The corridor carrying the flow (-1: none yet). */
  route: Int32Array;
  /** ln of the route factor. */
  lnRoute: Float64Array;
  /** ln of the route factor with lasting changes adjusted gradually (flows with a route adjustment half-life). */
  lnAdj: Float64Array;
  /** Value accumulated since the last flush, and flushed so far this year. */
  seg: Float64Array;
  flushed: Float64Array;
  /**
   * The route adjustment's state (adjust), for the level pass to move (adjustFlow, or kernel.wat):
   * the share of the gap closed per step, 1 - 2^(-dt / h); the adjusted lasting ln route factor (NaN:
   * not started); its target (NaN: no corridor); and the cap on it, lnRoute while a corridor of the
   * flow's lasting state is shut, else +Infinity.
   */
  alphaRoute: Float64Array;
  adj: Float64Array;
  adjTarget: Float64Array;
  adjCap: Float64Array;
}

export class Routes {
  readonly C: number;
  private readonly F: number;
  /** Value carried by each corridor, summed over the chunk's path-steps in each year, [y * C + c]. */
  readonly corridorValue: Float64Array;
  // corridors, [c * BLOCK + p]
  private readonly freightBase: Float64Array;
  private readonly daysBase: Float64Array;
  private readonly freight: Float64Array;
  private readonly days: Float64Array;
  /** The step a corridor opens (agreements may bring it forward), and as a block starts. */
  readonly openStep: Int32Array;
  private readonly openStart: Int32Array;
  private readonly reopenStep: Int32Array;
  /** [2 * (c * BLOCK + p) + s]: the probability that the chain leaves state s (0 open, 1 closed) in a step (chainStep). */
  private readonly pLeave: Float64Array;
  private readonly closed: Uint8Array;
  /** closed and bClosed as a block starts. */
  private readonly closedStart: Uint8Array;
  private readonly bClosedStart: Uint8Array;
  /** The corridors, borders and flows (valuePerTonne) with a parameter drawn per path: the rows initCorridors writes per block. */
  private readonly drawnCorridors: Int32Array;
  private readonly drawnBorders: Int32Array;
  private readonly drawnValues: Int32Array;
  // borders, [b * BLOCK + p]: a chain shared by the corridors across it
  private readonly bReopen: Int32Array;
  private readonly bPLeave: Float64Array;
  private readonly bClosed: Uint8Array;
  /** 1 when the border is open this step (its initial closure over and its chain open). */
  private readonly bOpenNow: Uint8Array;
  /** Per corridor: the border it crosses, as an offset b * BLOCK into the border arrays; -1: none. */
  private readonly borderAt: Int32Array;
  /** Per corridor: priced by weight, [c * BLOCK + p] USD per tonne at the start and now; per flow its value per tonne, [f * BLOCK + p]. */
  private readonly weighted: Uint8Array;
  private readonly perTonneBase: Float64Array;
  private readonly perTonne: Float64Array;
  private readonly valuePerTonne: Float64Array;
  /** Per path: bit c set when corridor c is open this step; the set routes were last computed for. */
  private readonly mask: Int32Array;
  private readonly prevMask: Int32Array;
  /** Per path: its costs changed, routes must be recomputed. */
  private readonly forceRoute: Uint8Array;
  /** The paths whose routes update() recomputes this step, in order, and where each one's routes are in the route tables ([o + f], update). */
  private readonly changed: Int32Array;
  private readonly tableAt: Int32Array;
  /** The flows whose lnRoute is not the table's: a per-path elasticity on tabulated routes. */
  private readonly fixFlows: Int32Array;
  /** Route costs are the same on every path: routes come from routeOf / routeDiff per set of open corridors. */
  private readonly costsFixed: boolean;
  /** [m * F + f]: cheapest open corridor allowed to flow f when the open set is m (-1: none); -2: not computed yet. */
  private readonly routeOf: Int32Array;
  /** [m * F + f]: log1p(route cost) - log1p(reference cost). */
  private readonly routeDiff: Float64Array;
  /** [m * F + f]: ln of the route factor, -el * routeDiff, for flows whose elasticity is fixed. */
  private readonly routeLn: Float64Array;
  /**
   * routeOf, routeLn and routeDiff as update reads them, in the simulator's memory (carveRoutes):
   * emptied (-2) for each chunk, a set's rows copied from the tables above when it first comes.
   */
  private readonly wRouteOf: Int32Array;
  private readonly wRouteLn: Float64Array;
  private readonly wRouteDiff: Float64Array;
  /** allowBits, adjusting (as int32) and fixFlows, written into the simulator's memory for each chunk (initChunk). */
  private readonly wAllow: Int32Array;
  private readonly wAdjusting: Int32Array;
  private readonly wFix: Int32Array;
  private readonly elFixed: Uint8Array;
  /** Per flow: the corridors its reference route cost is the cheapest of (in the reference, allowed to it), in order. */
  private readonly refCorridors: Int32Array[];
  /** Per flow: its reference route cost is the same on every path (fixed costs of the reference corridors, fixed time cost). */
  private readonly refFixed: Uint8Array;
  /** Bit c set when corridor c is open on every path at every step. */
  private readonly alwaysOpen: number;
  /** Per corridor: it has an opening date or a reopening (else openStep and reopenStep are 0 on every path). */
  private readonly gated: Uint8Array;
  /**
   * [c * BLOCK + p]: the step a gated corridor's dates have all come, max(openStep, reopenStep) (set
   * by initRoutes, after the agreements'); per corridor, its least and greatest over the block's paths.
   */
  private readonly gateStep: Int32Array;
  private readonly gateMin: Int32Array;
  private readonly gateMax: Int32Array;
  /** General routes: per path, each corridor's cost for each flow and its log1p, [(p * C + c) * F + f] (a path's together: they are read path by path). */
  private readonly cost: Float64Array;
  private readonly lnCost: Float64Array;
  /** Per flow: bit c set when corridor c may carry it. */
  private readonly allowBits: Int32Array;
  /**
   * General routes, remembered per path for the last sets of open corridors it saw (a closure
   * that ends, a season that returns, give a set seen before): slot s = p * ROUTE_MEMO + memoSlot(m)
   * holds the set m in memoMask[s] (-1: empty) and, per flow, the route in memoRoute[s * F + f]
   * and its lnRoute in memoLn[s * F + f]. A path's slots are emptied when its costs change.
   */
  private readonly memoMask: Int32Array;
  private readonly memoRoute: Int32Array;
  private readonly memoLn: Float64Array;
  /** Per flow: lasting route changes reach it with a half-life (routeAdjustmentHalfLife). */
  readonly adjusting: Uint8Array;
  /**
   * With wasm: kernel.wat runSteps can move the corridors and update the routes, with no JS between
   * steps (writeSteps): no flow adjusts, every corridor that is not always open and every border has
   * a chain, and costs come from the route tables, with few enough corridors that every set's rows
   * are tabulated before a block (fillTables).
   */
  readonly stepsInWasm: boolean;
  private readonly anyAdjusting: boolean;
  /** Per path: bit c set when corridor c is open this step but for its disruption chain and season (lasting state). */
  private readonly lastingMask: Int32Array;
  /**
   * The paths whose lasting corridors change at step k, a list per step: dueHead[k] is the first
   * (-1: none), dueLink[p] the one after p. A path is in one list at a time, its next change's.
   */
  private readonly dueHead: Int32Array;
  private readonly dueLink: Int32Array;
  /** The paths whose costs changed this step (costsChanged sets adjustStale), the first nStale of them. */
  private readonly staleList: Int32Array;
  private nStale = 0;
  /** [c * BLOCK + p]: the step corridor c joins path p's lasting state. */
  private readonly lastingStart: Int32Array;
  /** The paths whose lasting corridors or costs changed this step, the first adjustCount of them (lasting, then adjust). */
  private readonly adjustWork: Int32Array;
  private adjustCount = 0;
  /**
   * [f * BLOCK + p]: the lasting corridor bits the adjustment's target (flows.adjTarget) was last
   * worked out for (-1: none yet). The target depends only on those bits and on the
   * corridors' costs, which change on a path only when an agreement does (costsChanged sets
   * adjustStale): recomputing it every step (a pass over the corridors and a log1p per flow and
   * path) was 40% of baseline-pk's time.
   */
  private readonly adjBits: Int32Array;
  private readonly adjustStale: Uint8Array;
  /**
   * Per flow: the first adjusting flow whose route adjustment half-life is the same draw (itself if
   * none is before it): its alphaRoute row is that flow's (initAdjustment copies it; the simulator's
   * movingFlows reads it there).
   */
  readonly sameHalfLife: Int32Array;
  /** recomputeCorridorCosts' scratch: each corridor's freight, days and cost per tonne before. */
  private readonly before: Float64Array;
  /** setCap's scratch. */
  private readonly capPair = Float64Array.of(0, Infinity);
  /** Where kernel.wat finds the arrays (addresses). */
  private readonly at: ReturnType<typeof addresses>;

  /**
   * `carve` lays out, in the simulator's memory (carve.ts), what kernel.wat's routesUpdate, chainMove
   * and borderMove read and write (carveRoutes); `wasm`: its functions, null for the JS loops (the
   * same bits); `chains` and `borderChains`: with wasm, the byte addresses of the state groups where
   * the simulator keeps the corridors' and the borders' regime generators for a chunk (corridor c's
   * in lane c & 3 of group c >> 2 from `chains`, border b's likewise from `borderChains`).
   */
  constructor(private readonly plan: Plan, private readonly flows: FlowRouteArrays, private readonly actStep: Int32Array, changesCosts: Uint8Array,
    carve: Carve, private readonly wasm: KernelExports | null, private readonly chains = -1, private readonly borderChains = -1) {
    const F = (this.F = plan.flowIds.length);
    const C = (this.C = plan.corridors.length);
    const w = carveRoutes(plan, changesCosts, carve);
    this.at = addresses(w, flows);
    this.corridorValue = w.corridorValue;
    this.mask = w.mask; this.prevMask = w.prevMask; this.forceRoute = w.forceRoute; this.changed = w.changed; this.tableAt = w.tableAt;
    this.wRouteOf = w.routeOf; this.wRouteLn = w.routeLn; this.wRouteDiff = w.routeDiff;
    this.memoMask = w.memoMask; this.memoRoute = w.memoRoute; this.memoLn = w.memoLn;
    this.lastingMask = w.lastingMask; this.wAllow = w.allow; this.wAdjusting = w.adjusting; this.wFix = w.fix;
    const cb = () => new Float64Array(C * BLOCK);
    this.freightBase = cb(); this.daysBase = cb(); this.freight = cb(); this.days = cb();
    this.pLeave = w.pLeave; this.openStep = w.openStep; this.reopenStep = w.reopenStep; this.closed = w.closed;
    this.openStart = new Int32Array(C * BLOCK);
    this.closedStart = new Uint8Array(C * BLOCK);
    this.weighted = Uint8Array.from(plan.corridors, (c) => (c.weightCost ? 1 : 0));
    const anyWeighted = this.weighted.some((w) => w === 1);
    this.perTonneBase = new Float64Array(anyWeighted ? C * BLOCK : 0);
    this.perTonne = new Float64Array(anyWeighted ? C * BLOCK : 0);
    this.valuePerTonne = new Float64Array(anyWeighted ? F * BLOCK : 0);
    this.bReopen = w.bReopen; this.bPLeave = w.bPLeave; this.bClosed = w.bClosed; this.bOpenNow = w.bOpenNow;
    this.bClosedStart = new Uint8Array(plan.borders.length * BLOCK);
    this.borderAt = Int32Array.from(plan.corridors, (c) => (c.border >= 0 ? c.border * BLOCK : -1));
    this.costsFixed = w.costsFixed;
    this.before = new Float64Array(3 * C);
    const tableSize = this.costsFixed ? (1 << C) * F : 0;
    this.routeOf = new Int32Array(tableSize).fill(-2);
    this.routeDiff = new Float64Array(tableSize);
    this.routeLn = new Float64Array(tableSize);
    this.elFixed = elFixed(plan);
    this.cost = w.cost;
    this.lnCost = w.lnCost;
    this.allowBits = Int32Array.from(plan.flowIds, (_, f) => plan.corridors.reduce((bits, c, ci) => (c.allows[f] === 1 ? bits | (1 << ci) : bits), 0));
    this.refFixed = Uint8Array.from(plan.flows, (fp, f) => (fp.timeCostPerDay.kind === 'fixed' && (!fp.valuePerTonne || fp.valuePerTonne.kind === 'fixed')
      && plan.corridors.every((c) => !(c.inReference && c.allows[f] === 1) || fixedCost(c)) ? 1 : 0));
    this.refCorridors = plan.flowIds.map((_, f) => Int32Array.from(plan.corridors.flatMap((c, ci) => (c.inReference && c.allows[f] === 1 ? [ci] : []))));
    this.gated = Uint8Array.from(plan.corridors, (c) => (c.opens !== null || c.reopens !== null ? 1 : 0));
    this.gateStep = w.gateStep;
    this.gateMin = new Int32Array(C);
    this.gateMax = new Int32Array(C);
    // Not for agreements that open a corridor: they can only open one that has an opening date.
    this.alwaysOpen = plan.corridors.reduce((bits, c, ci) => (c.regime === null && c.opens === null && c.reopens === null
      && c.border < 0 && c.seasonalClosed.every((x) => x === 0) ? bits | (1 << ci) : bits), 0);
    this.adjusting = w.adjustingFlows;
    this.anyAdjusting = this.adjusting.some((a) => a === 1);
    this.stepsInWasm = wasm !== null && chains >= 0 && !this.anyAdjusting && (C === 0 || (this.costsFixed && C <= MAX_STEPS_CORRIDORS))
      && plan.corridors.every((c, ci) => ((this.alwaysOpen >>> ci) & 1) === 1 || c.regime !== null) && plan.borders.every((b) => b.regime !== null);
    this.fixFlows = w.fixFlows;
    this.dueHead = new Int32Array(this.anyAdjusting ? plan.steps : 0);
    this.dueLink = new Int32Array(this.anyAdjusting ? BLOCK : 0);
    this.staleList = new Int32Array(this.anyAdjusting ? BLOCK : 0);
    this.lastingStart = new Int32Array(this.anyAdjusting ? C * BLOCK : 0);
    this.adjustWork = w.adjustWork;
    this.adjBits = w.adjBits;
    this.adjustStale = w.adjustStale;
    const drawn = (...ds: Array<ParamDraw | null | undefined>) => ds.some((d) => d && d.kind !== 'fixed');
    const chainDrawn = (c: { regime: PlanRegime | null; reopens: ParamDraw | null }) => drawn(c.reopens, c.regime?.closuresPerYear, c.regime?.meanClosureDays);
    const which = <T>(xs: T[], pick: (x: T) => boolean | undefined) => Int32Array.from(xs.flatMap((x, i) => (pick(x) ? [i] : [])));
    this.drawnCorridors = which(plan.corridors, (c) => drawn(c.freightCost, c.transitDays, c.weightCost, c.tonnesPerContainer, c.opens) || chainDrawn(c));
    this.drawnBorders = which(plan.borders, chainDrawn);
    this.drawnValues = which(plan.flows, (fp) => anyWeighted && drawn(fp.valuePerTonne));
    this.fixedRows();
    this.sameHalfLife = firstWithKey(plan.flows.map((fp, f) => (this.adjusting[f] === 1 && fp.routeAdjustmentHalfLife ? drawKey(fp.routeAdjustmentHalfLife) : `#${f}`)));
  }

  /** The most int32 words writeSteps writes for a plan (every corridor with a chain). */
  static stepsWords(plan: Plan): number {
    return 24 + 8 * plan.corridors.length + 8 * plan.borders.length + plan.corridors.length * plan.steps;
  }

  /**
   * kernel.wat runSteps' table of what move and update reach (see there), into `table` (stepsWords
   * long), for it to be copied to byte `address` of the wasm memory; returns that address, -1
   * without corridors. Only where stepsInWasm.
   */
  writeSteps(table: Int32Array, address: number): number {
    const { C, plan, mask, alwaysOpen, borderAt, pLeave, closed, reopenStep, openStep, gated, bPLeave, bClosed, bReopen, bOpenNow } = this;
    if (C === 0) return -1;
    const T = plan.steps, B = plan.borders.length;
    const { route, lnRoute, adjCap, el } = this.flows;
    const chained = plan.corridors.map((_, ci) => ci).filter((ci) => ((alwaysOpen >>> ci) & 1) === 0);
    table.set([C, alwaysOpen, mask.byteOffset, this.prevMask.byteOffset, this.forceRoute.byteOffset, this.changed.byteOffset, this.tableAt.byteOffset,
      this.wRouteOf.byteOffset, this.wRouteLn.byteOffset, this.wRouteDiff.byteOffset, route.byteOffset, lnRoute.byteOffset,
      this.wAllow.byteOffset, this.wAdjusting.byteOffset, adjCap.byteOffset, this.wFix.byteOffset, this.fixFlows.length, el.byteOffset, chained.length, B]);
    const rows = 24 + 8 * chained.length + 8 * B;
    chained.forEach((ci, j) => {
      const o = ci * BLOCK, bo = borderAt[ci] as number, seasonal = plan.corridors[ci]!.seasonalClosed;
      table.set([lane(this.chains, ci), pLeave.byteOffset + o * 16, closed.byteOffset + o, reopenStep.byteOffset + o * 4, openStep.byteOffset + o * 4,
        gated[ci] as number, bo < 0 ? -1 : bOpenNow.byteOffset + bo, address + (rows + j * T) * 4], 24 + 8 * j);
      for (let k = 0; k < T; k++) table[rows + j * T + k] = seasonal[k] !== 1 ? 1 << ci : 0;
    });
    for (let bi = 0; bi < B; bi++) {
      const o = bi * BLOCK;
      table.set([lane(this.borderChains, bi), bPLeave.byteOffset + o * 16, bClosed.byteOffset + o, bReopen.byteOffset + o * 4, bOpenNow.byteOffset + o], 24 + 8 * chained.length + 8 * bi);
    }
    return address;
  }

  /** Where stepsInWasm: every set of open corridors' rows of the route tables in the simulator's memory (runSteps finds them there). */
  fillTables(): void {
    const F = this.F, rt = this.wRouteOf;
    for (let m = 0, sets = 1 << this.C; this.C > 0 && m < sets; m++) if ((rt[m * F] as number) === -2) this.tableRow(m);
  }

  /** The doubles carveRoutes lays out for a plan (the simulator sizes its memory with it). */
  static memory(plan: Plan, changesCosts: Uint8Array): number {
    const size = new Carve(null, 0);
    carveRoutes(plan, changesCosts, size);
    return size.at;
  }

  /** For a new chunk: what the simulator's memory must hold across its blocks (carveRoutes). */
  initChunk(): void {
    // the reference costs that are the same on every path: path 0's, filled (tc must be set)
    const lnRef = this.flows.lnRef;
    for (let f = 0; f < this.F; f++) {
      if (this.refFixed[f] === 0) continue;
      this.references(f, 0, 1);
      lnRef.fill(lnRef[f * BLOCK] as number, f * BLOCK + 1, (f + 1) * BLOCK);
    }
    // the chains' rows live in the memory the thread's simulators share: rewritten for each chunk
    this.plan.corridors.forEach((c, ci) => this.fixedChain(c, ci * BLOCK, this.reopenStep, this.pLeave, this.closedStart));
    this.plan.borders.forEach((b, bi) => this.fixedChain(b, bi * BLOCK, this.bReopen, this.bPLeave, this.bClosedStart));
    this.corridorValue.fill(0);
    this.wRouteOf.fill(-2);
    this.wAllow.set(this.allowBits);
    this.wAdjusting.set(this.adjusting);
    this.wFix.set(this.fixFlows);
  }

  /** The route adjustment of flows that have one, for a new block (after the corridors' and agreements' initBlock: it reads the opening steps). */
  initAdjustment(nb: number, params: BlockParams): void {
    if (!this.anyAdjusting) return;
    this.adjBits.fill(-1);
    this.adjustStale.fill(0);
    this.nStale = 0;
    const dt = this.plan.dt;
    const { alphaRoute, adj } = this.flows;
    for (let f = 0; f < this.F; f++) {
      const d = this.plan.flows[f]!.routeAdjustmentHalfLife;
      if (this.adjusting[f] !== 1 || !d) continue;
      adj.fill(NaN, f * BLOCK, f * BLOCK + nb);
      // Flows whose half-life is the same draw (a default shared by all: one component, or one
      // fixed value) have the same shares: copied from the first, not a power per flow and path.
      const g = this.sameHalfLife[f] as number;
      if (g !== f) {
        alphaRoute.copyWithin(f * BLOCK, g * BLOCK, g * BLOCK + nb);
        continue;
      }
      if (d.kind === 'fixed') alphaRoute.fill(halfLifeShare(d.value, dt), f * BLOCK, f * BLOCK + nb);
      else halfLifeShares(alphaRoute, f * BLOCK, params.of(d), dt, nb);
    }
    // A corridor joins the lasting state once its opening, its reopening and its border's reopening
    // have all come (whichever apply), and stays.
    const { gated, gateStep, bReopen, borderAt, lastingStart } = this;
    for (let ci = 0; ci < this.C; ci++) {
      const o = ci * BLOCK, bo = borderAt[ci] as number;
      if (gated[ci] === 1) lastingStart.set(gateStep.subarray(o, o + nb), o); else lastingStart.fill(0, o, o + nb);
      if (bo >= 0) latest(lastingStart, o, bReopen, bo, nb);
    }
  }

  /**
   * Lasting route changes with a half-life (issue 11, item 5): a corridor that opens (its date, an
   * agreement, the end of an initial closure) or an agreement's new costs move the route factor by
   * 1 - 2^(-dt / h) of the remaining gap each step; a disruption or a season acts at once: while a
   * corridor of the flow's lasting state is shut, the factor is the lower of the adjusted one and
   * the one of the corridors open now (trade cannot stay above what the open routes carry).
   * First (update() calls it): each path's lasting corridors, worked out as a block starts (step
   * 0), then again only at the steps they change (dueHead); the paths whose costs changed
   * (staleList), then the others whose lasting corridors changed, go to adjustWork (the order is
   * free: adjust works out each path's flows on their own).
   */
  private lasting(nb: number, k: number): void {
    const { adjustWork, staleList, dueHead, dueLink } = this;
    let nw = this.nStale;
    for (let q = 0; q < nw; q++) adjustWork[q] = staleList[q] as number;
    this.nStale = 0;
    if (k === 0) {
      dueHead.fill(-1);
      for (let p = 0; p < nb; p++) nw = this.lastingPath(p, k, nw);
    } else {
      for (let p = dueHead[k] as number; p >= 0;) {
        const after = dueLink[p] as number; // before lastingPath moves p to its next step's list
        nw = this.lastingPath(p, k, nw);
        p = after;
      }
    }
    this.adjustCount = nw;
  }

  /** Path p's lasting corridors at step k, p listed at the step they next change and, unless its costs changed (listed already), in adjustWork from nw; returns the new count. */
  private lastingPath(p: number, k: number, nw: number): number {
    const { C, lastingMask, lastingStart, alwaysOpen, dueHead, dueLink } = this;
    let bits = alwaysOpen, next = NEVER;
    for (let ci = 0; ci < C; ci++) {
      if (((alwaysOpen >>> ci) & 1) === 1) continue;
      const s = lastingStart[ci * BLOCK + p] as number;
      if (k >= s) bits |= 1 << ci;
      else if (s < next) next = s;
    }
    lastingMask[p] = bits;
    if (next < dueHead.length) {
      dueLink[p] = dueHead[next] as number;
      dueHead[next] = p;
    }
    if (this.adjustStale[p] === 0) this.adjustWork[nw++] = p;
    return nw;
  }

  /**
   * Then, after update() (which sets the caps of the paths whose routes moved): the targets of the
   * flows on the paths in adjustWork, and their caps. The factor itself moves in adjustFlow (or
   * kernel.wat's level pass).
   */
  adjust(): void {
    const nw = this.adjustCount;
    if (!this.anyAdjusting || nw === 0) return;
    const { F, C, mask, lastingMask, freight, days, allowBits, adjBits, adjustStale, adjustWork, cost, lnCost, capPair } = this;
    const general = cost.length > 0;
    const { el, tc, lnRef, route, lnRoute, adjTarget, adjCap } = this.flows;
    const wf = this.wasm;
    if (wf && general) {
      // kernel.wat adjustTargets: the loops below (general routes), the stale flags cleared
      const at = this.at;
      wf.adjustTargets(F, nw, at.adjustWork, at.lastingMask, at.mask, at.allow, at.adjusting, at.adjBits, at.adjustStale, at.cost, at.lnCost, C,
        at.route, at.lnRoute, at.adjTarget, at.adjCap, at.el, at.lnRef);
      this.adjustCount = 0;
      return;
    }
    for (let f = 0; f < F; f++) {
      if (this.adjusting[f] !== 1) continue;
      const allow = allowBits[f] as number;
      for (let q = 0; q < nw; q++) {
        const p = adjustWork[q] as number;
        const i = f * BLOCK + p;
        const bits = (lastingMask[p] as number) & allow;
        const open = (mask[p] as number) & allow;
        if (general && open === bits) {
          // The lasting corridors are the open ones: the target is lnRoute, which update (memoFill)
          // has just worked out with the same expression from the same costs (NaN: no route).
          adjBits[i] = bits;
          adjTarget[i] = (route[i] as number) < 0 ? NaN : lnRoute[i] as number;
          adjCap[i] = Infinity;
          continue;
        }
        if (bits !== adjBits[i] || adjustStale[p] === 1) {
          let best = Infinity, lnBest = NaN;
          if (general) {
            // fillCosts' costs and their log1p, the same numbers
            let jBest = -1;
            for (let ci = 0; ci < C; ci++) {
              if (((bits >>> ci) & 1) === 0) continue;
              const j = (p * C + ci) * F + f;
              const r = cost[j] as number;
              if (r < best) { best = r; jBest = j; }
            }
            if (jBest >= 0) {
              lnBest = lnCost[jBest] as number;
              if (lnBest !== lnBest) lnCost[jBest] = lnBest = log1p(cost[jBest] as number);
            }
          } else {
            for (let ci = 0; ci < C; ci++) {
              if (((bits >>> ci) & 1) === 0) continue;
              const r = this.freightOf(freight, ci, f, p) + (tc[i] as number) * (days[ci * BLOCK + p] as number);
              if (r < best) best = r;
            }
            lnBest = log1p(best);
          }
          adjBits[i] = bits;
          adjTarget[i] = best === Infinity ? NaN : -(el[i] as number) * (lnBest - (lnRef[i] as number));
        }
        setCap(adjCap, i, capPair, lnRoute[i] as number, open ^ bits);
      }
    }
    for (let q = 0; q < nw; q++) adjustStale[adjustWork[q] as number] = 0;
    this.adjustCount = 0;
  }

  /**
   * The route factor of flow f (which adjusts) on paths [from, to) moves toward its target; writes
   * lnAdj. Math.min(a, +Infinity) is a: the cap acts only while a lasting corridor is shut.
   */
  adjustFlow(f: number, from: number, to: number): void {
    const { alphaRoute, adj, adjTarget, adjCap, lnAdj } = this.flows;
    for (let p = from; p < to; p++) {
      const i = f * BLOCK + p;
      const target = adjTarget[i] as number;
      if (target !== target) { lnAdj[i] = -Infinity; continue; }
      const a0 = adj[i] as number;
      const a = a0 === a0 ? a0 + (alphaRoute[i] as number) * (target - a0) : target;
      adj[i] = a;
      lnAdj[i] = Math.min(a, adjCap[i] as number);
    }
  }

  /** Ad-valorem freight of corridor ci for flow f on path p: from `ad` (freight or freightBase), or cost per tonne / value per tonne. */
  private freightOf(ad: Float64Array, ci: number, f: number, p: number): number {
    if (this.weighted[ci] !== 1) return ad[ci * BLOCK + p] as number;
    const pt = ad === this.freightBase ? this.perTonneBase : this.perTonne;
    return (pt[ci * BLOCK + p] as number) / (this.valuePerTonne[f * BLOCK + p] as number);
  }

  /**
   * The corridors' rows of parameters that are the same on every path (and block), on all BLOCK
   * paths, once (the arrays are this object's own; the chains' are not: initChunk's fixedChain):
   * initCorridors writes the others per block.
   */
  private fixedRows(): void {
    const plan = this.plan, spy = plan.stepsPerYear;
    for (let ci = 0; ci < this.C; ci++) {
      const c = plan.corridors[ci]!, o = ci * BLOCK, end = o + BLOCK;
      const { freightCost: fr, transitDays: dy, weightCost: cpt, tonnesPerContainer: tpc, opens: op } = c;
      if (fr.kind === 'fixed') this.freightBase.fill(fr.value, o, end);
      if (dy.kind === 'fixed') this.daysBase.fill(dy.value, o, end);
      if (cpt && cpt.kind === 'fixed' && (!tpc || tpc.kind === 'fixed')) this.perTonneBase.fill(tpc ? cpt.value / tpc.value : cpt.value, o, end);
      if (!op || op.kind === 'fixed') this.openStart.fill(op ? stepOf(op.value, spy) : 0, o, end);
    }
    for (let f = 0; this.valuePerTonne.length > 0 && f < this.F; f++) {
      const d = plan.flows[f]!.valuePerTonne;
      if (!d || d.kind === 'fixed') this.valuePerTonne.fill(d ? d.value : NaN, f * BLOCK, (f + 1) * BLOCK);
    }
  }

  /** A disruption chain's rows at [o, o + BLOCK) that are the same on every path: end of the initial closure (step), transition probabilities, initial state. */
  private fixedChain(c: { regime: PlanRegime | null; reopens: ParamDraw | null }, o: number, reopenStep: Int32Array, pLeave: Float64Array, closed: Uint8Array): void {
    const dt = this.plan.dt, spy = this.plan.stepsPerYear;
    const re = c.reopens, cpy = c.regime?.closuresPerYear ?? null, mcd = c.regime?.meanClosureDays ?? null;
    if (!re || re.kind === 'fixed') reopenStep.fill(re ? stepOf(re.value, spy) : 0, o, o + BLOCK);
    if ((!cpy || cpy.kind === 'fixed') && (!mcd || mcd.kind === 'fixed')) fillPairs(pLeave, 2 * o, leaveOpen(cpy ? cpy.value : null, dt), leaveClosed(mcd ? mcd.value : null, dt), BLOCK);
    closed.fill(c.regime?.initiallyClosed ? 1 : 0, o, o + BLOCK);
  }

  /** The corridors' and borders' parameters and states for a new block (before the agreements', which may move openStep). */
  initCorridors(nb: number, params: BlockParams): void {
    const plan = this.plan, spy = plan.stepsPerYear;
    for (let j = 0; j < this.drawnCorridors.length; j++) {
      const ci = this.drawnCorridors[j] as number, c = plan.corridors[ci]!, o = ci * BLOCK;
      const { freightCost: fr, transitDays: dy, weightCost: cpt, tonnesPerContainer: tpc, opens: op } = c;
      if (fr.kind !== 'fixed') params.into(fr, this.freightBase, o, nb);
      if (dy.kind !== 'fixed') params.into(dy, this.daysBase, o, nb);
      if (cpt && !tpc && cpt.kind !== 'fixed') params.into(cpt, this.perTonneBase, o, nb);
      else if (cpt && tpc && (cpt.kind !== 'fixed' || tpc.kind !== 'fixed')) ratios(this.perTonneBase, o, params.of(cpt), params.of(tpc), nb);
      if (op && op.kind !== 'fixed') steps(this.openStart, o, params.of(op), spy, nb);
      this.drawnChain(c, o, nb, params, this.reopenStep, this.pLeave);
    }
    for (let j = 0; j < this.drawnBorders.length; j++) {
      const bi = this.drawnBorders[j] as number;
      this.drawnChain(plan.borders[bi]!, bi * BLOCK, nb, params, this.bReopen, this.bPLeave);
    }
    for (let j = 0; j < this.drawnValues.length; j++) {
      const f = this.drawnValues[j] as number;
      params.into(plan.flows[f]!.valuePerTonne!, this.valuePerTonne, f * BLOCK, nb);
    }
    // what agreements and the chains change during a block starts again
    this.freight.set(this.freightBase); this.days.set(this.daysBase); this.perTonne.set(this.perTonneBase);
    this.openStep.set(this.openStart); this.closed.set(this.closedStart); this.bClosed.set(this.bClosedStart);
  }

  /** A disruption chain's rows at [o, o + nb) that are drawn per path (fixedChain's others). */
  private drawnChain(c: { regime: PlanRegime | null; reopens: ParamDraw | null }, o: number, nb: number, params: BlockParams,
    reopenStep: Int32Array, pLeave: Float64Array): void {
    const re = c.reopens, cpy = c.regime?.closuresPerYear ?? null, mcd = c.regime?.meanClosureDays ?? null;
    if (re && re.kind !== 'fixed') steps(reopenStep, o, params.of(re), this.plan.stepsPerYear, nb);
    if ((cpy && cpy.kind !== 'fixed') || (mcd && mcd.kind !== 'fixed')) leaveProbabilities(pLeave, 2 * o, cpy ? params.of(cpy) : null, mcd ? params.of(mcd) : null, this.plan.dt, nb);
  }

  /**
   * The borders' chains move (one uniform per path-step from `border:<name>:regime`, as a
   * corridor's chain), then bOpenNow: open when the initial closure is over and the chain is open.
   */
  private moveBorders(nb: number, k: number, regimes: Array<StreamState | null>): void {
    const { bReopen, bPLeave, bClosed, bOpenNow } = this;
    const wf = this.chains >= 0 ? this.wasm : null;
    for (let bi = 0; bi < regimes.length; bi++) {
      const reg = regimes[bi];
      const o = bi * BLOCK;
      if (!reg) {
        for (let p = 0; p < nb; p++) bOpenNow[o + p] = k < (bReopen[o + p] as number) || bClosed[o + p] === 1 ? 0 : 1;
        continue;
      }
      if (wf) {
        // its generator in the wasm state groups for the chunk (the simulator swapped it there)
        const at = this.at;
        wf.borderMove(lane(this.borderChains, bi), at.bPLeave + o * 16, at.bClosed + o, at.bReopen + o * 4, at.bOpenNow + o, k, nb);
        continue;
      }
      // rng.ts nextUniform, with the generator in locals
      let s0 = reg[0] as number, s1 = reg[1] as number, s2 = reg[2] as number, s3 = reg[3] as number;
      for (let p = 0; p < nb; p++) {
        const i = o + p;
        const mm = Math.imul(s1, 5);
        const r = Math.imul((mm << 7) | (mm >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
        if (k < (bReopen[i] as number)) { bOpenNow[i] = 0; continue; }
        const shut = chainStep(bPLeave, i, bClosed[i] as number, ((r >>> 0) + 0.5) * U32);
        bClosed[i] = shut;
        bOpenNow[i] = shut ^ 1;
      }
      reg[0] = s0; reg[1] = s1; reg[2] = s2; reg[3] = s3;
    }
  }

  /**
   * Each flow's reference route cost (lnRef): the cheapest of the corridors open when the bases were
   * observed (plan.corridors[c].inReference), seasonal closures aside, with the path's own costs and
   * time cost (tc must be set). Then the block's caches.
   */
  initRoutes(nb: number): void {
    const { F, C } = this;
    for (let f = 0; f < F; f++) if (this.refFixed[f] === 0) this.references(f, 0, nb); // else initChunk's
    const { gated, gateMin, gateMax } = this;
    for (let ci = 0; ci < C; ci++) {
      if (gated[ci] === 1) this.gate(ci, nb);
      else { gateMin[ci] = 0; gateMax[ci] = 0; }
    }
    if (this.cost.length > 0) this.fillBlockCosts(nb);
    this.memoMask.fill(-1);
    this.prevMask.fill(-1);
    this.forceRoute.fill(0);
  }

  /** General routes: every path's costs for a new block (initRoutes; a loop of its own, which V8 optimises on its own). */
  private fillBlockCosts(nb: number): void {
    if (this.cost.length === 0) return;
    this.lnCost.fill(NaN, 0, nb * this.C * this.F);
    for (let p = 0; p < nb; p++) this.costsOf(p, -1);
  }

  /** lnRef of flow f on paths [from, to) (initRoutes). */
  private references(f: number, from: number, to: number): void {
    const { C, freightBase, daysBase, weighted, perTonneBase, valuePerTonne } = this;
    const { tc, lnRef } = this.flows;
    const allowed = this.refCorridors[f]!;
    const o = f * BLOCK;
    // the cheapest route cost per path in lnRef, a corridor at a time (contiguous rows), then its log1p
    lnRef.fill(Infinity, o + from, o + to);
    for (let j = 0; j < allowed.length; j++) {
      const ci = allowed[j] as number, oc = ci * BLOCK;
      if (weighted[ci] === 1) {
        for (let p = from; p < to; p++) {
          // freightOf(freightBase, ci, f, p), written out (a double returned by a call that is not inlined is boxed)
          const r = (perTonneBase[oc + p] as number) / (valuePerTonne[o + p] as number) + (tc[o + p] as number) * (daysBase[oc + p] as number);
          if (r < (lnRef[o + p] as number)) lnRef[o + p] = r;
        }
      } else {
        for (let p = from; p < to; p++) {
          const r = (freightBase[oc + p] as number) + (tc[o + p] as number) * (daysBase[oc + p] as number);
          if (r < (lnRef[o + p] as number)) lnRef[o + p] = r;
        }
      }
    }
    for (let i = o + from; i < o + to; i++) lnRef[i] = C > 0 ? log1p(lnRef[i] as number) : 0;
  }

  /** A gated corridor's gateStep on the block's nb paths, and their least and greatest (initRoutes). */
  private gate(ci: number, nb: number): void {
    const { gateStep, openStep, reopenStep } = this;
    let lo = NEVER, hi = 0;
    for (let i = ci * BLOCK, end = i + nb; i < end; i++) {
      const s = Math.max(openStep[i] as number, reopenStep[i] as number);
      gateStep[i] = s;
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    this.gateMin[ci] = lo;
    this.gateMax[ci] = hi;
  }

  /** An agreement that changes corridor costs took effect on path p at step k. */
  costsChanged(p: number, k: number): void {
    this.recomputeCorridorCosts(p, k);
    this.forceRoute[p] = 1;
    if (this.anyAdjusting && this.adjustStale[p] === 0) {
      this.adjustStale[p] = 1;
      this.staleList[this.nStale++] = p;
    }
  }

  private recomputeCorridorCosts(p: number, k: number): void {
    const plan = this.plan;
    const { freight, days, freightBase, daysBase, actStep, before } = this;
    for (let ci = 0; ci < this.C; ci++) {
      before[3 * ci] = freight[ci * BLOCK + p] as number;
      before[3 * ci + 1] = days[ci * BLOCK + p] as number;
      before[3 * ci + 2] = this.weighted[ci] === 1 ? this.perTonne[ci * BLOCK + p] as number : 0;
      freight[ci * BLOCK + p] = freightBase[ci * BLOCK + p] as number;
      if (this.weighted[ci] === 1) this.perTonne[ci * BLOCK + p] = this.perTonneBase[ci * BLOCK + p] as number;
      days[ci * BLOCK + p] = daysBase[ci * BLOCK + p] as number;
    }
    for (let ai = 0; ai < plan.agreements.length; ai++) {
      if ((actStep[ai * BLOCK + p] as number) > k) continue;
      for (const e of plan.agreements[ai]!.corridorEffects) {
        const i = e.corridor * BLOCK + p;
        // on a corridor priced by weight, a freight-cost change applies to its cost per tonne
        const fr = this.weighted[e.corridor] === 1 ? this.perTonne : freight;
        if (e.freightCost) fr[i] = Math.max(0, applyOp(e.freightCost.op, e.freightCost.value, fr[i] as number));
        if (e.transitDays) days[i] = Math.max(0, applyOp(e.transitDays.op, e.transitDays.value, days[i] as number));
      }
    }
    // Only the corridors whose costs moved: the others' costs would be the same numbers, and their
    // log1p, once computed, stays valid (a log1p is about 20 ns, and most corridors are untouched).
    let moved = 0;
    for (let ci = 0; ci < this.C; ci++) {
      const same = Object.is(before[3 * ci], freight[ci * BLOCK + p]) && Object.is(before[3 * ci + 1], days[ci * BLOCK + p])
        && (this.weighted[ci] !== 1 || Object.is(before[3 * ci + 2], this.perTonne[ci * BLOCK + p]));
      if (!same) moved |= 1 << ci;
    }
    this.fillCosts(p, moved);
  }

  /**
   * The route cost of each corridor in the bit set `corridors` for every flow on path p (general routes). Their log1p, lnCost,
   * is NaN until it is first needed (update, adjust): few of the corridor-flow pairs are ever a
   * route (0.44 of baseline-pk's).
   */
  private fillCosts(p: number, corridors: number): void {
    const { F, C, lnCost } = this;
    if (this.cost.length === 0) return;
    this.costsOf(p, corridors);
    for (let ci = 0; ci < C; ci++) {
      if (((corridors >>> ci) & 1) === 0) continue;
      for (let j = (p * C + ci) * F, end = j + F; j < end; j++) lnCost[j] = NaN;
    }
  }

  /** fillCosts' costs, without the NaNs in lnCost (fillBlockCosts writes them all at once). */
  private costsOf(p: number, corridors: number): void {
    const { F, C, freight, days, cost } = this;
    const tc = this.flows.tc;
    const { weighted, perTonne, valuePerTonne } = this;
    for (let ci = 0; ci < C; ci++) {
      if (((corridors >>> ci) & 1) === 0) continue;
      // freightOf(freight, ci, f, p), written out (a double returned by a call that is not inlined
      // is boxed), and what is the same for every flow read once: V8 does not hoist typed-array loads
      const dy = days[ci * BLOCK + p] as number, j0 = (p * C + ci) * F;
      if (weighted[ci] === 1) {
        const pt = perTonne[ci * BLOCK + p] as number;
        for (let f = 0; f < F; f++) cost[j0 + f] = pt / (valuePerTonne[f * BLOCK + p] as number) + (tc[f * BLOCK + p] as number) * dy;
      } else {
        const fr = freight[ci * BLOCK + p] as number;
        for (let f = 0; f < F; f++) cost[j0 + f] = fr + (tc[f * BLOCK + p] as number) * dy;
      }
    }
  }

  /** The cheapest corridor open in m and allowed to f, and its log1p cost less the reference's (path-invariant costs only). */
  private tabulateRoute(m: number, f: number): void {
    const plan = this.plan;
    const { tc, el, lnRef } = this.flows;
    let best = Infinity, bestC = -1;
    for (let ci = 0; ci < this.C; ci++) {
      if (((m >>> ci) & 1) === 0 || plan.corridors[ci]!.allows[f] !== 1) continue;
      // freight[ci * BLOCK] etc. hold the fixed values (the same on every path).
      const r = this.freightOf(this.freight, ci, f, 0) + (tc[f * BLOCK] as number) * (this.days[ci * BLOCK] as number);
      if (r < best) { best = r; bestC = ci; }
    }
    const diff = bestC < 0 ? 0 : log1p(best) - (lnRef[f * BLOCK] as number);
    this.routeOf[m * this.F + f] = bestC;
    this.routeDiff[m * this.F + f] = diff;
    // As update computes it per path (el[i] is the same on every path when elasticity is fixed).
    this.routeLn[m * this.F + f] = bestC < 0 ? -Infinity : -(el[f * BLOCK] as number) * diff;
  }

  /** Each flow's route and lnRoute on each path whose set of open corridors (or costs) changed at step k. */
  update(nb: number, k: number): void {
    const { F, C, mask, prevMask, forceRoute, changed, tableAt, costsFixed, wRouteOf, memoMask, at } = this;
    if (this.anyAdjusting) this.lasting(nb, k);
    const wf = this.wasm;
    let n = 0;
    if (wf) {
      n = wf.routesChanged(at.mask, at.prevMask, at.forceRoute, at.changed, nb);
    } else {
      // The paths whose set of open corridors changed (or whose costs did), in order. Branch-free: on
      // K1 a fifth of the paths at random; (x | -x) >>> 31 is 1 when x !== 0.
      for (let p = 0; p < nb; p++) {
        const m = mask[p] as number, x = (m ^ (prevMask[p] as number)) | (forceRoute[p] as number);
        changed[n] = p;
        n += (x | -x) >>> 31;
        prevMask[p] = m;
      }
    }
    if (n === 0) return;
    // Where the routes of each changed path's set m come from: [o + f] of the tables (fixed costs)
    // or of the path's memo (general routes), o in tableAt; rows and memo entries not there yet are
    // filled here (in wasm, routesRows returns the first changed path whose row is missing; routesMemo
    // fills the memo itself, the loop below with memoFill).
    if (wf && costsFixed) {
      for (let q = wf.routesRows(at.changed, n, at.mask, at.tableAt, at.routeOf, F, 0); q < n; q = wf.routesRows(at.changed, n, at.mask, at.tableAt, at.routeOf, F, q)) {
        this.tableRow(mask[changed[q] as number] as number);
      }
    } else if (wf) {
      wf.routesMemo(at.changed, at.tableAt, n, F, C, at.mask, at.forceRoute, at.memoMask, at.memoRoute, at.memoLn, at.allow,
        at.cost, at.lnCost, at.el, at.lnRef);
    } else {
      for (let q = 0; q < n; q++) {
        const p = changed[q] as number;
        const m = mask[p] as number;
        let o: number;
        if (costsFixed) {
          o = m * F;
          if ((wRouteOf[o] as number) === -2) this.tableRow(m);
        } else {
          // General routes: costs per path (cached by fillCosts), the cheapest open corridor per flow.
          if (forceRoute[p] === 1) {
            forceRoute[p] = 0;
            memoMask.fill(-1, p * ROUTE_MEMO, (p + 1) * ROUTE_MEMO); // the costs changed
          }
          const slot = p * ROUTE_MEMO + memoSlot(m);
          o = slot * F;
          if (memoMask[slot] !== m) this.memoFill(p, m, slot);
        }
        tableAt[q] = o;
      }
    }
    const yPrev = k > 0 ? (this.plan.stepYear[k - 1] as number) : -1;
    if (wf) {
      wf.routesUpdate(at.changed, at.tableAt, n, F, costsFixed ? at.routeOf : at.memoRoute, costsFixed ? at.routeLn : at.memoLn, at.routeDiff,
        at.route, at.lnRoute, at.seg, at.flushed, at.corridorValue, yPrev, C, at.mask, this.anyAdjusting ? at.lastingMask : -1, at.adjusting, at.allow,
        at.adjCap, at.fix, this.fixFlows.length, at.el);
    } else {
      this.updateFlows(n, yPrev);
    }
  }

  /** General routes: path p's routes for the set m into its memo slot: the cheapest open corridor allowed to each flow, with its lnRoute (kernel.wat routesMemo where wasm runs). */
  private memoFill(p: number, m: number, slot: number): void {
    const { F, C, memoMask, memoRoute, memoLn, cost, lnCost, allowBits } = this;
    const { el, lnRef } = this.flows;
    const o = slot * F;
    memoMask[slot] = m;
    const po = p * C * F;
    for (let f = 0; f < F; f++) {
      // the cheapest open corridor allowed to f, visiting the set bits in order (the first of equals wins)
      let best = Infinity, bestC = -1;
      for (let bits = m & (allowBits[f] as number); bits !== 0; bits &= bits - 1) {
        const ci = 31 - Math.clz32(bits & -bits);
        const r = cost[po + ci * F + f] as number;
        if (r < best) { best = r; bestC = ci; }
      }
      const i = f * BLOCK + p;
      memoRoute[o + f] = bestC;
      let ln = -Infinity;
      if (bestC >= 0) {
        const j = po + bestC * F + f;
        let lc = lnCost[j] as number;
        if (lc !== lc) lnCost[j] = lc = log1p(cost[j] as number); // fillCosts left it NaN (log1p.ts: kernel.wat's, the same bits)
        ln = -(el[i] as number) * (lc - (lnRef[i] as number));
      }
      memoLn[o + f] = ln;
    }
  }

  /** The rows of the route tables for the set m, tabulated when first needed, into the simulator's memory. */
  private tableRow(m: number): void {
    const F = this.F, o = m * F;
    if ((this.routeOf[o] as number) === -2) for (let f = 0; f < F; f++) this.tabulateRoute(m, f);
    this.wRouteOf.set(this.routeOf.subarray(o, o + F), o);
    this.wRouteLn.set(this.routeLn.subarray(o, o + F), o);
    if (this.wRouteDiff.length > 0) this.wRouteDiff.set(this.routeDiff.subarray(o, o + F), o);
  }

  /**
   * update's per-flow loop (kernel.wat routesUpdate where wasm runs), on the n changed paths: a flow
   * whose route moved flushes the value carried since the last flush to the corridor that carried
   * it, in year yPrev (-1: discarded); then its lnRoute, and the cap of flows that adjust.
   */
  private updateFlows(n: number, yPrev: number): void {
    const { F, C, mask, adjusting, lastingMask, changed, tableAt, costsFixed, corridorValue, allowBits, fixFlows, capPair } = this;
    const { route, lnRoute, el, adjCap, seg, flushed } = this.flows;
    const rt = costsFixed ? this.wRouteOf : this.memoRoute, lt = costsFixed ? this.wRouteLn : this.memoLn, routeDiff = this.wRouteDiff;
    const nFix = fixFlows.length;
    // The corridorValue cell flushed into last is held in cv until a flush goes to another: each
    // cell still adds the same values in the same order, without a store and a load between them.
    let cvAt = -1, cv = 0;
    for (let q = 0; q < n; q++) {
      const p = changed[q] as number;
      const m = mask[p] as number;
      const o = tableAt[q] as number;
      const lm = this.anyAdjusting ? lastingMask[p] as number : 0;
      for (let f = 0; f < F; f++) {
        const i = f * BLOCK + p;
        const bestC = rt[o + f] as number;
        const r = route[i] as number;
        if (bestC !== r) {
          const sg = seg[i] as number;
          if (sg !== 0) {
            flushed[i] = (flushed[i] as number) + sg;
            if (yPrev >= 0 && r >= 0) {
              const at = yPrev * C + r;
              if (at !== cvAt) {
                if (cvAt >= 0) corridorValue[cvAt] = cv;
                cvAt = at;
                cv = corridorValue[at] as number;
              }
              cv += sg;
            }
            seg[i] = 0;
          }
          route[i] = bestC;
        }
        const ln = lt[o + f] as number;
        lnRoute[i] = ln;
        if (adjusting[f] === 1) setCap(adjCap, i, capPair, ln, (m ^ lm) & (allowBits[f] as number));
      }
      // flows with a per-path elasticity on tabulated routes (routeLn has path 0's)
      for (let x = 0; x < nFix; x++) {
        const f = fixFlows[x] as number, i = f * BLOCK + p;
        const bestC = rt[o + f] as number;
        const ln = bestC < 0 ? -Infinity : -(el[i] as number) * (routeDiff[o + f] as number);
        lnRoute[i] = ln;
        if (adjusting[f] === 1) setCap(adjCap, i, capPair, ln, (m ^ lm) & (allowBits[f] as number));
      }
    }
    if (cvAt >= 0) corridorValue[cvAt] = cv;
  }

  /**
   * Corridor states move (step 1 of the model), then the set of corridors each path can use. The
   * regime's uniforms are drawn here as fillUniforms (rng.ts) would, with the generator in locals.
   */
  move(nb: number, k: number, regimes: Array<StreamState | null>, borderRegimes: Array<StreamState | null>): void {
    const plan = this.plan;
    const { mask, closed, reopenStep, openStep, pLeave, gated, gateStep, gateMin, gateMax, alwaysOpen, bOpenNow, at } = this;
    const wf = this.chains >= 0 ? this.wasm : null;
    if (borderRegimes.length > 0) this.moveBorders(nb, k, borderRegimes);
    // Corridors open on every path at every step (no regime, no dates, no season) are set at once.
    mask.fill(alwaysOpen, 0, nb);
    for (let ci = 0; ci < this.C; ci++) {
      if (((alwaysOpen >>> ci) & 1) === 1) continue;
      const o = ci * BLOCK;
      const reg = regimes[ci];
      const open = plan.corridors[ci]!.seasonalClosed[k] !== 1;
      const gate = gated[ci] === 1;
      const bit = 1 << ci;
      const bitOpen = open ? bit : 0;
      const bo = this.borderAt[ci] as number;
      if (reg && wf) {
        // kernel.wat chainMove, the loop below; the generator in the wasm state groups for the chunk
        wf.chainMove(lane(this.chains, ci), at.pLeave + o * 16, at.closed + o, at.reopenStep + o * 4, at.openStep + o * 4,
          gate ? 1 : 0, k, bitOpen, bo < 0 ? -1 : at.bOpenNow + bo, at.mask, nb);
      } else if (reg) {
        let s0 = reg[0] as number, s1 = reg[1] as number, s2 = reg[2] as number, s3 = reg[3] as number;
        for (let p = 0; p < nb; p++) {
          // xoshiro128** (rng.ts nextInt32)
          const mm = Math.imul(s1, 5);
          const r = Math.imul((mm << 7) | (mm >>> 25), 9);
          const t = s1 << 9;
          s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
          const i = o + p;
          if (gate && k < (reopenStep[i] as number)) continue;
          const shut = chainStep(pLeave, i, closed[i] as number, ((r >>> 0) + 0.5) * U32);
          closed[i] = shut;
          // open (not shut, opened, its border open) sets the bit, without a branch
          const ok = (shut ^ 1) & (gate ? reached(k, openStep[i] as number) : 1) & (bo < 0 ? 1 : bOpenNow[bo + p] as number);
          mask[p] = (mask[p] as number) | (bitOpen & -ok);
        }
        reg[0] = s0; reg[1] = s1; reg[2] = s2; reg[3] = s3;
      } else if (open && k >= (gateMin[ci] as number)) {
        // No chain (closed stays 0): open once its dates have come (on every path from gateMax) and its border is open.
        const dated = k < (gateMax[ci] as number);
        if (wf) {
          wf.gateMove(bit, dated ? 1 : 0, at.gateStep + o * 4, k, bo < 0 ? -1 : at.bOpenNow + bo, at.mask, nb); // this loop
          continue;
        }
        for (let p = 0; p < nb; p++) {
          const ok = (dated ? reached(k, gateStep[o + p] as number) : 1) & (bo < 0 ? 1 : bOpenNow[bo + p] as number);
          mask[p] = (mask[p] as number) | (bit & -ok);
        }
      }
    }
  }
}
