import { describe, expect, it } from 'vitest';
import { distributionSpec } from '../../src/charts/distribution.js';
import { dejaVuWidth } from '../../src/charts/metrics.js';
import { renderSvg, runView } from '../../src/charts/render.js';
import { makeSummary } from './fixture-summary.js';
import type { SceneMark } from './helpers.js';

interface Bounded {
  bounds: { x1: number; x2: number };
  text: string[];
  fontSize: number;
}

describe('headless text layout', () => {
  it('lays titles out at DejaVu Sans widths, in every copy of vega-scenegraph', async () => {
    const view = await runView(distributionSpec(makeSummary()));
    try {
      let subtitle: Bounded | undefined;
      const visit = (mark: SceneMark) => {
        if (mark.role === 'title-subtitle') subtitle = mark.items[0] as unknown as Bounded;
        for (const item of mark.items ?? []) for (const child of item.items ?? []) visit(child);
      };
      visit((view.scenegraph() as unknown as { root: SceneMark }).root);
      expect(subtitle).toBeDefined();
      const widest = Math.max(...subtitle!.text.map((line) => dejaVuWidth(line, subtitle!.fontSize)));
      // Vega's own guess (0.8 em a character) would be about a third wider.
      expect(subtitle!.bounds.x2 - subtitle!.bounds.x1).toBeCloseTo(widest, 0);
    } finally {
      view.finalize();
    }
  });

  it('makes the SVG no wider than its widest part', async () => {
    const svg = await renderSvg(distributionSpec(makeSummary()));
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeLessThan(900); // 640 plot + axis labels + padding; ~1060 with Vega's estimate
  });
});
