/**
 * The queue benchmark (`npm run bench:queue`; bench/README.md, "Queue"): K1 (bench/k1.yaml) on
 * the BullMQ backend against a redis-server of its own on a free loopback port, timed from the
 * shell to the written output (`trade-sim run --queue ... --no-charts`):
 *   - one worker process of one thread, then two such processes (on this 2-core machine: the
 *     ratio is what a second machine's worth of workers gives);
 *   - the same run locally on one worker thread (`--workers 1`): the queue's overhead per chunk is
 *     (queue with one worker - local) / chunks.
 * Rounds interleave the three configurations; each reports its best round. The three summaries
 * must be the same bytes. Options: --paths N (default 400,000), --rounds R (default 2), --seed S.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliAsync, RedisServer, requireRedis, WorkerProcess } from '../test/distributed/redis.js';
import { environment } from './lib/env.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(REPO, 'dist/cli/main.js');
const K1 = join(REPO, 'bench/k1.yaml');

const { values: opt } = parseArgs({ options: { paths: { type: 'string', default: '400000' }, rounds: { type: 'string', default: '2' }, seed: { type: 'string', default: '1' } } });
const paths = Number(opt.paths), rounds = Number(opt.rounds), seed = Number(opt.seed);
const chunks = Math.ceil(paths / 1024);
if (!requireRedis()) throw new Error('the queue benchmark needs redis-server (apt-get install -y redis-server)');

const tmp = mkdtempSync(join(tmpdir(), 'trade-sim-bench-queue-'));
const redis = await RedisServer.start();
const workers: WorkerProcess[] = [];
const seconds: Record<string, number[]> = { local: [], 'queue, 1 worker process': [], 'queue, 2 worker processes': [] };
const summaries = new Set<string>();

async function timed(name: string, extra: string[]): Promise<void> {
  const out = join(tmp, name.replace(/\W+/g, '-'));
  const t0 = performance.now();
  const r = await cliAsync(['run', K1, '--paths', String(paths), '--seed', String(seed), '--quiet', '--no-charts', '--out', out, ...extra], CLI).done;
  const s = (performance.now() - t0) / 1000;
  if (r.code !== 0) throw new Error(`${name}: ${r.stderr}`);
  seconds[name]?.push(s);
  summaries.add(readFileSync(join(out, 'summary.json'), 'utf8'));
  process.stdout.write(`  ${name}: ${s.toFixed(2)} s\n`);
}

try {
  for (let r = 1; r <= rounds; r++) {
    process.stdout.write(`round ${r} of ${rounds}\n`);
    await timed('local', ['--workers', '1']);
    while (workers.length < 1) { const w = new WorkerProcess(redis.url, 1, CLI); workers.push(w); await w.ready(); }
    await timed('queue, 1 worker process', ['--queue', redis.url]);
    while (workers.length < 2) { const w = new WorkerProcess(redis.url, 1, CLI); workers.push(w); await w.ready(); }
    await timed('queue, 2 worker processes', ['--queue', redis.url]);
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGTERM')));
  }
} finally {
  await Promise.all(workers.map((w) => w.kill('SIGKILL')));
  await redis.remove();
  rmSync(tmp, { recursive: true, force: true });
}

const best = (k: string) => Math.min(...(seconds[k] ?? [NaN]));
const local = best('local'), one = best('queue, 1 worker process'), two = best('queue, 2 worker processes');
const env = environment(REPO);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
process.stdout.write(`
K1, ${paths.toLocaleString('en-US')} paths (${chunks} chunks), seed ${seed}, best of ${rounds}; ${env.date.slice(0, 10)}, commit ${env.commit}${env.dirty ? ' (dirty)' : ''}, ${env.cpu}, ${env.cores} cores, Node ${env.node}, load average at the end ${load}
| configuration | seconds (shell to output) |
| --- | ---: |
| local, 1 worker thread | ${local.toFixed(2)} |
| queue, 1 worker process (1 thread) | ${one.toFixed(2)} |
| queue, 2 worker processes (1 thread each) | ${two.toFixed(2)} |
two worker processes against one: ${(one / two).toFixed(2)}x
queue overhead per chunk (1 worker process against local): ${(((one - local) / chunks) * 1000).toFixed(1)} ms, over a chunk time of ${((local / chunks) * 1000).toFixed(1)} ms
summaries: ${summaries.size === 1 ? 'the same bytes in every run' : `DIFFER (${summaries.size} distinct)`}
`);
if (summaries.size !== 1) process.exitCode = 1;
