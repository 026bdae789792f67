/**
 * Issue 11, item 3: a reference route cost per path. A scenario names the corridors open when its
 * bases were observed; each path's reference cost uses its own draws, so a path whose corridors
 * are in that state has exactly its base whatever its elasticity, and a path whose cheapest
 * corridor is shut starts at base ((1 + r_now) / (1 + r_ref))^-e with its own e.
 * Per-path values at the first step (growth and volatility 0: nothing else moves the level).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK, CHUNK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { sampleDistribution } from '../../src/engine/sample.js';
import { streamFor } from '../../src/engine/streams.js';
import { prepareScenario } from '../../src/project.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const SEED = 3, PATHS = 2 * CHUNK + 100;
const ROAD = 0.2, ROAD_DAYS = 18, SEA = 0.28, SEA_DAYS = 30, TC = 0.008, BASE = 40e6;

function scenario(roadClosed: boolean, observedWith: string): string {
  return `
name: reference
start: 2026-01
horizon: 3
target: { value: 1B, year: 2027 }
${observedWith}
defaults:
  elasticity: { dist: uniform, min: 3, max: 8 }
  timeCostPerDay: ${TC}
flows:
  grain:
    KZ>PK: { base: ${BASE}, growth: 0, volatility: 0 }
corridors:
  road:
    freightCost: ${ROAD}
    transitDays: ${ROAD_DAYS}
${roadClosed ? '    initiallyClosed: true\n    reopens: 2027-01' : ''}
  sea: { freightCost: ${SEA}, transitDays: ${SEA_DAYS} }
`;
}

let n = 0;
/** Each path's value at steps ks, and its elasticity draw (the stream the kernel draws it from). */
function run(yaml: string, ks: number[]): { values: Float64Array[]; elasticity: Float64Array } {
  const plan = prepareScenario(dir.file(`r${n++}.yaml`, yaml)).compiled.plan;
  const sim = new ChunkSimulator(plan);
  const values = ks.map(() => new Float64Array(PATHS));
  const elasticity = new Float64Array(PATHS);
  for (let c = 0; c * CHUNK < PATHS; c++) {
    const count = Math.min(CHUNK, PATHS - c * CHUNK);
    // one draw per path, block by block: the blocks of a chunk continue one stream
    const st = streamFor(SEED, c, 'param:defaults.elasticity');
    const el = plan.flows[0]!.elasticity;
    if (el.kind !== 'dist') throw new Error('test: elasticity should be uncertain');
    for (let p = 0; p < count; p++) elasticity[c * CHUNK + p] = sampleDistribution(el.dist, st);
    sim.simulateChunk(SEED, c, count, (b) => {
      ks.forEach((k, j) => { for (let p = 0; p < b.n; p++) values[j]![b.firstPath + p] = b.stepTotal[k * BLOCK + p] as number; });
    });
  }
  return { values, elasticity };
}

describe('the reference route cost per path', () => {
  it('gives every path its observed base at t = 0 when the corridors are as observed, whatever its elasticity', () => {
    const { values, elasticity } = run(scenario(false, 'basesObservedWith: { open: [road, sea] }'), [0]);
    expect(Math.max(...elasticity) - Math.min(...elasticity)).toBeGreaterThan(4); // the draws do differ
    for (const v of values[0]!) expect(v / BASE).toBeCloseTo(1, 13);
  });

  it('starts a path whose observed corridor is shut at base ((1 + r_sea) / (1 + r_road))^-e with its own e, and brings it back to base when it reopens', () => {
    const { values, elasticity } = run(scenario(true, 'basesObservedWith: { open: [road, sea] }'), [0, 12]);
    const ratio = (1 + SEA + TC * SEA_DAYS) / (1 + ROAD + TC * ROAD_DAYS);
    for (let p = 0; p < PATHS; p++) {
      expect((values[0]![p] as number) / BASE).toBeCloseTo(ratio ** -(elasticity[p] as number), 12);
      expect((values[1]![p] as number) / BASE).toBeCloseTo(1, 13); // 2027-01: the road is open again
    }
  });

  it('by default takes the corridors open at the start: a shut corridor is not in the reference', () => {
    const { values } = run(scenario(true, ''), [0, 12]);
    const ratio = (1 + SEA + TC * SEA_DAYS) / (1 + ROAD + TC * ROAD_DAYS);
    for (let p = 0; p < PATHS; p++) expect((values[0]![p] as number) / BASE).toBeCloseTo(1, 13);
    // reopening lifts each path above its base by its own factor
    const lifted = values[1]!.map((v) => v / BASE);
    expect(Math.min(...lifted)).toBeGreaterThan(ratio ** 3 - 1e-12);
    expect(Math.max(...lifted)).toBeLessThan(ratio ** 8 + 1e-12);
  });

  it('rejects an unknown corridor in basesObservedWith, naming the field', () => {
    expect(() => prepareScenario(dir.file('bad.yaml', scenario(false, 'basesObservedWith: { open: [rail] }')))).toThrow(ScenarioError);
    try {
      prepareScenario(dir.file('bad2.yaml', scenario(false, 'basesObservedWith: { open: [rail] }')));
    } catch (e) {
      const issue = (e as ScenarioError).issues[0]!;
      expect(issue.path).toBe('basesObservedWith.open[0]');
      expect(issue.message).toContain('"rail"');
      expect(issue.line).toBeGreaterThan(0);
    }
  });
});
