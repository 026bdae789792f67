/** `npm run build`, after tsc: the cut-down chart fonts and Vega's code cache, in dist/. */
import { buildChartFonts } from './chart-fonts.js';
import { buildVegaCodeCache } from './vega-code-cache.js';

await buildChartFonts();
await buildVegaCodeCache();
