/** A partial's parts as plain numbers, for toEqual (Float64 values compare bit for bit through Object.is). */
import type { AnyKind, AnyPartial } from '../../src/engine/kind.js';

type Arrays = Record<string, Uint32Array | Float64Array>;

export function parts(kind: AnyKind, p: AnyPartial) {
  const a = p as unknown as Arrays;
  return {
    paths: p.paths,
    counts: kind.counts.map((k) => Array.from(a[k] as Uint32Array)),
    ints: kind.ints.map((k) => Array.from(a[k] as Float64Array)),
    chunks: p.chunks.map((c) => [c.chunk, c.paths, ...kind.sums.map((s) => Array.from((c as unknown as Arrays)[s] as Float64Array))]),
  };
}
