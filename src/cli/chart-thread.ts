/**
 * Charts and the report, drawn on a thread of their own. The CLI starts it first thing, so that
 * loading Vega and resvg overlaps loading the scenario and simulating. Then, for the real
 * summary, it lays out every chart and writes the report while resvg draws the PNGs on libuv's
 * threads (charts/render.ts svgToPng). (Warming Vega up here on a sample summary during the simulation made
 * the charts faster but the simulation as much slower: the two vCPUs of the machine this was
 * measured on slow each other down by 30-50% when both are busy.)
 */
import { access } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { Summary } from '../results/summary.js';

export interface ChartRequest {
  summary: Summary;
  /** The output folder: charts/ and report.html go there. */
  dir: string;
}

/** A failure carries the error's code and path (ENOSPC, ENOENT...) for a one-line message. */
export type ChartReply =
  | { ok: true; report: string }
  | { ok: false; error: string; code?: string | undefined; path?: string | undefined; stack?: string | undefined };

const port = parentPort;
if (port) {
  const charts = await import('../charts/index.js');
  // Load resvg and the fonts while the simulation runs.
  void charts.svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><text y="8">0</text></svg>', 1).catch(() => undefined);
  charts.preload();
  const work = async ({ summary, dir }: ChartRequest): Promise<ChartReply> => {
    let report: string | undefined;
    // The writers create missing folders; if the staging folder was removed meanwhile (its parent
    // deleted), fail instead of bringing it back.
    await access(dir);
    await charts.writeCharts(summary, dir, {
      onLaidOut: async (written) => {
        await access(dir);
        report = await charts.writeReport(summary, written, dir);
      },
    });
    if (report === undefined) throw new Error('the report was not written');
    return { ok: true, report };
  };
  port.on('message', (req: ChartRequest) => {
    work(req).then(
      (reply) => port.postMessage(reply),
      (err: unknown) => {
        const e = err as NodeJS.ErrnoException;
        port.postMessage((err instanceof Error
          ? { ok: false, error: e.message, code: e.code, path: e.path, stack: e.stack }
          : { ok: false, error: String(err) }) satisfies ChartReply);
      },
    );
  });
}
