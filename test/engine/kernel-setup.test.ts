/**
 * A block's set-up (simulator.ts initBlock and initChunk, routes.ts initCorridors and fixedRows,
 * agreements.ts and transitory.ts, with per-path.ts): parameters that are the same on every path
 * are filled once (per simulator or per chunk), those drawn per path computed per block. The
 * two ways must give the same bits: each plan runs as it is and with every fixed parameter made a
 * draw (a uniform on [value, value], which draws the value itself on every path, from its own stream).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK, CHUNK, ChunkSimulator, type BlockResult } from '../../src/engine/kernel/index.js';
import { fillPairs, halfLifeShare } from '../../src/engine/kernel/per-path.js';
import { prepareScenario } from '../../src/project.js';
import type { ParamDraw, Plan } from '../../src/scenario/plan.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());
const FEATURES = 'test/engine/fixtures/model-features.yaml';
/** Every model feature, with a corridor priced per container whose both parameters are fixed. */
const features = () => dir.file('features.yaml', readFileSync(FEATURES, 'utf8').replace('tonnesPerContainer: { dist: uniform, min: 22, max: 26 }', 'tonnesPerContainer: 24'));

const bits = (x: number) => new BigUint64Array(Float64Array.of(x).buffer)[0]!;

/**
 * The plan with fixed parameters (but dates, which carry an offset) made draws of a uniform on
 * [value, value]: the i-th one found when pick(i); and how many it changed.
 */
function drawnWhere(plan: Plan, pick: (i: number) => boolean): { plan: Plan; changed: number } {
  let changed = 0, seen = 0;
  const walk = (x: unknown, path: string): unknown => {
    if (Array.isArray(x)) return x.map((y, i) => walk(y, `${path}.${i}`));
    if (x === null || typeof x !== 'object' || ArrayBuffer.isView(x)) return x;
    const o = x as Record<string, unknown>;
    if (o.kind === 'fixed' && typeof o.value === 'number' && Object.keys(o).length === 2 && !/opens|reopens|delay/.test(path)) {
      if (!pick(seen++)) return x;
      changed++;
      return { kind: 'dist', dist: { dist: 'uniform', min: o.value, max: o.value }, component: `test:${path}`, offset: 0 } satisfies ParamDraw;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v, `${path}.${k}`)]));
  };
  const out = { ...plan, flows: walk(plan.flows, 'flows'), corridors: walk(plan.corridors, 'corridors'), borders: walk(plan.borders, 'borders') } as Plan;
  return { plan: out, changed };
}

function run(plan: Plan, wasm: boolean, seed: number, chunk: number, n: number) {
  const sim = new ChunkSimulator(plan, { wasm });
  const blocks: Array<{ annual: Float64Array; stepTotal: Float64Array; n: number }> = [];
  const { corridorValue } = sim.simulateChunk(seed, chunk, n, (b: BlockResult) => {
    blocks.push({ annual: Float64Array.from(b.annual), stepTotal: Float64Array.from(b.stepTotal), n: b.n });
  });
  return { blocks, corridorValue: Float64Array.from(corridorValue) };
}

function expectSameBits(a: Float64Array, b: Float64Array, n: number, what: string): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (i % BLOCK >= n) continue;
    if (bits(a[i]!) !== bits(b[i]!)) throw new Error(`${what}: element ${i} differs: ${a[i]} vs ${b[i]}`);
  }
}

// every fixed parameter drawn, and every second one (either half: a flow with some of its parameters drawn)
const PICKS: Array<[string, (i: number) => boolean]> = [['all', () => true], ['odd', (i) => i % 2 === 1], ['even', (i) => i % 2 === 0]];

describe('a block\'s set-up: fixed parameters filled give the bits of the same values drawn per path', () => {
  for (const name of ['bench/k1.yaml', 'scenarios/baseline-pk.yaml', 'scenarios/baseline-kz.yaml', FEATURES]) for (const [which, pick] of PICKS) {
    for (const wasm of [true, false]) {
      it(`${name}, ${which} drawn${wasm ? '' : ', JS loops'}`, () => {
        const file = name === FEATURES ? features() : name;
        expect(readFileSync(file, 'utf8')).not.toContain('min: 22');
        const plan = prepareScenario(file).compiled.plan;
        const { plan: drawn, changed } = drawnWhere(plan, pick);
        expect(changed).toBeGreaterThan(10);
        for (const [seed, chunk, n] of [[7, 0, CHUNK], [3, 1, 601]] as const) {
          const a = run(plan, wasm, seed, chunk, n), b = run(drawn, wasm, seed, chunk, n);
          expect(a.blocks.map((x) => x.n)).toEqual(b.blocks.map((x) => x.n));
          a.blocks.forEach((blk, i) => {
            expectSameBits(blk.annual, b.blocks[i]!.annual, blk.n, `${file}: annual, block ${i}`);
            expectSameBits(blk.stepTotal, b.blocks[i]!.stepTotal, blk.n, `${file}: step totals, block ${i}`);
          });
          expectSameBits(a.corridorValue, b.corridorValue, BLOCK, `${file}: corridor values`);
        }
      });
    }
  }
});

describe('per-path.ts', () => {
  it('fillPairs writes the pair on each of n paths and nothing past them', () => {
    for (const n of [0, 1, 2, 3, 5, 7, 128, 255, 256]) {
      const a = new Float64Array(2 * 256 + 8).fill(-1);
      fillPairs(a, 4, 0.25, -0, n);
      for (let i = 0; i < a.length; i++) {
        const j = i - 4;
        const want = j >= 0 && j < 2 * n ? (j % 2 === 0 ? 0.25 : -0) : -1;
        expect(Object.is(a[i], want)).toBe(true);
      }
    }
  });

  it('halfLifeShare closes half the gap in a half-life, at once when there is none', () => {
    expect(halfLifeShare(1 / 12, 1 / 12)).toBe(0.5);
    expect(halfLifeShare(0.5, 0.25)).toBeCloseTo(1 - Math.SQRT1_2, 15);
    for (const h of [0, -1, NaN]) expect(halfLifeShare(h, 1 / 12)).toBe(1);
  });
});
