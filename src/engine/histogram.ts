/**
 * Log-linear histograms of USD values, for streaming quantiles with flat memory (the scheme of
 * HdrHistogram): a value's bin is read off its IEEE-754 bits, exponent and top 8 mantissa bits,
 * so 256 bins per octave, each at most 1/256 = 0.39% wide relative to its lower edge, from
 * 2^16 (USD 65,536) to 2^48 (USD 2.8e14). Bin 0 holds exact zeros (no open corridor), bin 1 values
 * in (0, 2^16), the last bin values >= 2^48. Counts are integers, so histograms merge exactly
 * in any order.
 */
export const LOW_EXP = 16;
export const HIGH_EXP = 48;
export const SUB_BITS = 8;
const SUB = 1 << SUB_BITS;
export const BINS = 2 + (HIGH_EXP - LOW_EXP) * SUB + 1;
export const RELATIVE_BIN_WIDTH = 1 / SUB;
const LOW = 2 ** LOW_EXP;
const HIGH = 2 ** HIGH_EXP;
/** High 32 bits of the double 2^16: exponent field (16 + 1023) << 20. */
const LOW_HI_WORD = (LOW_EXP + 1023) << 20;
const SHIFT = 20 - SUB_BITS;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high word of a double in u32: 1 on little-endian machines. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** The bin of a value >= 0 (NaN and negatives go to bin 0). */
export function binOf(v: number): number {
  if (!(v >= LOW)) return v > 0 ? 1 : 0;
  if (v >= HIGH) return BINS - 1;
  f64[0] = v;
  return 2 + (((u32[HI] as number) - LOW_HI_WORD) >>> SHIFT);
}

/** [lower, upper) edges of a bin, in USD. */
export function binEdges(bin: number): [number, number] {
  if (bin === 0) return [0, 0];
  if (bin === 1) return [0, LOW];
  if (bin >= BINS - 1) return [HIGH, HIGH];
  const j = bin - 2;
  const scale = 2 ** (LOW_EXP + (j >> SUB_BITS));
  const m = j & (SUB - 1);
  return [scale * (1 + m / SUB), scale * (1 + (m + 1) / SUB)];
}
