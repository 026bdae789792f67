/**
 * Charts and the report for a run's Summary, written into the (staged) output folder by a thread
 * of its own (chart-thread.ts). Start it before the simulation: loading Vega then overlaps it.
 * One thread: on 2 cores a second one (each with a PNG worker of its own then) measured slower, 2.5 s against
 * 2.15 s for a 10,000-path run.
 */
import type { PrecisionReached } from '../engine/driver.js';
import { groupThousands } from '../format.js';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { distPath } from '../paths.js';
import type { Summary } from '../results/summary.js';
import type { OutputPolicy } from '../results/output-dir.js';
import { StagedDir } from '../results/write.js';
import { whereRun } from './table.js';
import type { ChartReply, ChartRequest } from './chart-thread.js';
import { withPath } from './errors.js';
import { cleanOnInterrupt } from './signals.js';

export interface ChartThread {
  /** Writes charts/ and report.html into dir; resolves to the report's path. */
  render(summary: Summary, dir: string): Promise<string>;
  /**
   * Lets the process exit without waiting for the thread: Node stops it at exit. Call it once
   * `render` has settled, or when no charts will be drawn.
   */
  close(): void;
  /** Stops the thread now, and with it every write it would still make (after a failure, on an interrupt). */
  terminate(): Promise<void>;
}

export function startChartThread(): ChartThread {
  const worker = new Worker(distPath('cli', 'chart-thread.js'));
  return {
    render(summary, dir) {
      return new Promise((resolve, reject) => {
        // The thread died (an error it did not catch): name the folder if the error names no file.
        const onError = (err: Error) => reject(withPath(err, dir));
        worker.once('error', onError);
        worker.once('message', (reply: ChartReply) => {
          worker.off('error', onError);
          if (reply.ok) resolve(reply.report);
          else reject(Object.assign(new Error(`charts: ${reply.error}`), { code: reply.code, path: reply.path ?? dir, stack: reply.stack }));
        });
        worker.postMessage({ summary, dir } satisfies ChartRequest);
      });
    },
    close() {
      worker.unref();
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

export interface OutputFolder {
  outDir: string;
  policy: OutputPolicy;
  /** Data files by name (summary.json, a CSV). */
  files: Record<string, string>;
  /** Draws charts and the report into the staged folder; resolves to the report's path there. */
  draw: ((stagedDir: string) => Promise<string>) | undefined;
  manifest: Record<string, unknown>;
}

/**
 * Writes a command's output folder, staged and moved into place only when complete (StagedDir);
 * resolves to the report's path in its final place, if charts were drawn.
 */
export async function writeOutputFolder(o: OutputFolder): Promise<string | undefined> {
  const staged = new StagedDir(o.outDir, o.policy);
  const unregister = cleanOnInterrupt(() => staged.discard());
  try {
    for (const [name, text] of Object.entries(o.files)) staged.write(name, text);
    const report = o.draw ? await o.draw(staged.tmp) : undefined;
    staged.commit(o.manifest);
    return report === undefined ? undefined : join(o.outDir, relative(staged.tmp, report));
  } finally {
    staged.discard();
    unregister();
  }
}

/** The lines a command prints after its table: how much was simulated, how fast, and where the output went. */
export function runFacts(what: string, result: { wallSeconds: number; workers: number; precision?: PrecisionReached | undefined }, flowSteps: number, outDir: string, report: string | undefined, where = whereRun(result.workers)): string {
  const p = result.precision;
  return [
    `${what} in ${result.wallSeconds.toFixed(2)} s ${where}: ${(flowSteps / result.wallSeconds / 1e6).toFixed(1)}M flow-steps/s`,
    ...(p ? [precisionLine(p)] : []),
    `output: ${outDir}`,
    ...(report ? [`report: ${report}`] : []),
  ].join('\n');
}

/** What a run asked for a precision reached, or that the cap stopped it. */
export function precisionLine(p: PrecisionReached): string {
  return p.capped
    ? `precision: standard error ${p.reached.toPrecision(2)}, above the ${p.asked} asked: --max-paths ${groupThousands(p.maxPaths)} stopped the run`
    : `precision: standard error ${p.reached.toPrecision(2)} <= ${p.asked} asked, after ${p.rounds} round${p.rounds === 1 ? '' : 's'}`;
}
