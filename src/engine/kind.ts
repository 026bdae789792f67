/**
 * Aggregator kinds: what a study keeps of its paths, and how. A kind names its partial's parts:
 * `counts`, large integer arrays (histograms) that a worker may count into a buffer it keeps for
 * the whole run instead of returning them with every task; `ints`, small integer-valued arrays
 * that merge exactly in any order; and `sums`, per-chunk floating-point sums that the driver folds
 * in chunk order (ChunkFolder). From these names alone follow merging, the shared count buffers
 * and the binary form a partial travels in (encodePartial / decodePartial), so a kind adds only
 * how its simulator turns a task's chunks into a partial.
 *
 * Kinds are looked up by name (kinds/index.ts): a worker thread, or a process on another machine,
 * builds the kind's simulator from a name and the study's plans.
 */
import type { Plan } from '../scenario/plan.js';
import type { SumArrays } from './partial.js';

/** A contiguous range of chunks of one run: the unit of work a backend hands out. */
export interface Task {
  seed: number;
  /** Paths in the whole run: the last chunk may be short. */
  paths: number;
  chunkStart: number;
  chunkEnd: number;
}

/** Float sums of one chunk, folded in chunk order. */
export type ChunkPart<S extends string> = { chunk: number; paths: number } & SumArrays<S>;

/** What every kind's partial has: the paths it holds and its chunks' sums. */
export interface BasePartial<S extends string = string> {
  paths: number;
  chunks: Array<ChunkPart<S>>;
}

/** Builds a task's partial from the study's plans; one per study per thread, reused across tasks. */
export interface KindSimulator<P> {
  /**
   * Simulates the task's chunks. `counts`, when given (one array per `counts` part, of its
   * length), receives the counts instead of the partial, whose count arrays are then these.
   */
  run(task: Task, counts?: Uint32Array[]): P;
}

export interface AggregatorKind<P extends BasePartial<S>, S extends string = string> {
  readonly name: string;
  /** Parts of P by name: see the top of this file. */
  readonly counts: ReadonlyArray<keyof P & string>;
  readonly ints: ReadonlyArray<keyof P & string>;
  readonly sums: readonly S[];
  /** A partial with nothing in it (its count arrays allocated). */
  empty(plans: Plan[]): P;
  /** The folded sums, zero. */
  zeroTotals(plans: Plan[]): SumArrays<S>;
  simulator(plans: Plan[]): KindSimulator<P>;
}

/** Any kind's partial, as the helpers below handle it (through the kind's part names). */
export interface AnyPartial {
  paths: number;
  chunks: Array<{ chunk: number; paths: number }>;
}

// Any kind, whatever its partial: for registries and backends, which handle partials opaquely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = AggregatorKind<any, string>;

type Parts = Record<string, Uint32Array | Float64Array>;
const parts = (p: AnyPartial) => p as unknown as Parts;

/** The partial's count arrays, in the kind's order. */
export function countsOf(kind: AnyKind, p: AnyPartial): Uint32Array[] {
  return kind.counts.map((k) => parts(p)[k] as Uint32Array);
}

/** Puts `counts` (arrays of the same shapes, in the kind's order) in place of the partial's count arrays. */
export function replaceCounts(kind: AnyKind, p: AnyPartial, counts: Uint32Array[]): void {
  kind.counts.forEach((k, i) => {
    const c = counts[i];
    if (c?.length !== (parts(p)[k] as Uint32Array).length) throw new Error('internal: count arrays of different shapes');
    parts(p)[k] = c;
  });
}

/** Adds the integer parts of `from` into `into` (count arrays of length 0 are skipped); chunk sums go to a ChunkFolder. */
export function mergePartial(kind: AnyKind, into: AnyPartial, from: AnyPartial): void {
  into.paths += from.paths;
  for (const k of kind.counts) {
    const f = parts(from)[k] as Uint32Array;
    if (f.length > 0) addInto(parts(into)[k] as Uint32Array, f);
  }
  for (const k of kind.ints) addFloats(parts(into)[k] as Float64Array, parts(from)[k] as Float64Array);
}

/** into[i] += from[i], for counts. */
export function addInto(into: Uint32Array, from: Uint32Array): void {
  if (from.length !== into.length) throw new Error('internal: partial arrays of different shapes');
  for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) + (from[i] as number);
}

/**
 * into[i] += from[i], for float arrays (sums, and integer-valued parts). Apart from addInto: V8
 * optimised one function for both for the arrays it met first, and threw that code away at a
 * run's end when it met the other kind (the pool's counts).
 */
export function addFloats(into: Float64Array, from: Float64Array): void {
  if (from.length !== into.length) throw new Error('internal: partial arrays of different shapes');
  for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) + (from[i] as number);
}

/*
 * Binary form: little-endian u32 words and raw array bytes, each array preceded by its length in
 * elements; 8-byte alignment is not kept (decoding copies). Layout: magic, paths, then each count
 * array, each int array, the number of chunks and per chunk (chunk, paths, each sum array).
 * Paths and chunk numbers fit in u32 (a run has at most 2^32 - 1 paths).
 */
const MAGIC = 0x54535031; // "TSP1"

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('trade-sim needs a little-endian machine');

/** The partial as bytes; `withCounts: false` leaves the count arrays out (they are in shared buffers). */
export function encodePartial(kind: AnyKind, p: AnyPartial, withCounts = true): Uint8Array {
  const arrays: Array<Uint32Array | Float64Array> = [];
  for (const k of kind.counts) arrays.push(withCounts ? parts(p)[k] as Uint32Array : new Uint32Array(0));
  for (const k of kind.ints) arrays.push(parts(p)[k] as Float64Array);
  let bytes = 4 * (3 + 2 * p.chunks.length);
  const size = (a: ArrayBufferView) => { bytes += 4 + a.byteLength; };
  arrays.forEach(size);
  for (const c of p.chunks) for (const s of kind.sums) size((c as unknown as Parts)[s] as Float64Array);
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  let at = 0;
  const u32 = (v: number) => { view.setUint32(at, v, true); at += 4; };
  const put = (a: Uint32Array | Float64Array) => {
    u32(a.length);
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  };
  u32(MAGIC);
  u32(p.paths);
  arrays.forEach(put);
  u32(p.chunks.length);
  for (const c of p.chunks) {
    u32(c.chunk);
    u32(c.paths);
    for (const s of kind.sums) put((c as unknown as Parts)[s] as Float64Array);
  }
  if (at !== bytes) throw new Error('internal: partial encoding size');
  return out;
}

/** The partial encoded by encodePartial (count arrays of length 0 when they were left out). */
export function decodePartial<P extends AnyPartial>(kind: { counts: readonly string[]; ints: readonly string[]; sums: readonly string[] }, bytes: Uint8Array): P {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = () => { const v = view.getUint32(at, true); at += 4; return v; };
  const take = <T extends Uint32Array | Float64Array>(Ctor: { new(b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T => {
    const n = u32() * Ctor.BYTES_PER_ELEMENT;
    if (at + n > bytes.byteLength) throw new Error('partial: truncated');
    const copy = bytes.slice(at, at + n);
    at += n;
    return new Ctor(copy.buffer);
  };
  if (u32() !== MAGIC) throw new Error('partial: not an encoded partial');
  const paths = u32();
  const chunks: Array<ChunkPart<string>> = [];
  const out: Parts = {};
  for (const k of kind.counts) out[k] = take(Uint32Array);
  for (const k of kind.ints) out[k] = take(Float64Array);
  const n = u32();
  for (let i = 0; i < n; i++) {
    const c: Parts & { chunk: number; paths: number } = { chunk: u32(), paths: u32() } as Parts & { chunk: number; paths: number };
    for (const s of kind.sums) c[s] = take(Float64Array);
    chunks.push(c as unknown as ChunkPart<string>);
  }
  if (at !== bytes.byteLength) throw new Error('partial: trailing bytes');
  return { ...out, paths, chunks } as unknown as P;
}

/** A shallow copy of `p` without its count arrays (length 0): for counts that were made into buffers of the caller's. */
export function withoutCounts<P extends AnyPartial>(kind: AnyKind, p: P): P {
  const out = { ...p } as unknown as Parts;
  for (const k of kind.counts) out[k] = new Uint32Array(0);
  return out as unknown as P;
}
