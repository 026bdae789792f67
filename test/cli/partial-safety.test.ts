/**
 * `run --shard K/M --partial FILE` refuses a --partial it cannot write before simulating, with exit 2
 * and a message naming --partial and the path; every file that existed before is still there, byte
 * for byte, with no temporary file left beside it.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, TempDir } from '../helpers/scenario-files.js';

const SMOKE = readFileSync(new URL('../fixtures/scenarios/smoke.yaml', import.meta.url), 'utf8');
const tmp = new TempDir();
afterAll(() => tmp.remove());

let n = 0;
/** A fresh working folder holding the scenario at smoke.yaml. */
function workspace(): string {
  const root = join(tmp.path, `ws${++n}`);
  mkdirSync(root);
  writeFileSync(join(root, 'smoke.yaml'), SMOKE);
  return root;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (lstatSync(join(dir, path)).isDirectory()) {
        out[path] = 'dir';
        walk(path);
      } else out[path] = readFileSync(join(dir, path)).toString('base64');
    }
  };
  walk('');
  return out;
}

/**
 * A shard of `paths` paths; refusals are asked of a run of 10^9 paths on one thread, which would
 * take hours: one refused only after simulating is killed at the timeout and fails the test.
 */
function shardRun(root: string, partial: string, paths = 1e9, ...extra: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'run', 'smoke.yaml', '--paths', String(paths), '--seed', '1', '--workers', '1', '--shard', '1/2', '--partial', partial, '--quiet', ...extra], {
    cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function expectRefused(root: string, partial: string, message: RegExp, ...extra: string[]): void {
  const before = snapshot(root);
  const r = shardRun(root, partial, 1e9, ...extra);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/^error: --partial /);
  expect(r.stderr).not.toMatch(/internal error|\.partial-\d|\n\s+at /);
  expect(snapshot(root)).toEqual(before);
}

describe('--partial is checked before the shard is simulated', () => {
  it('a folder, a missing folder, a file where a folder should be: exit 2 naming --partial and the path', () => {
    const root = workspace();
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
    const root = workspace();
    mkdirSync(join(root, 'parts'));
    const r = shardRun(root, 'parts/shard-1.partial', 3000);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(root, 'parts'))).toEqual(['shard-1.partial']);
    expect(readFileSync(join(root, 'parts', 'shard-1.partial'), 'latin1')).toMatch(/^trade-sim\/shard\//);
  });
});
