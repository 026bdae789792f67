/**
 * Vega and Vega-Lite from their single-file builds (`vega.min.js`, `vega-lite.min.js`: the files
 * report.html inlines) instead of their ES modules. Node takes about 0.35 s to load the hundred
 * or so ES modules behind `import 'vega'` and `import 'vega-lite'`, and under 0.1 s to run the
 * two bundles; the SVGs are then drawn by the very code that draws the report's charts. The
 * bundles are UMD: run as CommonJS, they fill `exports`, and Vega-Lite's asks for "vega".
 *
 * `npm run build` also stores V8's code cache for each bundle (code-cache.ts,
 * tools/vega-code-cache.ts), taken after drawing the sample charts, so that a run compiles neither
 * the bundles nor the functions the charts use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';
import { runCommonJs, type CachedModule } from '../code-cache.js';

export type Vega = typeof VegaModule;
export type VegaLite = typeof VegaLiteModule;
export type BundleName = 'vega' | 'vega-lite';

/** The packages' "exports" hide build/*.min.js, so go from their main entries (both in build/). */
export function bundlePath(pkg: BundleName): string {
  const main = createRequire(import.meta.url).resolve(pkg);
  return join(dirname(main), pkg === 'vega' ? 'vega.min.js' : 'vega-lite.min.js');
}

const texts = new Map<BundleName, string>();
/** A bundle's text, read once per thread: Vega runs it, and the report inlines it. */
export function bundleText(name: BundleName): string {
  let text = texts.get(name);
  if (text === undefined) { text = readFileSync(bundlePath(name), 'utf8'); texts.set(name, text); }
  return text;
}

function runBundle(name: BundleName, deps: Record<string, unknown>): CachedModule {
  const file = bundlePath(name);
  return runCommonJs(name, file, bundleText(name), (dep) => {
    if (dep in deps) return deps[dep];
    throw new Error(`${file} asks for "${dep}", which is not bundled`);
  });
}

let loaded: { vega: CachedModule; vegaLite: CachedModule } | undefined;

function load(): { vega: CachedModule; vegaLite: CachedModule } {
  if (!loaded) {
    const vega = runBundle('vega', {});
    loaded = { vega, vegaLite: runBundle('vega-lite', { vega: vega.exports }) };
  }
  return loaded;
}

/** Vega and Vega-Lite, loaded once per thread. */
export function vegaBundles(): { vega: Vega; vegaLite: VegaLite } {
  const { vega, vegaLite } = load();
  return { vega: vega.exports as Vega, vegaLite: vegaLite.exports as VegaLite };
}

/** The bundles' scripts, for making the code cache, and whether each took a stored one. */
export function bundleScripts(): Record<BundleName, Pick<CachedModule, 'script' | 'cached'>> {
  const { vega, vegaLite } = load();
  return {
    vega: { script: vega.script, cached: vega.cached },
    'vega-lite': { script: vegaLite.script, cached: vegaLite.cached },
  };
}
