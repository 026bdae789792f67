/**
 * A real redis-server (Debian's package) for the queue tests, on a free loopback port (redis-server
 * has no `--port 0`: a socket is bound to port 0 first to find one), without persistence, in a
 * folder of its own; and `trade-sim worker` processes. Without redis-server the tests are skipped,
 * except under CI=true, where that is a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/scenario-files.js';

export const hasRedis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;

/** Skip the suite without redis-server, except under CI, where its absence fails it. */
export function requireRedis(): boolean {
  if (!hasRedis && process.env.CI === 'true') throw new Error('redis-server is not installed (CI=true): .ci/run installs it with apt-get install -y redis-server');
  return hasRedis;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `test` holds, polling; throws after `ms`. */
export async function until(what: string, test: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export class RedisServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'trade-sim-redis-'));
  private proc: ChildProcess | undefined;
  private log = '';

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const r = new RedisServer(await freePort());
    await r.launch();
    return r;
  }

  /** Starts redis-server (again, after stop(): on the same port, loading what stop() saved). */
  async launch(): Promise<void> {
    this.log = '';
    const p = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = p;
    p.stdout?.on('data', (d: Buffer) => { this.log += d.toString(); });
    p.stderr?.on('data', (d: Buffer) => { this.log += d.toString(); });
    await until(`redis-server on port ${this.port} (log: ${this.log})`, () => /Ready to accept connections/.test(this.log) || p.exitCode !== null, 20_000);
    if (p.exitCode !== null) throw new Error(`redis-server exited: ${this.log}`);
  }

  /** Redis stopped as an operator stops it: SHUTDOWN SAVE writes its data to disk first (a restart loads it). */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    spawnSync('redis-cli', ['-p', String(this.port), 'shutdown', 'save']);
    await until('redis-server to exit', () => p.exitCode !== null || p.signalCode !== null, 20_000);
  }

  /** Redis lost as a crash loses it (SIGKILL, nothing saved): a launch() after it starts empty. */
  async crash(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    p.kill('SIGKILL');
    await until('redis-server to die', () => p.exitCode !== null || p.signalCode !== null, 20_000);
  }

  cli(...args: string[]): string {
    return spawnSync('redis-cli', ['-p', String(this.port), ...args], { encoding: 'utf8' }).stdout.trim();
  }

  async remove(): Promise<void> {
    if (this.proc && this.proc.exitCode === null) {
      this.proc.kill('SIGKILL');
      await until('redis-server to die', () => this.proc?.exitCode !== null || this.proc.signalCode !== null, 10_000).catch(() => undefined);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A `trade-sim worker` process; its stdout lines (start/done per chunk) are kept. */
export class WorkerProcess {
  readonly proc: ChildProcess;
  out = '';
  err = '';

  constructor(url: string, threads = 1, cli = CLI) {
    this.proc = spawn(process.execPath, [cli, 'worker', '--queue', url, '--workers', String(threads)], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout?.on('data', (d: Buffer) => { this.out += d.toString(); });
    this.proc.stderr?.on('data', (d: Buffer) => { this.err += d.toString(); });
  }

  ready(): Promise<void> {
    return until(`a worker to start (stderr: ${this.err})`, () => this.out.includes('worker: ') || this.proc.exitCode !== null, 30_000);
  }

  /** Chunks this worker finished for studies whose id starts with `study` (any when omitted). */
  done(study = ''): number[] {
    return [...this.out.matchAll(/^done study (\S+) chunk (\d+)/gm)].filter((m) => (m[1] as string).startsWith(study)).map((m) => Number(m[2]));
  }

  /** Chunks this worker started, with their study's id (its first 8 characters). */
  started(): Array<{ study: string; chunk: number }> {
    return [...this.out.matchAll(/^start study (\S+) chunk (\d+)/gm)].map((m) => ({ study: m[1] as string, chunk: Number(m[2]) }));
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill(signal);
    await until('a worker to exit', () => this.proc.exitCode !== null || this.proc.signalCode !== null, 30_000);
  }
}

/** Runs the built CLI without blocking the test's event loop (workers report meanwhile). */
export function cliAsync(args: string[], cli = CLI): { done: Promise<{ code: number; stdout: string; stderr: string }>; proc: ChildProcess } {
  const proc = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  let stdout = '', stderr = '';
  proc.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
  proc.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    proc.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return { done, proc };
}
