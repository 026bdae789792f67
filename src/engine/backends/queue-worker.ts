/**
 * A queue worker (`trade-sim worker --queue URL`): takes chunk jobs from the BullMQ queue,
 * simulates them on this process's thread pool (the pool backend's threads, which return each
 * chunk's partial compact: backends/pool.ts runCompact), stores each chunk's partial in the cache and notes it on the study's list (queue-keys.ts).
 *
 * It reads a study's record once and compiles the scenarios itself from their resolved texts, or
 * takes a derived plan from its v8 bytes, checking their sha256 (a mismatch refuses the study)
 * and that it runs the engine version that the submitter does (results would differ otherwise). A job of a study whose record is gone (completed, or abandoned and
 * expired) is skipped. A worker killed mid-job holds its job's lock until it expires: BullMQ's
 * stalled-job check (run by every worker every STALLED_INTERVAL_MS) then gives the job to
 * another worker.
 */
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { ENGINE } from '../../engine-info.js';
import { compileScenario } from '../../scenario/compile.js';
import { loadResolved } from '../../scenario/load.js';
import { formatIssue, ScenarioError } from '../../scenario/issues.js';
import { CHUNK } from '../kernel/index.js';
import { kindByName } from '../kinds/index.js';
import { newStudy } from '../driver.js';
import type { Study } from './backend.js';
import {
  CHUNK_TTL_SECONDS, chunkKey, client, connect, formatNote, notesKey, plansKey, QUEUE_NAME, quit, STUDY_TTL_SECONDS, studyKey, unpackPlans,
  type ChunkJob, type Note, type RedisAddress, type StudyRecord,
} from './queue-keys.js';

/** A job's lock lasts this long and is renewed at half of it while the job runs. */
export const LOCK_DURATION_MS = 5000;
/** How often each worker looks for jobs whose lock has expired (their worker died). */
export const STALLED_INTERVAL_MS = 2500;
/** Times a job may be given to another worker before it fails. */
const MAX_STALLED = 3;

export type WorkerEvent =
  | { type: 'start'; study: string; chunk: number }
  | { type: 'done'; study: string; chunk: number; cached: boolean; seconds: number }
  | { type: 'skip'; study: string; chunk: number }
  | { type: 'fail'; study: string; chunk: number; error: string };

export interface QueueWorkerOptions {
  /** Threads of this process's pool; also the jobs taken at once. */
  workers: number;
  onEvent?: (e: WorkerEvent) => void;
}

export interface QueueWorker {
  /**
   * Stops taking jobs, lets the jobs running finish, and disconnects. With Redis unreachable at
   * once: no job could report, and BullMQ would wait for Redis for ever.
   */
  close(): Promise<void>;
}

interface Compiled {
  rec: StudyRecord;
  study: Study;
}

/**
 * The study's record compiled into plans (its derived plans unpacked from `packed`, the study's
 * plans key), or an Error whose message the submitter will show.
 */
function compileStudy(rec: StudyRecord, packed: Buffer | null): Compiled {
  if (rec.engine !== ENGINE.version) {
    throw new Error(`this worker runs ${ENGINE.name} ${ENGINE.version}, the study was submitted with ${rec.engine}; results would differ (run workers of the same version)`);
  }
  const kind = kindByName(rec.kind);
  const derived = unpackPlans(rec, packed);
  const plans = rec.scenarios.map((s, i) => {
    const plan = derived[i];
    if (plan) return plan;
    if ('derived' in s) throw new Error(`internal: plan ${i} was not unpacked`);
    let loaded;
    try {
      loaded = loadResolved(s.resolved, s.name);
    } catch (err) {
      if (err instanceof ScenarioError) throw new Error(`scenario ${s.name}: ${err.issues.map(formatIssue).join('; ')}`, { cause: err });
      throw err;
    }
    if (loaded.sha256 !== s.sha256) throw new Error(`scenario ${s.name}: its text hashes to ${loaded.sha256}, the study says ${s.sha256}`);
    return compileScenario(loaded).plan;
  });
  return { rec, study: newStudy(kind, plans) };
}

export async function startQueueWorker(address: RedisAddress, opts: QueueWorkerOptions): Promise<QueueWorker> {
  const redis: Redis = await connect(address, 'worker');
  const threads = Math.max(1, opts.workers);
  const pool = await import('./pool.js');
  // The studies served lately, by id (a few at most: a worker serves one or two at a time).
  const studies = new Map<string, Compiled | Error>();
  const studyOf = async (id: string): Promise<Compiled | Error | undefined> => {
    // Asked for each chunk: a study whose record was removed since (it failed, or was interrupted) has its jobs skipped.
    const known = studies.get(id);
    if (known) {
      if (await redis.exists(studyKey(id)) === 1) return known;
      studies.delete(id);
      return undefined;
    }
    const text = await redis.get(studyKey(id));
    if (text === null) return undefined;
    let c: Compiled | Error;
    try {
      const rec = JSON.parse(text) as StudyRecord;
      c = compileStudy(rec, rec.scenarios.some((s) => 'derived' in s) ? await redis.getBuffer(plansKey(id)) : null);
    } catch (err) {
      c = err instanceof Error ? err : new Error(String(err));
    }
    studies.set(id, c);
    if (studies.size > 4) studies.delete(studies.keys().next().value as string);
    return c;
  };
  const note = async (study: string, n: Note) => {
    await redis.multi().rpush(notesKey(study), formatNote(n)).expire(notesKey(study), STUDY_TTL_SECONDS).exec();
  };

  const handle = async (job: Job<ChunkJob>): Promise<void> => {
    const d = job.data;
    for (let chunk = d.chunkStart; chunk < d.chunkEnd; chunk++) {
      const c = await studyOf(d.study);
      if (!c) { opts.onEvent?.({ type: 'skip', study: d.study, chunk }); continue; }
      if (c instanceof Error) {
        opts.onEvent?.({ type: 'fail', study: d.study, chunk, error: c.message });
        await note(d.study, { chunk, ok: false, error: c.message });
        throw c;
      }
      opts.onEvent?.({ type: 'start', study: d.study, chunk });
      const started = performance.now();
      const key = chunkKey(c.rec, d.seed, chunk, Math.min(CHUNK, d.paths - chunk * CHUNK));
      const cached = (await redis.exists(key)) === 1;
      if (!cached) {
        try {
          const bytes = await pool.runCompact(threads, c.study, { seed: d.seed, paths: d.paths, chunkStart: chunk, chunkEnd: chunk + 1 });
          await redis.set(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', CHUNK_TTL_SECONDS);
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          opts.onEvent?.({ type: 'fail', study: d.study, chunk, error });
          await note(d.study, { chunk, ok: false, error });
          throw err;
        }
      }
      // Reported before the note: a worker that never said "done" never sent one (the tests rely on it).
      opts.onEvent?.({ type: 'done', study: d.study, chunk, cached, seconds: (performance.now() - started) / 1000 });
      await note(d.study, { chunk, ok: true });
    }
  };

  const connection = await client(address, 'worker');
  const { Worker } = await import('bullmq');
  const worker = new Worker<ChunkJob>(QUEUE_NAME, handle, {
    connection,
    concurrency: threads,
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED,
    removeOnComplete: { count: 0 },
    removeOnFail: { age: 3600 },
  });
  worker.on('error', () => undefined); // connection trouble: BullMQ reconnects
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close(redis.status !== 'ready' || connection.status !== 'ready');
      await quit(redis);
      await quit(connection);
      await pool.closePool();
    },
  };
}
