/**
 * The pool's start-up (backends/pool.ts): each thread warms its JIT on a built-in plan before its
 * first task, with a simulator of its own, so the warm-up changes no result and never counts into
 * a run; the built-in plan is bench/k1.yaml as it compiles now; prestartBackend has the threads
 * created when it resolves (they then load while this thread compiles the scenario), and they
 * instantiate the kernel module this thread compiled.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { drive } from '../../src/engine/driver.js';
import { single } from '../../src/engine/kinds/index.js';
import { closeBackends, prestartBackend } from '../../src/engine/backends/index.js';
import { poolThreadIds, setWarmUpPaths, WARM_UP_PATHS } from '../../src/engine/backends/pool.js';
import { warmUpPlan } from '../../src/engine/backends/warm-up-plan-decode.js';
import { parts } from '../helpers/partial-parts.js';

const SMOKE = prepareScenario('test/fixtures/scenarios/smoke.yaml').compiled.plan;

afterAll(async () => {
  setWarmUpPaths(WARM_UP_PATHS);
  await closeBackends();
});

describe('the pool\'s warm-up', () => {
  it('the built-in plan is bench/k1.yaml compiled now (else: npm run build && node scripts/gen-warm-up-plan.mjs)', () => {
    expect(warmUpPlan()).toEqual(prepareScenario('bench/k1.yaml').compiled.plan);
  });

  it('changes no bit of a run and counts none of its paths into it, on 1 or 2 workers', async () => {
    const opts = { paths: 5000, seed: 12 };
    const inline = await drive(single, [SMOKE], { ...opts, workers: 0 });
    for (const warm of [2048, 0]) {
      setWarmUpPaths(warm);
      for (const workers of [1, 2]) {
        await closeBackends(); // a fresh pool, whose threads warm up on `warm` paths
        const r = await drive(single, [SMOKE], { ...opts, workers });
        expect(r.paths).toBe(opts.paths);
        expect(r.partial.paths).toBe(opts.paths);
        expect(parts(single, r.partial)).toEqual(parts(single, inline.partial));
        expect(r.totals).toEqual(inline.totals);
      }
    }
  });

  it('prestartBackend resolves with the threads created', async () => {
    await closeBackends();
    expect(poolThreadIds()).toEqual([]);
    await prestartBackend(2);
    expect(poolThreadIds()).toHaveLength(2);
  });
});

const script = `
import { prepareScenario } from './dist/project.js';
import { simulate } from './dist/studies/run/run.js';
import { closeBackends } from './dist/engine/backends/index.js';
import { traceMarks } from './dist/engine/trace.js';
const plan = prepareScenario('test/fixtures/scenarios/smoke.yaml').compiled.plan;
await simulate(plan, { paths: 20480, seed: 5, workers: 2 });
await new Promise((ok) => setTimeout(ok, 100));
process.stdout.write(JSON.stringify(traceMarks()));
await closeBackends();
`;

describe('a pool thread\'s start, on the time line', () => {
  it('each thread that took a task warmed up before its first task, on the kernel module of the main thread', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TRADE_SIM_TRACE: '1' } });
    expect(r.stderr).toBe('');
    const marks = JSON.parse(r.stdout) as Array<{ t: number; thread: number; event: string }>;
    const workers = [...new Set(marks.filter((m) => /^worker: task /.test(m.event)).map((m) => m.thread))];
    expect(workers.length).toBeGreaterThanOrEqual(1);
    for (const th of workers) {
      const of = marks.filter((m) => m.thread === th).map((m) => m.event);
      expect(of[0]).toBe('worker: loaded (kernel module shared)');
      expect(of[1]).toBe(`worker: warmed up on ${WARM_UP_PATHS} paths`);
      expect(of[2]).toMatch(/^worker: task \d+-\d+ start$/);
    }
  });
});
