/**
 * Headless rendering: Vega-Lite spec -> Vega spec -> SVG (a `renderer: 'none'` view, no browser,
 * no canvas) -> PNG (resvg, with the system DejaVu fonts so that text is drawn).
 */
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import type { Spec as VegaSpec, View as VegaView } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { fontsFor } from './fonts.js';
import { measureTextItem } from './metrics.js';
import { vegaBundles, type Vega } from './vega-bundles.js';

interface TextMetrics {
  width: (item: object, text: unknown) => number;
  estimateWidth: (item: object, text: unknown) => number;
}

let vegaReady: Vega | undefined;
/**
 * Vega, with text measured in DejaVu Sans: without a canvas Vega guesses 0.8 em per character
 * (vl-convert measures the font too).
 */
function vega(): Vega {
  if (!vegaReady) {
    const v = vegaBundles().vega;
    const metrics = (v as unknown as { textMetrics?: TextMetrics }).textMetrics;
    if (metrics && metrics.width === metrics.estimateWidth) metrics.width = measureTextItem;
    vegaReady = v;
  }
  return vegaReady;
}

/** Messages Vega-Lite logs while compiling (e.g. a dropped encoding): charts must compile without any. */
export class CollectingLogger {
  readonly messages: string[] = [];
  #level = 0;
  level(): number;
  level(level: number): this;
  level(level?: number): number | this {
    if (level === undefined) return this.#level;
    this.#level = level;
    return this;
  }
  error(...args: readonly unknown[]): this {
    this.messages.push(`error: ${args.map(String).join(' ')}`);
    return this;
  }
  warn(...args: readonly unknown[]): this {
    this.messages.push(`warn: ${args.map(String).join(' ')}`);
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

/** Compiles to a Vega spec. Pass a logger to collect Vega-Lite's warnings (they are dropped otherwise). */
export function compileSpec(spec: TopLevelSpec, logger: CollectingLogger = new CollectingLogger()): VegaSpec {
  return vegaBundles().vegaLite.compile(spec, { logger }).spec as VegaSpec;
}

/** A headless view, run; the caller must `finalize()` it. */
export async function runView(spec: TopLevelSpec): Promise<VegaView> {
  const v = vega();
  const view = new v.View(v.parse(compileSpec(spec)), { renderer: 'none', logLevel: v.Error });
  await view.runAsync();
  return view;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = await runView(spec);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function pngOptions(scale: number, svg: string): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: fontsFor(svg),
    shapeRendering: 2,
    textRendering: 1,
  };
}

/**
 * SVG -> PNG, at `scale` times the SVG's size, drawn by resvg on libuv's thread pool
 * (renderAsync), so that this thread goes on laying out the next chart meanwhile. (It replaced a
 * PNG worker thread of our own, with an atomic claim so that this thread could take over its
 * queue: on a 10,000-path run with charts, 4.7 s against 5.0 s on a loaded two-core machine, the
 * same PNG bytes.)
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  try {
    const image = await renderAsync(svg, pngOptions(scale, svg));
    return image.asPng();
  } catch (error) {
    throw new Error(`PNG rendering failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
