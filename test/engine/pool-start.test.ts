/**
 * The pool's start (backends/pool.ts): prestartBackend resolves with the threads created, so they
 * load while this thread goes on to compile the scenario synchronously (before, they were created
 * only at this thread's next await, after the compile). That each pool thread instantiates the
 * kernel module this thread compiled is checked on the time line (trace.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { closeBackends, prestartBackend } from '../../src/engine/backends/index.js';
import { poolThreadIds } from '../../src/engine/backends/pool.js';

afterAll(closeBackends);

describe('the pool\'s start', () => {
  it('prestartBackend resolves with the threads created: as many as the workers for one, one fewer for more (this thread is one)', async () => {
    await closeBackends();
    expect(poolThreadIds()).toEqual([]);
    await prestartBackend(1);
    expect(poolThreadIds()).toHaveLength(1);
    await closeBackends();
    await prestartBackend(2);
    expect(poolThreadIds()).toHaveLength(1);
    await prestartBackend(3);
    expect(poolThreadIds()).toHaveLength(2);
  });

  it('prestartBackend(0) starts no thread', async () => {
    await closeBackends();
    await prestartBackend(0);
    expect(poolThreadIds()).toEqual([]);
  });
});

describe('the library starts the pool before it compiles', () => {
  /** The time line (TRADE_SIM_TRACE=1) of the library's run() of smoke.yaml on 2 workers, given loaded or already compiled. */
  const marksOf = (given: 'loaded' | 'compiled') => {
    const script = `
import { loadScenario, compile, run, close } from './dist/index.js';
import { traceMarks } from './dist/engine/trace.js';
const loaded = loadScenario('test/fixtures/scenarios/smoke.yaml');
await run(${given === 'loaded' ? 'loaded' : 'compile(loaded)'}, { paths: 4096, seed: 1, workers: 2 });
process.stdout.write(JSON.stringify(traceMarks().filter((m) => m.thread === 0).map((m) => m.event)));
await close();
`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TRADE_SIM_TRACE: '1' } });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as string[];
  };

  it('run() of a loaded scenario creates the threads before it compiles (before the driver starts); of a compiled one, when the driver asks', () => {
    const loaded = marksOf('loaded');
    expect(loaded.indexOf('pool: threads created')).toBeGreaterThanOrEqual(0);
    expect(loaded.indexOf('pool: threads created')).toBeLessThan(loaded.indexOf('driver: start'));
    const compiled = marksOf('compiled');
    expect(compiled.indexOf('pool: threads created')).toBeGreaterThan(compiled.indexOf('driver: start'));
  });
});
