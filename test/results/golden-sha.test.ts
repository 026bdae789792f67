/**
 * Results pinned, bit for bit: sha256 of summary.json and comparison.json at 3,000 paths, seed 11.
 * The project's lead recorded them at commit 8621a06, before the engine driver replaced the
 * separate run and comparison drivers, and again once the scenarios' source texts moved to
 * docs/data.md (the scenario hash and the parameters' sources changed, no number did), and once
 * more for the summaries when scenarios/history.yaml gained its sourced observations (only
 * summary.json's `history` changed; with the old history file the old hashes hold). They must
 * hold for any number of workers (the default here, 3,000 paths, runs in this thread). A change
 * that moves them changes results and must say so.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const V = 'scenarios/variants';
const PINNED = [
  { name: 'baseline-pk', args: ['run', 'scenarios/baseline-pk.yaml'], file: 'summary.json', sha: '4f5877d070baa8810ac9abc86b9f70cf6ca2706dba90c16ab6314f39e4efbe8c' },
  { name: 'baseline-kz', args: ['run', 'scenarios/baseline-kz.yaml'], file: 'summary.json', sha: 'e183e61ba76ce8a215d07df946b5c92c45b613e60cc7aaf6242965d23bfaa805' },
  {
    name: 'cmp-pk', file: 'comparison.json', sha: 'ded838920e71ebe0a362b58a23979d5b0965237abd48f0a732b35a09b192c07c',
    args: ['compare', 'scenarios/baseline-pk.yaml', `${V}/pk-roadmap-fully-implemented.yaml`, `${V}/pk-afghan-crossings-stay-closed.yaml`],
  },
  { name: 'cmp-kz', args: ['compare', 'scenarios/baseline-kz.yaml', `${V}/kz-roadmap-fully-implemented.yaml`], file: 'comparison.json', sha: '36fe9fef543b60d2761f53f359eafce9ab51d788a0dec4b8ab529483fd5dec96' },
];

describe('pinned results (3,000 paths, seed 11)', () => {
  for (const workers of [undefined, 1, 2]) {
    for (const p of PINNED) {
      it(`${p.name}, ${workers === undefined ? 'in this thread' : `${workers} worker${workers === 1 ? '' : 's'}`}`, () => {
        const out = join(dir.path, `${p.name}-${workers ?? 0}`);
        const r = cli([...p.args, '--paths', '3000', '--seed', '11', '--no-charts', '--quiet', '--out', out, ...(workers ? ['--workers', String(workers)] : [])]);
        expect(r.code, r.stderr).toBe(0);
        const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { workers: number };
        expect(manifest.workers).toBe(workers ?? 0);
        expect(createHash('sha256').update(readFileSync(join(out, p.file))).digest('hex')).toBe(p.sha);
      });
    }
  }
});
