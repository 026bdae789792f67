import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as vega from 'vega';
import { runView } from '../../src/charts/render.js';
import { sectorFanSpec, sectorMeanSpec } from '../../src/charts/sectors.js';
import { makeSummary } from './fixture-summary.js';
import { itemsOf, marksNamed } from './helpers.js';

describe('sector charts', () => {
  const summary = makeSummary();
  const views: vega.View[] = [];
  afterAll(() => views.forEach((v) => v.finalize()));
  let stack: vega.View;
  beforeAll(async () => {
    stack = await runView(sectorMeanSpec(summary));
    views.push(stack);
  });

  it('stacks the sector means: each year\'s bars reach the sum of the means', () => {
    const y = stack.scale('y') as (v: number) => number;
    const bars = itemsOf(stack, 'sector_bars_marks');
    expect(bars).toHaveLength(summary.sectors.length * summary.years.length);
    summary.years.forEach((year, i) => {
      const ofYear = bars.filter((b) => b.datum?.['year'] === year);
      const top = Math.min(...ofYear.map((b) => b.y!));
      const sum = summary.sectors.reduce((s, sector) => s + summary.annual.bySector[sector]!.mean[i]!, 0);
      expect(top).toBeCloseTo(y(sum), 6);
      // Each bar's height is its sector's mean.
      for (const b of ofYear) {
        const sector = String(b.datum?.['sector']);
        expect(b.height).toBeCloseTo(y(0) - y(summary.annual.bySector[sector]!.mean[i]!), 6);
      }
    });
  });

  it('labels each stack with the mean total', () => {
    const labels = itemsOf(stack, 'total_labels_marks').map((t) => t.text);
    expect(labels).toHaveLength(summary.years.length);
    expect(labels[0]).toMatch(/^\$\d+(\.\d+)?M$/);
  });

  it('draws one small fan per sector, each with two bands and a median', async () => {
    const view = await runView(sectorFanSpec(summary));
    views.push(view);
    for (const name of ['band_90_marks', 'band_50_marks', 'median_marks']) {
      const marks = marksNamed(view, name);
      expect(marks).toHaveLength(summary.sectors.length);
      expect(new Set(marks.map((m) => m.items[0]?.datum?.['sector']))).toEqual(new Set(summary.sectors));
    }
  });
});
