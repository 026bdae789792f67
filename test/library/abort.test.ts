/**
 * Cancelling one run with an AbortSignal (src/index.ts RunOptions.signal, engine/driver.ts): the
 * run rejects with the signal's reason and starts no further task, in the calling thread (which
 * now turns its event loop between tasks, so a timer can abort it) and on the worker threads; a
 * run aborted leaves nothing behind that changes the next run's numbers, and a run beside it goes
 * on to the same numbers as alone.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { close, compare, loadScenario, run, type RunOptions } from '../../src/index.js';
import { thrown } from '../helpers/thrown.js';

const scenario = loadScenario('test/fixtures/scenarios/smoke.yaml');
afterAll(() => close());

describe('library: cancelling a run with an AbortSignal', () => {
  it('an abort before the call rejects with an AbortError, and nothing is simulated', async () => {
    for (const workers of [0, 2]) {
      let calls = 0;
      const e = await thrown(() => run(scenario, { paths: 5000, seed: 1, workers, signal: AbortSignal.abort(), onProgress: () => { calls++; } }));
      expect((e as Error).name).toBe('AbortError');
      expect(calls).toBe(0);
    }
  });

  it('a timer aborts a run in the calling thread (workers 0) part way, with the reason given', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    let done = 0;
    const paths = 400_000;
    const running = run(scenario, { paths, seed: 1, workers: 0, signal: controller.signal, onProgress: (d) => { done = d; } });
    setTimeout(() => controller.abort(reason), 150);
    expect(await thrown(() => running)).toBe(reason);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(paths);
  });

  it('on worker threads, no task is handed out after the abort, and the next run has the numbers of a run never aborted', async () => {
    const opts: RunOptions = { paths: 60_000, seed: 3, workers: 2 };
    const before = JSON.stringify(await run(scenario, opts));
    const controller = new AbortController();
    let calls = 0, atAbort = 0;
    const e = await thrown(() => run(scenario, {
      ...opts, signal: controller.signal,
      onProgress: () => {
        calls++;
        if (calls === 1) { controller.abort(); atAbort = calls; }
      },
    }));
    expect((e as Error).name).toBe('AbortError');
    await sleep(500); // the tasks in flight on the threads finish: none of them reports
    expect(calls).toBe(atAbort);
    expect(JSON.stringify(await run(scenario, opts))).toBe(before);
  });

  it('aborting one run leaves a run beside it to finish with its own numbers', async () => {
    const opts: RunOptions = { paths: 30_000, seed: 4, workers: 2 };
    const alone = JSON.stringify(await compare([scenario, scenario], opts));
    const controller = new AbortController();
    const aborted = run(scenario, { paths: 200_000, seed: 9, workers: 2, signal: controller.signal, onProgress: () => controller.abort() });
    const beside = compare([scenario, scenario], opts);
    expect(((await thrown(() => aborted)) as Error).name).toBe('AbortError');
    expect(JSON.stringify(await beside)).toBe(alone);
  });

  it('a signal that is not an AbortSignal is refused before anything runs', async () => {
    const e = await thrown(() => run(scenario, { paths: 10, seed: 1, workers: 0, signal: {} as AbortSignal }));
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe('signal: expected an AbortSignal (new AbortController().signal), found an object with fields (none)');
  });
});
