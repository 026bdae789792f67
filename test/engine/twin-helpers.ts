/**
 * What the kernel twins share: the draws of a stream in the kernel's order, one path's view of a
 * block-ordered stream, the kernel's chunk per path, and the largest relative difference.
 */
import { expect } from 'vitest';
import { BLOCK, CHUNK, ChunkSimulator, seriesCount } from '../../src/engine/kernel/index.js';
import { streamFor } from '../../src/engine/streams.js';
import type { Plan } from '../../src/scenario/plan.js';

/** Every draw of a stream a chunk uses, in the order the kernel takes them. */
export function drawn(seed: number, chunk: number, component: string, count: number, draw: (st: Int32Array) => number): Float64Array {
  const st = streamFor(seed, chunk, component);
  return Float64Array.from({ length: count }, () => draw(st));
}

/**
 * Per-step draws (one per path-step) are taken block by block, step by step, path by path:
 * the draw of path q (within the chunk) at step k.
 */
export function perStep(all: Float64Array, q: number, k: number, n: number, T: number): number {
  const b0 = Math.floor(q / BLOCK) * BLOCK;
  const nb = Math.min(BLOCK, n - b0);
  return all[b0 * T + k * nb + (q - b0)] as number;
}

export interface TwinChunk {
  /** [q][(y * S + s)] */
  annual: Float64Array[];
  /** [q][k] */
  stepTotal: Float64Array[];
  corridorValue: Float64Array;
}

/** The kernel's chunk, per path. */
export function kernelChunk(plan: Plan, seed: number, chunk: number, n: number, opts: { wasm?: boolean } = {}): TwinChunk {
  const sim = new ChunkSimulator(plan, opts);
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
export function worst(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  expect(a.length).toBe(b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number)) / Math.max(Math.abs(b[i] as number), floor);
    if (!(d <= w)) w = d;
  }
  return w;
}

