/**
 * Partial years in the fan chart's history: drawn hollow in their own layer, at their value,
 * never joined by the history line to whole years, and their tooltip says which months they cover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as vega from 'vega';
import { fanChartSpec, historyRows } from '../../src/charts/fan.js';
import { CollectingLogger, compileSpec, runView } from '../../src/charts/render.js';
import type { Summary } from '../../src/results/summary.js';
import { makeSummary } from './fixture-summary.js';
import { itemsOf } from './helpers.js';

function withPartial(): Summary {
  const s = makeSummary();
  // The fixture's Kazakh series has 2022-2025; drop 2023 for a part-year figure in its place.
  s.history = s.history.filter((h) => !(h.series === 'kazakhstan-stat' && h.year === 2023));
  s.history.push({ series: 'kazakhstan-stat', label: 'Kazakhstan, Bureau of National Statistics (calendar years)', year: 2023, value: 61e6, source: 'a page', partial: 'January-July 2023' });
  return s;
}

describe('partial years in the fan chart', () => {
  const summary = withPartial();
  let view: vega.View;
  beforeAll(async () => {
    view = await runView(fanChartSpec(summary));
  });
  afterAll(() => view.finalize());

  it('draws the partial year hollow, in its own layer, at its value', () => {
    const hollow = itemsOf(view, 'history_partial_marks');
    expect(hollow).toHaveLength(1);
    const y = view.scale('y') as (v: number) => number;
    expect(hollow[0]!.y).toBeCloseTo(y(61e6), 6);
    expect(hollow[0]!.fill === undefined || hollow[0]!.fill === 'transparent').toBe(true);
    expect(hollow[0]!.stroke).toBeTruthy();
    // Whole years keep their filled marks: the fixture's 8 points less the one replaced.
    expect(itemsOf(view, 'history_points_marks')).toHaveLength(7);
    expect(itemsOf(view, 'history_points_marks').every((p) => p.datum?.['partial'] === false)).toBe(true);
  });

  it('never joins a partial year to the whole years by the history line', () => {
    const lines = itemsOf(view, 'history_line_marks').flatMap((m) => (m as unknown as { items?: Array<{ datum?: Record<string, unknown> }> }).items ?? [m]);
    expect(lines.some((p) => p.datum?.['partial'] === true)).toBe(false);
    const rows = historyRows(summary).filter((r) => r.series === 'kazakhstan-stat');
    const partial = rows.find((r) => r.partial)!;
    // The partial row is a segment of its own, and 2022 and 2024 are not in one segment.
    expect(rows.filter((r) => r.segment === partial.segment)).toHaveLength(1);
    expect(rows.find((r) => r.year === 2022)!.segment).not.toBe(rows.find((r) => r.year === 2024)!.segment);
  });

  it('compiles without Vega-Lite warnings: the hollow layer shares the whole years\' shape legend', () => {
    const logger = new CollectingLogger();
    compileSpec(fanChartSpec(summary), logger);
    expect(logger.messages).toEqual([]);
  });

  it('says in the tooltip text which months a partial figure covers', () => {
    const partial = historyRows(summary).find((r) => r.partial)!;
    expect(partial.valueText).toBe('$61M in January-July 2023 only (part year)');
  });
});
