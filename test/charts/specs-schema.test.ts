import { afterAll, describe, expect, it } from 'vitest';
import type * as vega from 'vega';
import { CHARTS, buildChartSpecs } from '../../src/charts/specs.js';
import { CollectingLogger, compileSpec, renderSvg, runView } from '../../src/charts/render.js';
import { makeSummary } from './fixture-summary.js';
import { axisLabels, marksNamed, vegaLiteSchemaErrors } from './helpers.js';

/** The named layers each chart must draw, with at least one item each. */
const EXPECTED_MARKS: Record<string, string[]> = {
  'fan-total': ['band_90_marks', 'band_50_marks', 'median_marks', 'target_rule_marks', 'history_points_marks'],
  'target-probability': ['se_band_marks', 'probability_line_marks', 'target_year_rule_marks'],
  'first-year': ['first_year_bars_marks'],
  'target-year-distribution': ['whisker_90_marks', 'box_50_marks', 'median_tick_marks', 'target_rule_marks'],
  'sectors-mean': ['sector_bars_marks', 'total_labels_marks'],
  'sectors-fan': ['band_90_marks', 'band_50_marks', 'median_marks'],
  'directions-fan': ['band_90_marks', 'band_50_marks', 'median_marks'],
  'corridor-shares': ['corridor_bars_marks'],
};

const views: vega.View[] = [];
afterAll(() => views.forEach((v) => v.finalize()));

for (const variant of ['calendar', 'fiscal'] as const) {
  const summary = makeSummary({ fiscal: variant === 'fiscal' });
  const charts = buildChartSpecs(summary);

  describe(`chart specs (${variant} years)`, () => {
    it('builds every chart', () => {
      expect(charts.map((c) => c.name)).toEqual(CHARTS.map((c) => c.name));
      expect(Object.keys(EXPECTED_MARKS).sort()).toEqual(charts.map((c) => c.name).sort());
    });

    for (const chart of charts) {
      describe(chart.name, () => {
        it('is valid against the Vega-Lite JSON schema', () => {
          expect(vegaLiteSchemaErrors(chart.spec)).toEqual([]);
        });

        it('is complete: data inline, shared theme, title naming the scenario, paths and seed', () => {
          const text = JSON.stringify(chart.spec);
          expect(text).not.toMatch(/"url"\s*:/);
          const spec = chart.spec as { config?: unknown; title?: { text: string; subtitle: string[] } };
          expect(spec.config).toBeDefined();
          expect(spec.title?.text).toContain(summary.scenario.title);
          const subtitle = spec.title?.subtitle.join('\n') ?? '';
          expect(subtitle).toContain('10,000 simulated paths');
          expect(subtitle).toContain(`seed ${summary.seed}`);
        });

        it('compiles without Vega-Lite warnings', () => {
          const logger = new CollectingLogger();
          const vg = compileSpec(chart.spec, logger);
          expect(logger.messages).toEqual([]);
          expect(vg.marks?.length ?? 0).toBeGreaterThan(0);
        });

        it('renders headless with its marks, in SVG too', async () => {
          const view = await runView(chart.spec);
          views.push(view);
          for (const name of EXPECTED_MARKS[chart.name] ?? []) {
            const marks = marksNamed(view, name);
            expect(marks.length, name).toBeGreaterThan(0);
            expect(marks.every((m) => m.items.length > 0), name).toBe(true);
          }
          const svg = await renderSvg(chart.spec);
          expect(svg.startsWith('<svg')).toBe(true);
          for (const name of EXPECTED_MARKS[chart.name] ?? []) expect(svg).toContain(` ${name}"`);
        });

        it('labels axes with whole years and USD in M/B, never G or fractional years', async () => {
          const view = await runView(chart.spec);
          views.push(view);
          const labels = axisLabels(view).flat();
          expect(labels.length).toBeGreaterThan(0);
          for (const label of labels) {
            expect(label).not.toMatch(/G$/);
            expect(label).not.toMatch(/^\d,\d{3}/); // 2,026
            expect(label).not.toMatch(/^20\d\d\.\d/); // 2026.5
          }
          const yearPattern = variant === 'fiscal' ? /^FY20\d\d-\d\d$/ : /^20\d\d$/;
          const yearish = labels.filter((l) => /^(FY)?20\d\d/.test(l));
          if (chart.name !== 'target-year-distribution') {
            expect(yearish.length).toBeGreaterThan(0);
            for (const l of yearish) expect(l).toMatch(yearPattern);
          }
          for (const l of labels.filter((l) => l.startsWith('$'))) expect(l).toMatch(/^\$\d+(\.\d+)?[kMB]?$/);
        });
      });
    }
  });
}
