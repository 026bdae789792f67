/**
 * What an interrupted run keeps (engine/kept.ts, driver.ts): a run stopped part way, its kept
 * state written to a file and read back, then run again, gives the summary of a run never
 * stopped, byte for byte, in this thread and on worker threads, with and without a precision
 * rule, and simulates only what was not kept. A kept file of another run, or a damaged one, is
 * not used.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driveKey, Interrupted, KeptRuns } from '../../src/engine/kept.js';
import { single } from '../../src/engine/kinds/single.js';
import { close, compile, loadScenario } from '../../src/index.js';
import { runPrepared, type RunScenarioOptions } from '../../src/studies/run/run.js';
import { runSensitivity } from '../../src/studies/sensitivity/sensitivity.js';
import { thrown } from '../helpers/thrown.js';

const dir = mkdtempSync(join(tmpdir(), 'trade-sim-kept-'));
afterAll(async () => { rmSync(dir, { recursive: true, force: true }); await close(); });
const prep = compile(loadScenario('test/fixtures/scenarios/smoke.yaml')).prepared;

const summaryOf = async (opts: RunScenarioOptions) => JSON.stringify((await runPrepared(prep, opts)).summary);

/** Runs `opts` with a KeptRuns stopped once `at` paths are done; returns the kept file. */
async function interrupted(opts: RunScenarioOptions, at: number, name: string): Promise<{ file: string; kept: number }> {
  const keep = new KeptRuns();
  const e = await thrown(() => runPrepared(prep, { ...opts, keep, onProgress: (d) => { if (d >= at) keep.stop(); } }));
  expect(e).toBeInstanceOf(Interrupted);
  await keep.drained();
  const file = join(dir, name);
  keep.write(file);
  return { file, kept: keep.paths };
}

describe('a run stopped part way and run again', () => {
  for (const workers of [0, 2]) {
    it(`gives the summary of a run never stopped, simulating only the rest (workers ${workers})`, async () => {
      const opts = { paths: 60_000, seed: 11, workers };
      const fresh = await summaryOf(opts);
      const { file, kept } = await interrupted(opts, 12_000, `plain-${workers}`);
      expect(kept).toBeGreaterThanOrEqual(12_000);
      expect(kept).toBeLessThan(60_000);
      let first = -1;
      const resumed = await summaryOf({ ...opts, keep: KeptRuns.read(file, (m) => { throw new Error(m); }), onProgress: (d) => { if (first < 0) first = d; } });
      expect(resumed).toBe(fresh);
      // The progress starts from the paths kept, not from 0.
      expect(first).toBeGreaterThan(kept);
    });
  }

  it('with a precision rule, stopped in a later round, decides the same rounds and gives the same summary', async () => {
    const opts = { maxPaths: 400_000, precision: 0.00012, seed: 5, workers: 2 };
    const fresh = await runPrepared(prep, opts);
    expect(fresh.result.precision?.rounds).toBeGreaterThanOrEqual(2);
    // Stopped in the third round or later: its first two end at 8,192 and at most 32,768 paths.
    const { file } = await interrupted(opts, 40_000, 'precision');
    const resumed = await runPrepared(prep, { ...opts, keep: KeptRuns.read(file, (m) => { throw new Error(m); }) });
    expect(JSON.stringify(resumed.summary)).toBe(JSON.stringify(fresh.summary));
    expect(resumed.result.precision).toEqual(fresh.result.precision);
  });

  it('stopped twice, the second time on what the first kept, still gives the same summary', async () => {
    const opts = { paths: 60_000, seed: 12, workers: 0 };
    const fresh = await summaryOf(opts);
    const one = await interrupted(opts, 10_000, 'twice-1');
    const keep = KeptRuns.read(one.file, (m) => { throw new Error(m); });
    const e = await thrown(() => runPrepared(prep, { ...opts, keep, onProgress: (d) => { if (d >= 30_000) keep.stop(); } }));
    expect(e).toBeInstanceOf(Interrupted);
    const file = join(dir, 'twice-2');
    keep.write(file);
    expect(await summaryOf({ ...opts, keep: KeptRuns.read(file, (m) => { throw new Error(m); }) })).toBe(fresh);
  });

  it('a study of two drives (sensitivity), stopped in its second, takes the first whole and the second from where it stopped', async () => {
    const study = compile(loadScenario('test/fixtures/compare/customs.yaml')).prepared;
    const opts = { paths: 8192, seed: 21, workers: 0, by: 2029 };
    const fresh = JSON.stringify((await runSensitivity(study, opts)).summary);
    const keep = new KeptRuns();
    // Progress runs over both drives: past 60% of it, the second (tornado) has begun.
    const e = await thrown(() => runSensitivity(study, { ...opts, keep, onProgress: (d, t) => { if (d > 0.6 * t) keep.stop(); } }));
    expect(e).toBeInstanceOf(Interrupted);
    const file = join(dir, 'study');
    keep.write(file);
    const again = KeptRuns.read(file, (m) => { throw new Error(m); });
    expect(JSON.stringify((await runSensitivity(study, { ...opts, keep: again })).summary)).toBe(fresh);
    // Every path of the first drive and some of the second's came from the file.
    expect(again.restored).toBeGreaterThan(8192);
    expect(again.restored).toBeLessThan(2 * 8192);
  });

  it('does not use what was kept of another run (another seed or number of paths)', async () => {
    const { file } = await interrupted({ paths: 60_000, seed: 13, workers: 0 }, 10_000, 'other');
    for (const opts of [{ paths: 60_000, seed: 14, workers: 0 }, { paths: 50_000, seed: 13, workers: 0 }]) {
      let first = -1;
      const kept = KeptRuns.read(file, (m) => { throw new Error(m); });
      expect(await summaryOf({ ...opts, keep: kept, onProgress: (d) => { if (first < 0) first = d; } })).toBe(await summaryOf(opts));
      expect(first).toBeLessThanOrEqual(4096);
    }
  });

  it('keys a drive by its plans\' values: a copy has the key of the original, a plan with one number changed another', () => {
    const plan = prep.compiled.plan;
    const key = (plans: unknown[]) => driveKey(single, plans as never, 1, 1000, 1024);
    expect(key([structuredClone(plan)])).toBe(key([plan]));
    // The same value held as a small integer or as a double (v8.serialize wrote them apart).
    const asDouble = { ...plan, horizonCopy: 2 } as Record<string, unknown>;
    const asComputed = { ...plan, horizonCopy: 0.5 * 4 } as Record<string, unknown>;
    expect(key([asDouble])).toBe(key([asComputed]));
    const changed = structuredClone(plan);
    changed.target.value = changed.target.value * (1 + 1e-15);
    expect(key([changed])).not.toBe(key([plan]));
    expect(key([plan, plan])).not.toBe(key([plan]));
  });

  it('does not read a damaged or truncated file, and says why', async () => {
    const { file } = await interrupted({ paths: 30_000, seed: 15, workers: 0 }, 8_000, 'damaged');
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 9] = (flipped[flipped.length - 9] as number) ^ 1;
    for (const [name, b, why] of [['flipped', flipped, /damaged: its checksum does not match/], ['short', bytes.subarray(0, bytes.length - 100), /damaged/], ['text', Buffer.from('hello'), /not a file of trade-sim\/kept\/v1/]] as const) {
      const f = join(dir, name);
      writeFileSync(f, b);
      const warnings: string[] = [];
      const kept = KeptRuns.read(f, (m) => warnings.push(m));
      expect(warnings, name).toHaveLength(1);
      expect(warnings[0]).toMatch(why);
      expect(kept.take('anything', { name: 'single' } as never)).toBeUndefined();
    }
    expect(KeptRuns.read(join(dir, 'missing'), (m) => { throw new Error(m); }).paths).toBe(0);
  });
});
