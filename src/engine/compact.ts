/**
 * A partial in compact binary form, for partials that leave the machine (a queue's chunk results,
 * a shard's partial file): encodePartial's form without the count arrays, then each count array
 * sparse, as (gap since the last non-zero entry, count) pairs of LEB128 varints. A chunk of K1
 * fills 96,000 of its 1.56 million histogram bins: 6.2 MB dense, about 0.2 MB this way.
 */
import { countsOf, decodePartial, encodePartial, type AnyKind, type AnyPartial } from './kind.js';
import { pow } from './pow.js';

const MAGIC = 0x54534331; // "TSC1"

/** Writes v as a LEB128 varint at `at`; returns the next position. */
function varint(out: Uint8Array, at: number, v: number): number {
  while (v >= 0x80) {
    out[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[at++] = v;
  return at;
}

/** `p` with its count arrays, compactly. */
export function encodeCompact(kind: AnyKind, p: AnyPartial): Uint8Array {
  const lean = encodePartial(kind, p, false);
  const counts = countsOf(kind, p);
  const nonZero = counts.map((c) => {
    let n = 0;
    for (let i = 0; i < c.length; i++) if (c[i] !== 0) n++;
    return n;
  });
  // At most 5 bytes a varint: 10 + lean, then per count array 10 + 10 per non-zero entry.
  const out = new Uint8Array(10 + lean.length + counts.reduce((a, _, k) => a + 10 + 10 * (nonZero[k] as number), 0));
  let at = varint(out, 0, MAGIC);
  at = varint(out, at, lean.length);
  out.set(lean, at);
  at += lean.length;
  counts.forEach((c, k) => {
    at = varint(out, at, c.length);
    at = varint(out, at, nonZero[k] as number);
    let last = -1;
    for (let i = 0; i < c.length; i++) {
      const v = c[i] as number;
      if (v === 0) continue;
      at = varint(out, at, i - last);
      at = varint(out, at, v);
      last = i;
    }
  });
  return out.slice(0, at);
}

/**
 * The partial encoded by encodeCompact. With `into` (one array per count array of the kind), its
 * counts are added there instead, and the partial's count arrays are empty (length 0), as a
 * backend that counts into buffers of its own delivers them (backends/backend.ts).
 */
export function decodeCompact<P extends AnyPartial>(kind: AnyKind, bytes: Uint8Array, into?: Uint32Array[]): P {
  let at = 0;
  const varint = (): number => {
    let v = 0, shift = 0, b: number;
    do {
      if (at >= bytes.length) throw new Error('compact partial: truncated');
      b = bytes[at++] as number;
      v += (b & 0x7f) * pow(2, shift);
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
  kind.counts.forEach((k, a) => {
    const length = varint();
    const counts = into ? into[a] as Uint32Array : new Uint32Array(length);
    if (counts.length !== length) throw new Error('compact partial: count arrays of another shape');
    const nonZero = varint();
    let i = -1;
    for (let j = 0; j < nonZero; j++) {
      i += varint();
      if (i >= length) throw new Error('compact partial: count index out of range');
      counts[i] = (counts[i] as number) + varint();
    }
    parts[k] = into ? new Uint32Array(0) : counts;
  });
  if (at !== bytes.length) throw new Error('compact partial: trailing bytes');
  return p;
}
