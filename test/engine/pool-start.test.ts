/**
 * The pool's start (backends/pool.ts): prestartBackend resolves with the threads created, so they
 * load while this thread goes on to compile the scenario synchronously (before, they were created
 * only at this thread's next await, after the compile); and each pool thread instantiates the
 * kernel module this thread compiled rather than compiling its own. The results of a run on
 * workers are the same bits either way (driver.test.ts, golden-sha.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBackends, prestartBackend } from '../../src/engine/backends/index.js';
import { poolThreadIds } from '../../src/engine/backends/pool.js';

afterAll(closeBackends);

describe('the pool\'s start', () => {
  it('prestartBackend resolves with the threads created', async () => {
    await closeBackends();
    expect(poolThreadIds()).toEqual([]);
    await prestartBackend(2);
    expect(poolThreadIds()).toHaveLength(2);
  });

  it('prestartBackend(0) starts no thread', async () => {
    await closeBackends();
    await prestartBackend(0);
    expect(poolThreadIds()).toEqual([]);
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

describe('a pool thread\'s start, on the time line (TRADE_SIM_TRACE=1)', () => {
  it('each thread that took a task loaded with the main thread\'s kernel module before its first task', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TRADE_SIM_TRACE: '1' } });
    expect(r.stderr).toBe('');
    const marks = JSON.parse(r.stdout) as Array<{ t: number; thread: number; event: string }>;
    const workers = [...new Set(marks.filter((m) => /^worker: task /.test(m.event)).map((m) => m.thread))];
    expect(workers.length).toBeGreaterThanOrEqual(1);
    for (const th of workers) {
      const of = marks.filter((m) => m.thread === th).map((m) => m.event);
      expect(of[0]).toBe('worker: loaded (kernel module shared)');
      expect(of[1]).toMatch(/^worker: task \d+-\d+ start$/);
    }
  });
});
