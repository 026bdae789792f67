/**
 * The BullMQ backend against a real redis-server and real `trade-sim worker` processes: the same
 * summary.json bytes as a local run for 1, 2 and 3 workers, with a worker SIGKILLed mid-run, and
 * after Redis was stopped mid-run (the submission fails cleanly; a re-run reuses the chunks done);
 * a chunk reported twice is folded once; a chunk that fails fails the run with the worker's
 * message; Redis unreachable fails at once, naming the URL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { cliAsync, freePort, RedisServer, requireRedis, until, WorkerProcess } from './redis.js';
import { prepareScenario } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { toJson } from '../../src/results/write.js';
import { queueBackend, queuedScenario } from '../../src/engine/backends/queue.js';
import { chunkKey, parseRedisUrl, type RedisAddress } from '../../src/engine/backends/queue-keys.js';
import { single } from '../../src/engine/kinds/index.js';
import { encodeCompact } from '../../src/engine/compact.js';
import { ENGINE } from '../../src/engine-info.js';

const SMOKE = 'test/fixtures/scenarios/smoke.yaml';
const LONG_CHUNKS = 'test/fixtures/scenarios/long-chunks.yaml';
const dir = new TempDir();
const run = requireRedis();
let redis: RedisServer;
const workers: WorkerProcess[] = [];
afterAll(() => dir.remove());

/** A local run's summary.json, and the arguments of the same run. */
function local(paths: number, seed: number, scenario = SMOKE): { summary: string; args: string[] } {
  const args = ['run', scenario, '--paths', String(paths), '--seed', String(seed), '--quiet', '--no-charts'];
  const out = join(dir.path, `local-${basename(scenario, '.yaml')}-${paths}-${seed}`);
  if (!existsSync(out)) {
    const r = cli([...args, '--workers', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
  }
  return { summary: readFileSync(join(out, 'summary.json'), 'utf8'), args };
}

async function startWorker(): Promise<WorkerProcess> {
  const w = new WorkerProcess(redis.url);
  workers.push(w);
  await w.ready();
  return w;
}

const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { queue: { chunksReused: number; chunksSimulated: number } };

describe.runIf(run)('the queue backend with worker processes', () => {
  beforeAll(async () => { redis = await RedisServer.start(); });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await redis?.remove();
  });

  it('1, 2 and 3 worker processes give the same summary.json bytes as a local run, and leave no keys of the study', async () => {
    const { summary, args } = local(24 * 1024 - 100, 11);
    for (const n of [1, 2, 3]) {
      while (workers.length < n) await startWorker();
      const out = join(dir.path, `queue-${n}`);
      const before = workers.map((w) => w.done().length);
      const r = await cliAsync([...args, '--queue', redis.url, '--out', out]).done;
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(summary);
      expect(manifestOf(out).queue).toMatchObject({ chunksReused: 0, chunksSimulated: 24 });
      // Every chunk was simulated by one of the workers now running.
      expect(workers.reduce((a, w, i) => a + w.done().length - (before[i] as number), 0)).toBeGreaterThanOrEqual(24);
      // The study's record, notes and cached chunks are gone; only BullMQ's own keys of the queue stay.
      expect(redis.cli('--scan', '--pattern', 'trade-sim:*')).toBe('');
    }
  });

  it('a worker SIGKILLed in the middle of a chunk: the job goes to another worker, the result is the same', async () => {
    while (workers.length < 2) await startWorker();
    const a = workers[0] as WorkerProcess;
    // Chunks of about 50 ms (smoke's take a few): the kill, up to 25 ms after A reports a start, must find A inside one.
    const { summary, args } = local(8 * 1024, 12, LONG_CHUNKS);
    const out = join(dir.path, 'queue-kill');
    const startedBefore = a.started().length;
    const sub = cliAsync([...args, '--queue', redis.url, '--out', out]);
    await until('worker A to start a chunk', () => a.started().length > startedBefore);
    await a.kill('SIGKILL');
    workers.splice(workers.indexOf(a), 1);
    const r = await sub.done;
    const study = a.started()[startedBefore]?.study as string;
    const killedIn = a.started().slice(startedBefore).map((s) => s.chunk).filter((c) => !a.done(study).includes(c));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(summary);
    // A chunk A had started and not finished was done by another worker (BullMQ's stalled-job check).
    expect(killedIn.length).toBeGreaterThan(0);
    await until(`another worker to report chunks ${killedIn.join(', ')}`, () => killedIn.every((c) => workers.some((w) => w.done(study).includes(c))), 10_000);
  });

  it('Redis stopped mid-run: exit 1 naming the URL, nothing written; after a restart the same command completes identically, reusing the chunks done', async () => {
    while (workers.length < 1) await startWorker();
    const w = workers[0] as WorkerProcess;
    const { summary, args } = local(80 * 1024, 13);
    const out = join(dir.path, 'queue-stop');
    const doneBefore = w.done().length;
    const sub = cliAsync([...args, '--queue', redis.url, '--out', out]);
    await until('some chunks done', () => w.done().length >= doneBefore + 5);
    await redis.stop();
    const r = await sub.done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`lost the connection to Redis at ${redis.url}/0`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(out)).toBe(false);
    await redis.launch();
    const again = await cliAsync([...args, '--queue', redis.url, '--out', out]).done;
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(summary);
    const q = manifestOf(out).queue;
    expect(q.chunksReused).toBeGreaterThanOrEqual(5);
    expect(q.chunksReused + q.chunksSimulated).toBe(80);
  });

  it('Redis lost and back at once without its data: exit 1 saying the study is gone, nothing written; the same command then completes', async () => {
    while (workers.length < 1) await startWorker();
    const w = workers[0] as WorkerProcess;
    const { summary, args } = local(80 * 1024, 17);
    const out = join(dir.path, 'queue-crash');
    const doneBefore = w.done().length;
    const sub = cliAsync([...args, '--queue', redis.url, '--out', out]);
    await until('some chunks done', () => w.done().length >= doneBefore + 5);
    // Back before the submitter's reconnection gives up: it used to wait for ever on a study Redis no longer had.
    await redis.crash();
    await redis.launch();
    const timeout = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000).unref());
    const r = await Promise.race([sub.done, timeout]);
    if (r === 'hung') sub.proc.kill('SIGKILL');
    expect(r).not.toBe('hung');
    if (r === 'hung') return;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`the study is gone from Redis at ${redis.url}/0 (Redis restarted without its data, or was flushed)`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(out)).toBe(false);
    const again = await cliAsync([...args, '--queue', redis.url, '--out', out]).done;
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(summary);
  });

  it('a submission interrupted (SIGINT): exit 130, nothing written, its jobs left are skipped; the same command then reuses the chunks done', async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')));
    const w = await startWorker();
    const { summary, args } = local(300 * 1024, 19);
    const out = join(dir.path, 'queue-interrupted');
    const sub = cliAsync([...args, '--queue', redis.url, '--out', out]);
    await until('some chunks done', () => w.done().length >= 20);
    sub.proc.kill('SIGINT');
    const r = await sub.done;
    expect(r.code, r.stderr).toBe(130);
    expect(existsSync(out)).toBe(false);
    const study = w.started().at(-1)?.study as string; // its jobs come after any left by the tests before
    const doneThen = w.done(study).length;
    await until('the queue to be drained', () => redis.cli('llen', 'bull:trade-sim-chunks:wait') === '0' && redis.cli('llen', 'bull:trade-sim-chunks:active') === '0');
    // Before, the workers simulated the rest of the study (about 280 chunks) for nobody.
    expect(w.done(study).length - doneThen).toBeLessThanOrEqual(2);
    expect([...w.out.matchAll(new RegExp(`^skip study ${study} `, 'gm'))].length).toBeGreaterThan(200);
    const again = await cliAsync([...args, '--queue', redis.url, '--out', out]).done;
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(summary);
    expect(manifestOf(out).queue.chunksReused).toBeGreaterThanOrEqual(doneThen);
  });

  it('the same run submitted twice at once: both complete with the local bytes (the first to finish removes the chunks they share)', async () => {
    while (workers.length < 2) await startWorker();
    const { summary, args } = local(100 * 1024, 18);
    const outs = [join(dir.path, 'queue-twice-a'), join(dir.path, 'queue-twice-b')];
    // Before, the second to finish failed: "chunk N was reported done but its result is not in Redis".
    const rs = await Promise.all(outs.map((out) => cliAsync([...args, '--queue', redis.url, '--out', out]).done));
    for (const [i, r] of rs.entries()) {
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(join(outs[i] as string, 'summary.json'), 'utf8')).toBe(summary);
    }
  });

  it('a chunk from the cache is used as it is, and a chunk reported twice more is folded once', async () => {
    // No worker until the duplicates are on the study's notes, so that they arrive before the run ends.
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')));
    const prep = prepareScenario(SMOKE);
    const address = parseRedisUrl(redis.url) as RedisAddress;
    const scenario = queuedScenario(prep.loaded);
    const backend = queueBackend(address, [scenario]);
    const { Redis } = await import('ioredis');
    const spy = new Redis(redis.port, '127.0.0.1');
    // Chunk 0, as an interrupted submission of the same run would have left it in the cache.
    const chunk0 = single.simulator([prep.compiled.plan]).run({ seed: 14, paths: 12 * 1024, chunkStart: 0, chunkEnd: 1 });
    await spy.set(chunkKey({ engine: ENGINE.version, kind: 'single', scenarios: [scenario] }, 14, 0, 1024), Buffer.from(encodeCompact(single, chunk0)));
    const earlier = new Set(await spy.keys('trade-sim:study:*')); // an interrupted submission's, say
    const queued = runPrepared(prep, { paths: 12 * 1024, seed: 14, backend });
    let study: string | undefined;
    await until('the study record', () => {
      void spy.keys('trade-sim:study:*').then((k) => { study = k.find((x) => !x.endsWith(':notes') && !earlier.has(x)); });
      return study !== undefined;
    });
    await spy.rpush(`${study as string}:notes`, JSON.stringify({ chunk: 0, ok: true }), JSON.stringify({ chunk: 0, ok: true }));
    spy.disconnect();
    await startWorker();
    const alone = await runPrepared(prep, { paths: 12 * 1024, seed: 14, workers: 0 });
    expect(toJson((await queued).summary)).toBe(toJson(alone.summary));
    expect(backend.stats, JSON.stringify(backend.stats)).toEqual({ reused: 1, simulated: 11, duplicates: 2 });
  });

  it('a chunk that fails on a worker fails the run with the worker\'s message', async () => {
    while (workers.length < 1) await startWorker();
    const prep = prepareScenario(SMOKE);
    const address = parseRedisUrl(redis.url) as RedisAddress;
    // The text the workers get is not the one its sha256 was taken of: each worker refuses it.
    const tampered = { ...queuedScenario(prep.loaded), resolved: { ...prep.loaded.raw, horizon: 12 } };
    const backend = queueBackend(address, [tampered]);
    await expect(runPrepared(prep, { paths: 4096, seed: 15, backend })).rejects.toThrow(
      new RegExp(`chunk \\d+ failed on a worker: scenario smoke: its text hashes to [0-9a-f]{64}, the study says ${prep.loaded.sha256}`),
    );
  });

  it('a worker sent SIGTERM in the middle of a chunk finishes it first, then exits 0: the run completes on that chunk', async () => {
    // It alone serves the queue, and the run is one chunk, made long (60 years by month, ten flows).
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')));
    const scenario = dir.file('slow-chunk.yaml', readFileSync(LONG_CHUNKS, 'utf8').replace('name: long-chunks', 'name: slow-chunk').replace('horizon: 40', 'horizon: 60\nstepsPerYear: 12'));
    const { summary, args } = local(1024, 16, scenario);
    const w = await startWorker();
    const out = join(dir.path, 'queue-sigterm');
    const sub = cliAsync([...args, '--queue', redis.url, '--out', out]);
    await until('the worker to start the chunk', () => w.started().length > 0);
    await w.kill('SIGTERM');
    workers.splice(workers.indexOf(w), 1);
    // Before, the CLI's own handler exited 130 at once, leaving the job to the stalled-job check.
    expect(w.proc.exitCode, w.out + w.err).toBe(0);
    expect(w.out).toMatch(/^worker: stopping after the jobs running/m);
    expect(w.done()).toEqual([0]);
    const r = await sub.done;
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(summary);
  });

  it('Redis unreachable: exit 1 at once, naming the URL, nothing written', async () => {
    const port = await freePort();
    const out = join(dir.path, 'unreachable');
    const started = Date.now();
    const r = cli(['run', SMOKE, '--paths', '2000', '--seed', '1', '--queue', `redis://127.0.0.1:${port}`, '--out', out, '--quiet', '--no-charts']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: cannot reach Redis at redis://127.0.0.1:${port}/0: connect ECONNREFUSED`);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(existsSync(out)).toBe(false);
  });
});

describe.runIf(run)('a worker stopped while Redis is down', () => {
  it('exits 0 within seconds: no job could report, and it does not wait for Redis', async () => {
    const r2 = await RedisServer.start();
    const w = new WorkerProcess(r2.url);
    try {
      await w.ready();
      await r2.crash();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const started = Date.now();
      w.proc.kill('SIGTERM');
      await until('the worker to exit', () => w.proc.exitCode !== null || w.proc.signalCode !== null, 15_000);
      expect(w.proc.exitCode, w.out + w.err).toBe(0);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await w.kill('SIGKILL');
      await r2.remove();
    }
  });
});

describe.runIf(run)('compare on the queue', () => {
  it('gives the same comparison.json bytes as a local compare', async () => {
    const r2 = await RedisServer.start();
    const w = new WorkerProcess(r2.url, 2);
    try {
      await w.ready();
      const files = ['test/fixtures/compare/base.yaml', 'test/fixtures/compare/customs.yaml'];
      const args = ['compare', ...files, '--paths', String(10 * 1024), '--seed', '21', '--quiet', '--no-charts'];
      const a = join(dir.path, 'cmp-local'), b = join(dir.path, 'cmp-queue');
      expect(cli([...args, '--out', a]).code).toBe(0);
      const q = await cliAsync([...args, '--out', b, '--queue', r2.url]).done;
      expect(q.code, q.stderr).toBe(0);
      expect(readFileSync(join(b, 'comparison.json'), 'utf8')).toBe(readFileSync(join(a, 'comparison.json'), 'utf8'));
      expect(w.done().length).toBe(10);
    } finally {
      await w.kill('SIGKILL');
      await r2.remove();
    }
  });
});
