/**
 * The driver and its backends: partials survive their binary form, a pool serves many studies
 * (one pool for the process, the same threads), and every backend gives the same bits.
 */
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { drive, planTasks } from '../../src/engine/driver.js';
import { decodePartial, encodePartial, mergePartial, type AnyKind, type AnyPartial } from '../../src/engine/kind.js';
import { kindByName, paired, single } from '../../src/engine/kinds/index.js';
import { closeBackends } from '../../src/engine/backends/index.js';
import { poolsCreated, poolThreadIds } from '../../src/engine/backends/pool.js';
import type { Plan } from '../../src/scenario/plan.js';
import { parts } from '../helpers/partial-parts.js';

afterAll(() => closeBackends());

const plan = (file: string): Plan => prepareScenario(file).compiled.plan;
const SMOKE = plan('test/fixtures/scenarios/smoke.yaml');
const PAIR = [plan('test/fixtures/compare/base.yaml'), plan('test/fixtures/compare/customs.yaml')];


describe('partials in binary form', () => {
  for (const [kind, plans] of [[single, [SMOKE]], [paired, PAIR]] as const) {
    it(`${kind.name}: decode(encode(p)) is p, every array bit for bit; without counts, the rest still is`, () => {
      const sim = kind.simulator([...plans]);
      const p = sim.run({ seed: 5, paths: 2500, chunkStart: 1, chunkEnd: 3 }) as AnyPartial;
      expect(p.paths).toBe(2500 - 1024);
      expect(p.chunks.map((c) => c.chunk)).toEqual([1, 2]);
      const back = decodePartial(kind as AnyKind, encodePartial(kind as AnyKind, p));
      expect(parts(kind as AnyKind, back)).toEqual(parts(kind as AnyKind, p));
      const lean = decodePartial(kind as AnyKind, encodePartial(kind as AnyKind, p, false));
      const want = parts(kind as AnyKind, p);
      expect(parts(kind as AnyKind, lean)).toEqual({ ...want, counts: want.counts.map(() => []) });
      // Some count is not zero, so the round trip above compared something.
      expect(want.counts.flat().some((c) => c > 0)).toBe(true);
    });
  }

  it('rejects bytes that are not a partial, or are cut short', () => {
    const bytes = encodePartial(single, single.simulator([SMOKE]).run({ seed: 1, paths: 100, chunkStart: 0, chunkEnd: 1 }));
    expect(() => decodePartial(single, bytes.subarray(0, bytes.length - 3))).toThrow(/truncated|trailing/);
    expect(() => decodePartial(single, new Uint8Array(16))).toThrow(/not an encoded partial/);
  });

  it('compiling a scenario is deterministic: a worker elsewhere that compiles it again gets the same plan, byte for byte', () => {
    const again = serialize(plan('test/fixtures/scenarios/smoke.yaml'));
    expect(again.equals(serialize(SMOKE))).toBe(true);
    expect(again.equals(serialize(PAIR[0]))).toBe(false);
  });

  it('kinds are found by name', () => {
    expect(kindByName('single')).toBe(single);
    expect(kindByName('paired')).toBe(paired);
    expect(() => kindByName('sensitivity')).toThrow(/no aggregator kind "sensitivity"/);
  });
});

describe('driver', () => {
  it('the merged partial is the sum of the tasks\' partials, whatever the backend', async () => {
    const opts = { paths: 5000, seed: 3 };
    const inline = await drive(single, [SMOKE], { ...opts, workers: 0 });
    // By hand: every task's partial merged, chunk sums added in chunk order.
    const sim = single.simulator([SMOKE]);
    const merged = single.empty([SMOKE]);
    const sums = single.zeroTotals([SMOKE]);
    for (const t of planTasks(opts.paths, opts.seed, 0)) {
      const p = sim.run(t);
      mergePartial(single, merged, p);
      for (const c of p.chunks) for (const k of single.sums) c[k].forEach((v, i) => { sums[k][i] = (sums[k][i] as number) + v; });
    }
    expect(parts(single, inline.partial)).toEqual(parts(single, { ...merged, chunks: [] }));
    expect(inline.totals).toEqual(sums);
    const pooled = await drive(single, [SMOKE], { ...opts, workers: 2 });
    expect(pooled.workers).toBe(2);
    expect(parts(single, pooled.partial)).toEqual(parts(single, inline.partial));
    expect(pooled.totals).toEqual(inline.totals);
  });

  it('runs back to back, of different kinds, reuse one pool and its threads, with the same bits as this thread', async () => {
    const first = await drive(paired, PAIR, { paths: 3000, seed: 8, workers: 2 });
    const created = poolsCreated();
    const threads = poolThreadIds();
    expect(threads).toHaveLength(1); // and this thread (pool.ts threadsFor)
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await drive(single, [SMOKE], { paths: 3000, seed: 8 + i, workers: 2 }));
    const again = await drive(paired, PAIR, { paths: 3000, seed: 8, workers: 2 });
    expect(poolsCreated()).toBe(created);
    expect(poolThreadIds()).toEqual(threads);
    // Workers that switched studies and back rebuilt their simulators and counted into the right buffers.
    expect(parts(paired, again.partial)).toEqual(parts(paired, first.partial));
    expect(again.totals).toEqual(first.totals);
    const inline = await drive(single, [SMOKE], { paths: 3000, seed: 10, workers: 0 });
    expect(parts(single, runs[2]!.partial)).toEqual(parts(single, inline.partial));
    expect(runs[2]!.totals).toEqual(inline.totals);
  });

  it('a run asking for more threads replaces the pool, without failing runs still on the old one; fewer reuse it', async () => {
    const before = poolsCreated();
    const inline = await drive(single, [SMOKE], { paths: 3000, seed: 4, workers: 0 });
    const [two, three, one] = await Promise.all([
      drive(single, [SMOKE], { paths: 3000, seed: 4, workers: 2 }),
      drive(single, [SMOKE], { paths: 3000, seed: 4, workers: 3 }),
      drive(single, [SMOKE], { paths: 3000, seed: 4, workers: 1 }),
    ]);
    expect(poolsCreated()).toBe(before + 1);
    expect(poolThreadIds()).toHaveLength(2); // 3 workers: 2 pool threads and this one
    for (const r of [two, three, one]) {
      expect(parts(single, r.partial)).toEqual(parts(single, inline.partial));
      expect(r.totals).toEqual(inline.totals);
    }
    expect([two, three, one].map((r) => r.workers)).toEqual([2, 3, 1]);
  });

  it('studies running at once on one pool keep their results apart', async () => {
    const alone = await drive(single, [SMOKE], { paths: 4000, seed: 21, workers: 0 });
    const [a, b] = await Promise.all([
      drive(single, [SMOKE], { paths: 4000, seed: 21, workers: 2 }),
      drive(paired, PAIR, { paths: 4000, seed: 21, workers: 2 }),
    ]);
    expect(parts(single, a.partial)).toEqual(parts(single, alone.partial));
    const pairAlone = await drive(paired, PAIR, { paths: 4000, seed: 21, workers: 0 });
    expect(parts(paired, b.partial)).toEqual(parts(paired, pairAlone.partial));
  });

  it('a thread that forgot a run (more runs at once than it remembers) returns its counts with each task, which are added in', async () => {
    // One thread serving six runs of five tasks at once: it remembers four runs (pool-tasks.ts
    // KEEP), so it forgets some run before that run's next task, finds that run's one slot
    // claimed, and counts that task into arrays it returns (pool.ts adds them to the slot's).
    await closeBackends();
    const seeds = [31, 32, 33, 34, 35, 36];
    const together = await Promise.all(seeds.map((seed) => drive(single, [SMOKE], { paths: 5 * 1024, seed, workers: 1 })));
    expect(poolThreadIds()).toHaveLength(1);
    for (const [i, seed] of seeds.entries()) {
      const alone = await drive(single, [SMOKE], { paths: 5 * 1024, seed, workers: 0 });
      expect(parts(single, together[i]!.partial)).toEqual(parts(single, alone.partial));
    }
  });
});

describe('task sizing', () => {
  it.each([[100_000, 2], [100_000, 1], [200_000, 2], [10_000, 2], [5_000_000, 8], [1, 2]])('%i paths on %i workers: every chunk once, in order, tasks of at most 4 chunks shrinking to 1', (paths, workers) => {
    const tasks = planTasks(paths, 1, workers);
    const chunks = Math.ceil(paths / 1024);
    expect(tasks[0]?.chunkStart).toBe(0);
    tasks.forEach((t, i) => { if (i > 0) expect(t.chunkStart).toBe(tasks[i - 1]?.chunkEnd); });
    expect(tasks.at(-1)?.chunkEnd).toBe(chunks);
    const sizes = tasks.map((t) => t.chunkEnd - t.chunkStart);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    sizes.forEach((s, i) => { if (i > 0) expect(s).toBeLessThanOrEqual(sizes[i - 1] as number); });
    expect(sizes.at(-1)).toBe(1);
  });
});

describe('a study of many plans', () => {
  it('a pool thread reuses a simulator only for the same plans: two plans of one kind, alternating, each get their own bits', async () => {
    const { simulate, simulateMany } = await import('../../src/studies/run/run.js');
    const other = PAIR[0] as Plan;
    expect(serialize([other]).equals(serialize([SMOKE]))).toBe(false);
    const runs = [SMOKE, other, SMOKE, other, SMOKE].map((p, i) => ({ plan: p, opts: { paths: 3000, seed: 31 + (i >> 1), workers: 2 } }));
    const many = await simulateMany(runs, 1);
    for (const [i, r] of runs.entries()) {
      const alone = await simulate(r.plan, { ...r.opts, workers: 0 });
      expect(parts(single, many[i]?.partial as AnyPartial)).toEqual(parts(single, { ...alone.partial, chunks: [] }));
      expect(many[i]?.totals).toEqual(alone.totals);
    }
  });

  it('simulateMany on one pool: each result the same bits as the plan run alone in this thread, in order', async () => {
    const { simulate, simulateMany } = await import('../../src/studies/run/run.js');
    const runs = [11, 12, 13, 14, 15].map((seed, i) => ({ plan: SMOKE, opts: { paths: 1500 + 700 * i, seed, workers: 2 } }));
    const before = poolsCreated();
    const many = await simulateMany(runs);
    expect(poolsCreated() - before).toBeLessThanOrEqual(1);
    for (const [i, r] of runs.entries()) {
      const alone = await simulate(r.plan, { ...r.opts, workers: 0 });
      const got = many[i];
      expect(got?.paths).toBe(r.opts.paths);
      expect(parts(single, got?.partial as AnyPartial)).toEqual(parts(single, { ...alone.partial, chunks: [] }));
      expect(got?.totals).toEqual(alone.totals);
    }
  });
});
