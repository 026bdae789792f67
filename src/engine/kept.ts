/**
 * What an interrupted command had simulated, kept so that the same command picks up where it
 * stopped (the CLI's local runs; a queue keeps its chunks in Redis instead). A command holds one
 * KeptRuns for all its drives. Each drive finds what was kept of it under a key of everything its
 * numbers depend on (engine and Node versions, kind, the plans' values, seed, paths), and leaves its state
 * there: whole when it completes, drained when `stop()` is called (no task handed out after it, the
 * tasks running come in, then the drive throws Interrupted). Only chunks that came in whole are
 * kept, with their integer parts merged and their sums as the driver folds them, so a drive
 * resumed gives the same bits as one never stopped.
 *
 * The file: the magic "TSK1", the header's length (u32), the header (JSON: format, the SHA-256
 * of what follows, and per entry its key, numbers and byte lengths), then each entry's merged
 * partial and folded totals in the partial's binary form (kind.ts). A file that is damaged,
 * truncated or of another format is not read (a warning says so); one of another run is ignored.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ENGINE } from '../engine-info.js';
import type { Plan } from '../scenario/plan.js';
import { decodePartial, encodePartial, type AnyKind, type AnyPartial } from './kind.js';
import type { SumArrays } from './partial.js';

/** The folded sums in the partial's binary form: a partial with no paths and one "chunk", numbered `folded`. */
function totalsPartial(kind: AnyKind, totals: SumArrays<string>, folded: number): AnyPartial {
  const p: Record<string, unknown> = { paths: 0, chunks: [{ chunk: folded, paths: 0, ...totals }] };
  for (const k of kind.counts) p[k] = new Uint32Array(0);
  for (const k of kind.ints) p[k] = new Float64Array(0);
  return p as unknown as AnyPartial;
}

export const KEPT_FORMAT = 'trade-sim/kept/v1';
const MAGIC = 0x314b5354; // "TSK1" little-endian

/** Thrown by a drive that `stop()` drained: what it had done is kept. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted: what was simulated is kept');
    this.name = 'Interrupted';
  }
}

/** A drive's state: its merged partial (counts included) and its folded sums; the chunks done are those folded and those waiting in `merged.chunks`. */
export interface KeptDrive {
  kind: AnyKind;
  /** The merged integer parts of every chunk done; `chunks`: those whose sums wait for a predecessor to fold. */
  merged: AnyPartial;
  /** The sums of chunks [0, folded), folded in chunk order. */
  totals: SumArrays<string>;
  folded: number;
  /** The end of each round of chunks decided so far (a run with a precision rule), the last one's included. */
  roundEnds: number[];
  /** Whether the drive completed. */
  whole: boolean;
}

interface HeaderEntry {
  key: string;
  kind: string;
  folded: number;
  roundEnds: number[];
  whole: boolean;
  mergedBytes: number;
  totalsBytes: number;
}

/**
 * The key of a drive's numbers: what they depend on, hashed. The plans are hashed by value, not as
 * v8.serialize writes them: that writes a number by how V8 holds it (a small integer or a double),
 * so two plans of the same values, built on different paths through the code, had different keys
 * and a resumed study simulated its second drive again.
 */
export function driveKey(kind: AnyKind, plans: Plan[], seed: number, paths: number, chunkSize: number): string {
  const hash = createHash('sha256').update(JSON.stringify({ engine: ENGINE.version, node: process.version, kind: kind.name, seed, paths, chunkSize }));
  hashValue(hash, plans);
  return hash.digest('hex');
}

const number = new Float64Array(1);
const numberBytes = new Uint8Array(number.buffer);

/** Feeds `value` to `hash` by what it holds: numbers by their 64 bits, objects' keys in sorted order, typed arrays by their bytes. */
function hashValue(hash: Hash, value: unknown): void {
  if (typeof value === 'number') {
    number[0] = value;
    hash.update('n').update(numberBytes);
  } else if (typeof value === 'string') {
    hash.update(`s${value.length}:`).update(value);
  } else if (value === null || value === undefined || typeof value === 'boolean') {
    hash.update(`l${String(value)};`);
  } else if (ArrayBuffer.isView(value)) {
    hash.update(`t${value.constructor.name}${value.byteLength}:`).update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (Array.isArray(value)) {
    hash.update(`a${value.length}:`);
    for (const v of value) hashValue(hash, v);
  } else if (value instanceof Map) {
    hash.update(`m${value.size}:`);
    for (const [k, v] of value) { hashValue(hash, k); hashValue(hash, v); }
  } else if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    hash.update(`o${keys.length}:`);
    for (const k of keys) { hash.update(`${k}=`); hashValue(hash, (value as Record<string, unknown>)[k]); }
  } else {
    throw new Error(`internal: a plan holds a ${typeof value}, which a kept run's key cannot read`);
  }
}

export class KeptRuns {
  private readonly entries = new Map<string, KeptDrive>();
  private readonly found = new Map<string, HeaderEntry & { merged: Uint8Array; totals: Uint8Array }>();
  private readonly controller = new AbortController();
  private readonly running = new Set<Promise<unknown>>();
  /** Paths this command's drives took from the file, not simulated again. */
  restored = 0;
  /** The file read is not one of ours (another format, a folder): it must not be written over. */
  foreign = false;

  /** Aborted by stop(): drives hand out no further task. */
  get stopping(): AbortSignal {
    return this.controller.signal;
  }

  /** Drains every drive: none hands out another task; each keeps what came in, then throws Interrupted. */
  stop(): void {
    this.controller.abort(new Interrupted());
  }

  /** Resolves once every drive running has settled (kept its state). */
  async drained(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Tracks a drive, so that drained() waits for it. */
  track<T>(drive: Promise<T>): Promise<T> {
    this.running.add(drive);
    void drive.finally(() => this.running.delete(drive)).catch(() => undefined);
    return drive;
  }

  /** What was kept of the drive of this key, by this command or the file it was read from. */
  take(key: string, kind: AnyKind): KeptDrive | undefined {
    const own = this.entries.get(key);
    if (own) return own;
    const f = this.found.get(key);
    if (!f || f.kind !== kind.name) return undefined;
    const totals = decodePartial(kind, f.totals).chunks[0] as unknown as SumArrays<string> & { chunk: number; paths: number };
    if (totals.chunk !== f.folded) return undefined;
    const { chunk: _chunk, paths: _paths, ...sums } = totals;
    const merged = decodePartial(kind, f.merged);
    this.found.delete(key);
    this.restored += merged.paths;
    return { kind, merged, totals: sums as SumArrays<string>, folded: f.folded, roundEnds: f.roundEnds, whole: f.whole };
  }

  put(key: string, state: KeptDrive): void {
    this.entries.set(key, state);
  }

  /** Paths kept: in the chunks of every entry this command made. */
  get paths(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.merged.paths;
    return n;
  }

  /** Writes the entries this command made to `file`, whole or not at all (a temporary file renamed into place). */
  write(file: string): void {
    const parts: Uint8Array[] = [];
    const header: HeaderEntry[] = [];
    for (const [key, e] of this.entries) {
      const merged = encodePartial(e.kind, e.merged), totals = encodePartial(e.kind, totalsPartial(e.kind, e.totals, e.folded));
      parts.push(merged, totals);
      header.push({ key, kind: e.kind.name, folded: e.folded, roundEnds: e.roundEnds, whole: e.whole, mergedBytes: merged.byteLength, totalsBytes: totals.byteLength });
    }
    const hash = createHash('sha256');
    for (const p of parts) hash.update(p);
    const head = Buffer.from(JSON.stringify({ format: KEPT_FORMAT, sha256: hash.digest('hex'), entries: header }));
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(MAGIC, 0);
    prefix.writeUInt32LE(head.byteLength, 4);
    const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'wx');
    try {
      for (const b of [prefix, head, ...parts]) writeSync(fd, b);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  }

  /**
   * The entries of `file`, for the drives of a command that finds them; none when there is no
   * such file. A file that cannot be read as one is left out, and `warn` is told why.
   */
  static read(file: string, warn: (message: string) => void): KeptRuns {
    const kept = new KeptRuns();
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return kept;
      kept.foreign = true;
      warn(`${file}: not read (${(err as Error).message}); the run starts afresh`);
      return kept;
    }
    try {
      if (bytes.byteLength < 8 || bytes.readUInt32LE(0) !== MAGIC) {
        kept.foreign = true;
        throw new Error(`not a file of ${KEPT_FORMAT}`);
      }
      const headLength = bytes.readUInt32LE(4);
      const head = JSON.parse(bytes.subarray(8, 8 + headLength).toString('utf8')) as { format: string; sha256: string; entries: HeaderEntry[] };
      if (head.format !== KEPT_FORMAT) throw new Error(`expected ${KEPT_FORMAT}, found ${String(head.format)}`);
      const body = bytes.subarray(8 + headLength);
      if (createHash('sha256').update(body).digest('hex') !== head.sha256) throw new Error('damaged: its checksum does not match');
      let at = 0;
      for (const e of head.entries) {
        // Copies, not views of the Buffer: decodePartial's slices of a Buffer are views of its pool.
        const merged = new Uint8Array(body.subarray(at, at + e.mergedBytes)), totals = new Uint8Array(body.subarray(at + e.mergedBytes, at + e.mergedBytes + e.totalsBytes));
        at += e.mergedBytes + e.totalsBytes;
        kept.found.set(e.key, { ...e, merged, totals });
      }
      if (at !== body.byteLength) throw new Error('damaged: its length does not match');
    } catch (err) {
      kept.found.clear();
      warn(`${file}: not read (${(err as Error).message}); the run starts afresh`);
    }
    return kept;
  }
}

/** The file a command's kept runs go to: beside its output folder, named for it. */
export const keptFile = (outDir: string) => join(dirname(outDir), `.${basename(outDir)}.kept`);

/** Removes `file` if it is there (a command that completed). */
export function removeKept(file: string): void {
  rmSync(file, { force: true });
}
