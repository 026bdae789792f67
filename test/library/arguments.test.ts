/**
 * The library's arguments other than the options (src/library-options.ts, through src/index.ts):
 * a comparison's list and the scenarios themselves are checked at the API boundary, so a caller
 * from JavaScript (or past a cast) gets an error that names the call and what it was given, never
 * the engine's "internal:" errors or a TypeError from deep inside ("Cannot use 'in' operator").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { annualValues, close, compare, compareFiles, compile, loadScenario, run, type LoadedScenario, type RunOptions } from '../../src/index.js';
import { thrownError as thrown } from '../helpers/thrown.js';

const SMOKE = 'test/fixtures/scenarios/smoke.yaml';
const scenario = loadScenario(SMOKE);
const opts: RunOptions = { paths: 10, seed: 1, workers: 0 };

afterAll(() => close());

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

describe('a scenario is what loadScenario or compile returned', () => {
  it('a file name passed to run is a TypeError that says to load it', async () => {
    const e = await thrown(() => run(SMOKE as unknown as LoadedScenario, opts));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe(`run: scenario: expected a scenario from loadScenario() or compile(), found the text "${SMOKE}"; for a file, pass loadScenario("${SMOKE}")`);
  });

  it('each entry point names itself and what it was given', async () => {
    const cases: Array<[() => unknown, string]> = [
      [() => run(undefined as unknown as LoadedScenario, opts), 'run: scenario: expected a scenario from loadScenario() or compile(), found undefined'],
      [() => run({ name: 'x' } as unknown as LoadedScenario, opts), 'run: scenario: expected a scenario from loadScenario() or compile(), found an object with fields "name"'],
      [() => compile(null as unknown as LoadedScenario), 'compile: scenario: expected a scenario from loadScenario() or compile(), found null'],
      [() => annualValues(SMOKE as unknown as LoadedScenario, { paths: 2, seed: 1 }), `annualValues: scenario: expected a scenario from loadScenario() or compile(), found the text "${SMOKE}"; for a file, pass loadScenario("${SMOKE}")`],
      [() => compare([scenario, SMOKE as unknown as LoadedScenario], opts), `compare: scenarios[1]: expected a scenario from loadScenario() or compile(), found the text "${SMOKE}"; for a file, pass loadScenario("${SMOKE}"), or call compareFiles`],
    ];
    for (const [fn, message] of cases) {
      const e = await thrown(fn);
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toBe(message);
    }
  });

  it('an onProgress that is not a function is refused before anything is simulated', async () => {
    let e = await thrown(() => run(scenario, { ...opts, onProgress: 'x' } as unknown as RunOptions));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe('onProgress: expected a function (pathsDone, paths), found the text "x"');
    e = await thrown(() => compareFiles([SMOKE, SMOKE], { ...opts, onProgress: 1 } as unknown as RunOptions));
    expect(e.message).toBe('onProgress: expected a function (pathsDone, paths), found 1');
  });

  it('what loadScenario and compile return still runs, alone and mixed in a comparison', async () => {
    const compiled = compile(scenario);
    expect((await run(scenario, opts)).paths).toBe(10);
    expect((await run(compiled, opts)).paths).toBe(10);
    expect(annualValues(compiled, { paths: 2, seed: 1 }).paths).toBe(2);
    expect((await compare([scenario, compiled], opts)).comparisons).toHaveLength(1);
  });
});
