/**
 * Vega and Vega-Lite from their single-file builds (`vega.min.js`, `vega-lite.min.js`: the files
 * report.html inlines) instead of their ES modules. Node takes about 0.35 s to load the hundred
 * or so ES modules behind `import 'vega'` and `import 'vega-lite'`, and under 0.1 s to run the
 * two bundles; the SVGs are then drawn by the very code that draws the report's charts. The
 * bundles are UMD: run as CommonJS, they fill `exports`, and Vega-Lite's asks for "vega".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';

export type Vega = typeof VegaModule;
export type VegaLite = typeof VegaLiteModule;

/** The packages' "exports" hide build/*.min.js, so go from their main entries (both in build/). */
export function bundlePath(pkg: 'vega' | 'vega-lite'): string {
  const main = createRequire(import.meta.url).resolve(pkg);
  return join(dirname(main), pkg === 'vega' ? 'vega.min.js' : 'vega-lite.min.js');
}

function runBundle(file: string, deps: Record<string, unknown>): unknown {
  const wrapped = `(function (exports, module, require) {${readFileSync(file, 'utf8')}\n})`;
  const fn = runInThisContext(wrapped, { filename: file }) as (e: object, m: object, r: (name: string) => unknown) => void;
  const module = { exports: {} as object };
  fn(module.exports, module, (name) => {
    if (name in deps) return deps[name];
    throw new Error(`${file} asks for "${name}", which is not bundled`);
  });
  return module.exports;
}

let loaded: { vega: Vega; vegaLite: VegaLite } | undefined;

/** Vega and Vega-Lite, loaded once per thread. */
export function vegaBundles(): { vega: Vega; vegaLite: VegaLite } {
  if (!loaded) {
    const vega = runBundle(bundlePath('vega'), {}) as Vega;
    const vegaLite = runBundle(bundlePath('vega-lite'), { vega }) as VegaLite;
    loaded = { vega, vegaLite };
  }
  return loaded;
}
