/**
 * The comparison's charts: every spec compiles without a Vega-Lite warning and renders; titles
 * name the scenarios, subtitles give paths and seed; USD axes write signs and M/B units; the
 * report is one self-contained file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { comparisonCharts, signedUsdExpr } from '../../src/studies/compare/charts.js';
import { formatSignedUsd } from '../../src/format.js';
import { prepareComparison, runComparison } from '../../src/studies/compare/compare.js';
import { comparisonReportHtml } from '../../src/studies/compare/report.js';
import { compareTable } from '../../src/studies/compare/table.js';
import type { ComparisonSummary } from '../../src/studies/compare/summary.js';
import { CollectingLogger, compileSpec, renderSvg } from '../../src/charts/render.js';

const FILES = ['test/fixtures/compare/base.yaml', 'test/fixtures/compare/customs.yaml', 'test/fixtures/compare/base.yaml'];
let summary: ComparisonSummary;
beforeAll(async () => {
  summary = (await runComparison(prepareComparison(FILES), FILES, { paths: 2000, seed: 4, workers: 0 })).summary;
});

describe('comparison charts', () => {
  it('compile without warnings and render to SVG, with titles naming the scenarios', async () => {
    const charts = comparisonCharts(summary);
    expect(charts.map((c) => c.name)).toEqual(['difference-probability', 'target-probability', 'fans', 'difference-fan', 'first-year']);
    for (const c of charts) {
      const logger = new CollectingLogger();
      compileSpec(c.spec, logger);
      expect(logger.messages, c.name).toEqual([]);
      const title = (c.spec as { title: { text: string; subtitle: string[] } }).title;
      expect(title.text).toContain('base vs customs, base#2');
      expect(title.subtitle.at(-1)).toBe('2,000 simulated paths per scenario, on common random numbers · seed 4');
      const svg = await renderSvg(c.spec);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('2030');
    }
  });

  it('label fiscal years on every year axis', async () => {
    const files = ['test/fixtures/compare/fiscal-base.yaml', 'test/fixtures/compare/fiscal-customs.yaml'];
    const fiscal = (await runComparison(prepareComparison(files), files, { paths: 1024, seed: 4, workers: 0 })).summary;
    expect(fiscal.yearLabels[0]).toBe('FY2026-27');
    for (const c of comparisonCharts(fiscal)) {
      const logger = new CollectingLogger();
      compileSpec(c.spec, logger);
      expect(logger.messages, c.name).toEqual([]);
      expect(await renderSvg(c.spec), c.name).toContain('FY2029-30');
    }
    // The target year as the run labels it, in the table and the report too, not the bare 2030.
    expect(fiscal.target.year).toBe(2030);
    expect(compareTable(fiscal).split('\n')[0]).toMatch(/ a year in FY2029-30$/);
    expect(await comparisonReportHtml(fiscal, comparisonCharts(fiscal), [])).toContain('a year in FY2029-30;');
  });

  it('write differences in USD with a sign and M/B units', () => {
    expect(formatSignedUsd(25e6)).toBe('+$25M');
    expect(formatSignedUsd(-1.5e9)).toBe('−$1.5B');
    expect(formatSignedUsd(0)).toBe('$0');
    expect(signedUsdExpr('datum.value')).toContain("replace(format(abs(datum.value), '~s'), 'G', 'B')");
  });

  it('go into a self-contained report.html', async () => {
    const charts = comparisonCharts(summary);
    const html = await comparisonReportHtml(summary, charts, []);
    expect(html).toContain('<h1>base vs customs, base#2</h1>');
    expect(html).toContain('customs against base');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html.length).toBeGreaterThan(500_000); // Vega and Vega-Lite inlined
    for (const c of charts) expect(html).toContain(`id="vis-${c.name}"`);
  });
});
