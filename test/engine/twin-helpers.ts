/**
 * What the kernel twins share: the draws of a stream in the kernel's order, one path's view of a
 * block-ordered stream, the kernel's chunk per path, and the largest relative difference.
 */
import { expect } from 'vitest';
import { BLOCK, CHUNK, ChunkSimulator, seriesCount } from '../../src/engine/kernel/index.js';
import { streamFor } from '../../src/engine/streams.js';
import { sampleDistribution } from '../../src/engine/sample.js';
import { OP_ADD, OP_MULTIPLY, OP_SET, type ParamDraw, type Plan } from '../../src/scenario/plan.js';

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

export const NEVER = 0x7fffffff;

/** An agreement's operation on a value, as the model states it. */
export const apply = (op: number, value: number, x: number) => (op === OP_SET ? value : op === OP_ADD ? x + value : op === OP_MULTIPLY ? x * value : x);

/** The step a time in years since the start falls at: the first step whose start is at or after it. */
export const stepOfYears = (plan: Plan) => (years: number) => (years <= 0 ? 0 : Math.min(NEVER, Math.ceil(years * plan.stepsPerYear - 1e-9)));

/** A path's value of a per-path parameter: one draw per path from the component's stream, shared by every field that names the same component. */
export function pathParams(seed: number, chunk: number, n: number): (d: ParamDraw, q: number) => number {
  const params = new Map<string, Float64Array>();
  return (d, q) => {
    if (d.kind === 'fixed') return d.value;
    let values = params.get(d.component);
    if (!values) {
      values = drawn(seed, chunk, d.component, n, (st) => sampleDistribution(d.dist, st));
      params.set(d.component, values);
    }
    return (values[q] as number) + d.offset;
  };
}

/** Adds a flow's value at a step of year y to the year's total, its sector and its direction (a mean over the year's steps). */
export function addAnnual(plan: Plan, annual: Float64Array, y: number, f: number, v: number): void {
  const S = seriesCount(plan);
  const a = v / (plan.yearSteps[y] as number);
  annual[y * S] = (annual[y * S] as number) + a;
  annual[y * S + 1 + (plan.flowSector[f] as number)] = (annual[y * S + 1 + (plan.flowSector[f] as number)] as number) + a;
  annual[y * S + 1 + plan.sectors.length + (plan.flowDirection[f] as number)] = (annual[y * S + 1 + plan.sectors.length + (plan.flowDirection[f] as number)] as number) + a;
}

/** Flow f's correlated shock c_f = sum over j <= f of L[f][j] z_j (z itself without a correlation). */
export function correlated(plan: Plan, z: number[], f: number): number {
  const L = plan.cholesky, F = plan.flowIds.length;
  if (!L) return z[f] as number;
  let c = 0;
  for (let j = 0; j <= f; j++) c += (L[f * F + j] as number) * (z[j] as number);
  return c;
}
