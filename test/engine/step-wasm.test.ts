/**
 * The per-step and per-block work moved to kernel.wat (yearEnd's flush of each flow's value into
 * the annual rows and the corridors' values) against its JS loops (`{ wasm: false }`), bit for bit:
 * every path's annual values and step totals and the chunk's corridor values, on K1 (fixed route
 * costs), baseline-pk (general routes, agreements, route adjustment), the model-features fixture,
 * and K1 started in April (whole calendar years only: the first nine steps belong to no year,
 * y = -1, whose flush is discarded), over chunks that end in a short, odd block.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wasmAvailable } from '../../src/engine/kernel/wasm.js';
import { prepareScenario } from '../../src/project.js';
import type { Plan } from '../../src/scenario/plan.js';
import { TempDir } from '../helpers/scenario-files.js';
import { kernelChunk, type TwinChunk } from './twin-helpers.js';

const plans = (): Array<[string, Plan]> => {
  const dir = new TempDir();
  try {
    const k1 = readFileSync('bench/k1.yaml', 'utf8');
    expect(k1).toContain('start: 2026-01');
    return [
      ['K1', prepareScenario('bench/k1.yaml').compiled.plan],
      ['baseline-pk', prepareScenario('scenarios/baseline-pk.yaml').compiled.plan],
      ['model-features', prepareScenario('test/engine/fixtures/model-features.yaml').compiled.plan],
      ['K1 from April', prepareScenario(dir.file('k1-april.yaml', k1.replace('start: 2026-01', 'start: 2026-04'))).compiled.plan],
    ];
  } finally {
    dir.remove();
  }
};

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));
const allSame = (a: Float64Array[], b: Float64Array[]): boolean => a.length === b.length && a.every((x, q) => same(x, b[q]!));

describe.runIf(wasmAvailable)('the step\'s work in kernel.wat', () => {
  const all = plans();

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
      expect(w.corridorValue.some((v) => v > 0)).toBe(true);
      expect(w.annual.some((a) => a.some((v) => v > 0))).toBe(true);
    }
  });
});
