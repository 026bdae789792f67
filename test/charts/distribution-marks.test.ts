import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as vega from 'vega';
import { distributionSpec } from '../../src/charts/distribution.js';
import { runView } from '../../src/charts/render.js';
import { makeSummary } from './fixture-summary.js';
import { PIXEL, itemsOf } from './helpers.js';

describe('distribution of the annual total in the target year', () => {
  const summary = makeSummary();
  const i = summary.years.indexOf(summary.target.year);
  const last = summary.years.length - 1;
  let view: vega.View;
  let x: (v: number) => number;
  beforeAll(async () => {
    view = await runView(distributionSpec(summary));
    x = view.scale('x') as (v: number) => number;
  });
  afterAll(() => view.finalize());

  it('shows the target year and the final year, drawn from their quantiles', () => {
    const boxes = itemsOf(view, 'box_50_marks');
    expect(boxes.map((b) => b.datum?.['year'])).toEqual([summary.target.year, summary.years[last]]);
    const t = summary.annual.total;
    const box = boxes[0]!;
    expect(box.x).toBeCloseTo(x(t.p25[i]!), 6);
    expect(box.x! + box.width!).toBeCloseTo(x(t.p75[i]!), 6);
    const whisker = itemsOf(view, 'whisker_90_marks')[0]!;
    expect(whisker.x).toBeCloseTo(x(t.p05[i]!), 6);
    expect(whisker.x2).toBeCloseTo(x(t.p95[i]!), 6);
    const bar80 = itemsOf(view, 'bar_80_marks')[0]!;
    expect(bar80.x).toBeCloseTo(x(t.p10[i]!), 6);
    expect(bar80.x! + bar80.width!).toBeCloseTo(x(t.p90[i]!), 6);
    const median = itemsOf(view, 'median_tick_marks')[0]!;
    expect(median.x! + median.width! / 2).toBeCloseTo(x(t.p50[i]!), 6);
  });

  it('marks the target with a rule at exactly its value, across the plot', () => {
    const rules = itemsOf(view, 'target_rule_marks');
    expect(rules).toHaveLength(1);
    expect(Math.abs(rules[0]!.x! - x(summary.target.value))).toBeLessThan(PIXEL);
    expect(Math.abs(rules[0]!.y2! - rules[0]!.y!)).toBeCloseTo(view.height(), 6);
  });

  it('says in the subtitle what is shown, and that there is no histogram', () => {
    const spec = distributionSpec(summary) as { title: { subtitle: string[] } };
    const subtitle = spec.title.subtitle.join(' ');
    expect(subtitle).toContain('no histogram');
    expect(subtitle).toContain('5–95%');
    expect(subtitle).toContain(`P(total ≥ $1B in 2030) = ${(summary.target.probability[i]! * 100).toFixed(1)}%`);
  });
});
