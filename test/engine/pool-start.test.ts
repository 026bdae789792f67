/**
 * The pool's start (backends/pool.ts): prestartBackend resolves with the threads created, so they
 * load while this thread goes on to compile the scenario synchronously (before, they were created
 * only at this thread's next await, after the compile). That each pool thread instantiates the
 * kernel module this thread compiled is checked on the time line (trace.test.ts).
 */
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
