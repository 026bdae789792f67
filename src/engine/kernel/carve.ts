/**
 * Typed arrays laid out one after another in a Float64Array's buffer (ChunkSimulator.mem, which
 * is the wasm memory where wasm runs), so that kernel.wat can reach them: each starts on an
 * 8-byte boundary, and `at` is where the next one starts, in doubles. Without a buffer (null) it
 * only measures: every array is empty and `at` ends at the size the real layout needs.
 */
export class Carve {
  constructor(private readonly mem: Float64Array | null, public at: number) {}

  f64(n: number): Float64Array {
    const a = this.mem ? this.mem.subarray(this.at, this.at + n) : new Float64Array(0);
    this.at += n;
    return a;
  }

  i32(n: number): Int32Array {
    const a = this.mem ? new Int32Array(this.mem.buffer, this.mem.byteOffset + this.at * 8, n) : new Int32Array(0);
    this.at += Math.ceil(n / 2);
    return a;
  }

  u8(n: number): Uint8Array {
    const a = this.mem ? new Uint8Array(this.mem.buffer, this.mem.byteOffset + this.at * 8, n) : new Uint8Array(0);
    this.at += Math.ceil(n / 8);
    return a;
  }
}
