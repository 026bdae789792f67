/**
 * Exact powers of two, 2^e for integer e from -1100 to 1100, built from their bits: subnormal ones
 * down to 2^-1074, 0 below, Infinity above 2^1023. One table for pow.ts, exp-log.ts, fast-exp.ts,
 * log1p.ts and hyperbolic.ts, which scale by them (exactly, where the result is normal), and for
 * the integer powers of two elsewhere (histogram edges, the correlation repair's step), which need
 * no pow. compact.ts's varints keep pow: an over-long varint's shift runs past this table.
 */
export const TWO_BIAS = 1100;

/** TWO_TO[e + TWO_BIAS] = 2^e. Hot loops keep a module-local alias: an imported binding is read through a cell at every use. */
export const TWO_TO = new Float64Array(2 * TWO_BIAS + 1);
{
  const d = new Float64Array(1);
  const w = new Uint32Array(d.buffer); // [0] low word, [1] high word (little-endian, as every platform Node runs on)
  for (let i = 0; i <= 2 * TWO_BIAS; i++) {
    const e = i - TWO_BIAS;
    if (e > 1023) TWO_TO[i] = Infinity;
    else if (e >= -1074) {
      w[1] = e >= -1022 ? (e + 1023) << 20 : e >= -1042 ? 1 << (e + 1042) : 0; // normal: the exponent field; subnormal: one mantissa bit
      w[0] = e >= -1042 ? 0 : (1 << (e + 1074)) >>> 0;
      TWO_TO[i] = d[0] as number;
    }
  }
}

/** 2^e for integer e in [-1100, 1100], exactly. */
export const twoTo = (e: number): number => TWO_TO[e + TWO_BIAS] as number;
