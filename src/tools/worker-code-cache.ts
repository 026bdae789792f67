/**
 * Build step (`npm run build`, tools/build-assets.ts): stores V8's code cache of the pool threads'
 * bundle in dist/cache (code-cache.ts; engine/backends/pool-thread.ts reads it), taken in a pool
 * thread after it has run what users run most: the default scenario, the benchmark's K1 where the
 * repository has it, and a paired comparison. Skipped where the build could not bundle.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { close, compareFiles, loadScenario, run } from '../index.js';
import { distPath, packageRoot } from '../paths.js';

export async function buildWorkerCodeCache(): Promise<void> {
  if (!existsSync(distPath('engine', 'backends', 'pool-thread.cjs'))) return;
  const file = (...parts: string[]) => join(packageRoot(), ...parts);
  // The pool's one thread (started below, with this environment) stores the cache after each task.
  process.env.TRADE_SIM_STORE_WORKER_CACHE = '1';
  try {
    const opts = { paths: 2_000, seed: 1, workers: 1 };
    for (const scenario of [file('scenarios', 'baseline-pk.yaml'), file('bench', 'k1.yaml')].filter((f) => existsSync(f))) {
      await run(loadScenario(scenario), opts);
    }
    await compareFiles([file('scenarios', 'baseline-pk.yaml'), file('scenarios', 'variants', 'pk-eaeu-pta-by-2029.yaml')], opts);
  } finally {
    delete process.env.TRADE_SIM_STORE_WORKER_CACHE;
    await close();
  }
}
