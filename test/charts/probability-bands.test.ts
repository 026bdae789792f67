import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as vega from 'vega';
import { PROBABILITY_MEASURES, targetProbabilitySpec } from '../../src/charts/probability.js';
import { runView } from '../../src/charts/render.js';
import { makeSummary } from './fixture-summary.js';
import { PIXEL, itemsOf } from './helpers.js';

describe('probability of reaching the target', () => {
  const summary = makeSummary({ paths: 400 }); // few paths: wide, visible error bands
  let view: vega.View;
  let y: (v: number) => number;
  beforeAll(async () => {
    view = await runView(targetProbabilitySpec(summary));
    y = view.scale('y') as (v: number) => number;
  });
  afterAll(() => view.finalize());

  it('plots P(total >= target) per year and P(reached by year), one line each', () => {
    const points = itemsOf(view, 'probability_points_marks');
    const byMeasure = (m: string) => points.filter((p) => p.datum?.['measure'] === m);
    const inYear = byMeasure(PROBABILITY_MEASURES.inYear);
    const reached = byMeasure(PROBABILITY_MEASURES.reachedBy);
    expect(inYear.map((p) => p.y)).toEqual(summary.target.probability.map((p) => y(p)));
    expect(reached.map((p) => p.y)).toEqual(summary.target.reachedBy.map((p) => y(p)));
    expect(itemsOf(view, 'probability_line_marks')).toHaveLength(2 * summary.years.length);
  });

  it('shades two standard errors either side, clamped to [0, 1]', () => {
    const band = itemsOf(view, 'se_band_marks').filter((i) => i.datum?.['measure'] === PROBABILITY_MEASURES.reachedBy);
    expect(band).toHaveLength(summary.years.length);
    band.forEach((item, i) => {
      const p = summary.target.reachedBy[i]!;
      const se = summary.target.reachedByStandardError[i]!;
      expect(se).toBeGreaterThan(0);
      expect(Math.abs(item.y! - y(Math.max(0, p - 1.959964 * se)))).toBeLessThan(PIXEL);
      expect(Math.abs(item.y2! - y(Math.min(1, p + 1.959964 * se)))).toBeLessThan(PIXEL);
    });
    const [lo, hi] = (view.scale('y') as { domain: () => number[] }).domain();
    expect([lo, hi]).toEqual([0, 1]);
  });

  it('marks the target year', () => {
    const rule = itemsOf(view, 'target_year_rule_marks');
    expect(rule).toHaveLength(1);
    expect(rule[0]!.x).toBeCloseTo((view.scale('x') as (v: number) => number)(summary.target.year), 6);
  });
});
