/**
 * draw-keys.ts: which flows share a parameter's draws in a block (simulateChunk's param() keeps one
 * array per component, and a fixed value is the same everywhere), so that rows derived from them
 * can be computed once and copied.
 */
import { describe, expect, it } from 'vitest';
import { drawKey, firstWithKey } from '../../src/engine/kernel/draw-keys.js';
import type { ParamDraw } from '../../src/scenario/plan.js';

const dist = (component: string, offset = 0): ParamDraw => ({ kind: 'dist', dist: { dist: 'uniform', min: 0, max: 1 }, component, offset } as ParamDraw);
const fixed = (value: number): ParamDraw => ({ kind: 'fixed', value });

describe('drawKey and firstWithKey', () => {
  it('give one key per component, per fixed value (0 and -0 apart) and for an absent parameter', () => {
    const keys = [dist('param:a'), dist('param:b'), dist('param:a', 2), fixed(0.5), fixed(0), fixed(-0), null, fixed(0.5), null].map(drawKey);
    expect(new Set(keys).size).toBe(6);
    expect(keys[0]).toBe(keys[2]); // param() returns the component's array whatever the offset
    expect(keys[3]).toBe(keys[7]);
    expect(keys[4]).not.toBe(keys[5]);
    expect(keys[6]).toBe(keys[8]);
    expect(drawKey(fixed(1))).not.toBe(drawKey(dist('1')));
  });

  it('points each item at the first with its key', () => {
    expect(Array.from(firstWithKey(['a', 'b', 'a', 'c', 'b', 'a']))).toEqual([0, 1, 0, 3, 1, 0]);
    expect(Array.from(firstWithKey([]))).toEqual([]);
  });
});
