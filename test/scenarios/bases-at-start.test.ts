/**
 * Issue 11, "Must show": at t = 0 every path of the library's baselines reproduces its observed
 * base, whatever its elasticity draw. The bases are FY2024-25 values, observed with the Afghan
 * border open (`basesObservedWith`); each path's reference route cost uses its own draws of
 * freight, days, time cost and elasticity, so with the corridors as observed the first step of
 * every path is the sum of that path's own base draws.
 *
 * The library file is run as it is but for what would move the first step away from the base by
 * design: growth and shocks (a month of them), and the corridors' state (the border shut since
 * October 2025, the Khunjerab pass shut in January). The bases, their per-path draws, the
 * elasticity, freight by weight, time costs, tariffs (MFN and bilateral), permanent shares and
 * potentials are the library's. Per-path values of the first step, as test/engine/model-*.test.ts
 * read them. The first step covers (0, dt], so a flow with a permanent share (baseline-pk's
 * KZ>PK, FY25's import spike) has its deviation -ln(pi) decayed once, by phi^dt, with its own pi
 * and phi: its value is base pi^(1 - phi^dt), and exactly its base at t = 0.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK, BLOCK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { sampleDistribution } from '../../src/engine/sample.js';
import { streamFor } from '../../src/engine/streams.js';
import { prepareScenario } from '../../src/project.js';
import type { ParamDraw, Plan } from '../../src/scenario/plan.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const SEED = 7, PATHS = CHUNK + 500;
const still = '{ growth: 0, volatility: 0, transitoryVolatility: 0 }';
const noJumps = '{ jumpsPerYear: null, jumpMean: null, jumpSd: null }';

/** The library baseline with the corridors as they were when the bases were observed, and no growth or shocks. */
function asObserved(baseline: string, openBorder: boolean): string {
  const path = fileURLToPath(new URL(`../../scenarios/${baseline}.yaml`, import.meta.url));
  return dir.file(`${baseline}-${openBorder ? 'observed' : 'now'}.yaml`, `
extends: ${JSON.stringify(path)}
name: ${baseline}-at-start
byDirection:
  PK>KZ: ${still}
  KZ>PK: ${still}
flows:
  agriculture:
    KZ>PK: ${noJumps}
  energy:
    KZ>PK: ${noJumps}
${openBorder ? `borders:
  afghanistan: { initiallyClosed: false, reopens: null, closuresPerYear: 0 }
corridors:
  karakoram: { closedMonths: [] }` : ''}
`);
}

/** A per-path parameter's draws in chunk c, from the stream the kernel draws it from. */
function draws(d: ParamDraw, c: number, count: number): Float64Array {
  const out = new Float64Array(count);
  if (d.kind === 'fixed') return out.fill(d.value);
  const st = streamFor(SEED, c, d.component);
  for (let p = 0; p < count; p++) out[p] = sampleDistribution(d.dist, st) + d.offset;
  return out;
}

/** Per path: the first step's total, the sum of its base draws, and its elasticity draw. */
function firstStep(plan: Plan): { total: Float64Array; bases: Float64Array; elasticity: Float64Array } {
  const sim = new ChunkSimulator(plan);
  const total = new Float64Array(PATHS), bases = new Float64Array(PATHS), elasticity = new Float64Array(PATHS);
  for (let c = 0; c * CHUNK < PATHS; c++) {
    const count = Math.min(CHUNK, PATHS - c * CHUNK), first = c * CHUNK;
    for (const fp of plan.flows) {
      const base = draws(fp.base, c, count);
      if (fp.permanentShare) {
        // The first step covers (0, dt]: the FY25 deviation -ln(pi) has decayed by phi^dt once.
        const pi = draws(fp.permanentShare, c, count), phi = draws(fp.persistence!, c, count);
        for (let p = 0; p < count; p++) base[p]! *= (pi[p] as number) ** (1 - (phi[p] as number) ** (1 / plan.stepsPerYear));
      }
      for (let p = 0; p < count; p++) bases[first + p]! += base[p] as number;
    }
    elasticity.set(draws(plan.flows[0]!.elasticity, c, count), first);
    sim.simulateChunk(SEED, c, count, (blk) => {
      for (let p = 0; p < blk.n; p++) total[blk.firstPath + p] = blk.stepTotal[p] as number; // step 0
    });
  }
  expect(BLOCK).toBeGreaterThan(0);
  return { total, bases, elasticity };
}

describe.each(['baseline-pk', 'baseline-kz'])('%s at t = 0', (baseline) => {
  it('gives every path exactly the sum of its own base draws when the corridors are as observed, whatever its elasticity', () => {
    const plan = prepareScenario(asObserved(baseline, true)).compiled.plan;
    expect(plan.corridors.filter((c) => c.inReference).map((c) => c.name).sort()).toEqual(['afghan-road', 'air', 'caspian-iran', 'karakoram']);
    // one elasticity per path, shared by all flows (the library's defaults), so one draw stands for all
    const components = plan.flows.map((f) => (f.elasticity.kind === 'dist' ? f.elasticity.component : 'fixed'));
    expect(new Set(components)).toEqual(new Set(['param:defaults.elasticity']));
    const { total, bases, elasticity } = firstStep(plan);
    expect(Math.max(...elasticity) - Math.min(...elasticity)).toBeGreaterThan(0.9); // the draws span the library's 4-5
    expect(Math.max(...bases) / Math.min(...bases)).toBeGreaterThan(1.2); // and the bases differ by path
    for (let p = 0; p < PATHS; p++) expect((total[p] as number) / (bases[p] as number)).toBeCloseTo(1, 12);
  });

  it('starts below the base with the border shut, by the route cost alone, and more on paths with a higher elasticity', () => {
    const plan = prepareScenario(asObserved(baseline, false)).compiled.plan;
    const { total, bases, elasticity } = firstStep(plan);
    const ratio = Array.from(total, (t, p) => t / (bases[p] as number));
    for (const r of ratio) { expect(r).toBeLessThan(1); expect(r).toBeGreaterThan(0.05); }
    // rank correlation of the fall with the elasticity: a higher e loses more to the same cost rise
    const hi = ratio.filter((_, p) => (elasticity[p] as number) > 4.75), lo = ratio.filter((_, p) => (elasticity[p] as number) <= 4.75);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(hi)).toBeLessThan(mean(lo));
  });
});
