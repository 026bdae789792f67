/**
 * Build step (`npm run build`, tools/build-assets.ts): rewrites the entries of the CLI's threads
 * (dist/cli/main.js and the chart thread) each as one file holding what it imports, zod and yaml
 * included, and writes the pool threads' CommonJS entry and code beside tsc's files
 * (engine/backends/pool-thread.cjs and pool-worker.cjs). Node loaded the CLI as about 250 ES
 * modules, about 0.2 s of every run (zod alone about 0.1 s); the one file loads in about 0.1 s.
 * Packages that only some runs load stay outside (piscina, mathjs, resvg, cli-progress, and the
 * queue's bullmq and ioredis). The other files of dist/ stay as tsc wrote them, for the library's
 * users, and pool-worker.js for a pool where the build could not bundle. Skipped, with a note,
 * where esbuild-wasm (a development dependency: esbuild compiled to WebAssembly, no binary to
 * download) is missing.
 */
import { renameSync, rmSync } from 'node:fs';
import { distPath } from '../paths.js';

export async function bundleCli(): Promise<void> {
  let esbuild: typeof import('esbuild-wasm');
  try {
    esbuild = await import('esbuild-wasm');
  } catch {
    process.stdout.write('bundle-cli: esbuild-wasm is not installed; dist/cli/main.js stays as tsc wrote it\n');
    return;
  }
  const external = ['piscina', 'mathjs', '@resvg/resvg-js', 'cli-progress', 'vega', 'vega-lite', 'bullmq', 'ioredis'];
  // The pool threads' code as CommonJS (engine/backends/pool-thread.ts), beside tsc's files under
  // new names; the pool prefers these to pool-worker.js (pool.ts, threadEntry).
  await esbuild.build({
    entryPoints: [distPath('engine', 'backends', 'pool-worker.js'), distPath('engine', 'backends', 'pool-thread.js')],
    outdir: distPath('engine', 'backends'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    sourcemap: true,
    logLevel: 'warning',
    // paths.ts finds the package from its module's URL.
    define: { 'import.meta.url': '__moduleUrl' },
    banner: { js: "const __moduleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const entries = [['cli', 'main.js'], ['cli', 'chart-thread.js']];
  // Written beside, at the same depth and under the same names (the maps' paths and the names in
  // the files' last lines stay right), then moved over tsc's output.
  await esbuild.build({
    entryPoints: entries.map((e) => distPath(...e)),
    outdir: distPath('.bundle'),
    outbase: distPath(),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    sourcemap: true,
    logLevel: 'warning',
    // yaml's Node build is CommonJS and requires Node's modules: give the bundle a require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  for (const e of entries) {
    renameSync(distPath('.bundle', ...e), distPath(...e));
    renameSync(`${distPath('.bundle', ...e)}.map`, `${distPath(...e)}.map`);
  }
  rmSync(distPath('.bundle'), { recursive: true, force: true });
}
