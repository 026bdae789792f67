/**
 * Log-linear histograms of USD values, for streaming quantiles with flat memory (the scheme of
 * HdrHistogram): a value's bin is read off its IEEE-754 bits, exponent and top 8 mantissa bits,
 * so 256 bins per octave, each at most 1/256 = 0.39% wide relative to its lower edge, from
 * 2^16 (USD 65,536) to 2^48 (USD 2.8e14). Bin 0 holds exact zeros (no open corridor), bin 1 values
 * in (0, 2^16), the last bin values >= 2^48. Counts are integers, so histograms merge exactly
 * in any order.
 */
import { twoTo } from './powers-of-two.js';

export const LOW_EXP = 16;
export const HIGH_EXP = 48;
export const SUB_BITS = 8;
const SUB = 1 << SUB_BITS;
export const BINS = 2 + (HIGH_EXP - LOW_EXP) * SUB + 1;
export const RELATIVE_BIN_WIDTH = 1 / SUB;
const LOW = twoTo(LOW_EXP);
const HIGH = twoTo(HIGH_EXP);
/** High 32 bits of the double 2^16: exponent field (16 + 1023) << 20. */
const LOW_HI_WORD = (LOW_EXP + 1023) << 20;
/** High 32 bits of the double 2^48. */
const HIGH_HI_WORD = (HIGH_EXP + 1023) << 20;
const SHIFT = 20 - SUB_BITS;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high word of a double in a 32-bit view of it: 1 on little-endian machines. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** The bin of a value >= 0 (NaN and negatives go to bin 0). */
export function binOf(v: number): number {
  if (!(v >= LOW)) return v > 0 ? 1 : 0;
  if (v >= HIGH) return BINS - 1;
  f64[0] = v;
  return 2 + (((u32[HI] as number) - LOW_HI_WORD) >>> SHIFT);
}

/**
 * The high words of a Float64Array's doubles, read in place: element i's is at [2 i + HI]. With
 * them, binOfHigh bins a value without storing it to read its bits back.
 */
export const highWords = (a: Float64Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length * 2);

/** binOf(v), given hi, v's high word (highWords): the same bin. */
export function binOfHigh(hi: number, v: number): number {
  return hi >= LOW_HI_WORD && hi < HIGH_HI_WORD ? 2 + ((hi - LOW_HI_WORD) >> SHIFT) : binOf(v);
}

/**
 * Bins and sums of `rows` rows of n values, row r at values[at + r * stride ...] (`hi`: highWords
 * of values), for histograms laid out [h * BINS + bin], row r's being histogram h0 + r:
 * cells[cellsAt + r * cellStride + p] = (h0 + r) * BINS + binOf(value p of row r), the cell it
 * counts in; sums[sumAt + r] = the sum of the row's values and sums[sumsqAt + r] that of their
 * squares, each added in path order from 0. kernel.wat binSums is its twin (the same cells, the
 * same bits).
 */
export function binSums(
  values: Float64Array, hi: Int32Array, at: number, rows: number, n: number, stride: number,
  cells: Int32Array, cellsAt: number, cellStride: number, h0: number, sums: Float64Array, sumAt: number, sumsqAt: number,
): void {
  const bin = binOfHigh; // a local: V8 reads a module binding through a cell at every use
  for (let r = 0; r < rows; r++) {
    const o = at + r * stride, oc = cellsAt + r * cellStride, base = (h0 + r) * BINS;
    let s = 0, ss = 0;
    for (let p = 0; p < n; p++) {
      const v = values[o + p] as number;
      cells[oc + p] = base + bin(hi[2 * (o + p) + HI] as number, v);
      s += v;
      ss += v * v;
    }
    sums[sumAt + r] = s;
    sums[sumsqAt + r] = ss;
  }
}

/**
 * Adds one to hist at each of cells[from, to). Eight cells are read before any is counted: the
 * counts' loads then do not wait on the previous counts' stores (1.7x faster than one at a time).
 * One loop, with no arithmetic before or after it: a fresh thread's first call (a whole chunk,
 * 194,560 cells for K1) is optimised while in the loop, before it has run any code after the loop,
 * and without type feedback for any code before it (V8 allocates a function's feedback in its
 * first long loop); such code would throw the optimised code away (it did: 2 to 80 times a run).
 */
export function countCells(hist: Uint32Array, cells: Int32Array, from: number, to: number): void {
  for (let i = from; i < to;) {
    if (to - i >= 8) {
      const a = cells[i] as number, b = cells[i + 1] as number, c = cells[i + 2] as number, d = cells[i + 3] as number;
      const e = cells[i + 4] as number, f = cells[i + 5] as number, g = cells[i + 6] as number, k = cells[i + 7] as number;
      hist[a] = (hist[a] as number) + 1; hist[b] = (hist[b] as number) + 1; hist[c] = (hist[c] as number) + 1; hist[d] = (hist[d] as number) + 1;
      hist[e] = (hist[e] as number) + 1; hist[f] = (hist[f] as number) + 1; hist[g] = (hist[g] as number) + 1; hist[k] = (hist[k] as number) + 1;
      i += 8;
    } else {
      const a = cells[i] as number;
      hist[a] = (hist[a] as number) + 1;
      i++;
    }
  }
}

/** [lower, upper) edges of a bin, in USD. */
export function binEdges(bin: number): [number, number] {
  if (bin === 0) return [0, 0];
  if (bin === 1) return [0, LOW];
  if (bin >= BINS - 1) return [HIGH, HIGH];
  const j = bin - 2;
  const scale = twoTo(LOW_EXP + (j >> SUB_BITS));
  const m = j & (SUB - 1);
  return [scale * (1 + m / SUB), scale * (1 + (m + 1) / SUB)];
}
