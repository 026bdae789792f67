/**
 * Headless rendering: Vega-Lite spec -> Vega spec -> SVG (a `renderer: 'none'` view, no browser,
 * no canvas) -> PNG (resvg, with the system DejaVu fonts so that text is drawn).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

/** SVG -> PNG, at `scale` times the SVG's size (2: sharp on slides and high-density screens). */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  // Loaded here: a thread that leaves PNGs to its PngWorker need not load resvg (about 30 ms).
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, pngOptions(scale, svg));
  return image.asPng();
}

/**
 * Plain CommonJS, run with `eval` so that it works from the TypeScript sources and from dist/.
 * Each job carries a one-word SharedArrayBuffer: whoever flips it from 0 to 1 draws the PNG,
 * so the main thread can take over jobs still queued once its own work is done.
 */
const PNG_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
parentPort.on('message', (job) => {
  if (Atomics.compareExchange(new Int32Array(job.claim), 0, 0, 1) !== 0) return; // taken by the main thread
  try {
    const png = new Resvg(job.svg, job.options).render().asPng();
    parentPort.postMessage({ id: job.id, png });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.stack) || error) });
  }
});
`;

interface PngReply {
  id: number;
  png?: Uint8Array;
  error?: string;
}

interface PngJob {
  svg: string;
  scale: number;
  claim: Int32Array;
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * Draws PNGs on one worker thread, in order, while the main thread goes on laying out the next
 * chart with Vega (on two cores the two run side by side). `help()` lets the main thread, once it
 * has nothing else to do, draw the jobs the worker has not started, from the last one back.
 * Falls back to `svgToPng` in this thread when a worker cannot be started or dies.
 */
export class PngWorker {
  #worker: Worker | undefined;
  #next = 0;
  #jobs = new Map<number, PngJob>();

  constructor() {
    try {
      const resvg = createRequire(import.meta.url).resolve('@resvg/resvg-js');
      // execArgv: [] so that flags of the main thread (e.g. --input-type=module) do not change
      // how the worker's CommonJS source is read.
      const worker = new Worker(PNG_WORKER_SOURCE, { eval: true, workerData: { resvg }, execArgv: [] });
      worker.on('message', (reply: PngReply) => {
        const job = this.#jobs.get(reply.id);
        if (!job) return;
        this.#jobs.delete(reply.id);
        if (reply.png) job.resolve(Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength));
        else job.reject(new Error(`PNG rendering failed: ${reply.error ?? 'no image'}`));
      });
      worker.on('error', () => this.#fallBack());
      worker.on('exit', () => this.#fallBack());
      this.#worker = worker;
    } catch {
      this.#worker = undefined;
    }
  }

  /** Draws a job here if the worker has not claimed it; the promise settles when it is drawn. */
  #takeOver(id: number, job: PngJob): Promise<void> | undefined {
    if (Atomics.compareExchange(job.claim, 0, 0, 1) !== 0) return undefined;
    this.#jobs.delete(id);
    return svgToPng(job.svg, job.scale).then(job.resolve, job.reject);
  }

  /** The worker is gone: draw what it had not finished, and all later PNGs, on this thread. */
  #fallBack(): void {
    this.#worker = undefined;
    for (const [id, job] of [...this.#jobs]) {
      if (!this.#takeOver(id, job)) {
        // Claimed by the worker but never answered: draw it here all the same.
        this.#jobs.delete(id);
        void svgToPng(job.svg, job.scale).then(job.resolve, job.reject);
      }
    }
  }

  render(svg: string, scale = 2): Promise<Buffer> {
    const worker = this.#worker;
    if (!worker) return svgToPng(svg, scale);
    const id = this.#next++;
    const claim = new Int32Array(new SharedArrayBuffer(4));
    return new Promise<Buffer>((resolve, reject) => {
      this.#jobs.set(id, { svg, scale, claim, resolve, reject });
      worker.postMessage({ id, svg, options: pngOptions(scale, svg), claim: claim.buffer });
    });
  }

  /**
   * Draws queued jobs on this thread, last first, one at a time, until the worker has claimed all
   * the rest. Call it when this thread has nothing else to do.
   */
  async help(): Promise<void> {
    for (;;) {
      const entry = [...this.#jobs].reverse().find(([, job]) => Atomics.load(job.claim, 0) === 0);
      if (!entry) return;
      // One at a time, so that the worker keeps the jobs it reaches meanwhile.
      await this.#takeOver(entry[0], entry[1]);
    }
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}
