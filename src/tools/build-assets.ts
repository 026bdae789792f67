/** `npm run build`, after tsc: the CLI in one file, the cut-down chart fonts and Vega's code cache, in dist/. */
import { bundleCli } from './bundle-cli.js';
import { buildChartFonts } from './chart-fonts.js';
import { buildVegaCodeCache } from './vega-code-cache.js';

await bundleCli();
await buildChartFonts();
await buildVegaCodeCache();
