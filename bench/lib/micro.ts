/**
 * Micro-benchmarks (tinybench) of the parts of the hot loop, each over a block of 256 items so
 * that the per-call overhead is amortised as in the kernel: reported per item (a uniform, a
 * normal, an exp, a path-step).
 */
import { Bench } from 'tinybench';
import { fastExp } from '../../src/engine/fast-exp.js';
import { BLOCK, ChunkSimulator, fillShocks, type BlockResult } from '../../src/engine/kernel/index.js';
import { fillNormals } from '../../src/engine/normals.js';
import { Aggregator } from '../../src/engine/partial.js';
import { fillUniforms } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import type { Plan } from '../../src/scenario/plan.js';

export interface MicroResult {
  name: string;
  /** What one item is. */
  item: string;
  nsPerItem: number;
  /** Relative margin of error of the mean, percent (tinybench). */
  rme: number;
  samples: number;
}

export async function micro(plan: Plan, timeMs: number): Promise<MicroResult[]> {
  const st = streamFor(1, 0, 'bench:micro');
  const buf = new Float64Array(BLOCK);
  const args = new Float64Array(BLOCK);
  const u = new Float64Array(BLOCK);
  fillUniforms(st, u, 0, BLOCK);
  // Arguments of exp as the kernel sees them: logs of values between USD 1M and 1B.
  for (let i = 0; i < BLOCK; i++) args[i] = Math.log(1e6) + (u[i] as number) * Math.log(1000);
  let sink = 0;
  const sim = new ChunkSimulator(plan);
  let block: BlockResult | undefined;
  // The simulator's own block (its arrays and bin()): the kernel task below re-simulates the same paths into it.
  const { corridorValue } = sim.simulateChunk(1, 0, BLOCK, (b) => { block = b; });
  const agg = new Aggregator(plan);
  const pathSteps = BLOCK * plan.steps;
  const tasks: Array<{ name: string; item: string; items: number; fn: () => void }> = [
    { name: 'uniforms: fillUniforms (rng.ts)', item: 'uniform', items: BLOCK, fn: () => fillUniforms(st, buf, 0, BLOCK) },
    { name: 'normals: fillNormals (normals.ts)', item: 'normal', items: BLOCK, fn: () => fillNormals(st, buf, 0, BLOCK) },
    { name: 'normals: fillShocks (kernel.ts)', item: 'normal', items: BLOCK, fn: () => fillShocks(st, buf, 0, BLOCK) },
    { name: 'exp: Math.exp', item: 'exp', items: BLOCK, fn: () => { let s = 0; for (let i = 0; i < BLOCK; i++) s += Math.exp(args[i] as number); sink += s; } },
    { name: 'exp: fastExp', item: 'exp', items: BLOCK, fn: () => { let s = 0; for (let i = 0; i < BLOCK; i++) s += fastExp(args[i] as number); sink += s; } },
    { name: `kernel: K1 block (${BLOCK} paths x ${plan.steps} steps)`, item: 'path-step', items: pathSteps, fn: () => { sim.simulateChunk(1, 0, BLOCK, () => {}); } },
    { name: 'aggregation: one K1 block (histograms, sums, hits)', item: 'path-step', items: pathSteps, fn: () => {
      // a chunk of this one block: its cells are counted at endChunk (the chunk's sums are dropped)
      agg.beginChunk(0);
      agg.consume(block as BlockResult);
      agg.endChunk(corridorValue);
      agg.partial.chunks.length = 0;
    } },
  ];
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
  for (const t of tasks) bench.add(t.name, t.fn);
  await bench.run();
  if (sink === 42) process.stdout.write(''); // keep the sums alive
  return bench.tasks.map((task, i) => {
    const t = tasks[i]!;
    const r = task.result as { state: string; latency?: { mean: number; rme: number; samplesCount?: number }; error?: unknown };
    if (!r.latency) throw new Error(`micro-benchmark "${t.name}" did not complete (${r.state}): ${String(r.error ?? '')}`);
    return { name: t.name, item: t.item, nsPerItem: (r.latency.mean * 1e6) / t.items, rme: r.latency.rme, samples: r.latency.samplesCount ?? 0 };
  });
}
