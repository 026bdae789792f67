/**
 * Shards of a run, for batch schedulers (a Slurm job array, a Kubernetes Indexed Job): shard K of M
 * simulates a fixed, contiguous set of the run's chunks and writes a partial file; a merge of all M
 * partials folds their chunk sums in chunk order and gives the run's result, the same bits as one
 * local run. A partial file carries what the merge needs to write the run's output without the
 * scenario files: the resolved scenario, its sha256 and history, the seed, paths and engine.
 *
 * File: the line `trade-sim/shard/v2 sha256=HEX bytes=N`, then N bytes: a line of JSON
 * (ShardHeader) and the compact partial (engine/compact.ts), the shard's merged counts and per
 * chunk its sums. HEX, the SHA-256 of the N bytes, is checked by the merge: a changed bit would
 * change the run's result without a word. v1 had no first-line checksum; a merge refuses it.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { CHUNK } from '../../engine/kernel/index.js';
import { ChunkFolder } from '../../engine/partial.js';
import { driveRange, type ChunkRange } from '../../engine/driver.js';
import { mergePartial } from '../../engine/kind.js';
import { single } from '../../engine/kinds/single.js';
import type { Partial } from '../../engine/partial.js';
import { decodeCompact, encodeCompact } from '../../engine/compact.js';
import { ENGINE } from '../../engine-info.js';
import { compileScenario } from '../../scenario/compile.js';
import { loadResolved } from '../../scenario/load.js';
import { fileKind } from '../../file-kind.js';
import type { Prepared } from '../../project.js';
import type { HistoryPoint } from '../../scenario/history.js';
import type { RunResult } from './run.js';

/** How every version of the partial file begins: what a run may replace at --partial. */
export const PARTIAL_PREFIX = 'trade-sim/shard/';
const FORMAT = `${PARTIAL_PREFIX}v2`;
const FIRST_LINE = /^trade-sim\/shard\/v2 sha256=([0-9a-f]{64}) bytes=(\d+)$/;
/** Longer than any first line: how far a merge looks for its end. */
const FIRST_LINE_MAX = 160;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The partial file: its first line (format, checksum, length), then `payload` (header line and compact partial). */
export function sealPartial(payload: Uint8Array): Uint8Array {
  const first = new TextEncoder().encode(`${FORMAT} sha256=${sha256(payload)} bytes=${payload.length}\n`);
  const out = new Uint8Array(first.length + payload.length);
  out.set(first);
  out.set(payload, first.length);
  return out;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface ShardHeader {
  engine: { name: string; version: string };
  kind: string;
  shard: Shard;
  chunks: ChunkRange;
  paths: number;
  seed: number;
  workers: number;
  wallSeconds: number;
  scenario: { name: string; sha256: string; resolved: Record<string, unknown>; files: string[]; history: HistoryPoint[] };
}

/** A problem with the partial files given to a merge: the CLI exits 2 with the message. */
export class ShardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShardError';
  }
}

/** The chunks of shard K of M: contiguous, as even as can be, together every chunk once. */
export function shardChunks(paths: number, shard: Shard): ChunkRange {
  const chunks = Math.ceil(paths / CHUNK);
  if (shard.count > chunks) throw new ShardError(`--shard ${shard.index}/${shard.count}: ${paths} paths make ${chunks} chunk${chunks === 1 ? '' : 's'} of ${CHUNK}; use at most ${chunks} shards`);
  return { start: Math.floor(((shard.index - 1) * chunks) / shard.count), end: Math.floor((shard.index * chunks) / shard.count) };
}

/** Simulates one shard; returns the partial file's bytes. */
export async function runShard(prep: Prepared, opts: { paths: number; seed: number; shard: Shard; workers?: number; files: string[]; onProgress?: (done: number, total: number) => void }): Promise<Uint8Array> {
  const started = performance.now();
  const chunks = shardChunks(opts.paths, opts.shard);
  const { partial, workers } = await driveRange(single, [prep.compiled.plan], {
    paths: opts.paths, seed: opts.seed,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  }, chunks);
  const header: ShardHeader = {
    engine: ENGINE, kind: single.name, shard: opts.shard, chunks, paths: opts.paths, seed: opts.seed, workers,
    wallSeconds: (performance.now() - started) / 1000,
    scenario: { name: prep.loaded.scenario.name, sha256: prep.loaded.sha256, resolved: prep.loaded.raw, files: opts.files, history: prep.history },
  };
  const head = new TextEncoder().encode(`${JSON.stringify(header)}\n`);
  const body = encodeCompact(single, partial);
  const payload = new Uint8Array(head.length + body.length);
  payload.set(head);
  payload.set(body, head.length);
  return sealPartial(payload);
}

interface ShardFile {
  file: string;
  header: ShardHeader;
  partial: Partial;
}

function readShard(file: string): ShardFile {
  let bytes: Uint8Array;
  try {
    bytes = readRegular(file);
  } catch (err) {
    if (err instanceof ShardError) throw err;
    throw new ShardError(`${file}: cannot read it: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const payload = checkedPayload(file, bytes);
  const end = payload.indexOf(0x0a);
  try {
    const header = JSON.parse(new TextDecoder().decode(payload.subarray(0, end))) as ShardHeader;
    return { file, header, partial: decodeCompact<Partial>(single, payload.subarray(end + 1)) };
  } catch (err) {
    throw new ShardError(`${file}: the partial file is damaged (${(err as Error).message})`);
  }
}

/**
 * The bytes of a regular file, checked on the opened descriptor: a named pipe (opened without
 * waiting for a writer) or a device (/dev/zero) would leave the merge waiting for ever, deaf to
 * Ctrl-C, in a read that never ends.
 */
function readRegular(file: string): Buffer {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ShardError(`${file}: it is ${fileKind(st)}, not a regular file; expected a partial file of "trade-sim run --shard K/M --partial FILE"`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The bytes after the first line, once the line says this format and its length and checksum match. */
function checkedPayload(file: string, bytes: Uint8Array): Uint8Array {
  const nl = bytes.subarray(0, FIRST_LINE_MAX).indexOf(0x0a);
  const first = new TextDecoder().decode(bytes.subarray(0, nl < 0 ? Math.min(bytes.length, FIRST_LINE_MAX) : nl));
  if (!first.startsWith(PARTIAL_PREFIX)) throw new ShardError(`${file}: expected a partial file of "trade-sim run --shard K/M --partial FILE" (first line "${FORMAT} ..."), found something else`);
  const version = first.slice(PARTIAL_PREFIX.length).split(' ')[0];
  if (version === 'v1') throw new ShardError(`${file}: a partial file of an earlier format (${PARTIAL_PREFIX}v1, which has no checksum to check it by); make this shard again with this version of trade-sim`);
  if (version !== 'v2') throw new ShardError(`${file}: a partial file of format ${PARTIAL_PREFIX}${version}; this version of trade-sim reads ${FORMAT} (merge with the version that made the shards)`);
  const m = nl < 0 ? null : FIRST_LINE.exec(first);
  if (!m) throw new ShardError(`${file}: the partial file is damaged: its first line is not "${FORMAT} sha256=HEX bytes=N"`);
  const payload = bytes.subarray(nl + 1);
  const want = Number(m[2]);
  if (payload.length !== want) throw new ShardError(`${file}: the partial file is damaged: ${payload.length < want ? 'truncated' : 'longer than written'} (${payload.length} bytes after its first line, which says ${want}); make this shard again`);
  if (sha256(payload) !== m[1]) throw new ShardError(`${file}: the partial file is damaged: its checksum does not match (the SHA-256 of its ${want} bytes is not the one its first line records); make this shard again`);
  return payload;
}

/** Checks that the files are the M shards of one run, each once; ShardError naming what is wrong. */
function checkShards(shards: ShardFile[]): ShardFile[] {
  const first = shards[0];
  if (!first) throw new ShardError('merge: expected the partial files of every shard, found none');
  const h0 = first.header;
  const same = (what: string, get: (h: ShardHeader) => unknown) => {
    for (const s of shards.slice(1)) {
      if (JSON.stringify(get(s.header)) !== JSON.stringify(get(h0))) {
        throw new ShardError(`${s.file}: ${what} is ${JSON.stringify(get(s.header))}, but ${JSON.stringify(get(h0))} in ${first.file}: these are not shards of one run`);
      }
    }
  };
  same('the engine', (h) => `${h.engine.name} ${h.engine.version}`);
  same('the kind', (h) => h.kind);
  same('the scenario (sha256)', (h) => `${h.scenario.name} ${h.scenario.sha256}`);
  same('the seed', (h) => h.seed);
  same('the number of paths', (h) => h.paths);
  same('the number of shards', (h) => h.shard.count);
  if (h0.engine.version !== ENGINE.version) throw new ShardError(`${first.file}: made by ${h0.engine.name} ${h0.engine.version}, this is ${ENGINE.version}; merge with the version that made the shards`);
  const M = h0.shard.count;
  const byIndex = new Map<number, ShardFile>();
  for (const s of shards) {
    const k = s.header.shard.index;
    const other = byIndex.get(k);
    if (other) throw new ShardError(`shard ${k}/${M} is given twice: ${other.file} and ${s.file}`);
    byIndex.set(k, s);
    const want = shardChunks(h0.paths, s.header.shard);
    if (s.header.chunks.start !== want.start || s.header.chunks.end !== want.end || s.partial.chunks.length !== want.end - want.start) {
      throw new ShardError(`${s.file}: shard ${k}/${M} should hold chunks ${want.start}-${want.end - 1}, found ${s.header.chunks.start}-${s.header.chunks.end - 1}`);
    }
    const stray = s.partial.chunks.findIndex((c, i) => c.chunk !== want.start + i);
    if (stray >= 0) throw new ShardError(`${s.file}: shard ${k}/${M}'s chunk sums should be of chunks ${want.start}-${want.end - 1} in order, found chunk ${s.partial.chunks[stray]?.chunk} in place ${stray + 1}`);
  }
  const missing = Array.from({ length: M }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0) throw new ShardError(`missing shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${M}`).join(', ')} of the run of ${h0.scenario.name} (seed ${h0.seed}, ${h0.paths} paths)`);
  return Array.from({ length: M }, (_, i) => byIndex.get(i + 1) as ShardFile);
}

/** Merges the partial files of every shard of a run: what the run would have given, and the scenario it was of. */
export function mergeShards(files: string[]): { prep: Prepared; result: RunResult; files: string[] } {
  const shards = checkShards(files.map(readShard));
  const h = (shards[0] as ShardFile).header;
  const loaded = loadResolved(h.scenario.resolved, h.scenario.name);
  if (loaded.sha256 !== h.scenario.sha256) throw new ShardError(`${(shards[0] as ShardFile).file}: the scenario's text hashes to ${loaded.sha256}, the file says ${h.scenario.sha256}`);
  const compiled = compileScenario(loaded);
  const prep: Prepared = { loaded, compiled, history: h.scenario.history };
  const plans = [compiled.plan];
  const merged = single.empty(plans);
  const folder = new ChunkFolder(single.zeroTotals(plans));
  for (const s of shards) {
    mergePartial(single, merged, s.partial);
    folder.add(s.partial.chunks);
  }
  if (folder.folded !== Math.ceil(h.paths / CHUNK) || merged.paths !== h.paths) throw new Error('internal: the shards do not cover the run');
  return {
    prep,
    files: h.scenario.files,
    result: {
      plan: compiled.plan, paths: h.paths, seed: h.seed, chunkSize: CHUNK,
      workers: shards.reduce((a, s) => a + s.header.workers, 0),
      partial: merged, totals: folder.totals,
      wallSeconds: shards.reduce((a, s) => a + s.header.wallSeconds, 0),
    },
  };
}
