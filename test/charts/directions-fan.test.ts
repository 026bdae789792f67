import { afterAll, describe, expect, it } from 'vitest';
import type * as vega from 'vega';
import { directionFanSpec } from '../../src/charts/directions.js';
import { corridorShareSpec } from '../../src/charts/corridors.js';
import { runView } from '../../src/charts/render.js';
import { makeSummary } from './fixture-summary.js';
import { itemsOf, marksNamed } from './helpers.js';

describe('directions and corridors', () => {
  const summary = makeSummary();
  const views: vega.View[] = [];
  afterAll(() => views.forEach((v) => v.finalize()));

  it('draws a fan for Pakistan\'s exports (PK>KZ) and one for Kazakhstan\'s (KZ>PK)', async () => {
    const view = await runView(directionFanSpec(summary));
    views.push(view);
    const bands = marksNamed(view, 'band_90_marks');
    expect(bands).toHaveLength(2);
    const names = bands.map((m) => String(m.items[0]?.datum?.['direction']));
    expect(names).toEqual([
      "Pakistan's exports to Kazakhstan (PK>KZ)",
      "Kazakhstan's exports to Pakistan (KZ>PK)",
    ]);
    const median = marksNamed(view, 'median_marks')[0]!.items.map((i) => i.datum?.['p50']);
    expect(median).toEqual(summary.annual.byDirection['PK>KZ']!.p50);
  });

  it('stacks the corridor shares to 100% each year', async () => {
    const view = await runView(corridorShareSpec(summary));
    views.push(view);
    const y = view.scale('y') as (v: number) => number;
    const bars = itemsOf(view, 'corridor_bars_marks');
    expect(bars).toHaveLength(3 * summary.years.length);
    expect(new Set(bars.map((b) => b.datum?.['corridor']))).toEqual(new Set(summary.corridors.map((c) => c.label)));
    for (const year of summary.years) {
      const ofYear = bars.filter((b) => b.datum?.['year'] === year);
      expect(Math.min(...ofYear.map((b) => b.y!))).toBeCloseTo(y(1), 6);
    }
  });
});
