/**
 * The library's arguments other than the options (src/library-options.ts, through src/index.ts):
 * a comparison's list and the scenarios themselves are checked at the API boundary, so a caller
 * from JavaScript (or past a cast) gets an error that names the call and what it was given, never
 * the engine's "internal:" errors or a TypeError from deep inside ("Cannot use 'in' operator").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { close, compare, compareFiles, loadScenario, type LoadedScenario, type RunOptions } from '../../src/index.js';

const SMOKE = 'test/fixtures/scenarios/smoke.yaml';
const scenario = loadScenario(SMOKE);
const opts: RunOptions = { paths: 10, seed: 1, workers: 0 };

afterAll(() => close());

/** What `fn` throws, synchronously or as a rejection. */
async function thrown(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`threw a non-Error: ${String(e)}`, { cause: e });
  }
  throw new Error('expected a throw');
}

describe('a comparison needs a list of two or more', () => {
  it('compareFiles with one file says so, as compare does, and not "internal:"', async () => {
    const e = await thrown(() => compareFiles([SMOKE], opts));
    expect(e.message).toBe('compareFiles: expected two or more scenario files (the first is the baseline), found 1');
    expect((await thrown(() => compareFiles([], opts))).message).toBe('compareFiles: expected two or more scenario files (the first is the baseline), found 0');
    expect((await thrown(() => compare([scenario], opts))).message).toBe('compare: expected two or more scenarios (the first is the baseline), found 1');
  });

  it('a list that is not a list, or a file name that is not text, is a TypeError naming it', async () => {
    const notList = await thrown(() => compare(scenario as unknown as LoadedScenario[], opts));
    expect(notList).toBeInstanceOf(TypeError);
    expect(notList.message).toMatch(/^compare: expected a list of two or more scenarios \(the first is the baseline\), found an object with fields /);
    const oneName = await thrown(() => compareFiles(SMOKE as unknown as string[], opts));
    expect(oneName).toBeInstanceOf(TypeError);
    expect(oneName.message).toBe(`compareFiles: expected a list of two or more scenario files (the first is the baseline), found the text "${SMOKE}"`);
    const notName = await thrown(() => compareFiles([SMOKE, scenario] as unknown as string[], opts));
    expect(notName).toBeInstanceOf(TypeError);
    expect(notName.message).toMatch(/^compareFiles: files\[1\]: expected a file name, found an object with fields /);
  });
});
