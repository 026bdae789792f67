import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_SCALE, writeCharts, writeReport, type WrittenChart } from '../../src/charts/index.js';
import { CHARTS, buildChartSpecs } from '../../src/charts/specs.js';
import { makeSummary } from './fixture-summary.js';
import { vegaLiteSchemaErrors } from './helpers.js';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('writeCharts and writeReport', () => {
  const summary = makeSummary();
  let out: string;
  let charts: WrittenChart[];
  let report: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'trade-sim-charts-'));
    charts = await writeCharts(summary, out);
    report = await writeReport(summary, charts, out);
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('writes NAME.vl.json, NAME.svg and NAME.png for every chart into <out>/charts', async () => {
    expect(charts.map((c) => c.name)).toEqual(CHARTS.map((c) => c.name));
    for (const chart of charts) {
      expect(chart.files).toEqual(['.vl.json', '.svg', '.png'].map((ext) => join(out, 'charts', `${chart.name}${ext}`)));
      for (const file of chart.files) expect((await stat(file)).size, file).toBeGreaterThan(1000);
    }
  });

  it('writes complete Vega-Lite specs with inline data, as built', async () => {
    const built = buildChartSpecs(summary);
    for (const chart of charts) {
      const spec = JSON.parse(await readFile(chart.files[0]!, 'utf8')) as unknown;
      expect(vegaLiteSchemaErrors(spec)).toEqual([]);
      expect(spec).toEqual(JSON.parse(JSON.stringify(built.find((b) => b.name === chart.name)!.spec)));
    }
  });

  it('writes SVGs with text in DejaVu Sans and PNGs at PNG_SCALE times their size', async () => {
    for (const chart of charts) {
      const svg = await readFile(chart.files[1]!, 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('DejaVu Sans');
      expect(svg).toContain(summary.scenario.title);
      const width = Number(/<svg[^>]* width="(\d+(\.\d+)?)"/.exec(svg)?.[1]);
      const height = Number(/<svg[^>]* height="(\d+(\.\d+)?)"/.exec(svg)?.[1]);
      const png = pngSize(await readFile(chart.files[2]!));
      expect(png.width).toBe(Math.round(width * PNG_SCALE));
      expect(png.height).toBe(Math.round(height * PNG_SCALE));
    }
  });

  it('writes report.html with the scenario, the headline numbers and a container per chart', async () => {
    expect(report).toBe(join(out, 'report.html'));
    const html = await readFile(report, 'utf8');
    expect(html).toContain(summary.scenario.sha256);
    expect(html).toContain('Fast-track trade agreement');
    const i = summary.years.indexOf(summary.target.year);
    const pct = (p: number, d = 1) => `${(p * 100).toFixed(d)}%`;
    expect(html).toContain(`${pct(summary.target.reachedBy[i]!)} ± ${pct(summary.target.reachedByStandardError[i]!, 2)}`);
    expect(html).toContain('90% interval $373M – $1.06B');
    for (const chart of charts) {
      expect(html).toContain(`id="vis-${chart.name}"`);
      expect(html).toContain(`href="charts/${chart.name}.png"`);
    }
    // Self-contained: no external scripts, styles, images or frames.
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i);
    expect(html).toContain('vega-lite');
    expect(html.length).toBeGreaterThan(500_000); // the inlined Vega and Vega-Lite builds
    for (const p of summary.parameters) expect(html).toContain(p.path.replace(/>/g, '&gt;'));
  });
});
