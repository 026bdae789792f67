/**
 * The block kernel (src/engine/kernel/: structure-of-arrays, specialised loops, generated
 * correlation pass, route tables, its own normal fill) against its slow twin: a straightforward
 * transcription of docs/model.md that simulates one path at a time, step by step, fed
 * the same random streams (streams.ts) in the pattern kernel/simulator.ts documents. Per path it must give
 * the same annual values (total, sectors, directions), the same total at every step and the same
 * value carried by each corridor, to 1e-12 relative: the twin uses Math.exp where the kernel uses
 * fastExp (2 ulp apart) and adds up in its own order, so the two agree closely but not bit for bit.
 *
 * Also exact (bit for bit): the kernel's normal fill against nextNormal (normals.ts), and the
 * generated correlation pass against its fallback passes.
 *
 * Scenarios: one with every feature the kernel specialises on or around (a Markov corridor that
 * starts closed and reopens on an uncertain date, a seasonal pass, a railway that opens on an
 * uncertain date or by agreement, an agreement that changes transit days, flow agreements on
 * tariffs and NTMs, tariff tables and expressions, uncertain growth, volatility, potential,
 * elasticity, time costs and half-lives, a correlation with zeros, 11 flows, fiscal years with a
 * partial first year, a short last block); and K1 (bench/k1.yaml), the benchmark workload.
 */
import { describe, expect, it } from 'vitest';
import { BLOCK, CHUNK, fillShocks, makeCorrelate, seriesCount } from '../../src/engine/kernel/index.js';
import { nextNormal } from '../../src/engine/normals.js';
import { nextUniform } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import { addAnnual, apply, correlated, drawn, kernelChunk, NEVER, pathParams, perStep, stepOfYears, worst, type TwinChunk } from './twin-helpers.js';
import { prepareScenario } from '../../src/project.js';
import { FIELD_TARIFF, type Plan } from '../../src/scenario/plan.js';

/** The scenario with every feature (a fixture: see its header). */
const FEATURES = 'test/bench/fixtures/kernel-features.yaml';


/** model.md, one path at a time. */
function twinChunk(plan: Plan, seed: number, chunk: number, n: number): TwinChunk {
  const C = plan.corridors.length, T = plan.steps;
  const Y = plan.years.length, S = seriesCount(plan), dt = plan.dt;
  const stepOf = stepOfYears(plan);
  const param = pathParams(seed, chunk, n);
  const shocks = plan.flowIds.map((id) => drawn(seed, chunk, `shocks:${id}`, n * T, nextNormal));
  const regimes = plan.corridors.map((c) => (c.regime ? drawn(seed, chunk, `corridor:${c.name}:regime`, n * T, nextUniform) : null));
  const implemented = plan.agreements.map((a) => drawn(seed, chunk, `agreement:${a.name}`, n, nextUniform));
  const out: TwinChunk = { annual: [], stepTotal: [], corridorValue: new Float64Array(Y * C) };

  for (let q = 0; q < n; q++) {
    // Agreements: whether and when.
    const active = plan.agreements.map((a, ai) => ((implemented[ai]![q] as number) < a.probability ? stepOf(param(a.delay, q)) : NEVER));
    // Corridors.
    const corr = plan.corridors.map((c, ci) => {
      let opens = c.opens ? stepOf(param(c.opens, q)) : 0;
      plan.agreements.forEach((a, ai) => {
        for (const e of a.corridorEffects) if (e.corridor === ci && e.open && (active[ai] as number) < opens) opens = active[ai] as number;
      });
      const cpy = c.regime ? param(c.regime.closuresPerYear, q) : 0;
      const mcd = c.regime ? param(c.regime.meanClosureDays, q) : 0;
      return {
        freight: param(c.freightCost, q),
        days: param(c.transitDays, q),
        opens,
        reopens: c.reopens ? stepOf(param(c.reopens, q)) : 0,
        pClose: c.regime ? 1 - Math.exp(-cpy * dt) : 0,
        pOpen: c.regime ? 1 - Math.exp((-dt * 365) / mcd) : 1,
        closed: c.regime?.initiallyClosed === true,
      };
    });
    // Flows.
    const flows = plan.flows.map((fp, f) => {
      const base = param(fp.base, q), s = param(fp.volatility, q), h = param(fp.adjustmentHalfLife, q);
      const tc = param(fp.timeCostPerDay, q);
      let refCost = Infinity;
      plan.corridors.forEach((c, ci) => {
        if (c.inReference && c.allows[f] === 1) refCost = Math.min(refCost, corr[ci]!.freight + tc * corr[ci]!.days);
      });
      return {
        x: Math.log(base), v: base, g: param(fp.growth, q), s,
        invPot: fp.potential ? 1 / param(fp.potential, q) : 0,
        e: param(fp.elasticity, q), tc,
        alpha: h > 0 ? 1 - 2 ** (-dt / h) : 1,
        lnm: 0,
        lnRef: C > 0 ? Math.log1p(refCost) : 0,
        p0: (plan.tariff[f * T] as number) + (plan.ntm[f * T] as number),
      };
    });
    const annual = new Float64Array(Y * S);
    const stepTotal = new Float64Array(T);
    for (let k = 0; k < T; k++) {
      // 1. corridor states move; which are open
      const open = corr.map((c, ci) => {
        const reg = regimes[ci];
        if (reg && k >= c.reopens) {
          const u = perStep(reg, q, k, n, T);
          c.closed = c.closed ? u >= c.pOpen : u < c.pClose;
        }
        return !c.closed && k >= c.opens && k >= c.reopens && plan.corridors[ci]!.seasonalClosed[k] !== 1;
      });
      // agreements in force change corridor costs (in declaration order)
      const freight = corr.map((c) => c.freight), days = corr.map((c) => c.days);
      plan.agreements.forEach((a, ai) => {
        if ((active[ai] as number) > k) return;
        for (const e of a.corridorEffects) {
          if (e.freightCost) freight[e.corridor] = Math.max(0, apply(e.freightCost.op, e.freightCost.value, freight[e.corridor] as number));
          if (e.transitDays) days[e.corridor] = Math.max(0, apply(e.transitDays.op, e.transitDays.value, days[e.corridor] as number));
        }
      });
      // 2. correlated shocks c = L z
      const z = plan.flowIds.map((_, f) => perStep(shocks[f]!, q, k, n, T));
      const y = plan.stepYear[k] as number;
      let total = 0;
      flows.forEach((fl, f) => {
        const c = correlated(plan, z, f);
        // 3. log level
        fl.x += (fl.g * (1 - fl.v * fl.invPot) - (fl.s * fl.s) / 2) * dt + fl.s * Math.sqrt(dt) * c;
        // 4. policy multiplier: target from tariff + NTM after the agreements in force
        let tariff = plan.tariff[f * T + k] as number, ntm = plan.ntm[f * T + k] as number;
        plan.agreements.forEach((a, ai) => {
          if ((active[ai] as number) > k) return;
          for (const e of a.flowEffects) {
            if (!e.flows.includes(f)) continue;
            if (e.field === FIELD_TARIFF) tariff = apply(e.op, e.value, tariff);
            else ntm = apply(e.op, e.value, ntm);
          }
        });
        const target = -fl.e * (Math.log1p(Math.max(-0.99, tariff + ntm)) - Math.log1p(fl.p0));
        fl.lnm += fl.alpha * (target - fl.lnm);
        // route: the cheapest corridor open to the flow
        let best = Infinity, route = -1;
        plan.corridors.forEach((cd, ci) => {
          if (!open[ci] || cd.allows[f] !== 1) return;
          const r = (freight[ci] as number) + fl.tc * (days[ci] as number);
          if (r < best) { best = r; route = ci; }
        });
        const routeFactor = C === 0 ? 0 : route < 0 ? -Infinity : -fl.e * (Math.log1p(best) - fl.lnRef);
        fl.v = Math.exp(fl.x + fl.lnm + routeFactor);
        total += fl.v;
        // 5. annual values: the mean of the year's steps; the corridor that carried it
        if (y >= 0) {
          addAnnual(plan, annual, y, f, fl.v);
          if (route >= 0) out.corridorValue[y * C + route] = (out.corridorValue[y * C + route] as number) + fl.v;
        }
      });
      stepTotal[k] = total;
    }
    out.annual.push(annual);
    out.stepTotal.push(stepTotal);
  }
  return out;
}

function compareChunk(plan: Plan, seed: number, chunk: number, n: number) {
  const k = kernelChunk(plan, seed, chunk, n);
  const t = twinChunk(plan, seed, chunk, n);
  expect(k.annual.length).toBe(n);
  let wa = 0, ws = 0;
  for (let q = 0; q < n; q++) {
    wa = Math.max(wa, worst(k.annual[q]!, t.annual[q]!, 1));
    ws = Math.max(ws, worst(k.stepTotal[q]!, t.stepTotal[q]!, 1));
  }
  const wc = worst(k.corridorValue, t.corridorValue, 1);
  return { annual: wa, steps: ws, corridors: wc, kernel: k, twin: t };
}

describe('the kernel equals its one-path-at-a-time twin', () => {
  it('every feature: 11 flows, 5 corridors, 3 agreements, uncertain parameters, fiscal years (two chunks, the second short)', () => {
    const plan = prepareScenario(FEATURES).compiled.plan;
    expect(plan.flowIds).toHaveLength(11);
    expect(plan.stepYear[0]).toBe(-1); // a partial fiscal year at the start
    expect(plan.cholesky).not.toBeNull();
    for (const [chunk, n] of [[0, CHUNK], [3, 700]] as const) {
      const r = compareChunk(plan, 20260204, chunk, n);
      expect(r.annual, 'annual values').toBeLessThan(1e-12);
      expect(r.steps, 'step totals').toBeLessThan(1e-12);
      expect(r.corridors, 'corridor values').toBeLessThan(1e-12);
      // The scenario exercises what it says: routes change, agreements act, values are not trivial.
      const share = r.twin.corridorValue;
      expect(share.filter((v) => v > 0).length).toBeGreaterThan(10);
      expect(r.twin.annual.some((a) => (a[0] as number) > 0)).toBe(true);
    }
  });

  it('K1 (bench/k1.yaml)', () => {
    const plan = prepareScenario('bench/k1.yaml').compiled.plan;
    const r = compareChunk(plan, 11, 5, CHUNK);
    expect(r.annual).toBeLessThan(1e-12);
    expect(r.steps).toBeLessThan(1e-12);
    expect(r.corridors).toBeLessThan(1e-12);
  });
});

describe('the kernel\'s fast parts, bit for bit', () => {
  it('fillShocks gives the draws of nextNormal and leaves the stream where it leaves it', () => {
    let draws = 0;
    for (let s = 0; s < 24; s++) {
      const slow = streamFor(s, 1, 'test:kernel-shocks');
      const fast = Int32Array.from(slow);
      const out = new Float64Array(3 + 20011);
      for (const [offset, len] of [[3, 1], [3, 255], [4, 256], [3, 20011], [3, 0]] as const) {
        fillShocks(fast, out, offset, len);
        for (let i = 0; i < len; i++) expect(Object.is(out[offset + i], nextNormal(slow))).toBe(true);
        expect(Array.from(fast)).toEqual(Array.from(slow));
        draws += len;
      }
    }
    expect(draws).toBeGreaterThan(480_000); // about 13,000 through the wedges and the tail
  });

  it('the generated correlation pass equals the passes it replaces', () => {
    const plan = prepareScenario(FEATURES).compiled.plan;
    const L = plan.cholesky as Float64Array;
    const F = plan.flowIds.length;
    const m = new Float64Array(4 * F * BLOCK);
    const st = streamFor(1, 2, 'test:correlate');
    fillShocks(st, m, F * BLOCK, F * BLOCK);
    const generated = makeCorrelate(L, F), passes = makeCorrelate(L, F, false);
    expect(generated).not.toBe(passes);
    for (const nb of [BLOCK, 17]) {
      generated(L, m, F * BLOCK, 2 * F * BLOCK, nb);
      passes(L, m, F * BLOCK, 3 * F * BLOCK, nb);
      for (let f = 0; f < F; f++) {
        for (let p = 0; p < nb; p++) expect(Object.is(m[2 * F * BLOCK + f * BLOCK + p], m[3 * F * BLOCK + f * BLOCK + p])).toBe(true);
      }
    }
  });
});
