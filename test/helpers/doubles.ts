/** A double's words and bits, for the tests of the transcribed math functions (little-endian, as every platform Node runs on). */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const i64 = new BigInt64Array(f64.buffer);

/** The double with high word hi and low word lo. */
export const fromWords = (hi: number, lo: number): number => {
  u32[1] = hi;
  u32[0] = lo;
  return f64[0] as number;
};

/** x's high word, signed. */
export const hiOf = (x: number): number => {
  f64[0] = x;
  return (u32[1] as number) | 0;
};

/** x's low word, unsigned. */
export const loOf = (x: number): number => {
  f64[0] = x;
  return u32[0] as number;
};

/** x's 64 bits as a signed integer: adjacent doubles of one sign differ by 1 (ulps apart = |difference|). */
export const bitsOf = (x: number): bigint => {
  f64[0] = x;
  return i64[0] as bigint;
};

/** The double whose 64 bits are b (signed, as bitsOf gives them). */
export const fromBits = (b: bigint): number => {
  i64[0] = b;
  return f64[0] as number;
};

/** The double d representable steps from x, counting from x's bits (for x and the result of one sign). */
export const stepFrom = (x: number, d: number): number => fromBits(bitsOf(x) + BigInt(d));
