/**
 * What piscina loads in each pool thread (pool.ts), once `npm run build` has bundled it
 * (tools/bundle-cli.ts): as CommonJS, dist/engine/backends/pool-thread.cjs, which runs
 * pool-worker.ts's CommonJS bundle (pool-worker.cjs) with the V8 code cache the build stored for
 * it (code-cache.ts, tools/worker-code-cache.ts). Each thread of a fresh pool thus starts without
 * Node's ES module loader, which piscina's own CommonJS entry would start to import an ES module
 * (about 4 ms of each thread's start here), and without compiling pool-worker's code, at its load
 * or in its first task (about 4 ms more). A thread that finds no usable cache compiles the bundle.
 *
 * With TRADE_SIM_STORE_WORKER_CACHE=1 in its environment (the build's, only), the thread stores
 * its cache after each task.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runCommonJs, storeCodeCache } from '../../code-cache.js';
import { distPath } from '../../paths.js';
import type { PoolTask } from './pool.js';

/** The cache's name in dist/cache. */
const WORKER_CACHE = 'pool-worker';

const file = distPath('engine', 'backends', 'pool-worker.cjs');
const bundle = runCommonJs(WORKER_CACHE, file, readFileSync(file, 'utf8'), createRequire(file));

/** Whether this thread took the stored code cache (the tests ask). */
export const codeCacheTaken = bundle.cached;

const work = (bundle.exports as { default: (t: PoolTask) => Promise<Uint8Array> }).default;
const storing = process.env.TRADE_SIM_STORE_WORKER_CACHE === '1';

export default storing
  ? async (t: PoolTask): Promise<Uint8Array> => {
    const result = await work(t);
    storeCodeCache(WORKER_CACHE, file, bundle.script);
    return result;
  }
  : work;
