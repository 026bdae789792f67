/**
 * `--out DIR` never deletes a user's files. Every refused case exits 2 with a message saying what
 * is there, and every file that existed before is still there, byte for byte, with no temporary
 * folder left beside it. A new folder is created; a previous output (and only one, unchanged) is
 * replaced; `--force` replaces any folder but still never a file, a device, the working directory,
 * the home folder or a folder holding the scenario.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, SMOKE, snapshot, TempDir } from '../helpers/scenario-files.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());


/** The children's environment: HOME is a folder of the test's own (see 'the home folder'). */
const env: NodeJS.ProcessEnv = {};
const run = (cwd: string, out: string, ...extra: string[]) =>
  cli(['run', 'scenario/smoke.yaml', '--paths', '300', '--seed', '1', '--quiet', '--no-charts', '--out', out, ...extra], cwd, env);

function userFolder(path: string): void {
  mkdirSync(join(path, 'photos'), { recursive: true });
  writeFileSync(join(path, 'thesis.docx'), 'chapter one\n');
  writeFileSync(join(path, 'photos', 'cat.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
}

/** Runs, expects a refusal naming `message`, and checks that nothing under `root` changed. */
function expectRefused(root: string, out: string, message: string | RegExp, ...extra: string[]): void {
  const before = snapshot(root);
  const r = run(root, out, ...extra);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^error: --out /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
  expect(snapshot(root)).toEqual(before);
}

describe('--out refuses what it would destroy', () => {
  it('a folder of the user\'s files, with and without a manifest that is not one of ours', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    userFolder(join(root, 'mine'));
    expectRefused(root, 'mine', /--out mine: already exists and holds photos\/, thesis\.docx, and is not a trade-sim output.*--force/);
    writeFileSync(join(root, 'mine', 'manifest.json'), '{"name": "my project"}\n');
    expectRefused(root, 'mine', /does not list the files trade-sim wrote/);
  });

  it('an existing file, even with --force', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    writeFileSync(join(root, 'results.csv'), 'a,b\n1,2\n');
    expectRefused(root, 'results.csv', 'is a file, not a folder; trade-sim never replaces it');
    expectRefused(root, 'results.csv', 'is a file, not a folder', '--force');
  });

  it('the scenario file itself and the folder holding it, even with --force', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    expectRefused(root, 'scenario/smoke.yaml', /holds the input file scenario\/smoke\.yaml|is a file/);
    expectRefused(root, 'scenario', 'holds the input file scenario/smoke.yaml', '--force');
  });

  it('the working directory and its parent, even with --force', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    userFolder(join(root, 'mine'));
    expectRefused(root, '.', 'is the working directory', '--force');
    expectRefused(root, '', 'is the working directory', '--force');
    expectRefused(root, '..', /holds the working directory/, '--force');
  });

  it('the home folder and a folder holding it, even with --force', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    const home = join(root, 'users', 'me');
    userFolder(home);
    env.HOME = home;
    try {
      expectRefused(root, 'users/me', `--out users/me: is your home folder (${home}); choose a new folder`, '--force');
      expectRefused(root, 'users', `--out users: holds your home folder (${home}); choose a new folder`, '--force');
      expectRefused(root, 'users/me', 'is your home folder');
      const inside = run(root, 'users/me/results', '--force');
      expect(inside.code, inside.stderr).toBe(0);
    } finally {
      delete env.HOME;
    }
  });

  it('/dev/null and anything under /dev, /proc, /sys, and /, even with --force (here run as uid ' + process.getuid?.() + ')', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    const dev = statSync('/dev/null');
    for (const out of ['/dev/null', '/dev/shm/trade-sim-out', '/proc/self', '/sys/x']) {
      expectRefused(root, out, /is under \/(dev|proc|sys), a system folder/, '--force');
    }
    expectRefused(root, '/', 'is the root folder', '--force');
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(dev.rdev);
  });

  it('a folder name too long to stage beside it', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    expectRefused(root, 'x'.repeat(230), 'its name is 230 characters long; the limit is 200');
  });

  it('a symbolic link to a folder, even with --force', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    userFolder(join(root, 'mine'));
    symlinkSync('mine', join(root, 'link'));
    expectRefused(root, 'link', 'is a symbolic link', '--force');
  });

  it('a previous output with a user file added, or one of its files edited', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    const first = run(root, 'out1');
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(join(root, 'out1', 'my-notes.txt'), 'keep me\n');
    expectRefused(root, 'out1', 'is a trade-sim output but also holds files trade-sim did not write: my-notes.txt');

    const second = run(root, 'out2');
    expect(second.code, second.stderr).toBe(0);
    writeFileSync(join(root, 'out2', 'quantiles.csv'), `${readFileSync(join(root, 'out2', 'quantiles.csv'), 'utf8')}# my comment\n`);
    expectRefused(root, 'out2', 'is a trade-sim output but quantiles.csv was changed since it was written');
  });

  it('the default folder out/NAME when it holds the user\'s files, naming it as the default', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    userFolder(join(root, 'out', 'smoke'));
    const before = snapshot(root);
    const r = cli(['run', 'scenario/smoke.yaml', '--paths', '300', '--quiet', '--no-charts'], root);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('error: the output folder out/smoke (the default; choose another with --out): already exists and holds photos/, thesis.docx');
    expect(snapshot(root)).toEqual(before);
  });

  it('compare applies the same rules', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    writeFileSync(join(root, 'scenario', 'other.yaml'), SMOKE.replace('name: smoke', 'name: other'));
    userFolder(join(root, 'mine'));
    const before = snapshot(root);
    const r = cli(['compare', 'scenario/smoke.yaml', 'scenario/other.yaml', '--paths', '200', '--quiet', '--no-charts', '--out', 'mine'], root);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--out mine: already exists and holds photos/, thesis.docx');
    expect(snapshot(root)).toEqual(before);
  });
});

describe('--out writes where it may', () => {
  it('creates a new folder (and its parents), and leaves nothing else beside it', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    const r = run(root, 'a/b/new');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['new']);
    const m = JSON.parse(readFileSync(join(root, 'a/b/new/manifest.json'), 'utf8')) as { format: string; files: Array<{ path: string; bytes: number }> };
    expect(m.format).toBe('trade-sim/manifest/v1');
    expect(m.files.map((f) => f.path)).toEqual(['quantiles.csv', 'summary.json']);
    expect(m.files[1]?.bytes).toBe(statSync(join(root, 'a/b/new/summary.json')).size);
  });

  it('takes the folder however its path is written: a trailing /. or /./, a .. in it', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    // `a/.` was refused (exit 2) for holding the run's own staging folder, made inside it, and left
    // the folder behind; run again into it, `a/.` replaced nothing.
    for (const out of ['a/.', 'b/./', 'c/d/..', 'a/.']) {
      const r = run(root, out);
      expect(r.code, `${out}: ${r.stderr}`).toBe(0);
    }
    expect(readdirSync(root).sort()).toEqual(['a', 'b', 'c', 'scenario']);
    for (const dir of ['a', 'b', 'c']) expect(readdirSync(join(root, dir)).sort()).toEqual(['manifest.json', 'quantiles.csv', 'summary.json']);
  });

  it('replaces an empty folder', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    mkdirSync(join(root, 'empty'));
    expect(run(root, 'empty').code).toBe(0);
    expect(readdirSync(join(root, 'empty')).sort()).toEqual(['manifest.json', 'quantiles.csv', 'summary.json']);
  });

  it('replaces a previous output, charts included, with the new run\'s files', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    const first = cli(['run', 'scenario/smoke.yaml', '--paths', '300', '--seed', '1', '--quiet', '--out', 'res'], root);
    expect(first.code, first.stderr).toBe(0);
    expect(readdirSync(join(root, 'res'))).toContain('charts');
    const summary1 = readFileSync(join(root, 'res', 'summary.json'), 'utf8');
    const second = cli(['run', 'scenario/smoke.yaml', '--paths', '300', '--seed', '2', '--quiet', '--no-charts', '--out', 'res'], root);
    expect(second.code, second.stderr).toBe(0);
    expect(readdirSync(join(root, 'res')).sort()).toEqual(['manifest.json', 'quantiles.csv', 'summary.json']);
    const summary2 = readFileSync(join(root, 'res', 'summary.json'), 'utf8');
    expect(JSON.parse(summary2).seed).toBe(2);
    expect(summary2).not.toBe(summary1);
    expect(readdirSync(root).sort()).toEqual(['res', 'scenario']);
  });

  it('--force replaces a folder of the user\'s files', () => {
    const root = tmp.smokeWorkspace('scenario/smoke.yaml');
    userFolder(join(root, 'mine'));
    const r = run(root, 'mine', '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(root, 'mine')).sort()).toEqual(['manifest.json', 'quantiles.csv', 'summary.json']);
    expect(readdirSync(root).sort()).toEqual(['mine', 'scenario']);
  });
});
