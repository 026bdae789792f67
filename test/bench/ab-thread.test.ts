/**
 * scripts/ab-thread.mjs, the A/B timing script bench/README.md runs (`node scripts/ab-thread.mjs
 * --scenario k1 --rounds 5 OLD_DIST dist`), runs against this build: it imported runPrepared from
 * dist/project.js, which no longer exports it (studies/run/run.js does), so every child failed with
 * "runPrepared is not a function".
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('times K1 in this thread on this build', () => {
  const r = spawnSync(process.execPath, ['scripts/ab-thread.mjs', '--scenario', 'k1', '--paths', '2048', '--rounds', '1', 'dist'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^dist: CPU ms best \d+ median \d+; wall ms best \d+ median \d+; [\d.]+ M flow-steps per CPU second at best \(2048 paths, 1 rounds\)$/m);
});
