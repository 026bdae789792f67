/**
 * The kernel with issue 11's model (transitory parts and jumps, a permanent share, a reference
 * route cost from the observed corridors, route adjustment, a border's shared chain, political
 * factors, MFN tariffs, freight by weight) against a one-path-at-a-time transcription of
 * docs/model.md, fed the same streams in the order kernel/simulator.ts documents; to
 * 1e-12 relative as test/engine/kernel-twin.test.ts. And the kernel's WebAssembly and JS loops on
 * it, bit for bit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLOCK, CHUNK, ChunkSimulator, seriesCount } from '../../src/engine/kernel/index.js';
import { normalQuantile } from '../../src/engine/normal-dist.js';
import { nextNormal } from '../../src/engine/normals.js';
import { nextUniform } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import { prepareScenario } from '../../src/project.js';
import { FIELD_TARIFF, type ParamDraw, type Plan } from '../../src/scenario/plan.js';
import { TempDir } from '../helpers/scenario-files.js';
import { addAnnual, apply, correlated, drawn, kernelChunk, NEVER, pathParams, perStep, stepOfYears, worst, type TwinChunk } from './twin-helpers.js';

const FIXTURE = 'test/engine/fixtures/model-features.yaml';

/** The jumps of each path and step: the stream is read block by block, step by step, path by path (a uniform, then a normal per jump). */
function jumpDraws(plan: Plan, f: number, seed: number, chunk: number, n: number, lamDt: (q: number) => number, size: (q: number, z: number) => number): number[][][] {
  const st = streamFor(seed, chunk, `jumps:${plan.flowIds[f]}`);
  const out: number[][][] = Array.from({ length: n }, () => Array.from({ length: plan.steps }, () => []));
  for (let b0 = 0; b0 < n; b0 += BLOCK) {
    const nb = Math.min(BLOCK, n - b0);
    for (let k = 0; k < plan.steps; k++) {
      for (let q = b0; q < b0 + nb; q++) {
        const l = lamDt(q);
        if (!(l > 0)) continue;
        const x = nextUniform(st);
        let count = 0, pr = Math.exp(-l), cum = pr;
        while (x > cum && count < 1000) { count++; pr *= l / count; cum += pr; }
        for (let j = 0; j < count; j++) out[q]![k]!.push(size(q, nextNormal(st)));
      }
    }
  }
  return out;
}

/** docs/model.md, one path at a time. */
function twinChunk(plan: Plan, seed: number, chunk: number, n: number): TwinChunk {
  const C = plan.corridors.length, T = plan.steps;
  const Y = plan.years.length, S = seriesCount(plan), dt = plan.dt;
  const stepOf = stepOfYears(plan);
  const param = pathParams(seed, chunk, n);
  const opt = (d: ParamDraw | null, q: number, dflt: number) => (d ? param(d, q) : dflt);
  const shocks = plan.flowIds.map((id) => drawn(seed, chunk, `shocks:${id}`, n * T, nextNormal));
  const transitory = plan.flows.map((fp, f) => (fp.transitoryVolatility || fp.permanentShare || fp.jumpsPerYear
    ? drawn(seed, chunk, `transitory:${plan.flowIds[f]}`, n * T, nextNormal) : null));
  const jumps = plan.flows.map((fp, f) => (fp.jumpsPerYear
    ? jumpDraws(plan, f, seed, chunk, n, (q) => param(fp.jumpsPerYear!, q) * dt, (q, z) => opt(fp.jumpMean, q, 0) + opt(fp.jumpSd, q, 0) * z) : null));
  const regimes = plan.corridors.map((c) => (c.regime ? drawn(seed, chunk, `corridor:${c.name}:regime`, n * T, nextUniform) : null));
  const borderRegimes = plan.borders.map((b) => (b.regime ? drawn(seed, chunk, `border:${b.name}:regime`, n * T, nextUniform) : null));
  const factorZ = plan.politicalFactors.map((pf) => drawn(seed, chunk, `political:${pf.name}`, n, nextNormal));
  const implemented = plan.agreements.map((a) => drawn(seed, chunk, `agreement:${a.name}`, n, a.factor >= 0 ? nextNormal : nextUniform));
  const out: TwinChunk = { annual: [], stepTotal: [], corridorValue: new Float64Array(Y * C) };

  for (let q = 0; q < n; q++) {
    // Agreements: whether (a uniform, or the latent normal of a political factor) and when.
    const active = plan.agreements.map((a, ai) => {
      const own = implemented[ai]![q] as number;
      let yes: boolean;
      if (a.factor >= 0) {
        const rho = plan.politicalFactors[a.factor]!.correlation;
        yes = Math.sqrt(rho) * (factorZ[a.factor]![q] as number) + Math.sqrt(1 - rho) * own < normalQuantile(a.probability);
      } else yes = own < a.probability;
      return yes ? stepOf(param(a.delay, q)) : NEVER;
    });
    const borders = plan.borders.map((b) => ({
      reopens: b.reopens ? stepOf(param(b.reopens, q)) : 0,
      pClose: b.regime ? 1 - Math.exp(-param(b.regime.closuresPerYear, q) * dt) : 0,
      pOpen: b.regime ? 1 - Math.exp((-dt * 365) / param(b.regime.meanClosureDays, q)) : 1,
      closed: b.regime?.initiallyClosed === true,
      open: true,
    }));
    const corr = plan.corridors.map((c, ci) => {
      let opens = c.opens ? stepOf(param(c.opens, q)) : 0;
      plan.agreements.forEach((a, ai) => {
        for (const e of a.corridorEffects) if (e.corridor === ci && e.open && (active[ai] as number) < opens) opens = active[ai] as number;
      });
      return {
        freight: param(c.freightCost, q),
        perTonne: c.weightCost ? param(c.weightCost, q) / (c.tonnesPerContainer ? param(c.tonnesPerContainer, q) : 1) : null,
        days: param(c.transitDays, q),
        opens,
        reopens: c.reopens ? stepOf(param(c.reopens, q)) : 0,
        pClose: c.regime ? 1 - Math.exp(-param(c.regime.closuresPerYear, q) * dt) : 0,
        pOpen: c.regime ? 1 - Math.exp((-dt * 365) / param(c.regime.meanClosureDays, q)) : 1,
        closed: c.regime?.initiallyClosed === true,
      };
    });
    // freight as a share of value for a flow of value per tonne vpt (NaN: none)
    const adValorem = (ci: number, vpt: number, freight: number[], perTonne: Array<number | null>) => {
      const pt = perTonne[ci];
      return pt === null || pt === undefined ? freight[ci] as number : pt / vpt;
    };
    const flows = plan.flows.map((fp, f) => {
      const base = param(fp.base, q), s = param(fp.volatility, q), h = param(fp.adjustmentHalfLife, q);
      const tc = param(fp.timeCostPerDay, q), vpt = opt(fp.valuePerTonne, q, NaN);
      let refCost = Infinity;
      plan.corridors.forEach((c, ci) => {
        if (c.inReference && c.allows[f] === 1) {
          refCost = Math.min(refCost, adValorem(ci, vpt, corr.map((x) => x.freight), corr.map((x) => x.perTonne)) + tc * corr[ci]!.days);
        }
      });
      const share = opt(fp.permanentShare, q, 1), phi = opt(fp.persistence, q, 0), sigma = opt(fp.transitoryVolatility, q, 0);
      const hr = fp.routeAdjustmentHalfLife ? param(fp.routeAdjustmentHalfLife, q) : null;
      return {
        x: Math.log(base) + (fp.permanentShare ? Math.log(share) : 0), v: base, g: param(fp.growth, q), s,
        invPot: fp.potential ? 1 / param(fp.potential, q) : 0,
        e: param(fp.elasticity, q), tc, vpt,
        eta: opt(fp.importDemandElasticity, q, NaN),
        alpha: h > 0 ? 1 - 2 ** (-dt / h) : 1,
        alphaRoute: hr === null ? null : hr > 0 ? 1 - 2 ** (-dt / hr) : 1,
        adj: NaN,
        lnm: 0,
        lnRef: C > 0 ? Math.log1p(refCost) : 0,
        p0: (plan.tariff[f * T] as number) + (plan.ntm[f * T] as number),
        u: fp.permanentShare ? -Math.log(share) : 0, vu: 0,
        phiDt: phi ** dt, sDt: phi < 1 ? sigma * Math.sqrt((1 - phi ** (2 * dt)) / (1 - phi * phi)) : sigma * Math.sqrt(dt),
      };
    });
    const annual = new Float64Array(Y * S);
    const stepTotal = new Float64Array(T);
    for (let k = 0; k < T; k++) {
      // 1. borders, then corridors: state, and which are open; which are open but for chains and seasons (lasting)
      borders.forEach((b, bi) => {
        const reg = borderRegimes[bi];
        if (k < b.reopens) { b.open = false; return; }
        if (reg) { const u = perStep(reg, q, k, n, T); b.closed = b.closed ? u >= b.pOpen : u < b.pClose; }
        b.open = !b.closed;
      });
      const open = corr.map((c, ci) => {
        const reg = regimes[ci];
        if (reg && k >= c.reopens) {
          const u = perStep(reg, q, k, n, T);
          c.closed = c.closed ? u >= c.pOpen : u < c.pClose;
        }
        const bi = plan.corridors[ci]!.border;
        return !c.closed && k >= c.opens && k >= c.reopens && plan.corridors[ci]!.seasonalClosed[k] !== 1 && (bi < 0 || borders[bi]!.open);
      });
      const lasting = corr.map((c, ci) => {
        const bi = plan.corridors[ci]!.border;
        return k >= c.opens && k >= c.reopens && (bi < 0 || k >= borders[bi]!.reopens);
      });
      // agreements in force change corridor costs (on a corridor priced by weight, its cost per tonne)
      const freight = corr.map((c) => c.freight), perTonne = corr.map((c) => c.perTonne), days = corr.map((c) => c.days);
      plan.agreements.forEach((a, ai) => {
        if ((active[ai] as number) > k) return;
        for (const e of a.corridorEffects) {
          if (e.freightCost) {
            const pt = perTonne[e.corridor];
            if (pt !== null && pt !== undefined) perTonne[e.corridor] = Math.max(0, apply(e.freightCost.op, e.freightCost.value, pt));
            else freight[e.corridor] = Math.max(0, apply(e.freightCost.op, e.freightCost.value, freight[e.corridor] as number));
          }
          if (e.transitDays) days[e.corridor] = Math.max(0, apply(e.transitDays.op, e.transitDays.value, days[e.corridor] as number));
        }
      });
      const z = plan.flowIds.map((_, f) => perStep(shocks[f]!, q, k, n, T));
      const y = plan.stepYear[k] as number;
      let total = 0;
      flows.forEach((fl, f) => {
        const c = correlated(plan, z, f);
        fl.x += (fl.g * (1 - fl.v * fl.invPot) - (fl.s * fl.s) / 2) * dt + fl.s * Math.sqrt(dt) * c;
        // policy: the pair's rate at e, the MFN rate's change at e - eta
        let tariff = plan.tariff[f * T + k] as number, ntm = plan.ntm[f * T + k] as number, mfn = plan.mfnTariff[f * T + k] as number;
        plan.agreements.forEach((a, ai) => {
          if ((active[ai] as number) > k) return;
          for (const e of a.flowEffects) {
            if (!e.flows.includes(f)) continue;
            if (e.field === FIELD_TARIFF) {
              tariff = apply(e.op, e.value, tariff);
              if (e.mfn) mfn = apply(e.op, e.value, mfn);
            } else ntm = apply(e.op, e.value, ntm);
          }
        });
        let target = -fl.e * (Math.log1p(Math.max(-0.99, tariff + ntm)) - Math.log1p(fl.p0));
        if (plan.mfnFlows[f] === 1) target += (fl.e - fl.eta) * (Math.log1p(Math.max(-0.99, mfn)) - Math.log1p(plan.mfnTariff[f * T] as number));
        fl.lnm += fl.alpha * (target - fl.lnm);
        // route: the cheapest open corridor; with an adjustment, toward the lasting state's
        const cheapest = (set: boolean[]) => {
          let best = Infinity, route = -1;
          plan.corridors.forEach((cd, ci) => {
            if (!set[ci] || cd.allows[f] !== 1) return;
            const r = adValorem(ci, fl.vpt, freight, perTonne) + fl.tc * (days[ci] as number);
            if (r < best) { best = r; route = ci; }
          });
          return { best, route, ln: route < 0 ? -Infinity : -fl.e * (Math.log1p(best) - fl.lnRef) };
        };
        const now = cheapest(open);
        let routeFactor = C === 0 ? 0 : now.ln;
        if (C > 0 && fl.alphaRoute !== null) {
          const last = cheapest(lasting);
          if (last.route < 0) routeFactor = -Infinity;
          else {
            fl.adj = Number.isNaN(fl.adj) ? last.ln : fl.adj + fl.alphaRoute * (last.ln - fl.adj);
            const same = plan.corridors.every((cd, ci) => cd.allows[f] !== 1 || open[ci] === lasting[ci]);
            routeFactor = same ? fl.adj : Math.min(fl.adj, now.ln);
          }
        }
        // the transitory part and its jumps
        let dev = 0;
        const tr = transitory[f];
        if (tr) {
          fl.u = fl.phiDt * fl.u + fl.sDt * perStep(tr, q, k, n, T);
          fl.vu = fl.phiDt * fl.phiDt * fl.vu + fl.sDt * fl.sDt;
          for (const j of jumps[f]?.[q]?.[k] ?? []) fl.u += j;
          dev = fl.u - 0.5 * fl.vu;
        }
        fl.v = Math.exp(fl.x + fl.lnm + routeFactor + dev);
        total += fl.v;
        if (y >= 0) {
          addAnnual(plan, annual, y, f, fl.v);
          if (now.route >= 0) out.corridorValue[y * C + now.route] = (out.corridorValue[y * C + now.route] as number) + fl.v;
        }
      });
      stepTotal[k] = total;
    }
    out.annual.push(annual);
    out.stepTotal.push(stepTotal);
  }
  return out;
}

/** 601 paths of chunk 1: the kernel equals its twin (1e-12 relative) and its JS loops give wasm's bits. */
function twinAndLoops(plan: Plan, seed: number): void {
  const n = 601, k = kernelChunk(plan, seed, 1, n), j = kernelChunk(plan, seed, 1, n, { wasm: false }), t = twinChunk(plan, seed, 1, n);
  let ws = 0;
  for (let q = 0; q < n; q++) {
    for (let s = 0; s < plan.steps; s++) expect(Object.is(k.stepTotal[q]![s], j.stepTotal[q]![s])).toBe(true);
    ws = Math.max(ws, worst(k.stepTotal[q]!, t.stepTotal[q]!, 1));
  }
  expect(ws, 'step totals').toBeLessThan(1e-12);
}

describe('the kernel with issue 11\'s model', () => {
  const plan = prepareScenario(FIXTURE).compiled.plan;

  it('equals its one-path-at-a-time twin (two chunks, the second short and odd)', () => {
    for (const [chunk, n] of [[0, CHUNK], [2, 601]] as const) {
      const k = kernelChunk(plan, 7, chunk, n), t = twinChunk(plan, 7, chunk, n);
      let wa = 0, ws = 0;
      for (let q = 0; q < n; q++) {
        wa = Math.max(wa, worst(k.annual[q]!, t.annual[q]!, 1));
        ws = Math.max(ws, worst(k.stepTotal[q]!, t.stepTotal[q]!, 1));
      }
      expect(wa, 'annual values').toBeLessThan(1e-12);
      expect(ws, 'step totals').toBeLessThan(1e-12);
      expect(worst(k.corridorValue, t.corridorValue, 1), 'corridor values').toBeLessThan(1e-12);
      // the fixture exercises what it says: every corridor but air carries something, values vary
      expect(t.corridorValue.filter((v) => v > 0).length).toBeGreaterThan(8);
    }
  });

  it('gives the same bits with its WebAssembly loops and with its JS loops', () => {
    const a = kernelChunk(plan, 7, 1, 601), b = kernelChunk(plan, 7, 1, 601, { wasm: false });
    for (let q = 0; q < 601; q++) {
      for (let k = 0; k < plan.steps; k++) expect(Object.is(a.stepTotal[q]![k], b.stepTotal[q]![k])).toBe(true);
    }
  });

  it('with jumps on flows wasm moves in one call a step (movingFlows) and on one it does not, and a second run of such flows after that one: equals its twin, the same bits with wasm and JS loops', () => {
    // pharma's policy never moves (its jumps are drawn in JS); energy's does (drawn in wasm, after pharma's run breaks)
    const text = readFileSync(FIXTURE, 'utf8')
      .replace('persistence: 0.7, valuePerTonne: 40000 }', 'persistence: 0.7, valuePerTonne: 40000, jumpsPerYear: 3, jumpMean: 0.4, jumpSd: 0.5 }')
      .replace('\ncorrelation:', '\n  energy:\n    KZ>PK: { base: 8M, growth: 0.04, volatility: 0.3, valuePerTonne: 600, jumpsPerYear: { dist: uniform, min: 1, max: 4 }, jumpMean: 0.6, jumpSd: 0.4 }\ncorrelation:');
    const dir = new TempDir();
    try {
      const p2 = prepareScenario(dir.file('jumps.yaml', text)).compiled.plan;
      const shape = new ChunkSimulator(p2) as unknown as { moving: Uint8Array; transitory: { jumpy: Uint8Array } };
      const moving = Array.from(shape.moving), jumpy = Array.from(shape.transitory.jumpy);
      const ids = p2.flowIds;
      expect(moving[ids.indexOf('pharma PK>KZ')]).toBe(0);
      expect(jumpy[ids.indexOf('pharma PK>KZ')]).toBe(1);
      expect(moving[ids.indexOf('energy KZ>PK')]).toBe(1);
      expect(moving[ids.indexOf('grain KZ>PK')]).toBe(1);
      expect(jumpy.filter((j, f) => j === 1 && moving[f] === 1).length).toBe(2);
      // two runs of moving flows (one not starting at flow 0)
      expect(moving.filter((m, f) => m === 1 && (f === 0 || moving[f - 1] === 0)).length).toBe(2);
      twinAndLoops(p2, 11);
    } finally {
      dir.remove();
    }
  });

  it('with the reference route priced by weight and a value per tonne drawn per path (grain: caspian or afghan-road, path by path): equals its twin, the same bits with wasm and JS loops', () => {
    // karakoram dear: grain's cheapest observed corridor is caspian (~0.72 + 0.30) or afghan-road (~1.0 + 0.18), both by weight
    const text = readFileSync(FIXTURE, 'utf8').replace('karakoram: { freightCost: 0.27,', 'karakoram: { freightCost: 2.7,');
    expect(text).toContain('freightCost: 2.7,');
    const dir = new TempDir();
    try {
      const p2 = prepareScenario(dir.file('weights.yaml', text)).compiled.plan;
      twinAndLoops(p2, 5);
    } finally {
      dir.remove();
    }
  });
});
