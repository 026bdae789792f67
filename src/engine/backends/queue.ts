/**
 * The queue backend: a study's chunks as BullMQ jobs on Redis, simulated by `trade-sim worker`
 * processes on any machines (queue-worker.ts). The study's scenarios travel once, as their
 * resolved texts, or, for a study of derived plans (sensitivity, goal), its plans as compressed v8
 * bytes (queue-keys.ts); each job names one chunk. Chunks already in the cache (from an
 * interrupted submission of the same scenarios, seed and paths) are taken from it, the rest are
 * queued, and each chunk's partial is delivered once, however often a worker reports it (a stalled
 * job may run twice), its counts added straight into the driver's count arrays (no dense copy of
 * a chunk's histograms). The driver folds the chunk sums in chunk order, so the result is the same
 * bits as a local run. When the study completes its keys (record, notes, cached chunks) are removed; when it
 * fails they stay, to expire, so that a re-run reuses the chunks done.
 */
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ENGINE } from '../../engine-info.js';
import { CHUNK } from '../kernel/index.js';
import type { BasePartial, Task } from '../kind.js';
import { decodeCompact } from '../compact.js';
import type { Backend, Study } from './backend.js';
import type { LoadedScenario } from '../../scenario/load.js';
import {
  chunkKey, client, connect, FAILED_JOB_AGE_SECONDS, jobId, notesKey, packPlans, parseNote, plansKey, QUEUE_NAME, QueueError, quit,
  STUDY_TTL_SECONDS, studyKey, type ChunkJob, type RedisAddress, type StudyRecord,
} from './queue-keys.js';

/** A scenario as the workers get it: the resolved text and its sha256 (LoadedScenario's raw and sha256). */
export interface QueuedScenario {
  name: string;
  sha256: string;
  resolved: Record<string, unknown>;
}

export const queuedScenario = (loaded: LoadedScenario): QueuedScenario => ({ name: loaded.scenario.name, sha256: loaded.sha256, resolved: loaded.raw });

export interface QueueStats {
  /** Chunks taken from the cache of an earlier submission. */
  reused: number;
  /** Chunks simulated by workers for this submission. */
  simulated: number;
  /** Notes of a chunk already delivered (a job that ran twice), ignored. */
  duplicates: number;
}

/** How long the submitter waits on the notes list before checking on Redis again, in seconds. */
const POLL_SECONDS = 1;
/** How often a chunk whose result was removed from the cache before it was read is queued again. */
const MAX_REQUEUES = 3;
/** Cached chunks read per round trip. */
const READ_BATCH = 16;

export interface QueueBackend extends Backend {
  readonly stats: QueueStats;
  /**
   * Removes the records of the studies in flight, as a failed run does, so that workers skip their
   * jobs left in the queue: for an interrupt, which exits without the run's own clean-up.
   */
  abandon(): Promise<void>;
}

/**
 * A backend that submits to the queue at `address`, for studies of these scenarios (in the
 * study's plan order); without `scenarios`, for studies of any plans (a study's derived plans),
 * which then travel as their bytes.
 */
export function queueBackend(address: RedisAddress, scenarios?: QueuedScenario[]): QueueBackend {
  const stats: QueueStats = { reused: 0, simulated: 0, duplicates: 0 };
  /** The studies in flight, by id, with their client. */
  const inFlight = new Map<string, Redis>();
  return {
    // A number of processes unknown to the submitter; tasks are one chunk each.
    workers: 0,
    stats,
    async run<P extends BasePartial>(study: Study<P>, tasks: Task[], counts: Uint32Array[], deliver: (p: P) => void): Promise<void> {
      if (scenarios && (study.plans.length !== scenarios.length || study.plans.some((p, i) => p.sha256 !== scenarios[i]?.sha256))) {
        throw new Error('internal: the queue backend was made for other scenarios than the study\'s');
      }
      const derived = scenarios ? undefined : packPlans(study.plans);
      const rec: StudyRecord = { engine: ENGINE.version, kind: study.kind.name, scenarios: derived?.entries ?? scenarios ?? [] };
      const redis = await connect(address, 'submitter');
      const id = randomUUID();
      inFlight.set(id, redis);
      let queue: Queue | undefined;
      let queueConnection: Redis | undefined;
      let completed = false;
      const keys: string[] = [];
      try {
        const first = tasks[0];
        if (!first) return;
        const { seed, paths } = first;
        const chunks = tasks.flatMap((t) => Array.from({ length: t.chunkEnd - t.chunkStart }, (_, i) => t.chunkStart + i));
        const keyOf = new Map(chunks.map((c) => [c, chunkKey(rec, seed, c, Math.min(CHUNK, paths - c * CHUNK))]));
        keys.push(...keyOf.values());
        const seen = new Set<number>();
        const take = (chunk: number, bytes: Buffer | null): boolean => {
          if (!bytes) return false;
          if (seen.has(chunk)) { stats.duplicates++; return true; }
          seen.add(chunk);
          deliver(decodeCompact<P>(study.kind, bytes, counts)); // counts straight into the driver's arrays
          return true;
        };
        // The plans before the record: a worker that finds the record finds them.
        if (derived) await redis.set(plansKey(id), derived.packed, 'EX', STUDY_TTL_SECONDS);
        await redis.set(studyKey(id), JSON.stringify(rec), 'EX', STUDY_TTL_SECONDS);
        const exists = await redis.pipeline(chunks.map((c) => ['exists', keyOf.get(c) as string])).exec();
        const cached = chunks.filter((_, i) => exists?.[i]?.[1] === 1);
        for (let i = 0; i < cached.length; i += READ_BATCH) {
          const batch = cached.slice(i, i + READ_BATCH);
          const got = await redis.mgetBuffer(...batch.map((c) => keyOf.get(c) as string));
          batch.forEach((c, j) => { if (take(c, got[j] ?? null)) stats.reused++; });
        }
        const enqueue = async (list: number[], again = 0) => {
          if (!queue) {
            queueConnection = await client(address, 'submitter');
            const { Queue } = await import('bullmq');
            queue = new Queue(QUEUE_NAME, { connection: queueConnection });
            queue.on('error', () => undefined); // the notes list below reports a lost connection
          }
          await queue.addBulk(list.map((c) => ({
            name: 'chunk',
            data: { study: id, kind: rec.kind, seed, paths, chunkStart: c, chunkEnd: c + 1 } satisfies ChunkJob,
            opts: { jobId: again === 0 ? jobId(id, c) : `${jobId(id, c)}-again-${again}`, removeOnComplete: true, removeOnFail: { age: FAILED_JOB_AGE_SECONDS }, attempts: 1 },
          })));
        };
        const missing = chunks.filter((c) => !seen.has(c));
        if (missing.length > 0) await enqueue(missing);
        const requeued = new Map<number, number>();
        while (seen.size < chunks.length) {
          const popped = await redis.blpop(notesKey(id), POLL_SECONDS);
          if (!popped) {
            // Redis back within the client's retries but without its data: no job, note or
            // record of the study is left to wait for, and it would wait for ever.
            if (await redis.exists(studyKey(id)) === 0) {
              throw new QueueError(`the study is gone from Redis at ${address.url} (Redis restarted without its data, or was flushed), and with it the chunks queued; nothing was written: run the same command again`);
            }
            continue;
          }
          const note = parseNote(popped[1]);
          if (!note.ok) throw new QueueError(`chunk ${note.chunk} failed on a worker: ${note.error}`);
          if (seen.has(note.chunk)) { stats.duplicates++; continue; }
          const key = keyOf.get(note.chunk);
          if (key === undefined) throw new Error(`internal: a note on chunk ${note.chunk}, not of this study`);
          if (!take(note.chunk, await redis.getBuffer(key))) {
            // A worker found the chunk cached by another submission of the same study (the same
            // scenarios, seed and paths, run at the same time), which, completing, removed it since:
            // queued again, to be simulated anew.
            const again = (requeued.get(note.chunk) ?? 0) + 1;
            if (again > MAX_REQUEUES) throw new QueueError(`chunk ${note.chunk} was reported done but its result is not in Redis at ${address.url}`);
            requeued.set(note.chunk, again);
            await enqueue([note.chunk], again);
            continue;
          }
          stats.simulated++;
        }
        completed = true;
      } catch (err) {
        if (err instanceof QueueError || !isConnectionError(err)) throw err;
        throw new QueueError(`lost the connection to Redis at ${address.url} (${(err as Error).message}); nothing was written: the same command, once Redis is back, reuses the chunks that Redis kept`);
      } finally {
        inFlight.delete(id);
        await cleanUp(redis, queue, id, completed ? keys : []);
        if (queueConnection) await quit(queueConnection);
      }
    },
    close: () => Promise.resolve(),
    async abandon() {
      await Promise.all([...inFlight].map(([id, redis]) => redis.del(studyKey(id), notesKey(id), plansKey(id)).catch(() => undefined)));
    },
  };
}

function isConnectionError(err: unknown): boolean {
  const m = err instanceof Error ? err.message : '';
  return /Connection is closed|enableOfflineQueue|MaxRetriesPerRequest|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Stream isn't writeable/i.test(m)
    || (err instanceof Error && err.name === 'MaxRetriesPerRequestError');
}

/**
 * Removes the study's record, plans and notes (workers skip its jobs left in the queue), and the cached
 * chunks of a completed study. With Redis gone this cannot be done: the keys expire instead.
 */
async function cleanUp(redis: Redis, queue: Queue | undefined, id: string, chunkKeys: string[]): Promise<void> {
  const work = (async () => {
    try {
      await redis.del(studyKey(id), notesKey(id), plansKey(id));
      for (let i = 0; i < chunkKeys.length; i += 512) await redis.del(...chunkKeys.slice(i, i + 512));
    } catch {
      // expiry removes them
    }
    await queue?.close().catch(() => undefined);
  })();
  await Promise.race([work, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  await quit(redis);
}
