/**
 * Charts and the report for a run's Summary, written into the (staged) output folder by a thread
 * of its own (chart-thread.ts). Start it before the simulation: loading Vega then overlaps it.
 * One thread: on 2 cores a second one (each with its PNG worker) measured slower, 2.5 s against
 * 2.15 s for a 10,000-path run.
 */
import { Worker } from 'node:worker_threads';
import { distPath } from '../paths.js';
import type { Summary } from '../results/summary.js';
import type { ChartReply, ChartRequest } from './chart-thread.js';
import { withPath } from './errors.js';

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
