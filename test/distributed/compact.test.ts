/**
 * What travels between machines: the compact form of a partial gives back every array bit for bit
 * and is far smaller than the dense one; a scenario rebuilt from its resolved text (as a worker or
 * a merge rebuilds it) has the same sha256 and compiles to the same plan as the files.
 */
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { decodeCompact, encodeCompact } from '../../src/engine/compact.js';
import { encodePartial, type AnyKind, type AnyPartial } from '../../src/engine/kind.js';
import { paired, single } from '../../src/engine/kinds/index.js';
import { loadResolved } from '../../src/scenario/load.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { closePool, runCompact } from '../../src/engine/backends/pool.js';
import { newStudy } from '../../src/engine/driver.js';
import { parts } from '../helpers/partial-parts.js';

afterAll(() => closePool());


describe('compact partials', () => {
  const SMOKE = prepareScenario('test/fixtures/scenarios/smoke.yaml').compiled.plan;
  const PAIR = ['base', 'customs'].map((f) => prepareScenario(`test/fixtures/compare/${f}.yaml`).compiled.plan);
  for (const [kind, plans] of [[single, [SMOKE]], [paired, PAIR]] as const) {
    it(`${kind.name}: decode(encode(p)) is p, every array bit for bit, in a tenth of the dense size or less`, () => {
      const p = kind.simulator([...plans]).run({ seed: 3, paths: 3000, chunkStart: 1, chunkEnd: 3 }) as AnyPartial;
      const bytes = encodeCompact(kind as AnyKind, p);
      // A Buffer at an odd offset, as Redis hands it back: decoding must not depend on alignment.
      const buf = Buffer.concat([Buffer.from([7]), bytes]).subarray(1);
      expect(parts(kind as AnyKind, decodeCompact(kind as AnyKind, buf))).toEqual(parts(kind as AnyKind, p));
      expect(bytes.length * 10).toBeLessThan(encodePartial(kind as AnyKind, p).length);
      expect(parts(kind as AnyKind, p).counts.flat().some((c) => c > 1)).toBe(true);
    });
  }

  it('decoded into count arrays, the counts add there and the partial\'s are empty', () => {
    const sim = single.simulator([SMOKE]);
    const a = sim.run({ seed: 4, paths: 5000, chunkStart: 0, chunkEnd: 1 });
    const b = sim.run({ seed: 4, paths: 5000, chunkStart: 1, chunkEnd: 2 });
    const into = [Uint32Array.from(a.hist)];
    const back = decodeCompact<typeof b>(single, encodeCompact(single, b), into);
    expect(back.hist).toHaveLength(0);
    expect(Array.from(into[0] as Uint32Array)).toEqual(Array.from(a.hist, (v, i) => v + (b.hist[i] as number)));
    expect(parts(single, back).chunks).toEqual(parts(single, b).chunks);
  });

  it('a pool thread returns each task compact, with only that task\'s counts (its arrays are cleared between tasks)', async () => {
    const study = newStudy(single as AnyKind, [SMOKE]);
    const sim = single.simulator([SMOKE]);
    for (const chunk of [0, 1, 2]) {
      const task = { seed: 8, paths: 3000, chunkStart: chunk, chunkEnd: chunk + 1 };
      const bytes = await runCompact(1, study, task);
      expect(parts(single, decodeCompact(single, bytes))).toEqual(parts(single, sim.run(task)));
    }
  });

  it('refuses bytes that are not a compact partial, or are cut short', () => {
    const bytes = encodeCompact(single, single.simulator([SMOKE]).run({ seed: 1, paths: 100, chunkStart: 0, chunkEnd: 1 }));
    expect(() => decodeCompact(single, bytes.subarray(0, bytes.length - 2))).toThrow(/truncated|out of range/);
    expect(() => decodeCompact(single, new Uint8Array([1, 2, 3]))).toThrow(/not a compact partial/);
  });
});

describe('a scenario from its resolved text', () => {
  it('has the sha256 of its files and compiles to the same plan (a variant with extends)', () => {
    const prep = prepareScenario('scenarios/variants/pk-roadmap-fully-implemented.yaml');
    const again = loadResolved(JSON.parse(JSON.stringify(prep.loaded.raw)) as Record<string, unknown>, 'pk-roadmap-fully-implemented');
    expect(prep.loaded.files.length).toBeGreaterThan(1);
    expect(again.sha256).toBe(prep.loaded.sha256);
    expect(serialize(compileScenario(again).plan)).toEqual(serialize(prep.compiled.plan));
  });

  it('is validated like a file: a bad field is refused, naming it', () => {
    const prep = prepareScenario('test/fixtures/scenarios/smoke.yaml');
    expect(() => loadResolved({ ...prep.loaded.raw, horizon: -1 }, 'smoke')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'horizon' })] }));
  });
});
