/**
 * Faults while a run writes: SIGINT / SIGTERM / SIGHUP during the simulation or the charts, the output's
 * parent removed during the charts, a full disk, a crash's leftovers. Each ends with the documented
 * exit code and one line of message, and leaves nothing half-written: no output folder and no
 * staging folder beside it. An interrupt keeps the paths simulated (.NAME.kept beside the output),
 * and the same command picks up from them to the output of a run never interrupted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cli, SMOKE, TempDir } from '../helpers/scenario-files.js';
import { HOST, removeStaleStaging } from '../../src/results/write.js';

const ENOSPC = fileURLToPath(new URL('../fixtures/faults/enospc.mjs', import.meta.url));
const tmp = new TempDir();
afterAll(() => tmp.remove());


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the CLI; `until` is polled every 20 ms and the signal sent once it holds. */
async function runAndSignal(cwd: string, args: string[], signal: NodeJS.Signals, until: () => boolean): Promise<{ code: number | null; stderr: string; sentAt: 'condition' | 'exit' }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => { done = true; });
  while (!done && !until()) await sleep(20);
  const sentAt = done ? 'exit' : 'condition';
  if (!done) child.kill(signal);
  return { code: await exited, stderr, sentAt };
}

const staging = (dir: string) => readdirSync(dir).filter((f) => f.includes('.partial-'));
const chartsStarted = (dir: string) => () => staging(dir).some((s) => existsSync(join(dir, s, 'charts')));

describe('signals', () => {
  // SIGHUP: a terminal gone (an ssh session dropped); Node dies of it even under nohup, which it undoes.
  it.each([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const)('%s while the charts are drawn: exit %d, "interrupted", nothing left', async (signal, code) => {
    const root = tmp.smokeWorkspace();
    const r = await runAndSignal(root, ['run', 'smoke.yaml', '--paths', '2000', '--seed', '1', '--quiet', '--out', 'res'], signal, chartsStarted(root));
    expect(r.sentAt).toBe('condition');
    expect(r.code, r.stderr).toBe(code);
    // The simulation was done: all of it is kept.
    expect(r.stderr).toBe(`\nkept the 2,000 paths simulated in ${join(root, '.res.kept')}: the same command picks up where it stopped\n\ninterrupted\n`);
    // The chart thread is stopped before the staging folder goes: nothing comes back after exit.
    await sleep(300);
    expect(readdirSync(root).sort()).toEqual(['.res.kept', 'smoke.yaml']);
  });

  it('SIGINT while compare draws its charts (in the main thread): exit 130, nothing left', async () => {
    const root = tmp.smokeWorkspace();
    writeFileSync(join(root, 'other.yaml'), SMOKE.replace('name: smoke', 'name: other'));
    const r = await runAndSignal(root, ['compare', 'smoke.yaml', 'other.yaml', '--paths', '2000', '--seed', '1', '--quiet', '--out', 'cmp'], 'SIGINT', chartsStarted(root));
    expect(r.sentAt).toBe('condition');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/^\nkept the 2,000 paths simulated in .*\.cmp\.kept: the same command picks up where it stopped\n\ninterrupted\n$/);
    await sleep(300);
    expect(readdirSync(root).sort()).toEqual(['.cmp.kept', 'other.yaml', 'smoke.yaml']);
  });

  it('SIGINT while the workers simulate: exit 130, the paths done kept and nothing else on disk; the same command then picks up from them', async () => {
    const root = tmp.smokeWorkspace();
    const t0 = Date.now();
    // About 5 s of simulation on two workers; the signal comes after 1.5 s, before any output.
    const args = ['run', 'smoke.yaml', '--paths', '1500000', '--workers', '2', '--seed', '1', '--no-charts'];
    const r = await runAndSignal(root, [...args, '--quiet', '--out', 'res'], 'SIGINT', () => Date.now() - t0 > 1500);
    expect(r.sentAt).toBe('condition');
    expect(r.code, r.stderr).toBe(130);
    const kept = /^\nkept the ([\d,]+) paths simulated in (.*): the same command picks up where it stopped\n\ninterrupted\n$/.exec(r.stderr);
    expect(kept, r.stderr).not.toBeNull();
    expect(kept?.[2]).toBe(join(root, '.res.kept'));
    const paths = Number(kept?.[1]?.replace(/,/g, ''));
    expect(paths).toBeGreaterThan(0);
    expect(paths).toBeLessThan(1_500_000);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(readdirSync(root).sort()).toEqual(['.res.kept', 'smoke.yaml']);
    // Again, and once more into another folder from nothing: the same bytes, and the kept file gone.
    const again = cli([...args, '--out', 'res'], root);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe(`picked up the ${kept?.[1]} paths an interrupted run of this command had kept\n`);
    expect(cli([...args, '--quiet', '--out', 'fresh'], root).code).toBe(0);
    expect(readFileSync(join(root, 'res', 'summary.json'), 'utf8')).toBe(readFileSync(join(root, 'fresh', 'summary.json'), 'utf8'));
    expect(readdirSync(root).sort()).toEqual(['fresh', 'res', 'smoke.yaml']);
  });
});

describe('a file of the user\'s where the kept paths would go', () => {
  it('is read as nothing, said so, and neither written over on an interrupt nor removed when the run completes', async () => {
    const root = tmp.smokeWorkspace();
    const mine = join(root, '.res.kept');
    writeFileSync(mine, 'my notes\n');
    const done = cli(['run', 'smoke.yaml', '--paths', '2000', '--seed', '1', '--quiet', '--no-charts', '--out', 'res'], root);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toBe(`warning: ${mine}: not read (not a file of trade-sim/kept/v1); the run starts afresh\n`);
    expect(readFileSync(mine, 'utf8')).toBe('my notes\n');
    const r = await runAndSignal(root, ['run', 'smoke.yaml', '--paths', '2000', '--seed', '1', '--quiet', '--out', 'res'], 'SIGINT', chartsStarted(root));
    expect(r.sentAt).toBe('condition');
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain(`\nthe 2,000 paths simulated are not kept: ${mine} is not a file trade-sim wrote, and is left as it is\n`);
    expect(readFileSync(mine, 'utf8')).toBe('my notes\n');
  });
});

describe('the output\'s parent removed while the charts are drawn', () => {
  it('exits 1 with one line naming the path, and does not bring the folder back', async () => {
    const root = tmp.smokeWorkspace();
    const parent = join(root, 'parent');
    mkdirSync(parent);
    const r = await runAndSignal(root, ['run', 'smoke.yaml', '--paths', '2000', '--seed', '1', '--quiet', '--out', 'parent/res'], 'SIGCONT', () => {
      if (!chartsStarted(parent)()) return false;
      rmSync(parent, { recursive: true, force: true });
      return true;
    });
    expect(r.sentAt).toBe('condition');
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^trade-sim: .*parent.*: no such file or folder \(was a folder removed while the run was writing\?\); nothing was written$/);
    await sleep(300);
    expect(readdirSync(root)).toEqual(['smoke.yaml']);
  });
});

describe('a full disk', () => {
  it('(injected) exits 1 with one line naming the file and "no space left", nothing on disk', () => {
    const root = tmp.smokeWorkspace();
    const r = spawnSync(process.execPath, ['--import', ENOSPC, CLI, 'run', 'smoke.yaml', '--paths', '500', '--quiet', '--no-charts', '--out', 'res'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, TRADE_SIM_TEST_ENOSPC: 'quantiles.csv' },
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^trade-sim: \S*\.res\.partial-\d+-\d+-h[0-9a-f]{8}\/quantiles\.csv: no space left on device; nothing was written\n$/);
    expect(readdirSync(root)).toEqual(['smoke.yaml']);
  });

  // A real one: a tmpfs too small for the charts, where this machine lets the test mount one.
  const mountPoint = join(tmp.path, 'tiny');
  mkdirSync(mountPoint);
  const mounted = process.platform === 'linux' && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', mountPoint]).status === 0;
  afterAll(() => { if (mounted) spawnSync('umount', [mountPoint]); });

  it.skipIf(!mounted)('(a 200 KB tmpfs) run and compare exit 1 with one line, and leave the disk empty', () => {
    const root = tmp.smokeWorkspace();
    writeFileSync(join(root, 'other.yaml'), SMOKE.replace('name: smoke', 'name: other'));
    for (const args of [['run', 'smoke.yaml'], ['compare', 'smoke.yaml', 'other.yaml']]) {
      const r = cli([...args, '--paths', '500', '--quiet', '--out', join(mountPoint, 'res')], root);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^trade-sim: \S*tiny\/\.res\.partial-\d+-\d+\S*: no space left on device; nothing was written\n$/);
      expect(readdirSync(mountPoint)).toEqual([]);
    }
  });
});

describe('an output folder where nothing can be written', () => {
  it('is refused before the simulation: exit 2 naming --out and the folder, nothing on disk', (ctx) => {
    // A read-only tmpfs (root writes through permission bits), else a folder without write permission;
    // made and undone here, so that a filtered run (whose skipped hooks do not run) leaves no mount.
    const ro = join(tmp.path, 'ro');
    mkdirSync(ro);
    const asRoot = process.getuid?.() === 0;
    if (asRoot && (process.platform !== 'linux' || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', ro]).status !== 0)) ctx.skip();
    if (!asRoot) chmodSync(ro, 0o555);
    try {
      const root = tmp.smokeWorkspace();
      writeFileSync(join(root, 'other.yaml'), SMOKE.replace('name: smoke', 'name: other'));
      const why = asRoot ? 'read-only file system' : 'permission denied';
      // 10^9 paths: refused at once, where it was found out (exit 1) only once they were simulated.
      for (const [args, out] of [[['run', 'smoke.yaml', '--paths', '1e9'], join(ro, 'res')], [['compare', 'smoke.yaml', 'other.yaml', '--paths', '1e9'], join(ro, 'a', 'b')]] as const) {
        const r = spawnSync(process.execPath, [CLI, ...args, '--workers', '1', '--quiet', '--out', out], { cwd: root, encoding: 'utf8', timeout: 30_000 });
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr).toBe(`error: --out ${out}: cannot write in the folder ${ro} (${why}); choose a folder you can write in\n`);
      }
      expect(readdirSync(ro)).toEqual([]);
      expect(readdirSync(root).sort()).toEqual(['other.yaml', 'smoke.yaml']);
    } finally {
      if (asRoot) spawnSync('umount', [ro]);
      else chmodSync(ro, 0o755);
    }
  });
});

describe('an output folder that is a mount point (a container\'s volume)', () => {
  it('is refused before the simulation: exit 2 saying so, the volume untouched', (ctx) => {
    const root = tmp.smokeWorkspace();
    const vol = join(root, 'vol');
    mkdirSync(vol);
    if (process.platform !== 'linux' || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', vol]).status !== 0) ctx.skip();
    try {
      // 10^9 paths: refused at once; the rename onto it failed (EBUSY, "internal error") once they were simulated.
      const r = spawnSync(process.execPath, [CLI, 'run', 'smoke.yaml', '--paths', '1e9', '--workers', '1', '--quiet', '--out', 'vol'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toBe('error: --out vol: is a mount point (another file system is mounted on it), which trade-sim cannot replace: it writes a folder whole by renaming it into place; name a new folder in it, e.g. --out vol/run\n');
      expect(readdirSync(vol)).toEqual([]);
      expect(readdirSync(root).sort()).toEqual(['smoke.yaml', 'vol']);
    } finally {
      spawnSync('umount', [vol]);
    }
  });
});

describe('staging folders left by a crash', () => {
  /** A pid that is not running: a process that has exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

  it('are removed by the next run into the same place, and only those', () => {
    const root = tmp.smokeWorkspace();
    const dead = deadPid();
    for (const name of [`.res.partial-${dead}-1`, `.res.partial-${dead}-2/charts`, `.other.partial-${dead}-3`, `.res.partial-${process.pid}-4`]) {
      mkdirSync(join(root, name), { recursive: true });
      writeFileSync(join(root, name, 'summary.json'), '{}');
    }
    const r = cli(['run', 'smoke.yaml', '--paths', '300', '--quiet', '--no-charts', '--out', 'res'], root);
    expect(r.code, r.stderr).toBe(0);
    // Another folder's, and a live process's (this test's), stay.
    expect(readdirSync(root).sort()).toEqual([`.other.partial-${dead}-3`, `.res.partial-${process.pid}-4`, 'res', 'smoke.yaml']);
  });

  it('of another machine (a folder shared between machines) are left: its process id says nothing here', () => {
    const root = tmp.smokeWorkspace();
    const dead = deadPid();
    const other = HOST === 'h00000000' ? 'h00000001' : 'h00000000';
    const names = [`.res.partial-${dead}-1-${other}`, `.res.partial-${dead}-2-${other}.old`, `.res.partial-${dead}-3-${HOST}`, `.res.partial-${dead}-4`];
    for (const name of names) mkdirSync(join(root, name));
    removeStaleStaging(join(root, 'res'));
    // This machine's dead ones go, the old unmarked name taken as this machine's.
    expect(readdirSync(root).sort()).toEqual([names[0], names[1], 'smoke.yaml']);
  });

  it('put back an earlier output that a crash left moved aside', () => {
    const root = tmp.smokeWorkspace();
    expect(cli(['run', 'smoke.yaml', '--paths', '300', '--seed', '5', '--quiet', '--no-charts', '--out', 'res'], root).code).toBe(0);
    const before = readFileSync(join(root, 'res', 'summary.json'), 'utf8');
    const aside = join(root, `.res.partial-${deadPid()}-9.old`);
    renameSync(join(root, 'res'), aside);
    removeStaleStaging(join(root, 'res'));
    expect(readdirSync(root).sort()).toEqual(['res', 'smoke.yaml']);
    expect(readFileSync(join(root, 'res', 'summary.json'), 'utf8')).toBe(before);
  });
});
