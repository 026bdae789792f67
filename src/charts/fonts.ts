/**
 * The fonts the PNGs are drawn in: Debian's DejaVu Sans (fonts-dejavu-core), and copies of it cut
 * down to the characters charts use, made by `npm run build` (tools/chart-fonts.ts). resvg reads
 * a font file afresh for every run of text it lays out, about 0.7 ms per label with the 760 kB
 * font, most of a chart's PNG time; from a file a quarter that size the PNG is the same, byte for
 * byte (test/charts/fonts-subset.test.ts), in half the time. An SVG with a character outside the
 * cut-down fonts is drawn with the full ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { distPath, fileStamp } from '../paths.js';

/** Where Debian's fonts-dejavu-core puts the fonts the charts are drawn with. */
export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
/** The charts use no italics. */
export const CHART_FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

/**
 * Code points kept in the cut-down fonts, [first, last]: Latin letters with their accents,
 * punctuation, currency signs, arrows, mathematical operators (≥, ≤, ±) and geometric shapes.
 */
export const SUBSET_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], [0xa0, 0x17f], [0x2000, 0x206f], [0x20a0, 0x20cf], [0x2100, 0x214f],
  [0x2190, 0x21ff], [0x2200, 0x22ff], [0x25a0, 0x25ff],
];

/** What tools/chart-fonts.ts records next to the fonts it writes. */
export interface SubsetManifest {
  ranges: Array<[number, number]>;
  /** Per full font: its fileStamp, to notice an update of the system fonts. */
  sources: Record<string, string>;
}

export const SUBSET_MANIFEST = 'chart-fonts.json';

/** dist/fonts (also from the TypeScript sources, under the tests). */
export const subsetDir = () => distPath('fonts');

type FontOptions = NonNullable<ResvgRenderOptions['font']>;

const family = (files: string[]): FontOptions => ({
  fontFiles: files, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans',
});

let chosen: { full: FontOptions; subset: FontOptions | null } | undefined;

function choose(): { full: FontOptions; subset: FontOptions | null } {
  if (chosen) return chosen;
  const full = CHART_FONTS.map((f) => join(DEJAVU_DIR, f)).filter((f) => existsSync(f));
  if (full.length === 0) return (chosen = { full: { loadSystemFonts: true }, subset: null }); // slower, and maybe another font
  let subset: FontOptions | null = null;
  try {
    const dir = subsetDir();
    const manifest = JSON.parse(readFileSync(join(dir, SUBSET_MANIFEST), 'utf8')) as SubsetManifest;
    const ok = JSON.stringify(manifest.ranges) === JSON.stringify(SUBSET_RANGES)
      && CHART_FONTS.every((f) => existsSync(join(dir, f)) && manifest.sources[f] === fileStamp(join(DEJAVU_DIR, f)));
    if (ok) subset = family(CHART_FONTS.map((f) => join(dir, f)));
  } catch {
    // not built: the full fonts
  }
  return (chosen = { full: family(full), subset });
}

function inSubset(code: number): boolean {
  for (const [a, b] of SUBSET_RANGES) if (code >= a && code <= b) return true;
  return false;
}

/** Whether the cut-down fonts have every character of `svg` (a character reference counts as outside). */
export function coveredBySubset(svg: string): boolean {
  if (svg.includes('&#')) return false;
  for (const m of svg.matchAll(/[^\x20-\x7e\t\n\r]/gu)) if (!inSubset(m[0].codePointAt(0) as number)) return false;
  return true;
}

/** resvg's font options for drawing `svg`. */
export function fontsFor(svg: string): FontOptions {
  const { full, subset } = choose();
  return subset && coveredBySubset(svg) ? subset : full;
}
