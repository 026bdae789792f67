import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { DEJAVU_DIR } from '../../src/charts/fonts.js';
import { PngWorker, svgToPng } from '../../src/charts/render.js';

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

  it('gives the same bytes on the worker thread as on this one', async () => {
    const worker = new PngWorker();
    try {
      const [a, b] = await Promise.all([worker.render(svg('2030'), 2), worker.render(svg('2035'), 1.5)]);
      expect(a.equals(await svgToPng(svg('2030'), 2))).toBe(true);
      expect(b.equals(await svgToPng(svg('2035'), 1.5))).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('shares queued jobs with the main thread when asked to help, each drawn once', async () => {
    const worker = new PngWorker();
    try {
      const texts = ['2026', '2027', '2028', '2029', '2030', '2031'];
      const pending = texts.map((t) => worker.render(svg(t), 1));
      await worker.help();
      const pngs = await Promise.all(pending);
      for (const [i, t] of texts.entries()) expect(pngs[i]!.equals(await svgToPng(svg(t), 1))).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('reports an SVG it cannot read', async () => {
    const worker = new PngWorker();
    try {
      await expect(worker.render('not svg')).rejects.toThrow(/PNG rendering failed/);
    } finally {
      await worker.close();
    }
  });
});
