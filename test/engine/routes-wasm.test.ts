/**
 * Routes.update in wasm (kernel.wat routesChanged, routesRows, routesMemo, routesUpdate) against
 * its JS loops (`{ wasm: false }`), bit for bit, after every call: each flow's route, lnRoute,
 * seg, flushed and cap, the corridors' values, the changed-path list and where each changed
 * path's routes are read, the masks, the memo (and how often a set was found, filled, or took
 * another's slot), the costs and their log1p. On K1 (fixed costs: route tables), K1 with a
 * per-path elasticity (the flows update re-derives from routeDiff), baseline-pk (general routes,
 * the memo, route adjustment, agreements that change costs), and each of them with random sets of
 * open corridors at every step (and, on general routes, costs marked changed at random), so that
 * routes move on most paths, at most steps, between every pair of corridors.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChunkSimulator, CHUNK } from '../../src/engine/kernel/index.js';
import { Routes } from '../../src/engine/kernel/routes.js';
import { wasmAvailable } from '../../src/engine/kernel/wasm.js';
import { nextInt32 } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import type { Plan } from '../../src/scenario/plan.js';
import { prepareScenario } from '../../src/project.js';

type Arrays = Record<string, ArrayBufferView>;
/** What update reads and writes, by name (Routes' private fields and the flows' arrays it was lent). */
const watched = (r: Routes): Arrays => {
  const o = r as unknown as Record<string, ArrayBufferView> & { flows: Record<string, ArrayBufferView> };
  const { route, lnRoute, seg, flushed, adjCap } = o.flows;
  return {
    route: route!, lnRoute: lnRoute!, seg: seg!, flushed: flushed!, adjCap: adjCap!, corridorValue: o.corridorValue!, changed: o.changed!, tableAt: o.tableAt!,
    mask: o.mask!, prevMask: o.prevMask!, forceRoute: o.forceRoute!, memoMask: o.memoMask!, memoRoute: o.memoRoute!, memoLn: o.memoLn!,
    cost: o.cost!, lnCost: o.lnCost!,
  };
};
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const original = { update: Routes.prototype.update, move: Routes.prototype.move };
afterEach(() => Object.assign(Routes.prototype, original));

/** The memo's look-ups on general routes: a set found in its slot, a slot filled from empty, a slot that held another set (a collision). */
interface Memo { hits: number; fills: number; evictions: number }
interface Trace { digests: string[]; moved: number; corridorValue: Float64Array[]; shape: string; memo: Memo }

/**
 * Runs chunks of the plan and records, after each update call, a digest of every watched array
 * (and how many flow routes moved). randomMasks: after each move, every path's set of open
 * corridors is redrawn at random (and on general routes, with probability 0.05, a path's costs are
 * marked changed, and one corridor's costs for every flow move by a factor in (0.5, 1.5), their
 * log1p left to be taken again, as fillCosts leaves them), from a stream of its own, the same
 * draws on both sides.
 */
function trace(plan: Plan, wasm: boolean, randomMasks: boolean): Trace {
  const t: Trace = { digests: [], moved: 0, corridorValue: [], shape: '', memo: { hits: 0, fills: 0, evictions: 0 } };
  const C = plan.corridors.length, F = plan.flowIds.length;
  const st = streamFor(11, 0, 'test:random-masks');
  const all = (1 << plan.corridors.length) - 1;
  Routes.prototype.move = function (this: Routes, nb, k, regimes, borders) {
    original.move.call(this, nb, k, regimes, borders);
    if (!randomMasks) return;
    const a = watched(this), mask = a.mask as Int32Array, force = a.forceRoute as Uint8Array, general = (a.memoMask as Int32Array).length > 0;
    const cost = a.cost as Float64Array, lnCost = a.lnCost as Float64Array;
    for (let p = 0; p < nb; p++) {
      mask[p] = nextInt32(st) & all;
      if (general && ((nextInt32(st) >>> 0) / 2 ** 32) < 0.05) {
        force[p] = 1;
        const c = (nextInt32(st) >>> 0) % C, x = 0.5 + (nextInt32(st) >>> 0) / 2 ** 32;
        for (let f = 0; f < F; f++) {
          const j = (p * C + c) * F + f;
          cost[j] = (cost[j] as number) * x;
          lnCost[j] = NaN;
        }
      }
    }
  };
  Routes.prototype.update = function (this: Routes, nb, k) {
    const a = watched(this);
    const r = this as unknown as { costsFixed: boolean; fixFlows: Int32Array; anyAdjusting: boolean };
    t.shape = `${r.costsFixed ? 'tables' : 'general'}, ${r.fixFlows.length} per-path elasticities, ${r.anyAdjusting ? 'adjusting' : 'no adjustment'}`;
    const mask = a.mask as Int32Array, prev = (a.prevMask as Int32Array).slice(), force = (a.forceRoute as Uint8Array).slice();
    const before = (a.route as Int32Array).slice();
    const memoBefore = (a.memoMask as Int32Array).slice();
    original.update.call(this, nb, k);
    // each look-up of a changed path whose memo was not emptied (its costs unchanged): its 8 slots before and after
    for (let p = 0; memoBefore.length > 0 && p < nb; p++) {
      if (mask[p] === prev[p] || force[p] === 1) continue;
      const was = memoBefore.subarray(8 * p, 8 * p + 8), now = (a.memoMask as Int32Array).subarray(8 * p, 8 * p + 8);
      const s = now.findIndex((m, i) => m !== was[i]);
      if (s < 0) { expect(now).toContain(mask[p]); t.memo.hits++; } else if (was[s] === -1) t.memo.fills++; else t.memo.evictions++;
    }
    // the changed paths: those whose set of open corridors moved or whose costs changed, in order
    const expected: number[] = [];
    for (let p = 0; p < nb; p++) if (mask[p] !== prev[p] || force[p] === 1) expected.push(p);
    const n = expected.length;
    if (n > 0) expect(Array.from((a.changed as Int32Array).subarray(0, n))).toEqual(expected);
    const h = createHash('sha256');
    for (const [name, arr] of Object.entries(a)) {
      // the lists past n, and memo slots that hold no set, are scratch (left by earlier steps, or by other simulators on the shared memory)
      if (name === 'changed' || name === 'tableAt') h.update(bytes((arr as Int32Array).subarray(0, n)));
      else if (name === 'memoRoute' || name === 'memoLn') {
        const memoMask = a.memoMask as Int32Array, F = plan.flowIds.length, v = arr as Int32Array | Float64Array;
        for (let slot = 0; slot < memoMask.length; slot++) if (memoMask[slot] !== -1) h.update(bytes(v.subarray(slot * F, (slot + 1) * F)));
      } else h.update(bytes(arr));
    }
    t.digests.push(h.digest('hex'));
    const route = a.route as Int32Array;
    for (let i = 0; i < route.length; i++) if (route[i] !== before[i]) t.moved++;
  };
  const sim = new ChunkSimulator(plan, { wasm });
  // step by step: kernel.wat runSteps (K1's blocks) would update the routes without calling update (step-wasm.test.ts tests it)
  (sim as unknown as { stepsAt: number }).stepsAt = -1;
  for (const [seed, chunk, n] of [[7, 0, CHUNK], [3, 1, 601]] as const) {
    t.corridorValue.push(sim.simulateChunk(seed, chunk, n, () => undefined).corridorValue.slice());
  }
  return t;
}

const root = resolve(import.meta.dirname, '../..');
const k1 = () => prepareScenario(resolve(root, 'bench/k1.yaml')).compiled.plan;
/** K1 with each flow's elasticity drawn per path (uniform 2 to 6). */
const k1PerPathElasticity = () => {
  const plan = k1();
  plan.flows.forEach((fp, f) => { fp.elasticity = { kind: 'dist', dist: { dist: 'uniform', min: 2, max: 6 }, component: `param:test.elasticity.${f}`, offset: 0 }; });
  return plan;
};
const baselinePk = () => prepareScenario(resolve(root, 'scenarios/baseline-pk.yaml')).compiled.plan;

describe('Routes.update in wasm gives its JS loops\' bits after every call', () => {
  it('runs here (the comparisons below need WebAssembly)', () => expect(wasmAvailable).toBe(true));

  // what each case exercises, and the share of flow-steps whose route moves under random sets:
  // on K1 a flow takes the Afghan road when it is open (half the sets), else the northern route
  // (a quarter), else none: it keeps its route with probability 1/4 + 1/16 + 1/16, moves with 5/8
  // (standard error about 0.0004 over 1.6M flow-steps)
  const cases: Array<[string, () => Plan, string, (share: number) => void]> = [
    ['K1 (route tables)', k1, 'tables, 0 per-path elasticities, no adjustment', (x) => expect(x).toBeCloseTo(5 / 8, 2)],
    ['K1, per-path elasticity (routeDiff)', k1PerPathElasticity, 'tables, 8 per-path elasticities, no adjustment', (x) => expect(x).toBeCloseTo(5 / 8, 2)],
    ['baseline-pk (general routes, memo, adjustment)', baselinePk, 'general, 0 per-path elasticities, adjusting', (x) => expect(x).toBeGreaterThan(0.5)],
  ];
  for (const [name, plan, shape, randomShare] of cases) {
    for (const randomMasks of [false, true]) {
      it(`${name}${randomMasks ? ', random sets of open corridors' : ''}`, () => {
        const p = plan();
        const w = trace(p, true, randomMasks), js = trace(p, false, randomMasks);
        expect(w.shape).toBe(shape);
        expect(w.digests.length).toBe(7 * p.steps); // 1024 + 601 paths: 4 + 3 blocks
        const first = w.digests.findIndex((d, i) => d !== js.digests[i]);
        if (first >= 0) throw new Error(`${name}: update call ${first} differs`);
        expect(w.digests).toEqual(js.digests);
        expect(w.moved).toBe(js.moved);
        w.corridorValue.forEach((cv, i) => expect(bytes(cv).equals(bytes(js.corridorValue[i]!))).toBe(true));
        expect(w.corridorValue[0]!.some((v) => v > 0)).toBe(true);
        if (randomMasks) randomShare(w.moved / (p.flowIds.length * p.steps * (CHUNK + 601)));
        else expect(w.moved).toBeGreaterThan(10_000);
        expect(w.memo).toEqual(js.memo);
        if (w.shape.startsWith('general')) {
          // the memo is found, filled and overwritten (64 sets on 8 slots under random sets)
          expect(Math.min(w.memo.hits, w.memo.fills)).toBeGreaterThan(1000);
          if (randomMasks) expect(w.memo.evictions).toBeGreaterThan(1000);
        }
      });
    }
  }
});
