/**
 * The studies of derived plans on the queue (sensitivity: re-keyed streams, parameters at
 * quantiles, agreements forced; goal: a lever set, the horizon cut), against a real redis-server
 * and two `trade-sim worker` processes: the same sensitivity.json and goal.json bytes as a local
 * run, no key of the studies left behind; and a worker refuses a study whose plan bytes do not
 * hash to what its record says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { cliAsync, RedisServer, requireRedis, until, WorkerProcess } from './redis.js';
import { prepareScenario } from '../../src/project.js';
import { drive } from '../../src/engine/driver.js';
import { means } from '../../src/engine/kinds/means.js';
import { queueBackend } from '../../src/engine/backends/queue.js';
import { parseRedisUrl, plansKey, type RedisAddress } from '../../src/engine/backends/queue-keys.js';

const FILE = 'test/fixtures/compare/customs.yaml';
const dir = new TempDir();
const run = requireRedis();
let redis: RedisServer;
const workers: WorkerProcess[] = [];
afterAll(() => dir.remove());

/** The file `name` written by `args` run here and on the queue. */
async function localAndQueued(args: string[], name: string, tag: string): Promise<{ local: string; queued: string; manifest: { queue: { chunksSimulated: number } } }> {
  const a = join(dir.path, `${tag}-local`), b = join(dir.path, `${tag}-queue`);
  const l = cli([...args, '--out', a]);
  expect(l.code, l.stderr).toBe(0);
  const q = await cliAsync([...args, '--out', b, '--queue', redis.url]).done;
  expect(q.code, q.stderr).toBe(0);
  return {
    local: readFileSync(join(a, name), 'utf8'),
    queued: readFileSync(join(b, name), 'utf8'),
    manifest: JSON.parse(readFileSync(join(b, 'manifest.json'), 'utf8')) as { queue: { chunksSimulated: number } },
  };
}

describe.runIf(run)('sensitivity and goal on the queue', () => {
  beforeAll(async () => {
    redis = await RedisServer.start();
    workers.push(new WorkerProcess(redis.url), new WorkerProcess(redis.url));
    await Promise.all(workers.map((w) => w.ready()));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await redis?.remove();
  });

  it('sensitivity.json over two worker processes is the same bytes as a local run', async () => {
    const before = workers.reduce((a, w) => a + w.done().length, 0);
    const args = ['sensitivity', FILE, '--paths', String(3 * 1024 + 5), '--seed', '3', '--by', '2029', '--quiet', '--no-charts'];
    const r = await localAndQueued(args, 'sensitivity.json', 'sens');
    expect(r.queued).toBe(r.local);
    // Two studies (Sobol, tornado) of 4 chunks each, all simulated by the workers.
    expect(r.manifest.queue.chunksSimulated).toBe(8);
    expect(workers.reduce((a, w) => a + w.done().length, 0) - before).toBeGreaterThanOrEqual(8);
    expect(redis.cli('--scan', '--pattern', 'trade-sim:*')).toBe('');
  });

  it('goal.json over two worker processes is the same bytes as a local run', async () => {
    const args = ['goal', FILE, '--lever', 'flows.*.PK>KZ.growth', '--probability', '0.5', '--by', '2030', '--range', '0..0.8', '--paths', '2048', '--seed', '3', '--quiet'];
    const r = await localAndQueued(args, 'goal.json', 'goal');
    expect(r.queued).toBe(r.local);
    const evaluations = (JSON.parse(r.local) as { curve: unknown[] }).curve.length;
    expect(evaluations).toBeGreaterThan(9); // the grid, then bisection: studies of one plan each
    expect(r.manifest.queue.chunksSimulated).toBe(2 * (1 + evaluations - 9));
    expect(redis.cli('--scan', '--pattern', 'trade-sim:*')).toBe('');
  });

  it('a worker refuses a study whose plan bytes do not hash to the sha256 its record names', async () => {
    // Workers stopped, so that the plans can be changed before any worker reads the study.
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')));
    const prep = prepareScenario(FILE);
    const plan = prep.compiled.plan;
    const backend = queueBackend(parseRedisUrl(redis.url) as RedisAddress);
    const { Redis } = await import('ioredis');
    const spy = new Redis(redis.port, '127.0.0.1');
    try {
      const submitted = drive(means, [plan], { paths: 2048, seed: 5, backend }).then(() => 'completed', (err: Error) => err.message);
      let study: string | undefined;
      await until('the study record', () => {
        void spy.keys('trade-sim:study:*').then((k) => { study = k.find((x) => !x.endsWith(':notes') && !x.endsWith(':plans')); });
        return study !== undefined;
      });
      const id = (study as string).replace(/^trade-sim:study:/, '');
      const record = JSON.parse(await spy.get(study as string) as string) as { scenarios: Array<{ sha256: string; bytes: number }> };
      expect(record.scenarios).toEqual([{ name: plan.name, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, derived: true, bytes: expect.any(Number) as unknown }]);
      // One byte of the plan changed: bytes of the same length that do not hash to the record's sha256.
      const bytes = brotliDecompressSync(await spy.getBuffer(plansKey(id)) as Buffer);
      expect(bytes.length).toBe(record.scenarios[0]?.bytes);
      const at = bytes.length >> 1;
      bytes.writeUInt8(bytes.readUInt8(at) ^ 1, at);
      await spy.set(plansKey(id), brotliCompressSync(bytes));
      const w = new WorkerProcess(redis.url);
      workers.push(w);
      await w.ready();
      const sha = record.scenarios[0]?.sha256 as string;
      expect(await submitted).toMatch(new RegExp(`chunk \\d+ failed on a worker: plan 0 \\(${plan.name}\\): its bytes hash to [0-9a-f]{64}, the study says ${sha}; refusing the study`));
    } finally {
      spy.disconnect();
    }
  });
});
