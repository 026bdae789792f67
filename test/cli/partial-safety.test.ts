/**
 * `run --shard K/M --partial FILE` refuses a --partial it cannot or may not write before simulating,
 * with exit 2 and a message naming --partial and the path; every file that existed before is still
 * there, byte for byte, with no temporary file left beside it. Like --out, it replaces a previous
 * partial file; any other file only with --force; an input file of the run, never.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, snapshot, TempDir } from '../helpers/scenario-files.js';

const tmp = new TempDir();
afterAll(() => tmp.remove());

/**
 * A shard of `paths` paths; refusals are asked of a run of 10^9 paths on one thread, which would
 * take hours: one refused only after simulating is killed at the timeout and fails the test.
 */
function shardRun(root: string, partial: string, o: { paths?: number; scenario?: string; extra?: string[] } = {}) {
  const { paths = 1e9, scenario = 'smoke.yaml', extra = [] } = o;
  const r = spawnSync(process.execPath, [CLI, 'run', scenario, '--paths', String(paths), '--seed', '1', '--workers', '1', '--shard', '1/2', '--partial', partial, '--quiet', ...extra], {
    cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function expectRefused(root: string, partial: string, message: RegExp, o: { scenario?: string; extra?: string[] } = {}): void {
  const before = snapshot(root);
  const r = shardRun(root, partial, o);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^error: --partial /);
  expect(r.stderr).not.toMatch(/internal error|\.partial-\d|\n\s+at /);
  expect(snapshot(root)).toEqual(before);
}

describe('--partial is checked before the shard is simulated', () => {
  it('a folder, a missing folder, a file where a folder should be: exit 2 naming --partial and the path', () => {
    const root = tmp.smokeWorkspace();
    mkdirSync(join(root, 'parts'));
    writeFileSync(join(root, 'notes.txt'), 'mine\n');
    expectRefused(root, 'parts', /^error: --partial parts: is a folder; name a file in it, e\.g\. parts\/shard-1\.partial\n$/);
    expectRefused(root, '.', /--partial \.: is a folder/);
    expectRefused(root, join(root, 'parts'), /is a folder/);
    expectRefused(root, 'nowhere/shard-1.partial', /^error: --partial nowhere\/shard-1\.partial: its folder nowhere does not exist; create it first\n$/);
    expectRefused(root, 'no/where/shard-1.partial', /--partial no\/where\/shard-1\.partial: its folder no\/where does not exist/);
    expectRefused(root, 'notes.txt/shard-1.partial', /^error: --partial notes\.txt\/shard-1\.partial: its folder notes\.txt is a file, not a folder\n$/);
    expectRefused(root, 'notes.txt/a/shard-1.partial', /--partial notes\.txt\/a\/shard-1\.partial: notes\.txt is a file, not a folder/);
  });

  it('a new file in an existing folder is written, and nothing else beside it', () => {
    const root = tmp.smokeWorkspace();
    mkdirSync(join(root, 'parts'));
    const r = shardRun(root, 'parts/shard-1.partial', { paths: 3000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(root, 'parts'))).toEqual(['shard-1.partial']);
    expect(readFileSync(join(root, 'parts', 'shard-1.partial'), 'latin1')).toMatch(/^trade-sim\/shard\//);
  });
});

describe('--partial replaces only a partial file, like --out', () => {
  it('a previous partial file is replaced without --force', () => {
    const root = tmp.smokeWorkspace();
    expect(shardRun(root, 'shard.partial', { paths: 3000 }).code).toBe(0);
    const first = readFileSync(join(root, 'shard.partial'));
    const r = shardRun(root, 'shard.partial', { paths: 3000, extra: ['--seed', '2'] });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'shard.partial')).equals(first)).toBe(false);
    expect(readFileSync(join(root, 'shard.partial'), 'latin1')).toContain('"seed":2');
    expect(readdirSync(root).sort()).toEqual(['shard.partial', 'smoke.yaml']);
  });

  it('another file is refused, saying what it is and that --force replaces it; --force does', () => {
    const root = tmp.smokeWorkspace();
    writeFileSync(join(root, 'notes.txt'), 'keep me\nplease\n');
    writeFileSync(join(root, 'empty'), '');
    expectRefused(root, 'notes.txt', /^error: --partial notes\.txt: already exists and is not a trade-sim partial file \(a file of 15 bytes beginning "keep me"\); choose a new file, or pass --force to replace it\n$/);
    expectRefused(root, 'empty', /--partial empty: already exists and is not a trade-sim partial file \(an empty file\).*--force/);
    const r = shardRun(root, 'notes.txt', { paths: 3000, extra: ['--force'] });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'notes.txt'), 'latin1')).toMatch(/^trade-sim\/shard\//);
    expect(readdirSync(root).sort()).toEqual(['empty', 'notes.txt', 'smoke.yaml']);
  });

  it('the scenario file, by any name, even with --force', () => {
    const root = tmp.smokeWorkspace();
    mkdirSync(join(root, 'sub'));
    linkSync(join(root, 'smoke.yaml'), join(root, 'hard-link.yaml'));
    for (const extra of [[], ['--force']]) {
      expectRefused(root, 'smoke.yaml', /^error: --partial smoke\.yaml: is the scenario file of this run; trade-sim never replaces an input of the run, even with --force \(choose a new file\)\n$/, { extra });
      expectRefused(root, 'sub/../smoke.yaml', /--partial sub\/\.\.\/smoke\.yaml: is the scenario file of this run/, { extra });
      expectRefused(root, join(root, 'smoke.yaml'), /is the scenario file of this run/, { extra });
      expectRefused(root, 'hard-link.yaml', /--partial hard-link\.yaml: is the scenario file of this run/, { extra });
    }
  });

  it('a file the scenario extends, and its history file, even with --force', () => {
    const root = tmp.smokeWorkspace();
    writeFileSync(join(root, 'variant.yaml'), 'extends: smoke.yaml\nname: smoke-variant\n');
    expectRefused(root, 'smoke.yaml', /--partial smoke\.yaml: is a file the scenario of this run extends; trade-sim never replaces an input/, { scenario: 'variant.yaml', extra: ['--force'] });
    copyFileSync(new URL('../../scenarios/baseline-pk.yaml', import.meta.url), join(root, 'baseline-pk.yaml'));
    copyFileSync(new URL('../../scenarios/history.yaml', import.meta.url), join(root, 'history.yaml'));
    expectRefused(root, 'history.yaml', /--partial history\.yaml: is the history file of this run's scenario; trade-sim never replaces an input/, { scenario: 'baseline-pk.yaml', extra: ['--force'] });
  });

  it('a symbolic link or a device, even with --force', () => {
    const root = tmp.smokeWorkspace();
    writeFileSync(join(root, 'notes.txt'), 'keep me\n');
    symlinkSync('notes.txt', join(root, 'link'));
    expectRefused(root, 'link', /--partial link: is a symbolic link; trade-sim replaces only a file itself/, { extra: ['--force'] });
    expectRefused(root, '/dev/null', /--partial \/dev\/null: is a device, not a file; trade-sim never replaces it/, { extra: ['--force'] });
  });
});
