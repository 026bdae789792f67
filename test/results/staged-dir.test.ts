/**
 * StagedDir checks the target again when it commits: a file the user puts into a previous output
 * while a run is simulating is not deleted, and neither is the previous output.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputRefused } from '../../src/results/output-dir.js';
import { StagedDir } from '../../src/results/write.js';
import { TempDir } from '../helpers/scenario-files.js';

const tmp = new TempDir();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
afterAll(() => tmp.remove());

function stage(dir: string, text: string, force = false): StagedDir {
  const s = new StagedDir(dir, { force, cwd: tmp.path });
  s.write('summary.json', text);
  s.write('charts/a.svg', '<svg/>');
  return s;
}

describe('StagedDir.commit', () => {
  it('refuses, keeping both, when the previous output gains a user file after staging began', () => {
    const out = join(tmp.path, 'race');
    stage(out, 'first').commit({ run: 1 });
    const second = stage(out, 'second');
    writeFileSync(join(out, 'charts', 'mine.txt'), 'mine');
    expect(() => second.commit({ run: 2 })).toThrow(OutputRefused);
    expect(() => second.commit({ run: 2 })).toThrow(/also holds files trade-sim did not write: charts\/mine\.txt/);
    second.discard();
    expect(readFileSync(join(out, 'charts', 'mine.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('first');
    expect(readdirSync(tmp.path).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('refuses when a folder appears at the target after staging began, and leaves it alone', () => {
    const out = join(tmp.path, 'appeared');
    const s = stage(out, 'x');
    mkdirSync(out);
    writeFileSync(join(out, 'user.txt'), 'u');
    expect(() => s.commit({})).toThrow(/already exists and holds user\.txt/);
    s.discard();
    expect(readdirSync(out)).toEqual(['user.txt']);
    expect(existsSync(s.tmp)).toBe(false);
  });

  it('lists every file it wrote, with size and hash, in manifest.json, and replaces its own output', () => {
    const out = join(tmp.path, 'own');
    stage(out, 'first').commit({ run: 1 });
    stage(out, 'second!').commit({ run: 2 });
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { run: number; files: unknown };
    expect(m.run).toBe(2);
    expect(m.files).toEqual([
      { path: 'charts/a.svg', bytes: 6, sha256: sha256('<svg/>') },
      { path: 'summary.json', bytes: 7, sha256: sha256('second!') },
    ]);
  });
});
