/**
 * Build step (`npm run build`, tools/build-assets.ts): writes dist/fonts/DejaVuSans.ttf and DejaVuSans-Bold.ttf, the
 * system's DejaVu Sans cut down to charts/fonts.ts's SUBSET_RANGES, and chart-fonts.json, what they
 * were made from. Nothing to do, and no error, where the fonts or `subset-font` (a development
 * dependency) are missing: the PNGs are then drawn with the full fonts.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileStamp } from '../paths.js';
import { CHART_FONTS, DEJAVU_DIR, SUBSET_MANIFEST, SUBSET_RANGES, subsetDir, type SubsetManifest } from '../charts/fonts.js';

export async function buildChartFonts(): Promise<void> {
  let subsetFont: typeof import('subset-font').default;
  try {
    subsetFont = (await import('subset-font')).default;
  } catch {
    process.stdout.write('chart-fonts: subset-font is not installed; PNGs will use the full DejaVu fonts\n');
    return;
  }
  const sources: SubsetManifest['sources'] = {};
  for (const f of CHART_FONTS) {
    try {
      sources[f] = fileStamp(join(DEJAVU_DIR, f));
    } catch {
      process.stdout.write(`chart-fonts: ${join(DEJAVU_DIR, f)} not found (Debian: apt-get install fonts-dejavu-core); PNGs will use system fonts\n`);
      return;
    }
  }
  let text = '';
  for (const [a, b] of SUBSET_RANGES) for (let c = a; c <= b; c++) text += String.fromCodePoint(c);
  const dir = subsetDir();
  mkdirSync(dir, { recursive: true });
  for (const f of CHART_FONTS) {
    const cut = await subsetFont(readFileSync(join(DEJAVU_DIR, f)), text, { targetFormat: 'truetype' });
    writeFileSync(`${join(dir, f)}.tmp`, cut);
    renameSync(`${join(dir, f)}.tmp`, join(dir, f));
  }
  const manifest: SubsetManifest = { ranges: SUBSET_RANGES.map(([a, b]) => [a, b]), sources };
  writeFileSync(join(dir, SUBSET_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

