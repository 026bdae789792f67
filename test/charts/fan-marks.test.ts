import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as vega from 'vega';
import { fanChartSpec, historyRows } from '../../src/charts/fan.js';
import { renderSvg, runView } from '../../src/charts/render.js';
import type { Summary } from '../../src/results/summary.js';
import { makeSummary } from './fixture-summary.js';
import { PIXEL, itemsOf, marksNamed } from './helpers.js';

describe('fan chart of the annual total', () => {
  const summary: Summary = makeSummary();
  let view: vega.View;
  let y: (v: number) => number;
  let x: (v: number) => number;
  beforeAll(async () => {
    view = await runView(fanChartSpec(summary));
    y = view.scale('y') as (v: number) => number;
    x = view.scale('x') as (v: number) => number;
  });
  afterAll(() => view.finalize());

  it('draws two bands, 5-95% and 25-75%, spanning the quantiles of every projected year', () => {
    const areas = marksNamed(view, 'band_90_marks').concat(marksNamed(view, 'band_50_marks'));
    expect(areas).toHaveLength(2);
    expect(areas.every((m) => m.marktype === 'area')).toBe(true);
    const outer = itemsOf(view, 'band_90_marks');
    const inner = itemsOf(view, 'band_50_marks');
    expect(outer).toHaveLength(summary.years.length);
    summary.years.forEach((year, i) => {
      expect(outer[i]!.x).toBeCloseTo(x(year), 6);
      expect(outer[i]!.y).toBeCloseTo(y(summary.annual.total.p05[i]!), 6);
      expect(outer[i]!.y2).toBeCloseTo(y(summary.annual.total.p95[i]!), 6);
      expect(inner[i]!.y).toBeCloseTo(y(summary.annual.total.p25[i]!), 6);
      expect(inner[i]!.y2).toBeCloseTo(y(summary.annual.total.p75[i]!), 6);
    });
    // Only the two bands are areas: no third band sneaks in.
    expect(JSON.stringify(fanChartSpec(summary)).match(/"type":"area"/g)).toHaveLength(2);
  });

  it('draws the median line through the medians', () => {
    const median = itemsOf(view, 'median_marks');
    expect(median.map((p) => p.y)).toEqual(summary.annual.total.p50.map((v) => y(v)));
  });

  it('draws the target as a rule at exactly the target value', () => {
    const rules = itemsOf(view, 'target_rule_marks');
    expect(rules).toHaveLength(1);
    const rule = rules[0]!;
    expect(rule.datum?.['target']).toBe(summary.target.value);
    expect(Math.abs(rule.y! - y(summary.target.value))).toBeLessThan(PIXEL);
    // Horizontal, across the whole plot.
    expect(rule.y2 === undefined || Math.abs(rule.y2 - rule.y!) < PIXEL).toBe(true);
    expect(Math.abs(rule.x2! - rule.x!)).toBeCloseTo(view.width(), 6);
    const label = itemsOf(view, 'target_label_marks')[0];
    expect(label?.text).toBe('Target $1B in 2030');
  });

  it('marks the observed history of both sources, before the first projected year', () => {
    const points = itemsOf(view, 'history_points_marks');
    const expected = summary.history.filter((h) => h.year < summary.years[0]!);
    expect(points).toHaveLength(expected.length);
    expect(new Set(points.map((p) => p.datum?.['series']))).toEqual(new Set(['pakistan-sbp', 'kazakhstan-stat']));
    // One shape per source.
    const shapes = new Map(points.map((p) => [p.datum?.['series'], p.shape]));
    expect(shapes.get('pakistan-sbp')).not.toBe(shapes.get('kazakhstan-stat'));
    for (const p of points) {
      expect(p.x).toBeCloseTo(x(Number(p.datum?.['year'])), 6);
      expect(p.y).toBeCloseTo(y(Number(p.datum?.['value'])), 6);
      expect(Number(p.datum?.['year'])).toBeLessThan(summary.years[0]!);
    }
  });

  it('joins observed points of consecutive years only, not across gaps', () => {
    const s = makeSummary();
    s.history = s.history.filter((h) => !(h.series === 'pakistan-sbp' && h.year === 2023));
    const rows = historyRows(s).filter((h) => h.series === 'pakistan-sbp');
    expect(rows.map((r) => r.year)).toEqual([2022, 2024, 2025]);
    expect(rows[0]!.segment).not.toBe(rows[1]!.segment);
    expect(rows[1]!.segment).toBe(rows[2]!.segment);
  });

  it('leaves history from the projected years out', () => {
    const s = makeSummary();
    s.history.push({ series: 'pakistan-sbp', label: 'SBP', year: 2026, value: 5e8, source: 'x' });
    expect(JSON.stringify(fanChartSpec(s))).not.toContain('"value":500000000');
  });

  it('includes 0 and the target on the y axis', () => {
    const [lo, hi] = (view.scale('y') as { domain: () => number[] }).domain() as [number, number];
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThanOrEqual(Math.max(summary.target.value, ...summary.annual.total.p95));
  });

  it('renders to SVG with two band paths, the median, the rule and the history points', async () => {
    const svg = await renderSvg(fanChartSpec(summary));
    const group = (name: string) => new RegExp(`<g class="mark-[a-z]+ role-mark ${name}"[^>]*>(.*?)</g>`, 's').exec(svg)?.[1] ?? '';
    expect(group('band_90_marks').match(/<path/g)).toHaveLength(1);
    expect(group('band_50_marks').match(/<path/g)).toHaveLength(1);
    expect(group('median_marks').match(/<path/g)).toHaveLength(1);
    expect(group('target_rule_marks').match(/<line/g)).toHaveLength(1);
    expect(group('history_points_marks').match(/<path/g)).toHaveLength(8);
    expect(svg).toContain('Target $1B in 2030');
  });
});
