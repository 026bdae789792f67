import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as vega from 'vega';
import { firstYearSpec, neverLabel } from '../../src/charts/first-year.js';
import { runView } from '../../src/charts/render.js';
import { makeSummary } from './fixture-summary.js';
import { axisLabels, itemsOf } from './helpers.js';

describe('first year the target is reached', () => {
  const summary = makeSummary();
  let view: vega.View;
  beforeAll(async () => {
    view = await runView(firstYearSpec(summary));
  });
  afterAll(() => view.finalize());

  it('draws a bar per year and one for "not within the horizon", in that order', () => {
    const bars = itemsOf(view, 'first_year_bars_marks');
    expect(bars).toHaveLength(summary.target.firstYear.years.length + 1);
    const sorted = [...bars].sort((a, b) => a.x! - b.x!);
    expect(sorted.map((b) => b.datum?.['label'])).toEqual([...summary.yearLabels, neverLabel(summary)]);
    expect(sorted.map((b) => b.datum?.['p'])).toEqual([...summary.target.firstYear.probability, summary.target.firstYear.never]);
  });

  it('bar heights are the probabilities, which add up to 1', () => {
    const y = view.scale('y') as (v: number) => number;
    const bars = itemsOf(view, 'first_year_bars_marks');
    for (const bar of bars) {
      expect(bar.y! + bar.height!).toBeCloseTo(y(0), 6);
      expect(bar.y).toBeCloseTo(y(Number(bar.datum?.['p'])), 6);
    }
    const total = bars.reduce((sum, b) => sum + Number(b.datum?.['p']), 0);
    expect(total).toBeCloseTo(1, 9);
  });

  it('writes the last label on two lines', () => {
    expect(axisLabels(view).flat()).toContain('Not reached by 2035');
  });
});
