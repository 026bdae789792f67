import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/charts/report.js';
import { CollectingLogger, compileSpec, renderSvg } from '../../src/charts/render.js';
import { buildChartSpecs } from '../../src/charts/specs.js';
import type { Summary } from '../../src/results/summary.js';
import { makeSummary } from './fixture-summary.js';
import { vegaLiteSchemaErrors } from './helpers.js';

async function checkAll(summary: Summary) {
  const charts = buildChartSpecs(summary);
  for (const chart of charts) {
    expect(vegaLiteSchemaErrors(chart.spec), chart.name).toEqual([]);
    const logger = new CollectingLogger();
    compileSpec(chart.spec, logger);
    expect(logger.messages, chart.name).toEqual([]);
    expect((await renderSvg(chart.spec)).length, chart.name).toBeGreaterThan(1000);
  }
  return charts;
}

describe('charts of unusual summaries', () => {
  it('target year beyond the horizon, never reached by half the paths', async () => {
    const s = makeSummary({ growth: 0.05 });
    s.target.year = 2040;
    s.target.medianFirstYear = null;
    const charts = await checkAll(s);
    const fan = JSON.stringify(charts.find((c) => c.name === 'fan-total')!.spec);
    expect(fan).not.toContain('target_point');
    const dist = charts.find((c) => c.name === 'target-year-distribution')!.spec as { title: { subtitle: string[] } };
    expect(dist.title.subtitle.join(' ')).toContain('outside the horizon');
    const html = await reportHtml(s, [], '/out');
    expect(html).toContain('Outside the projected years');
    expect(html).toContain('not within horizon');
  });

  it('no history, no corridors, no sectors, one direction', async () => {
    const s = makeSummary();
    s.history = [];
    s.corridorShare = {};
    s.corridors = [];
    s.sectors = [];
    s.annual.bySector = {};
    s.directions = ['PK>KZ'];
    const charts = await checkAll(s);
    expect(charts.map((c) => c.name)).toEqual([
      'fan-total',
      'target-probability',
      'first-year',
      'target-year-distribution',
      'directions-fan',
    ]);
    expect(JSON.stringify(charts[0]!.spec)).not.toContain('history_points');
  });

  it('a summary of one path and a single year', async () => {
    const s = makeSummary({ paths: 1 });
    const keep = <T>(a: T[]) => a.slice(0, 1);
    s.years = keep(s.years);
    s.yearLabels = keep(s.yearLabels);
    const stats = [s.annual.total, ...Object.values(s.annual.bySector), ...Object.values(s.annual.byDirection)];
    for (const st of stats) for (const k of Object.keys(st) as Array<keyof typeof st>) st[k] = keep(st[k]);
    for (const k of ['probability', 'standardError', 'reachedBy', 'reachedByStandardError'] as const) s.target[k] = keep(s.target[k]);
    s.target.firstYear = { years: keep(s.target.firstYear.years), probability: [0], never: 1 };
    for (const k of Object.keys(s.corridorShare)) s.corridorShare[k] = keep(s.corridorShare[k]!);
    await checkAll(s);
  });
});
