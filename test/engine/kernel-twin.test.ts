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
import { BLOCK, CHUNK, ChunkSimulator, fillShocks, makeCorrelate, seriesCount } from '../../src/engine/kernel/index.js';
import { nextNormal } from '../../src/engine/normals.js';
import { nextUniform } from '../../src/engine/rng.js';
import { sampleDistribution } from '../../src/engine/sample.js';
import { streamFor } from '../../src/engine/streams.js';
import { prepareScenario } from '../../src/project.js';
import { FIELD_TARIFF, OP_ADD, OP_MULTIPLY, OP_SET, type ParamDraw, type Plan } from '../../src/scenario/plan.js';

/** The scenario with every feature (a fixture: see its header). */
const FEATURES = 'test/bench/fixtures/kernel-features.yaml';

const NEVER = 0x7fffffff;

/** Every draw of a stream a chunk uses, in the order the kernel takes them. */
function drawn(seed: number, chunk: number, component: string, count: number, draw: (st: Int32Array) => number): Float64Array {
  const st = streamFor(seed, chunk, component);
  return Float64Array.from({ length: count }, () => draw(st));
}

/**
 * Per-step draws (one per path-step) are taken block by block, step by step, path by path:
 * the draw of path q (within the chunk) at step k.
 */
function perStep(all: Float64Array, q: number, k: number, n: number, T: number): number {
  const b0 = Math.floor(q / BLOCK) * BLOCK;
  const nb = Math.min(BLOCK, n - b0);
  return all[b0 * T + k * nb + (q - b0)] as number;
}

interface TwinChunk {
  /** [q][(y * S + s)] */
  annual: Float64Array[];
  /** [q][k] */
  stepTotal: Float64Array[];
  corridorValue: Float64Array;
}

const apply = (op: number, value: number, x: number) => (op === OP_SET ? value : op === OP_ADD ? x + value : op === OP_MULTIPLY ? x * value : x);

/** model.md, one path at a time. */
function twinChunk(plan: Plan, seed: number, chunk: number, n: number): TwinChunk {
  const F = plan.flowIds.length, C = plan.corridors.length, T = plan.steps;
  const Y = plan.years.length, S = seriesCount(plan), dt = plan.dt;
  const stepOf = (years: number) => (years <= 0 ? 0 : Math.min(NEVER, Math.ceil(years * plan.stepsPerYear - 1e-9)));
  // Per-path parameters: one draw per path from the component's stream, shared by every field
  // that names the same component.
  const params = new Map<string, Float64Array>();
  const param = (d: ParamDraw, q: number): number => {
    if (d.kind === 'fixed') return d.value;
    let values = params.get(d.component);
    if (!values) {
      values = drawn(seed, chunk, d.component, n, (st) => sampleDistribution(d.dist, st));
      params.set(d.component, values);
    }
    return (values[q] as number) + d.offset;
  };
  const shocks = plan.flowIds.map((id) => drawn(seed, chunk, `shocks:${id}`, n * T, nextNormal));
  const regimes = plan.corridors.map((c) => (c.regime ? drawn(seed, chunk, `corridor:${c.name}:regime`, n * T, nextUniform) : null));
  const implemented = plan.agreements.map((a) => drawn(seed, chunk, `agreement:${a.name}`, n, nextUniform));
  const L = plan.cholesky;
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
        if (c.openAtStart && c.allows[f] === 1) refCost = Math.min(refCost, corr[ci]!.freight + tc * corr[ci]!.days);
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
        let c = z[f] as number;
        if (L) {
          c = 0;
          for (let j = 0; j <= f; j++) c += (L[f * F + j] as number) * (z[j] as number);
        }
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
          const a = fl.v / (plan.yearSteps[y] as number);
          annual[y * S] = (annual[y * S] as number) + a;
          annual[y * S + 1 + (plan.flowSector[f] as number)] = (annual[y * S + 1 + (plan.flowSector[f] as number)] as number) + a;
          annual[y * S + 1 + plan.sectors.length + (plan.flowDirection[f] as number)] = (annual[y * S + 1 + plan.sectors.length + (plan.flowDirection[f] as number)] as number) + a;
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

/** The kernel's chunk, per path. */
function kernelChunk(plan: Plan, seed: number, chunk: number, n: number): TwinChunk {
  const sim = new ChunkSimulator(plan);
  const Y = plan.years.length, S = seriesCount(plan), T = plan.steps;
  const out: TwinChunk = { annual: [], stepTotal: [], corridorValue: new Float64Array(0) };
  const { corridorValue } = sim.simulateChunk(seed, chunk, n, (b) => {
    expect(b.firstPath).toBe(chunk * CHUNK + out.annual.length);
    for (let p = 0; p < b.n; p++) {
      out.annual.push(Float64Array.from({ length: Y * S }, (_, j) => b.annual[j * BLOCK + p] as number));
      out.stepTotal.push(Float64Array.from({ length: T }, (_, k) => b.stepTotal[k * BLOCK + p] as number));
    }
  });
  out.corridorValue = Float64Array.from(corridorValue);
  return out;
}

/** Largest relative difference, |a - b| / max(|b|, floor). */
function worst(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  expect(a.length).toBe(b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number)) / Math.max(Math.abs(b[i] as number), floor);
    if (!(d <= w)) w = d;
  }
  return w;
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
      generated(m, F * BLOCK, 2 * F * BLOCK, nb);
      passes(m, F * BLOCK, 3 * F * BLOCK, nb);
      for (let f = 0; f < F; f++) {
        for (let p = 0; p < nb; p++) expect(Object.is(m[2 * F * BLOCK + f * BLOCK + p], m[3 * F * BLOCK + f * BLOCK + p])).toBe(true);
      }
    }
  });
});
