/**
 * Charts and the report drawn on threads of their own. The CLI starts them before simulating, so
 * that loading Vega and resvg (about a third of a second) overlaps the simulation; each thread
 * then draws its share of the charts, and one writes `report.html`.
 */
import { parentPort } from 'node:worker_threads';
import type { WrittenChart } from '../charts/index.js';
import type { Summary } from '../results/summary.js';

export type ChartRequest =
  | { kind: 'charts'; summary: Summary; dir: string; part: number; parts: number }
  | { kind: 'report'; summary: Summary; dir: string; charts: WrittenChart[] };

export type ChartReply =
  | { ok: true; charts: WrittenChart[]; report?: string }
  | { ok: false; error: string };

const port = parentPort;
if (port) {
  const charts = await import('../charts/index.js');
  // Start the PNG worker now and have it load resvg and the fonts while the simulation runs.
  const png = new charts.PngWorker();
  void png.render('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><text y="8">0</text></svg>', 1).catch(() => undefined);
  const work = async (req: ChartRequest): Promise<ChartReply> => {
    if (req.kind === 'report') return { ok: true, charts: req.charts, report: await charts.writeReport(req.summary, req.charts, req.dir) };
    const written = await charts.writeCharts(req.summary, req.dir, { select: (i) => i % req.parts === req.part, png });
    return { ok: true, charts: written };
  };
  port.on('message', (req: ChartRequest) => {
    work(req).then(
      (reply) => port.postMessage(reply),
      (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) } satisfies ChartReply),
    );
  });
}
