/**
 * sensitivity() and goal() from the library (src/index.ts): the numbers of the CLI's
 * sensitivity.json and goal.json, the same bits; bad options refused with the option's name, what
 * was expected and what was found, before anything is simulated; an AbortSignal heard as run's is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { close, goal, loadScenario, sensitivity } from '../../src/index.js';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { thrown } from '../helpers/thrown.js';

const FILE = 'test/fixtures/compare/customs.yaml';
const scenario = loadScenario(FILE);
const dir = new TempDir();
afterAll(async () => { dir.remove(); await close(); });

const asJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('library: sensitivity()', () => {
  it('gives the numbers of trade-sim sensitivity, its groups replacing the file\'s', async () => {
    const out = join(dir.path, 'sens');
    const r = cli(['sensitivity', FILE, '--paths', '1024', '--seed', '3', '--by', '2029', '--group', 'routes=corridors.*', '--no-charts', '--quiet', '--out', out]);
    expect(r.stderr).toBe('');
    const s = await sensitivity(scenario, { paths: 1024, seed: 3, by: 2029, groups: { routes: ['corridors.*'] } });
    expect(asJson(s)).toEqual(JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8')));
    expect(s.inputs.map((i) => i.name)).toContain('routes');
    const tornado = await sensitivity(scenario, { paths: 1024, seed: 3, methods: ['tornado'] });
    expect(tornado.methods).toEqual(['tornado']);
    expect(tornado.inputs.some((i) => i.reached.first !== undefined)).toBe(false);
    expect(tornado.inputs.filter((i) => i.reached.swing !== undefined).map((i) => i.name)).toContain('agreements.customs');
  });

  it('refuses a year outside the scenario, an unknown method and groups it cannot make, naming the option', async () => {
    for (const [opts, message] of [
      [{ by: 2099 }, /^by: expected a year of the scenario, 2026 to 2035, found 2099$/],
      [{ methods: ['morris'] }, /^methods: expected a list of 'sobol', 'tornado' or both, found \["morris"\]$/],
      [{ methods: [] }, /^methods: expected a list of 'sobol', 'tornado' or both, found \[\]$/],
      [{ groups: { x: ['nothing.*'] } }, /^groups: expected patterns that match inputs of .*customs\.yaml, found "nothing\.\*", which match none$/],
      [{ groups: { a: ['shocks'], b: ['shocks'] } }, /^groups: expected each input in one group at most, found shocks in "a" and "b"$/],
      [{ groups: { x: 'corridors.*' } }, /^groups\.x: expected a list of input patterns, e.g. \['corridors\.\*'\], found the text "corridors\.\*"$/],
    ] as const) {
      const e = await thrown(() => sensitivity(scenario, { paths: 1024, seed: 1, ...(opts as object) }));
      expect((e as Error).message, JSON.stringify(opts)).toMatch(message);
    }
  });

  it('hears an AbortSignal: aborted before the call it simulates nothing', async () => {
    let calls = 0;
    const e = await thrown(() => sensitivity(scenario, { paths: 4096, seed: 1, signal: AbortSignal.abort(), onProgress: () => { calls++; } }));
    expect((e as Error).name).toBe('AbortError');
    expect(calls).toBe(0);
  });
});

describe('library: goal()', () => {
  const ask = { lever: 'agreements.customs.probability', probability: 0.2, by: 2030, range: [0, 1] as [number, number], paths: 2048, seed: 4 };

  it('gives the numbers of trade-sim goal', async () => {
    const out = join(dir.path, 'goal');
    const r = cli(['goal', FILE, '--lever', ask.lever, '--probability', '0.2', '--by', '2030', '--range', '0..1', '--paths', '2048', '--seed', '4', '--no-charts', '--quiet', '--out', out]);
    expect(r.stderr).toBe('');
    let evaluations = 0;
    const g = await goal(scenario, { ...ask, onProgress: (n) => { evaluations = n; } });
    expect(asJson(g)).toEqual(JSON.parse(readFileSync(join(out, 'goal.json'), 'utf8')));
    expect(g.found).toBe(true);
    expect(evaluations).toBe(g.curve.length);
  });

  it('refuses a bad lever, probability, range or year, naming the option, what was expected and what was found', async () => {
    for (const [opts, message] of [
      [{ lever: 'flows.*.XX.growth' }, /^lever: expected a field path of the scenario .* found "flows\.\*\.XX\.growth", which names no field/],
      [{ lever: 'horizon' }, /^lever: expected a number of the model that goal can set/],
      [{ lever: 42 }, /^lever: expected a field path of the scenario, e\.g\. 'byDirection\.PK>KZ\.growth', found 42$/],
      [{ probability: 1 }, /^probability: expected a number between 0 and 1 \(exclusive\), found 1$/],
      [{ range: [1, 0] }, /^range: expected \[lo, hi\], two finite numbers with lo < hi, found \[1, 0\]$/],
      [{ range: [-0.5, 0.5] }, /^range: expected values that agreements\.customs\.probability accepts \(a probability in \[0, 1\]\), found -0\.5\.\.0\.5, whose LO -0\.5 is not$/],
      [{ by: 2099 }, /^by: expected a year of the scenario, 2026 to 2035, found 2099$/],
      [{ paths: 0 }, /^paths: expected a whole number from 1 to 10\^9, found 0$/],
    ] as const) {
      const e = await thrown(() => goal(scenario, { ...ask, ...(opts as object) }));
      expect((e as Error).message, JSON.stringify(opts)).toMatch(message);
      expect(e instanceof RangeError || e instanceof TypeError, JSON.stringify(opts)).toBe(true);
    }
  });

  it('hears an AbortSignal part way through its grid, and the next study has the numbers of one never aborted', async () => {
    const before = asJson(await goal(scenario, ask));
    const controller = new AbortController();
    const reason = new Error('enough');
    let evaluations = 0;
    const running = goal(scenario, { ...ask, paths: 400_000, workers: 0, signal: controller.signal, onProgress: (n) => { evaluations = n; } });
    setTimeout(() => controller.abort(reason), 150);
    expect(await thrown(() => running)).toBe(reason);
    expect(evaluations).toBe(0);
    expect(asJson(await goal(scenario, ask))).toEqual(before);
  });

  it('hears an AbortSignal: aborted before the call it simulates nothing', async () => {
    let calls = 0;
    const e = await thrown(() => goal(scenario, { ...ask, signal: AbortSignal.abort(), onProgress: () => { calls++; } }));
    expect((e as Error).name).toBe('AbortError');
    expect(calls).toBe(0);
  });
});
