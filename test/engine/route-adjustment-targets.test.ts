/**
 * Routes' route adjustment state against a direct derivation, bit for bit, on baseline-pk (general
 * routes, agreements that change costs, a border and corridors that open): after every adjust call,
 * on every path, the lasting corridors are those whose dates have all come (alwaysOpen, and
 * lastingStart <= the step), each adjusting flow's target is -el (log1p(cost) - lnRef) of the cheapest of its
 * lasting corridors (NaN: none), and its cap lnRoute while one of them is shut, else +Infinity (adjust
 * takes lnRoute as the target when the lasting corridors are the open ones); after each block's
 * initAdjustment, each flow's share per step is 1 - 2^(-dt / h) of its own half-life draw (flows
 * that share a draw share the computation), with half-lives fixed, shared and per flow.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChunkSimulator, CHUNK } from '../../src/engine/kernel/index.js';
import { BLOCK } from '../../src/engine/kernel/layout.js';
import { Routes } from '../../src/engine/kernel/routes.js';
import type { ParamDraw, Plan } from '../../src/scenario/plan.js';
import { prepareScenario } from '../../src/project.js';
import { log1p } from '../../src/engine/log1p.js';
import { pow } from '../../src/engine/pow.js';

interface Inside {
  C: number; F: number; mask: Int32Array; lastingMask: Int32Array; allowBits: Int32Array; adjusting: Uint8Array; cost: Float64Array;
  alwaysOpen: number; lastingStart: Int32Array;
  flows: Record<'el' | 'lnRef' | 'lnRoute' | 'adjTarget' | 'adjCap' | 'alphaRoute', Float64Array>;
}

const original = { update: Routes.prototype.update, adjust: Routes.prototype.adjust, initAdjustment: Routes.prototype.initAdjustment };
afterEach(() => Object.assign(Routes.prototype, original));

/** Runs two chunks (1024 + 601 paths), checking after each adjust and initAdjustment; returns the counts checked. */
function check(plan: Plan, wasm: boolean): { targets: number; capped: number; shares: number; lastingMoves: number } {
  const n = { targets: 0, capped: 0, shares: 0, lastingMoves: 0 };
  let nb = 0, step = 0;
  const lastingBefore = new Int32Array(BLOCK);
  Routes.prototype.update = function (this: Routes, b, k) { nb = b; step = k; original.update.call(this, b, k); };
  Routes.prototype.adjust = function (this: Routes) {
    original.adjust.call(this);
    const r = this as unknown as Inside, { C, F, cost } = r, { el, lnRef, lnRoute, adjTarget, adjCap } = r.flows;
    for (let p = 0; p < nb; p++) {
      let bits = r.alwaysOpen;
      for (let ci = 0; ci < C; ci++) if (step >= (r.lastingStart[ci * BLOCK + p] as number)) bits |= 1 << ci;
      if (r.lastingMask[p] !== bits) throw new Error(`step ${step} path ${p}: lasting corridors ${r.lastingMask[p]}, expected ${bits}`);
      if (step > 0 && bits !== lastingBefore[p]) n.lastingMoves++;
      lastingBefore[p] = bits;
    }
    for (let f = 0; f < F; f++) {
      if (r.adjusting[f] !== 1) continue;
      const allow = r.allowBits[f] as number;
      for (let p = 0; p < nb; p++) {
        const i = f * BLOCK + p, bits = (r.lastingMask[p] as number) & allow;
        let best = Infinity;
        for (let ci = 0; ci < C; ci++) if (((bits >>> ci) & 1) === 1 && (cost[(p * C + ci) * F + f] as number) < best) best = cost[(p * C + ci) * F + f] as number;
        const target = best === Infinity ? NaN : -(el[i] as number) * (log1p(best) - (lnRef[i] as number));
        if (!Object.is(adjTarget[i], target)) throw new Error(`flow ${f} path ${p}: target ${adjTarget[i]}, expected ${target}`);
        const shut = (((r.mask[p] as number) & allow) ^ bits) !== 0;
        if (!Object.is(adjCap[i], shut ? lnRoute[i] : Infinity)) throw new Error(`flow ${f} path ${p}: cap ${adjCap[i]}, lnRoute ${lnRoute[i]}, shut ${shut}`);
        n.targets++;
        if (shut) n.capped++;
      }
    }
  };
  Routes.prototype.initAdjustment = function (this: Routes, b, param) {
    original.initAdjustment.call(this, b, param);
    const r = this as unknown as Inside;
    plan.flows.forEach((fp, f) => {
      if (r.adjusting[f] !== 1) return;
      const h = param.of(fp.routeAdjustmentHalfLife as ParamDraw);
      for (let p = 0; p < b; p++) {
        const hp = h[p] as number;
        const share = hp > 0 ? 1 - pow(2, -plan.dt / hp) : 1;
        if (!Object.is(r.flows.alphaRoute[f * BLOCK + p], share)) throw new Error(`flow ${f} path ${p}: share ${r.flows.alphaRoute[f * BLOCK + p]}, expected ${share}`);
        n.shares++;
      }
    });
  };
  const sim = new ChunkSimulator(plan, { wasm });
  for (const [seed, chunk, paths] of [[7, 0, CHUNK], [3, 1, 601]] as const) sim.simulateChunk(seed, chunk, paths, () => undefined);
  return n;
}

const root = resolve(import.meta.dirname, '../..');
/** baseline-pk with flows 0 and 1 at one fixed half-life, 2 at another, 3 and 4 sharing a draw of their own, 5 a draw of its own, the rest the default's shared draw. */
const plan = (): Plan => {
  const p = prepareScenario(resolve(root, 'scenarios/baseline-pk.yaml')).compiled.plan;
  const draw = (name: string): ParamDraw => ({ kind: 'dist', dist: { dist: 'uniform', min: 0.1, max: 3 }, component: `param:test.${name}`, offset: 0 });
  const hs: ParamDraw[] = [{ kind: 'fixed', value: 0.5 }, { kind: 'fixed', value: 0.5 }, { kind: 'fixed', value: 1.5 }, draw('h34'), draw('h34'), draw('h5')];
  hs.forEach((h, f) => { p.flows[f]!.routeAdjustmentHalfLife = h; });
  return p;
};

describe('route adjustment: targets, caps and shares as derived directly', () => {
  for (const wasm of [false, true]) {
    it(wasm ? 'with the wasm loops' : 'with the JS loops', () => {
      const p = plan();
      const n = check(p, wasm);
      expect(n.targets).toBe(p.flowIds.length * p.steps * (CHUNK + 601));
      expect(n.shares).toBe(p.flowIds.length * (CHUNK + 601));
      // caps both set and not are among those checked (every flow here has a lasting corridor: no NaN target)
      expect(n.capped).toBeGreaterThan(1000);
      expect(n.capped).toBeLessThan(n.targets / 2);
      // lasting corridors join during blocks (openings, reopenings), on some paths at some steps
      expect(n.lastingMoves).toBeGreaterThan(1000);
    });
  }
});
