/**
 * The pool threads' entry (backends/pool-thread.ts, built as dist/engine/backends/pool-thread.cjs)
 * and the V8 code cache the build stores for their bundle (code-cache.ts,
 * tools/worker-code-cache.ts): a thread takes the cache made from the bundle as it is, not one
 * made from another file, and runs on threads that took it give the same numbers as on threads
 * that compiled the bundle afresh.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { threadEntry } from '../../src/engine/backends/pool.js';
import { fileStamp } from '../../src/paths.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dist = (...parts: string[]) => join(repo, 'dist', ...parts);

/** Whether a fresh thread that loads `entry` took the stored code cache. */
function takenIn(entry: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const code = `const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(require(workerData).codeCacheTaken);`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: entry, env });
    w.on('message', (m: unknown) => { // the bundle posts THREAD_UP (pool-tasks.ts) as it loads
      if (typeof m !== 'boolean') return;
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  });
}

const copies: string[] = [];
afterAll(() => { for (const c of copies) rmSync(c, { recursive: true, force: true }); });

/** A package holding copies of the pool threads' entry, bundle and cache, the cache stamped (as the build stamps it) with the copied bundle. */
function copiedPackage(): string {
  const root = mkdtempSync(join(tmpdir(), 'trade-sim-pool-cache-'));
  copies.push(root);
  writeFileSync(join(root, 'package.json'), '{"type": "module"}\n');
  for (const parts of [['engine', 'backends', 'pool-thread.cjs'], ['engine', 'backends', 'pool-worker.cjs'], ['cache', 'pool-worker.v8cache'], ['cache', 'pool-worker.stamp']]) {
    const from = dist(...parts), to = join(root, 'dist', ...parts);
    mkdirSync(join(to, '..'), { recursive: true });
    copyFileSync(from, to);
  }
  writeFileSync(join(root, 'dist', 'cache', 'pool-worker.stamp'), `${fileStamp(join(root, 'dist', 'engine', 'backends', 'pool-worker.cjs'))}\n`);
  return root;
}

describe("the pool threads' entry and code cache", () => {
  it('is the CommonJS entry the build makes', () => {
    expect(threadEntry()).toBe(dist('engine', 'backends', 'pool-thread.cjs'));
  });

  it('a fresh thread takes the cache the build stored, and none with TRADE_SIM_CODE_CACHE=off', async () => {
    expect(await takenIn(threadEntry())).toBe(true);
    expect(await takenIn(threadEntry(), { ...process.env, TRADE_SIM_CODE_CACHE: 'off' })).toBe(false);
  });

  it('a thread does not take a cache made from another version of the bundle (its stamp differs)', async () => {
    const root = copiedPackage();
    const entry = join(root, 'dist', 'engine', 'backends', 'pool-thread.cjs');
    expect(await takenIn(entry)).toBe(true);
    const bundle = join(root, 'dist', 'engine', 'backends', 'pool-worker.cjs');
    const st = statSync(bundle);
    utimesSync(bundle, st.atime, new Date(st.mtimeMs + 1000));
    expect(await takenIn(entry)).toBe(false);
  });

  it('runs on threads that took it give the same numbers as on threads that compiled afresh', () => {
    const summaryOf = (cache: 'on' | 'off') => execFileSync(process.execPath, ['--input-type=module', '-e', `
      import { loadScenario, run, close } from './dist/index.js';
      const s = await run(loadScenario('test/fixtures/scenarios/smoke.yaml'), { paths: 20000, seed: 7, workers: 2 });
      await close();
      process.stdout.write(JSON.stringify(s));`], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, TRADE_SIM_CODE_CACHE: cache } });
    const cached = summaryOf('on');
    expect(cached.length).toBeGreaterThan(1000);
    expect(cached).toBe(summaryOf('off'));
  });
});
