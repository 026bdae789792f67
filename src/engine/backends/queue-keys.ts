/**
 * What the queue's submitter (queue.ts) and its workers (queue-worker.ts) agree on: the Redis URL,
 * the BullMQ queue, the Redis keys of a study, a job's data and a worker's notes.
 *
 * A study (one submission) is stored once, under `trade-sim:study:<id>`: its kind, the engine
 * version and its scenarios' resolved texts (JSON of the merged scenario) with their sha256. A
 * plan that is no scenario's compilation (a study's derived plan: re-keyed streams, a parameter
 * fixed, a lever set) travels instead as its v8 serialisation (the pool's own transport of plans):
 * the study's derived plans one after another, Brotli-compressed (a Sobol study's 50 plans of
 * baseline-pk, 2 MB, differ little: 8 kB), under `trade-sim:study:<id>:plans`, each plan's entry
 * in the record holding its length and the sha256 of its bytes (so a derived plan's chunks are
 * never taken for its base's, and a worker checks what it got). A
 * job carries the study id and one chunk; the worker stores the chunk's partial (compact.ts) in
 * the chunk cache and pushes a note onto the study's list of notes, which the submitter reads.
 * A cached chunk is keyed by what determines its numbers: engine version, kind, the scenarios'
 * sha256, seed, chunk index and its number of paths.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { Plan } from '../../scenario/plan.js';
// ioredis and bullmq are loaded only by a run that uses the queue (the CLI's start-up stays lean).
import type { Redis, RedisOptions } from 'ioredis';

export const QUEUE_NAME = 'trade-sim-chunks';

/** A study's record expires a day after submission; a chunk's cached partial a day after it was made. */
export const STUDY_TTL_SECONDS = 24 * 3600;
export const CHUNK_TTL_SECONDS = 24 * 3600;
/** Failed jobs are kept an hour for inspection (BullMQ's removeOnFail). */
export const FAILED_JOB_AGE_SECONDS = 3600;

/** A plan as a scenario's resolved text, or (`derived`) as `bytes` v8 bytes of the study's plans (packPlans), of that sha256. */
export type RecordPlan = { name: string; sha256: string; resolved: Record<string, unknown> } | { name: string; sha256: string; derived: true; bytes: number };

export interface StudyRecord {
  engine: string;
  kind: string;
  scenarios: RecordPlan[];
}

/** A job's data: which chunks of which study. */
export interface ChunkJob {
  study: string;
  kind: string;
  seed: number;
  paths: number;
  chunkStart: number;
  chunkEnd: number;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Derived plans as they travel: the record's entries, and the value of the study's plans key. */
export function packPlans(plans: Plan[]): { entries: RecordPlan[]; packed: Buffer } {
  const bytes = plans.map((p) => serialize(p));
  const packed = brotliCompressSync(Buffer.concat(bytes), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS },
  });
  return { entries: plans.map((p, i) => ({ name: p.name, sha256: sha256Of(bytes[i] as Buffer), derived: true, bytes: (bytes[i] as Buffer).length })), packed };
}

/**
 * The derived plans of a record (the others undefined) from the study's plans key, each checked
 * against the sha256 the record names; an Error saying what does not match.
 */
export function unpackPlans(rec: StudyRecord, packed: Buffer | null): Array<Plan | undefined> {
  const derived = rec.scenarios.filter((s) => 'derived' in s);
  if (derived.length === 0) return rec.scenarios.map(() => undefined);
  if (!packed) throw new Error('the study\'s plans are not in Redis; refusing the study');
  let all: Buffer;
  try {
    all = brotliDecompressSync(packed);
  } catch (err) {
    throw new Error(`the study's plans do not decompress (${(err as Error).message}); refusing the study`, { cause: err });
  }
  const expected = derived.reduce((a, s) => a + s.bytes, 0);
  if (all.length !== expected) throw new Error(`the study's plans are ${all.length} bytes, its record says ${expected}; refusing the study`);
  let at = 0;
  return rec.scenarios.map((s, i) => {
    if (!('derived' in s)) return undefined;
    const bytes = all.subarray(at, at += s.bytes);
    const sha = sha256Of(bytes);
    if (sha !== s.sha256) throw new Error(`plan ${i} (${s.name}): its bytes hash to ${sha}, the study says ${s.sha256}; refusing the study`);
    return deserialize(bytes) as Plan;
  });
}

export const studyKey = (id: string) => `trade-sim:study:${id}`;
export const notesKey = (id: string) => `trade-sim:study:${id}:notes`;
export const plansKey = (id: string) => `trade-sim:study:${id}:plans`;
export const jobId = (study: string, chunk: number) => `${study}-${chunk}`;

export function chunkKey(rec: Pick<StudyRecord, 'engine' | 'kind' | 'scenarios'>, seed: number, chunk: number, paths: number): string {
  return `trade-sim:chunk:${rec.engine}:${rec.kind}:${rec.scenarios.map((s) => s.sha256).join('+')}:${seed}:${chunk}:${paths}`;
}

/** A worker's note on a chunk: done (its partial is in the cache) or failed with the worker's message. */
export type Note = { chunk: number; ok: true } | { chunk: number; ok: false; error: string };

export const formatNote = (n: Note) => JSON.stringify(n);
export const parseNote = (text: string) => JSON.parse(text) as Note;

/** Thrown for what the queue cannot do (Redis unreachable, a chunk failed): the CLI exits 1 with the message. */
export class QueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueError';
  }
}

export interface RedisAddress {
  url: string;
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
}

/** Parses redis://[user:password@]HOST[:PORT][/DB]; undefined with the reason when it is not one. */
export function parseRedisUrl(text: string): RedisAddress | string {
  // A port out of range makes URL throw, which would read as "not a URL": say what is wrong.
  const written = /^redis:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/?#]*):(\d+)(?:[/?#]|$)/.exec(text)?.[1];
  if (written !== undefined && !(Number(written) >= 1 && Number(written) <= 65535)) return `the port ${written} is not from 1 to 65535`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'redis:') return `the scheme is "${u.protocol.replace(/:$/, '')}", not redis`;
  if (!u.hostname) return 'no host';
  const port = u.port === '' ? 6379 : Number(u.port);
  const dbText = u.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isSafeInteger(db) || db < 0 || !/^\d*$/.test(dbText)) return `the database "${dbText}" is not a whole number`;
  if (u.search || u.hash) return 'a query or fragment is not expected';
  return {
    url: `redis://${u.hostname}:${port}/${db}`, host: u.hostname.replace(/^\[|\]$/g, ''), port, db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

/** Reconnection attempts before a submitter gives up on Redis, and the wait before each. */
const SUBMITTER_RETRIES = 4;
const retryDelay = (attempt: number) => 250 * attempt;

/**
 * Connection options. A submitter's give up after a few seconds (it fails the run, and a re-run
 * reuses the chunks done); a worker's retry for ever, so workers outlive a restart of Redis.
 */
export function redisOptions(a: RedisAddress, role: 'submitter' | 'worker'): RedisOptions {
  const base: RedisOptions = {
    host: a.host, port: a.port, db: a.db, connectTimeout: 3000,
    ...(a.username ? { username: a.username } : {}),
    ...(a.password ? { password: a.password } : {}),
  };
  if (role === 'worker') return { ...base, maxRetriesPerRequest: null, retryStrategy: (n: number) => Math.min(2000, retryDelay(n)) };
  return {
    ...base,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (n: number) => (n > SUBMITTER_RETRIES ? null : retryDelay(n)),
  };
}

/** A client that connects now and reconnects as the role does (BullMQ's connections). */
export async function client(a: RedisAddress, role: 'submitter' | 'worker'): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const c = new Redis(redisOptions(a, role));
  c.on('error', () => undefined); // a lost connection shows as a failed command (submitter) or is waited out (worker)
  return c;
}

/**
 * Closes a client: QUIT when Redis is there (the socket closes at once), else drops it. A bare
 * disconnect() left the process waiting up to 2 s for the socket to end.
 */
export async function quit(c: Redis): Promise<void> {
  if (c.status === 'ready' && await c.quit().then(() => true, () => false)) return;
  c.disconnect();
}

/** A connected client; QueueError naming the URL when Redis cannot be reached. */
export async function connect(a: RedisAddress, role: 'submitter' | 'worker'): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis({ ...redisOptions(a, role), lazyConnect: true, retryStrategy: () => null });
  let cause: Error | undefined; // the socket's error says more than the failed command's
  client.on('error', (err: Error) => { cause ??= err; });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw new QueueError(`cannot reach Redis at ${a.url}: ${(cause ?? err as Error).message}`);
  }
  client.removeAllListeners('error');
  client.on('error', () => undefined); // a lost connection shows as a failed command
  // Connected: from now on, reconnect as the role does.
  client.options.retryStrategy = redisOptions(a, role).retryStrategy;
  return client;
}
