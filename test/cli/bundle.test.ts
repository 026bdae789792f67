import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (rel: string) => fileURLToPath(new URL(`../../dist/${rel}`, import.meta.url));

describe('the built entries of the CLI threads (npm run build, tools/bundle-cli.ts)', () => {
  // Each must hold its own code: a relative import, or one of zod or yaml, means Node loads
  // modules one by one again (about 0.1 s more for every run).
  for (const entry of ['cli/main.js', 'cli/chart-thread.js']) {
    it(`${entry} is one file`, () => {
      const code = readFileSync(dist(entry), 'utf8');
      expect(code).not.toMatch(/\bfrom\s*["']\.{1,2}\//);
      expect(code).not.toMatch(/\bimport\(\s*["']\.{1,2}\//);
      expect(code).not.toMatch(/\bfrom\s*["'](zod|yaml)["']/);
    });
  }

  // The pool threads' CommonJS entry and code (engine/backends/pool-thread.ts): the same, in require()s.
  for (const entry of ['engine/backends/pool-thread.cjs', 'engine/backends/pool-worker.cjs']) {
    it(`${entry} is one file`, () => {
      const code = readFileSync(dist(entry), 'utf8');
      expect(code).not.toMatch(/\brequire\(\s*["']\.{1,2}\//);
      expect(code).not.toMatch(/\brequire\(\s*["'](zod|yaml)["']/);
      expect(code).not.toMatch(/\bimport\.meta\b/);
    });
  }

  it('keeps the shebang, so that the package bin runs', () => {
    expect(readFileSync(dist('cli/main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
