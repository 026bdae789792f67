/**
 * Charts and the report for a run's Summary, written into the (staged) output folder by threads
 * of their own (chart-thread.ts), each drawing a share of the charts. Start them before the
 * simulation: loading Vega then overlaps it. One thread is the default: on 2 cores a second one
 * (each with its PNG worker) measured slower, 2.5 s against 2.15 s for a 10,000-path run.
 */
import { Worker } from 'node:worker_threads';
import type { WrittenChart } from '../charts/index.js';
import type { Summary } from '../results/summary.js';
import type { ChartReply, ChartRequest } from './chart-thread.js';

export interface ChartThreads {
  /** Writes charts/ and report.html into dir; resolves to the report's path. */
  render(summary: Summary, dir: string): Promise<string>;
  close(): Promise<void>;
}

function ask(worker: Worker, req: ChartRequest): Promise<Extract<ChartReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    worker.once('error', onError);
    worker.once('message', (reply: ChartReply) => {
      worker.off('error', onError);
      if (reply.ok) resolve(reply);
      else reject(new Error(`charts: ${reply.error}`));
    });
    worker.postMessage(req);
  });
}

export function startChartThreads(count = 1): ChartThreads {
  const workers = Array.from({ length: Math.max(1, count) }, () => new Worker(new URL('./chart-thread.js', import.meta.url)));
  return {
    async render(summary, dir) {
      const parts = await Promise.all(workers.map((w, part) => ask(w, { kind: 'charts', summary, dir, part, parts: workers.length })));
      // Back in the order of the chart list: chart i was drawn by thread i % parts.
      const total = parts.reduce((n, p) => n + p.charts.length, 0);
      const all = Array.from({ length: total }, (_, i) => parts[i % parts.length]?.charts[Math.floor(i / parts.length)])
        .filter((c): c is WrittenChart => c !== undefined);
      const reply = await ask(workers[0]!, { kind: 'report', summary, dir, charts: all });
      return reply.report as string;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
