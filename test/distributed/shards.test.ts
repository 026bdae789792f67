/**
 * Shards and merge: shards 1..M of a run, merged in any order, write the same summary.json and
 * quantiles.csv bytes as the local run; a missing, repeated, foreign or damaged shard is refused
 * with exit 2 and a message naming it, and nothing is written.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cli, TempDir } from '../helpers/scenario-files.js';
import { sealPartial, shardChunks } from '../../src/studies/run/shards.js';
import { decodeCompact, encodeCompact } from '../../src/engine/compact.js';
import { single } from '../../src/engine/kinds/single.js';
import type { Partial } from '../../src/engine/partial.js';

/** A copy of a shard's partial file whose first two chunk sums carry each other's chunk numbers, its checksum made anew. */
function withChunksSwapped(file: string, to: string): string {
  const bytes = readFileSync(file);
  const first = bytes.indexOf(0x0a); // the format line (with the checksum), then the header's
  const end = bytes.indexOf(0x0a, first + 1);
  const partial = decodeCompact<Partial>(single, bytes.subarray(end + 1));
  const [a, b] = partial.chunks as [Partial['chunks'][number], Partial['chunks'][number]];
  [a.chunk, b.chunk] = [b.chunk, a.chunk];
  writeFileSync(to, sealPartial(Buffer.concat([bytes.subarray(first + 1, end + 1), encodeCompact(single, partial)])));
  return to;
}

/** A copy of a partial file with one bit flipped, `at` bytes after its first line (negative: from the end). */
function withBitFlipped(file: string, to: string, at: number): string {
  const bytes = readFileSync(file);
  const i = at < 0 ? bytes.length + at : bytes.indexOf(0x0a) + 1 + at;
  bytes[i] = (bytes[i] as number) ^ 0x01;
  writeFileSync(to, bytes);
  return to;
}

const SMOKE = 'test/fixtures/scenarios/smoke.yaml';
const PATHS = 9 * 1024 + 300; // 10 chunks, the last one short
const dir = new TempDir();
afterAll(() => dir.remove());

const shard = (k: number, m: number, seed = 5, paths = PATHS): string => {
  const file = join(dir.path, `s${k}of${m}-seed${seed}-${paths}.partial`);
  if (!existsSync(file)) {
    const r = cli(['run', SMOKE, '--paths', String(paths), '--seed', String(seed), '--shard', `${k}/${m}`, '--partial', file, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  }
  return file;
};

describe('shards', () => {
  it('split the chunks into contiguous ranges that cover each chunk once', () => {
    for (const [paths, m] of [[PATHS, 3], [PATHS, 10], [1024 * 7, 4], [1, 1]] as const) {
      const ranges = Array.from({ length: m }, (_, i) => shardChunks(paths, { index: i + 1, count: m }));
      expect(ranges[0]?.start).toBe(0);
      expect(ranges[m - 1]?.end).toBe(Math.ceil(paths / 1024));
      for (let i = 1; i < m; i++) expect(ranges[i]?.start).toBe(ranges[i - 1]?.end);
      for (const r of ranges) expect(r.end).toBeGreaterThan(r.start);
    }
    expect(() => shardChunks(2048, { index: 1, count: 3 })).toThrow(/2048 paths make 2 chunks of 1024; use at most 2 shards/);
  });

  it('merged in any order equal the local run, byte for byte', () => {
    const local = join(dir.path, 'local');
    expect(cli(['run', SMOKE, '--paths', String(PATHS), '--seed', '5', '--out', local, '--quiet', '--no-charts']).code).toBe(0);
    const files = [1, 2, 3].map((k) => shard(k, 3));
    for (const order of [[0, 1, 2], [2, 0, 1], [1, 2, 0]]) {
      const out = join(dir.path, `merged-${order.join('')}`);
      const r = cli(['merge', ...order.map((i) => files[i] as string), '--out', out, '--quiet', '--no-charts']);
      expect(r.code, r.stderr).toBe(0);
      for (const f of ['summary.json', 'quantiles.csv']) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(local, f), 'utf8'));
    }
  });

  it('a missing, repeated or foreign shard is refused (exit 2, the message names it), nothing written', () => {
    const [s1, s2, s3] = [1, 2, 3].map((k) => shard(k, 3)) as [string, string, string];
    const out = join(dir.path, 'refused');
    const cases: Array<[string[], RegExp]> = [
      [[s3, s1], /missing shard 2\/3 of the run of smoke \(seed 5, 9516 paths\)/],
      [[s1, s2, s2, s3], /shard 2\/3 is given twice/],
      [[s1, withChunksSwapped(s2, join(dir.path, 'swapped.partial')), s3], /swapped\.partial: shard 2\/3's chunk sums should be of chunks 3-5 in order, found chunk 4 in place 1/],
      [[s1, shard(2, 3, 6), s3], /the seed is 6, but 5 in .*s1of3.*: these are not shards of one run/],
      [[s1, shard(2, 3, 5, PATHS + 1), s3], /the number of paths is 9517, but 9516/],
      [[s1, shard(2, 4), s3], /the number of shards is 4, but 3/],
      [[s1, SMOKE], /smoke\.yaml: expected a partial file of "trade-sim run --shard K\/M --partial FILE"/],
      [[s1, join(dir.path, 'nope.partial')], /nope\.partial: cannot read it: no such file/],
    ];
    for (const [files, message] of cases) {
      const r = cli(['merge', ...files, '--out', out, '--quiet', '--no-charts']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('a partial file changed by one bit, truncated, or of the old format without a checksum is refused (exit 2), nothing written', () => {
    const [s1, s2, s3] = [1, 2, 3].map((k) => shard(k, 3)) as [string, string, string];
    const bytes = readFileSync(s2);
    const header = bytes.subarray(bytes.indexOf(0x0a) + 1, bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1)).toString();
    const inBody = header.length + 1 + Math.floor((bytes.length - header.length) / 2);
    // A decimal digit of the recorded checksum, which a flip of its lowest bit keeps a digit.
    const digitInChecksum = bytes.subarray(0, bytes.indexOf(0x0a)).toString().search(/(?<=sha256=[0-9a-f]*)[0-9]/);
    const seconds = header.indexOf('"wallSeconds":') + '"wallSeconds":'.length + 2; // a digit of the shard's time
    const out = join(dir.path, 'damaged');
    const damaged = /: the partial file is damaged: its checksum does not match .*; make this shard again\n$/;
    const cases: Array<[string, RegExp]> = [
      [withBitFlipped(s2, join(dir.path, 'flip-body.partial'), inBody), damaged],
      [withBitFlipped(s2, join(dir.path, 'flip-last.partial'), -1), damaged],
      [withBitFlipped(s2, join(dir.path, 'flip-header.partial'), seconds), damaged],
      [withBitFlipped(s2, join(dir.path, 'flip-checksum.partial'), digitInChecksum - bytes.length), damaged],
      [(writeFileSync(join(dir.path, 'cut.partial'), bytes.subarray(0, bytes.length - 100)), join(dir.path, 'cut.partial')), /: the partial file is damaged: truncated \(\d+ bytes after its first line, which says \d+\)/],
      [(writeFileSync(join(dir.path, 'v1.partial'), Buffer.concat([Buffer.from('trade-sim/shard/v1\n'), bytes.subarray(bytes.indexOf(0x0a) + 1)])), join(dir.path, 'v1.partial')), /: a partial file of an earlier format \(trade-sim\/shard\/v1, which has no checksum to check it by\); make this shard again with this version of trade-sim/],
    ];
    for (const [file, message] of cases) {
      const r = cli(['merge', s1, file, s3, '--out', out, '--quiet', '--no-charts']);
      expect(r.code, `${file}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('a named pipe, a device or a folder given as a partial file is refused (exit 2) at once, nothing written', () => {
    const [s1, s3] = [1, 3].map((k) => shard(k, 3)) as [string, string];
    const fifo = join(dir.path, 'pipe.partial');
    if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
    const out = join(dir.path, 'not-regular');
    const cases: Array<[string, string]> = [[fifo, 'a named pipe'], ['/dev/zero', 'a device'], [dir.path, 'a folder']];
    for (const [file, kind] of cases) {
      // Before: the merge waited for ever on the pipe (and read /dev/zero without end), deaf to SIGTERM.
      const r = spawnSync(process.execPath, [CLI, 'merge', s1, file, s3, '--out', out, '--quiet', '--no-charts'], { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
      expect(r.status, `${file}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toBe(`error: ${file}: it is ${kind}, not a regular file; expected a partial file of "trade-sim run --shard K/M --partial FILE"\n`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('--shard needs --partial, a seed, and no more shards than chunks', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--shard', '1/2', '--seed', '1'], /--shard K\/M and --partial FILE go together/],
      [['--shard', '3/2', '--partial', 'x', '--seed', '1'], /--shard: expected K\/M with 1 <= K <= M/],
      [['--shard', '1/2', '--partial', join(dir.path, 'x')], /give --seed S/],
      [['--shard', '1/20', '--partial', join(dir.path, 'x'), '--seed', '1', '--paths', '5000'], /5000 paths make 5 chunks of 1024; use at most 5 shards/],
      // Both were ignored: a shard of the default 10,000 paths, an output folder never written.
      [['--shard', '1/2', '--partial', join(dir.path, 'x'), '--seed', '1', '--precision', '0.01'], /run: --shard simulates its part of a fixed number of paths \(--paths\), --precision decides the paths round by round: give one of them/],
      [['--shard', '1/2', '--partial', join(dir.path, 'x'), '--seed', '1', '--out', join(dir.path, 'o')], /run --shard: --out is not taken \(the shard writes its --partial file; trade-sim merge PARTIAL\.\.\. --out DIR writes the output folder\)/],
    ];
    for (const [args, message] of cases) {
      const r = cli(['run', SMOKE, ...args, '--quiet']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(dir.path, 'x'))).toBe(false);
  });
});
