/**
 * close() while a run is on the worker threads (src/index.ts, backends/pool.ts): the run rejects
 * with a message that says close() stopped it (piscina's own was "Terminating worker thread"),
 * and nothing of it goes on afterwards. Before, a run of 2 or more workers, whose calling thread
 * is one of them, went on simulating the rest of its chunks in the calling thread after it had
 * rejected, calling onProgress, and kept the process alive until it was done.
 */
import { afterAll, expect, it } from 'vitest';
import { close, compile, loadScenario, run } from '../../src/index.js';

const compiled = compile(loadScenario('test/fixtures/scenarios/smoke.yaml'));

afterAll(() => close());

it.each([1, 2])('workers %i: close() mid-run rejects the run, saying so, and stops it', async (workers) => {
  let calls = 0;
  let closing: Promise<void> | undefined;
  const paths = 400_000;
  const p = run(compiled, {
    paths, seed: 1, workers,
    onProgress: () => {
      calls++;
      closing ??= close();
    },
  });
  const e: unknown = await p.then(() => undefined, (err: unknown) => err);
  await closing;
  expect(e).toBeInstanceOf(Error);
  expect((e as Error).message).toBe('the run was stopped: close() stopped the worker threads before it finished');
  const atRejection = calls;
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(calls - atRejection).toBe(0);

  // The next run starts a new pool and gives its numbers.
  const again = await run(compiled, { paths: 2048, seed: 1, workers });
  const here = await run(compiled, { paths: 2048, seed: 1, workers: 0 });
  expect(again.target.reachedBy).toEqual(here.target.reachedBy);
  expect(again.annual.total.mean).toEqual(here.annual.total.mean);
});
