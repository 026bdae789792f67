/** Checks shared by the tests of bad scenario files: what validate says, and that run writes nothing. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from './scenario-files.js';

/** `validate FILE` exits 2 with every fragment in stderr, in order, and no stack trace; returns the run. */
export function expectValidateRefuses(file: string, cwd: string, fragments: ReadonlyArray<string | RegExp>): ReturnType<typeof cli> {
  const r = cli(['validate', file], cwd);
  expect(r.code, r.stderr).toBe(2);
  let at = 0;
  for (const fragment of fragments) {
    const rest = r.stderr.slice(at);
    const m = typeof fragment === 'string' ? rest.indexOf(fragment) : rest.search(fragment);
    expect(m, `"${String(fragment)}" in:\n${r.stderr}`).toBeGreaterThanOrEqual(0);
    at += m;
  }
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return r;
}

/** `run FILE --out FOLDER/out` exits 2 and leaves neither the output nor a staging folder in FOLDER. */
export function expectRunWritesNothing(file: string, folder: string, cwd: string): void {
  const out = join(folder, 'out');
  const r = cli(['run', file, '--paths', '100', '--no-charts', '--out', out], cwd);
  expect(r.code, r.stderr).toBe(2);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
}
