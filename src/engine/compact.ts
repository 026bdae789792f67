/**
 * A partial in compact binary form, for partials that leave the machine (a queue's chunk results,
 * a shard's partial file): encodePartial's form without the count arrays, then each count array
 * sparse, as (gap since the last non-zero entry, count) pairs of LEB128 varints. A chunk of K1
 * fills 96,000 of its 1.56 million histogram bins: 6.2 MB dense, about 0.2 MB this way.
 */
import { countsOf, decodePartial, encodePartial, type AnyKind, type AnyPartial } from './kind.js';

const MAGIC = 0x54534331; // "TSC1"

class Bytes {
  buf = new Uint8Array(1 << 16);
  at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }

  varint(v: number): void {
    this.room(5);
    while (v >= 0x80) {
      this.buf[this.at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.at++] = v;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }
}

/** `p` with its count arrays, compactly. */
export function encodeCompact(kind: AnyKind, p: AnyPartial): Uint8Array {
  const out = new Bytes();
  const lean = encodePartial(kind, p, false);
  out.varint(MAGIC);
  out.varint(lean.length);
  out.bytes(lean);
  for (const counts of countsOf(kind, p)) {
    let nonZero = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) nonZero++;
    out.varint(counts.length);
    out.varint(nonZero);
    let last = -1;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i] as number;
      if (c === 0) continue;
      out.varint(i - last);
      out.varint(c);
      last = i;
    }
  }
  return out.buf.slice(0, out.at);
}

/** The partial encoded by encodeCompact, count arrays included. */
export function decodeCompact<P extends AnyPartial>(kind: AnyKind, bytes: Uint8Array): P {
  let at = 0;
  const varint = (): number => {
    let v = 0, shift = 0, b: number;
    do {
      if (at >= bytes.length) throw new Error('compact partial: truncated');
      b = bytes[at++] as number;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return v;
  };
  if (varint() !== MAGIC) throw new Error('compact partial: not a compact partial');
  const leanLength = varint();
  if (at + leanLength > bytes.length) throw new Error('compact partial: truncated');
  // A plain copy: decodePartial slices its input, and a Buffer's slice is a view of Node's pool.
  const p = decodePartial<P>(kind, new Uint8Array(bytes.subarray(at, at + leanLength)));
  at += leanLength;
  const parts = p as unknown as Record<string, Uint32Array>;
  for (const k of kind.counts) {
    const counts = new Uint32Array(varint());
    const nonZero = varint();
    let i = -1;
    for (let j = 0; j < nonZero; j++) {
      i += varint();
      if (i >= counts.length) throw new Error('compact partial: count index out of range');
      counts[i] = varint();
    }
    parts[k] = counts;
  }
  if (at !== bytes.length) throw new Error('compact partial: trailing bytes');
  return p;
}
