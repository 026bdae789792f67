/**
 * The per-step and per-block work moved to kernel.wat against its JS loops (`{ wasm: false }`), bit
 * for bit. yearEnd (the flush of each flow's value into the annual rows and the corridors' values):
 * every path's annual values and step totals and the chunk's corridor values, on K1 (fixed route
 * costs), baseline-pk (general routes, agreements, route adjustment), the model-features fixture,
 * and K1 started in April (whole calendar years only: the first nine steps belong to no year,
 * y = -1, whose flush is discarded), and model-features with chains on every corridor that can
 * have one (with a reopening, an opening date, a border and a season), over chunks that end in a
 * short, odd block. Routes.move (kernel.wat chainMove, gateMove, borderMove): the sets of open corridors
 * and the chains' and borders' states after every call, on the same plans. Routes.adjust
 * (kernel.wat adjustTargets, general routes): its state after every call on baseline-pk and the
 * chains variant of model-features. blockHits (a
 * block's paths at the target, per year, and their first years): against hits.ts and a count
 * written from the rule's definition, on values at, just below and above the target and NaN, with
 * the single-year and the sustained rule, and through out.bin() on simulated blocks.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockHits } from '../../src/engine/hits.js';
import { BLOCK, ChunkSimulator, seriesCount } from '../../src/engine/kernel/index.js';
import { Routes } from '../../src/engine/kernel/routes.js';
import { wasmAvailable, wasmKernel } from '../../src/engine/kernel/wasm.js';
import { zigguratTables } from '../../src/engine/normals.js';
import { nextUniform } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import { prepareScenario } from '../../src/project.js';
import type { Plan } from '../../src/scenario/plan.js';
import { TempDir } from '../helpers/scenario-files.js';
import { kernelChunk, type TwinChunk } from './twin-helpers.js';

const plans = (): Array<[string, Plan]> => {
  const dir = new TempDir();
  try {
    const k1 = readFileSync('bench/k1.yaml', 'utf8');
    expect(k1).toContain('start: 2026-01');
    const features = readFileSync('test/engine/fixtures/model-features.yaml', 'utf8');
    const chains = features
      .replace('transitDays: 18, border: afghanistan, mode: road }', 'transitDays: 18, border: afghanistan, mode: road, closuresPerYear: 3, meanClosureDays: 20, initiallyClosed: true, reopens: { dist: uniform, min: 2026.3, max: 2027 } }')
      .replace('border: afghanistan, opens: { dist: uniform, min: 2026.5, max: 2028.5 }, mode: rail,', 'border: afghanistan, opens: { dist: uniform, min: 2026.5, max: 2028.5 }, mode: rail, closuresPerYear: 2, meanClosureDays: 30,');
    expect(chains).not.toBe(features);
    // K1 with what runSteps must do beside K1's: a border with a chain and a reopening that the road
    // crosses (with a reopening of its own), a season and a chain on the northern route, a corridor
    // that opens later, and a per-path elasticity (routes re-derived from routeDiff)
    const k1Chains = k1
      .replace('    initiallyClosed: false\n', '    initiallyClosed: true\n    reopens: { dist: uniform, min: 2026.2, max: 2027 }\n    border: afghanistan\n')
      .replace('transitDays: { value: 25, source: "bench/peers/k1.json corridors.northern.transitDays" }\n',
        'transitDays: { value: 25, source: "bench/peers/k1.json corridors.northern.transitDays" }\n    closedMonths: [Jan, Feb]\n    closuresPerYear: 2\n    meanClosureDays: 20\n'
        + '  rail:\n    freightCost: 0.03\n    transitDays: 6\n    opens: { dist: uniform, min: 2027, max: 2031 }\n    closuresPerYear: 1\n    meanClosureDays: 30\n'
        + 'borders:\n  afghanistan:\n    initiallyClosed: true\n    reopens: { dist: uniform, min: 2026.1, max: 2026.8 }\n    closuresPerYear: 1\n    meanClosureDays: 40\n')
      .replace('elasticity: { value: 5, source: "bench/peers/k1.json elasticity[0]" }', 'elasticity: { dist: uniform, min: 3, max: 7 }');
    expect(k1Chains.match(/closuresPerYear/g)?.length).toBe(5);
    return [
      ['K1', prepareScenario('bench/k1.yaml').compiled.plan],
      ['baseline-pk', prepareScenario('scenarios/baseline-pk.yaml').compiled.plan],
      ['model-features', prepareScenario('test/engine/fixtures/model-features.yaml').compiled.plan],
      ['K1 from April', prepareScenario(dir.file('k1-april.yaml', k1.replace('start: 2026-01', 'start: 2026-04'))).compiled.plan],
      ['chains everywhere', prepareScenario(dir.file('chains.yaml', chains)).compiled.plan],
      ['K1 with chains', prepareScenario(dir.file('k1-chains.yaml', k1Chains)).compiled.plan],
      ['K1 uncorrelated', prepareScenario(dir.file('k1-iid.yaml', k1.replace(/\ncorrelation:\n( {2}.*\n)+/, '\n'))).compiled.plan],
      ['K1 without corridors', prepareScenario(dir.file('k1-direct.yaml', k1.replace(/\ncorridors:\n( {2}.*\n)+/, '\n'))).compiled.plan],
    ];
  } finally {
    dir.remove();
  }
};

/** A simulator that runs every block step by step (ChunkSimulator.step), not in one runSteps call. */
const stepByStep = (sim: ChunkSimulator): ChunkSimulator => {
  (sim as unknown as { stepsAt: number }).stepsAt = -1;
  return sim;
};
const usesRunSteps = (plan: Plan): boolean => (new ChunkSimulator(plan) as unknown as { stepsAt: number }).stepsAt >= 0;

/** A chunk's annual values and step totals (block by block, row by row, the block's paths), and its corridor values. */
function chunkOf(sim: ChunkSimulator, seed: number, chunk: number, n: number): Float64Array[] {
  const out: Float64Array[] = [];
  const rows = (a: Float64Array, nb: number) => { for (let o = 0; o < a.length; o += BLOCK) out.push(a.slice(o, o + nb)); };
  const r = sim.simulateChunk(seed, chunk, n, (b) => { rows(b.annual, b.n); rows(b.stepTotal, b.n); });
  out.push(Float64Array.from(r.corridorValue));
  return out;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));
const allSame = (a: Float64Array[], b: Float64Array[]): boolean => a.length === b.length && a.every((x, q) => same(x, b[q]!));

describe.runIf(wasmAvailable)('the step\'s work in kernel.wat', () => {
  const all = plans();

  it('covers corridor chains with a reopening, an opening, a border and a season, and a border chain', () => {
    const plan = all.find(([name]) => name === 'chains everywhere')![1];
    const c = (name: string) => plan.corridors.find((x) => x.name === name)!;
    expect(c('afghan-road').regime !== null && c('afghan-road').reopens !== null && c('afghan-road').border >= 0).toBe(true);
    expect(c('afghan-rail').regime !== null && c('afghan-rail').opens !== null && c('afghan-rail').border >= 0).toBe(true);
    expect(c('karakoram').regime !== null && c('karakoram').seasonalClosed.some((x) => x === 1)).toBe(true);
    expect(plan.borders.every((b) => b.regime !== null)).toBe(true);
  });

  it.each(all.map(([name], i) => [name, i] as const).filter(([, i]) => all[i]![1].corridors.length > 0))('%s: Routes.move (kernel.wat chainMove, gateMove and borderMove) leaves the sets of open corridors, the chains\' states and the borders\' as the JS loops do, after every call', (_, i) => {
    const plan = all[i]![1];
    const seen = (wasm: boolean): string[] => {
      const out: string[] = [];
      const move = Routes.prototype.move;
      Routes.prototype.move = function (this: Routes, nb, k, regimes, borders) {
        move.call(this, nb, k, regimes, borders);
        const o = this as unknown as Record<string, ArrayBufferView>;
        const h = createHash('sha1');
        for (const a of [o.mask!, o.closed!, o.bClosed!, o.bOpenNow!]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
        out.push(h.digest('hex'));
      };
      try {
        // step by step (runSteps would move the corridors inside kernel.wat, without calling move)
        stepByStep(new ChunkSimulator(plan, { wasm })).simulateChunk(9, 1, 601, () => undefined);
      } finally {
        Routes.prototype.move = move;
      }
      return out;
    };
    const w = seen(true), j = seen(false);
    expect(w.length).toBe(3 * plan.steps);
    expect(w).toEqual(j);
    expect(new Set(w).size).toBeGreaterThan(plan.steps); // the states move
  });

  it('runs the blocks of K1 and its variants in one runSteps call, and of the plans with agreements or moving policies step by step', () => {
    expect(all.map(([name, plan]) => [name, usesRunSteps(plan)])).toEqual([
      ['K1', true], ['baseline-pk', false], ['model-features', false], ['K1 from April', true], ['chains everywhere', false],
      ['K1 with chains', true], ['K1 uncorrelated', true], ['K1 without corridors', true],
    ]);
    expect(all.find(([name]) => name === 'K1 without corridors')![1].corridors.length).toBe(0);
    const chained = all.find(([name]) => name === 'K1 with chains')![1];
    expect(chained.borders.length).toBe(1);
    expect(chained.corridors.filter((c) => c.regime !== null).length).toBe(3);
    expect(chained.corridors.some((c) => c.seasonalClosed.some((x) => x === 1))).toBe(true);
    expect(chained.flows.some((f) => f.elasticity.kind !== 'fixed')).toBe(true);
    expect(all.find(([name]) => name === 'K1 uncorrelated')![1].cholesky).toBeNull();
  });

  it.each(all.filter(([, plan]) => usesRunSteps(plan)).map(([name]) => [name] as const))('%s: runSteps gives step\'s bits (wasm and JS loops): annual values, step totals, corridor values, over even and odd blocks', (name) => {
    const plan = all.find(([n]) => n === name)![1];
    for (const [chunk, n] of [[0, 1024], [2, 601], [5, 2]] as const) {
      const one = chunkOf(new ChunkSimulator(plan), 8, chunk, n);
      const steps = chunkOf(stepByStep(new ChunkSimulator(plan)), 8, chunk, n);
      const js = chunkOf(new ChunkSimulator(plan, { wasm: false }), 8, chunk, n);
      expect(allSame(one, steps), 'runSteps against step').toBe(true);
      expect(allSame(one, js), 'runSteps against the JS loops').toBe(true);
      expect(one.at(-1)!.some((v) => v > 0) || plan.corridors.length === 0, 'corridor values').toBe(true);
    }
  });

  it.each(['baseline-pk', 'chains everywhere'])('%s: Routes.adjust (kernel.wat adjustTargets) leaves the targets, caps, lasting bits, cost logs and stale flags as the JS loops do, after every call', (name) => {
    const plan = all.find(([n]) => n === name)![1];
    const seen = (wasm: boolean): { digests: string[]; work: number } => {
      const out: string[] = [];
      let work = 0;
      const adjust = Routes.prototype.adjust;
      Routes.prototype.adjust = function (this: Routes) {
        const o = this as unknown as Record<string, ArrayBufferView> & { adjustCount: number; flows: Record<string, ArrayBufferView> };
        work += o.adjustCount;
        adjust.call(this);
        expect(o.adjustCount).toBe(0);
        const h = createHash('sha1');
        for (const a of [o.flows.adjTarget!, o.flows.adjCap!, o.adjBits!, o.lnCost!, o.adjustStale!]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
        out.push(h.digest('hex'));
      };
      try {
        new ChunkSimulator(plan, { wasm }).simulateChunk(6, 1, 601, () => undefined);
      } finally {
        Routes.prototype.adjust = adjust;
      }
      return { digests: out, work };
    };
    const w = seen(true), j = seen(false);
    expect(w.digests.length).toBe(3 * plan.steps);
    expect(w.digests).toEqual(j.digests);
    expect(w.work).toBe(j.work);
    expect(w.work).toBeGreaterThan(601); // paths whose lasting corridors or costs changed, over the chunk's steps
    expect(new Set(w.digests).size).toBeGreaterThan(plan.steps / 2);
  });

  it('covers a year that is discarded (y = -1) and corridors that carry value', () => {
    const april = all.find(([name]) => name === 'K1 from April')![1];
    expect(Array.from(april.stepYear.subarray(0, 10))).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, -1, 0]);
    expect(april.years.length).toBe(9);
  });

  it.each(all.map(([name], i) => [name, i] as const))('%s: yearEnd gives the JS loop\'s annual values, step totals and corridor values, bit for bit', (_, i) => {
    const plan = all[i]![1];
    for (const [chunk, n] of [[0, 1024], [3, 601]] as const) {
      const w: TwinChunk = kernelChunk(plan, 5, chunk, n), j: TwinChunk = kernelChunk(plan, 5, chunk, n, { wasm: false });
      expect(allSame(w.annual, j.annual), 'annual').toBe(true);
      expect(allSame(w.stepTotal, j.stepTotal), 'stepTotal').toBe(true);
      expect(same(w.corridorValue, j.corridorValue), 'corridorValue').toBe(true);
      expect(w.corridorValue.some((v) => v > 0) || plan.corridors.length === 0).toBe(true);
      expect(w.annual.some((a) => a.some((v) => v > 0))).toBe(true);
    }
  });
});

/** Per year, the paths whose last `need` totals (year y's and the need - 1 before it) are all >= target; per year, the paths for which y is the first such year (index years: never). */
function reference(rows: number[][], target: number, need: number): { hits: number[]; first: number[] } {
  const years = rows.length, n = rows[0]?.length ?? 0;
  const hits = new Array<number>(years).fill(0), first = new Array<number>(years + 1).fill(0);
  for (let p = 0; p < n; p++) {
    let fy = years;
    for (let y = 0; y < years; y++) {
      let ok = y + 1 >= need;
      for (let j = Math.max(0, y - need + 1); j <= y; j++) ok &&= rows[j]![p]! >= target;
      if (ok) { hits[y]!++; if (fy === years) fy = y; }
    }
    first[fy]!++;
  }
  return { hits, first };
}

describe.runIf(wasmAvailable)('blockHits', () => {
  const target = 1e9;
  const values = [target, target * (1 - 2 ** -52), target * (1 + 2 ** -52), NaN, 0, 2 * target, target - 1];
  const Y = 9, stride = 11 * BLOCK;

  it.each([1, 2, 3, 9])('counts as the rule\'s definition and hits.ts, in wasm, sustained over %i year(s), for 1, 255 and 256 paths', (need) => {
    const st = streamFor(3, need, 'test:hits');
    for (const n of [1, 255, 256]) {
      const k = wasmKernel(Y * stride + 64, 1, zigguratTables.KN, zigguratTables.WN, zigguratTables.FN)!;
      const m = k.mem, outAt = Y * stride + 8;
      // mostly at or above the target in runs, so that sustained runs occur, with the edge values among them
      const rows = Array.from({ length: Y }, () => Array.from({ length: n }, () => {
        const u = nextUniform(st);
        return u < 0.3 ? values[Math.floor(u / 0.3 * values.length)]! : u < 0.75 ? target * (1 + u) : target * u;
      }));
      rows.forEach((r, y) => m.set(r, y * stride));
      m.fill(7, outAt, outAt + 2 * Y + 1); // stale counts: both must zero them
      const ref = reference(rows, target, need);
      expect(ref.hits.some((h) => h > 0) || n === 1).toBe(true);
      k.fn.blockHits(k.memAt, Y, stride * 8, n, target, need, k.memAt + outAt * 8, k.memAt + (outAt + Y) * 8);
      expect(Array.from(m.subarray(outAt, outAt + Y)), 'wasm hits').toEqual(ref.hits);
      expect(Array.from(m.subarray(outAt + Y, outAt + 2 * Y + 1)), 'wasm first years').toEqual(ref.first);
      const js = new Float64Array(2 * Y + 1).fill(7);
      blockHits(m, 0, Y, stride, n, target, need, js, 0, Y);
      expect(Array.from(js.subarray(0, Y)), 'JS hits').toEqual(ref.hits);
      expect(Array.from(js.subarray(Y)), 'JS first years').toEqual(ref.first);
    }
  });

  it.each([1, 3])('out.bin() counts each simulated block\'s paths at the target as the definition, with wasm and JS loops (sustained %i)', (need) => {
    const dir = new TempDir();
    try {
      const text = readFileSync('bench/k1.yaml', 'utf8').replace('target: { value: 1B, year: 2035,', `target: { value: 1B, year: 2035, sustainedYears: ${need},`);
      const plan = prepareScenario(dir.file('k1-hits.yaml', text)).compiled.plan;
      expect(plan.target.sustainedYears).toBe(need);
      const S = seriesCount(plan), Yp = plan.years.length;
      const seen: Record<string, number[][]> = { wasm: [], js: [] };
      for (const wasm of [true, false]) {
        new ChunkSimulator(plan, { wasm }).simulateChunk(4, 2, 601, (b) => {
          const bins = b.bin();
          const rows = Array.from({ length: Yp }, (_, y) => Array.from(b.annual.subarray(y * S * BLOCK, y * S * BLOCK + b.n)));
          const ref = reference(rows, plan.target.value, need);
          expect(Array.from(bins.hits)).toEqual(ref.hits);
          expect(Array.from(bins.firstYear)).toEqual(ref.first);
          seen[wasm ? 'wasm' : 'js']!.push([...bins.hits, ...bins.firstYear]);
        });
      }
      expect(seen.wasm).toEqual(seen.js);
      expect(seen.wasm!.length).toBe(3);
      const total = seen.wasm!.reduce((a, r) => a + r[Yp - 1]!, 0);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThan(601);
    } finally {
      dir.remove();
    }
  });
});
