/**
 * Build step (`npm run build`, tools/build-assets.ts): stores V8's code cache of the Vega and
 * Vega-Lite bundles in dist/cache (code-cache.ts; charts/vega-bundles.ts reads it), taken after
 * drawing every sample chart so that it holds the functions charts use, which V8 otherwise
 * compiles on first call. Must run in a process that has not loaded the bundles with an older cache.
 */
import { storeCodeCache } from '../code-cache.js';
import { buildChartSpecs, renderSvg } from '../charts/index.js';
import { makeSummary } from '../charts/sample-summary.js';
import { bundlePath, bundleScripts, type BundleName } from '../charts/vega-bundles.js';

export async function buildVegaCodeCache(): Promise<void> {
  for (const fiscal of [false, true]) {
    for (const chart of buildChartSpecs(makeSummary({ fiscal }))) await renderSvg(chart.spec);
  }
  for (const [name, { script }] of Object.entries(bundleScripts()) as Array<[BundleName, ReturnType<typeof bundleScripts>[BundleName]]>) {
    storeCodeCache(name, bundlePath(name), script);
  }
}
