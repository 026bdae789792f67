/**
 * Text widths for headless rendering. Without a canvas, Vega estimates a text's width as
 * 0.8 em per character, about a third wider than DejaVu Sans (the font the PNGs are drawn with),
 * which spreads legends and pushes axis titles away. This table holds DejaVu Sans advance widths
 * (thousandths of an em, read from the font's hmtx table) so that layout matches the drawing.
 */
const CHARS =
  " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—≥≤×·…→←◆µ’‘“”°±%€£";
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
  603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
  634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 500,
  1000, 838, 838, 838, 318, 1000, 838, 838, 769, 636, 318, 318, 518, 518, 500, 838, 950, 636, 636,
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696,
  696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
  733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
  712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838, 500,
  1000, 838, 838, 838, 380, 1000, 838, 838, 769, 736, 380, 380, 657, 657, 500, 838, 1002, 696, 696,
];

function table(widths: readonly number[]): Map<string, number> {
  const map = new Map<string, number>();
  Array.from(CHARS).forEach((ch, i) => map.set(ch, (widths[i] ?? 620) / 1000));
  return map;
}
const regular = table(REGULAR);
const bold = table(BOLD);
/** For characters not in the table (most are letters of about this width). */
const FALLBACK_EM = 0.62;

function isBold(weight: unknown): boolean {
  if (typeof weight === 'number') return weight >= 600;
  return typeof weight === 'string' && (weight === 'bold' || weight === 'bolder' || Number(weight) >= 600);
}

/** Width in pixels of `text` in DejaVu Sans at `fontSize`. */
export function dejaVuWidth(text: string, fontSize: number, weight?: unknown): number {
  const widths = isBold(weight) ? bold : regular;
  let em = 0;
  for (const ch of text) em += widths.get(ch) ?? FALLBACK_EM;
  return em * fontSize;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: unknown;
  limit?: number;
}

/** A replacement for vega's `textMetrics.width(item, text)`. */
export function measureTextItem(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const value = text == null ? '' : String(text).trim();
  return dejaVuWidth(value, size, item.fontWeight);
}
