import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONTS, coveredBySubset, DEJAVU_DIR, fontsFor, subsetDir } from '../../src/charts/fonts.js';
import { buildChartSpecs, renderSvg } from '../../src/charts/index.js';
import { makeSummary } from './fixture-summary.js';

const haveFonts = CHART_FONTS.every((f) => existsSync(join(DEJAVU_DIR, f)));
const label = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text x="10" y="28" font-family="'DejaVu Sans'" font-size="20">${text}</text></svg>`;

describe('cut-down chart fonts', () => {
  it('tells which text the cut-down fonts cover', () => {
    expect(coveredBySubset(label('P(total ≥ USD 1B) – 2030 ± 2 SE · “FY2029-30” → €'))).toBe(true);
    expect(coveredBySubset(label('Қазақстан'))).toBe(false); // Cyrillic: not in the subset
    expect(coveredBySubset(label('&#8805; 1B'))).toBe(false); // a character reference is not looked into
  });

  // In CI the fonts are installed before `npm run build`, so the cut-down fonts must exist there.
  it.runIf(haveFonts || process.env.CI === 'true')('are built and chosen only for text they cover', () => {
    const subset = fontsFor(label('USD 1B'));
    expect(subset.fontFiles).toEqual(CHART_FONTS.map((f) => join(subsetDir(), f)));
    expect(fontsFor(label('Қазақстан')).fontFiles).toEqual(CHART_FONTS.map((f) => join(DEJAVU_DIR, f)));
  });

  it.runIf(haveFonts || process.env.CI === 'true')('draw every chart to the same PNG bytes as the full fonts', async () => {
    const full = fontsFor(label('Қ'));
    for (const chart of buildChartSpecs(makeSummary())) {
      const svg = await renderSvg(chart.spec);
      const cut = fontsFor(svg);
      expect(cut, chart.name).not.toEqual(full);
      const draw = (font: typeof full) => new Resvg(svg, { font, background: '#ffffff', shapeRendering: 2, textRendering: 1 }).render().asPng();
      expect(draw(cut).equals(draw(full)), chart.name).toBe(true);
    }
  });
});
