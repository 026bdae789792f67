import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { DEJAVU_DIR } from '../../src/charts/fonts.js';
import { svgToPng } from '../../src/charts/render.js';

const svg = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/>` +
  `<text x="10" y="28" font-family="'DejaVu Sans', sans-serif" font-size="20">${text}</text></svg>`;

describe('PNG rendering', () => {
  it('finds the DejaVu fonts the charts are drawn with', () => {
    expect(existsSync(`${DEJAVU_DIR}/DejaVuSans.ttf`)).toBe(true);
  });

  it('draws text (fonts load), at twice the SVG size', async () => {
    const withText = await svgToPng(svg('$1B target'));
    const blank = await svgToPng(svg(''));
    expect(withText.readUInt32BE(16)).toBe(400);
    expect(withText.readUInt32BE(20)).toBe(80);
    expect(withText.equals(blank)).toBe(false);
    expect(withText.length).toBeGreaterThan(blank.length + 200);
  });

  it('draws several at once (on libuv\'s threads) to the same bytes as one at a time', async () => {
    const texts = ['2026', '2027', '2028', '2029', '2030', '2031'];
    const together = await Promise.all(texts.map((t, i) => svgToPng(svg(t), i % 2 === 0 ? 1 : 1.5)));
    for (const [i, t] of texts.entries()) expect(together[i]!.equals(await svgToPng(svg(t), i % 2 === 0 ? 1 : 1.5))).toBe(true);
    expect(together[0]!.equals(together[2]!)).toBe(false);
  });

  it('reports an SVG it cannot read', async () => {
    await expect(svgToPng('not svg')).rejects.toThrow(/PNG rendering failed/);
  });
});
