/**
 * Scenarios made in code (src/index.ts scenarioFromObject, variantOf): the fields of a file as an
 * object, and a loaded scenario with changes merged over it as a variant file's are. Each gives
 * the same checks, sha256 and numbers as the file that says the same, and a problem is named as
 * the object's or the changes', not located in a file line that does not hold it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compile, loadScenario, run, ScenarioError, scenarioFromObject, variantOf } from '../../src/index.js';
import { TempDir } from '../helpers/scenario-files.js';

const SMOKE = 'test/fixtures/scenarios/smoke.yaml';
const dir = new TempDir();
afterAll(() => dir.remove());

/** The ScenarioError `fn` throws. */
function scenarioError(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

const opts = { paths: 3000, seed: 12, workers: 0 };

describe('scenarioFromObject', () => {
  it('the fields of a file, as YAML.parse gives them: the file\'s sha256 and numbers, bit for bit', async () => {
    const fromFile = loadScenario(SMOKE);
    const fields = parse(readFileSync(SMOKE, 'utf8')) as Record<string, unknown>;
    const fromObject = scenarioFromObject(fields, 'in-code.yaml');
    expect(fromObject.sha256).toBe(fromFile.sha256);
    expect(JSON.stringify(await run(fromObject, opts))).toBe(JSON.stringify(await run(fromFile, opts)));
  });

  it('reads a relative history from the named file\'s folder', () => {
    const file = 'scenarios/baseline-pk.yaml';
    const fields = structuredClone(loadScenario(file).raw);
    expect(fields['history']).toBe('history.yaml');
    const history = compile(scenarioFromObject(fields, file)).prepared.history;
    expect(history.length).toBeGreaterThan(0);
    expect(history).toEqual(compile(loadScenario(file)).prepared.history);
    // Named as if in another folder, the history file is looked for there, and its absence said.
    const e = scenarioError(() => compile(scenarioFromObject(fields, join(dir.path, 'elsewhere.yaml'))));
    expect(e.message).toMatch(/history/);
  });

  it('names the object\'s file, without a line, for a bad field; refuses extends and what is not a scenario', () => {
    const fields = { ...structuredClone(loadScenario(SMOKE).raw), horizon: 0 };
    const e = scenarioError(() => scenarioFromObject(fields, 'sweep/7.yaml'));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ file: 'sweep/7.yaml', line: 0, path: 'horizon' });
    expect(e.issues[0]!.message).toMatch(/^expected a value >= 1/);
    expect(scenarioError(() => scenarioFromObject({ extends: 'smoke.yaml', name: 'x' }, 'x.yaml')).issues[0]).toMatchObject({ path: 'extends' });
    expect(scenarioError(() => scenarioFromObject({ colour: 'red' }, 'x.yaml')).message).toMatch(/expected a scenario/);
    expect(() => scenarioFromObject([] as unknown as Record<string, unknown>, 'x.yaml')).toThrow(TypeError);
    expect(() => scenarioFromObject({ name: 'x' }, '')).toThrow(TypeError);
  });
});

describe('variantOf', () => {
  const changes = { name: 'smoke-faster', flows: { textiles: { 'PK>KZ': { growth: 0.25 } } } };

  it('is the variant file that extends the base with the same changes: its sha256 and numbers, bit for bit', async () => {
    const base = loadScenario(SMOKE);
    const file = dir.file('variant.yaml', `extends: ${resolve(SMOKE)}\nname: smoke-faster\nflows:\n  textiles:\n    PK>KZ: { growth: 0.25 }\n`);
    const fromFile = loadScenario(file);
    for (const b of [base, compile(base)]) {
      const v = variantOf(b, changes);
      expect(v.scenario.name).toBe('smoke-faster');
      expect(v.sha256).toBe(fromFile.sha256);
      expect(JSON.stringify(await run(v, opts))).toBe(JSON.stringify(await run(fromFile, opts)));
    }
    // The base is not changed.
    expect(base.sha256).toBe(loadScenario(SMOKE).sha256);
  });

  it('names a problem in a field the changes set as theirs, and one elsewhere where the base writes it', () => {
    const base = loadScenario(SMOKE);
    const e = scenarioError(() => variantOf(base, { flows: { textiles: { 'PK>KZ': { growth: 'fast' } } } }));
    expect(e.issues[0]).toMatchObject({ file: `${SMOKE}, changed`, line: 0, path: 'flows.textiles.PK>KZ.growth' });
    // Removing the corridors breaks an agreement the base writes: that is where it is located.
    const kept = scenarioError(() => variantOf(base, { corridors: null }));
    expect(kept.issues[0]).toMatchObject({ file: SMOKE, path: 'agreements.transit.effects[1].corridor' });
    expect(kept.issues[0]!.line).toBeGreaterThan(0);
    expect(() => variantOf(base, { extends: 'x.yaml' })).toThrow(ScenarioError);
    expect(() => variantOf(base, 'growth: 1' as unknown as Record<string, unknown>)).toThrow(TypeError);
    expect(() => variantOf(SMOKE as unknown as typeof base, {})).toThrow(TypeError);
  });
});
