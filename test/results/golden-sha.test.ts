/**
 * Results pinned, bit for bit: sha256 of summary.json and comparison.json at 3,000 paths, seed 11.
 * The hashes were recorded by the project's lead at commit 8621a06, before the engine driver
 * replaced the separate run and comparison drivers; they must hold for any number of workers
 * (the default here, 3,000 paths, runs in this thread). A change that moves them changes results
 * and needs saying so.
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
  { name: 'baseline-pk', args: ['run', 'scenarios/baseline-pk.yaml'], file: 'summary.json', sha: '03b3fe2d9036e2f9749290e941d87f87b2b60bcbac335ae15be5cc6d5b88fd4e' },
  { name: 'baseline-kz', args: ['run', 'scenarios/baseline-kz.yaml'], file: 'summary.json', sha: '7c6631e9389220b7ca9f4b95e3ee5a41adb216f6bf9757e5ad67984e8dae38d2' },
  {
    name: 'cmp-pk', file: 'comparison.json', sha: 'e9827028d697b5a2aefeb511ddf5766f54d7493e6620a6f4b3909adce5ddcb5c',
    args: ['compare', 'scenarios/baseline-pk.yaml', `${V}/pk-roadmap-fully-implemented.yaml`, `${V}/pk-afghan-crossings-stay-closed.yaml`],
  },
  { name: 'cmp-kz', args: ['compare', 'scenarios/baseline-kz.yaml', `${V}/kz-roadmap-fully-implemented.yaml`], file: 'comparison.json', sha: '10f3d293f422dcbe111c3b63ce4cd6617e955a3b6f6410fe917586f53b5cfca7' },
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
