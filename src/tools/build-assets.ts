/** `npm run build`, after tsc: the CLI in one file, the cut-down chart fonts, and V8's code caches of Vega and of the pool threads, in dist/. */
import { rmSync } from 'node:fs';
import { codeCacheDir } from '../code-cache.js';
import { bundleCli } from './bundle-cli.js';
import { buildChartFonts } from './chart-fonts.js';
import { buildVegaCodeCache } from './vega-code-cache.js';
import { buildWorkerCodeCache } from './worker-code-cache.js';

await bundleCli();
await buildChartFonts();
// The caches are made afresh, by code that has not loaded an older one.
rmSync(codeCacheDir(), { recursive: true, force: true });
await buildVegaCodeCache();
await buildWorkerCodeCache();
