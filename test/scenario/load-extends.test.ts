/** Loading: YAML and JSON, amounts, extends with deep merge and null deletes, the hash. */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { parseAmount } from '../../src/scenario/amount.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const BASE = `name: base
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
defaults: { volatility: 0.3 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1 }
    KZ>PK: { base: "$40k", growth: 0.05 }
agreements:
  a1: { probability: 0.5, delay: 1, effects: [ { ntm: { add: -0.02 } } ] }
  a2: { probability: 0.2, delay: 2, effects: [ { tariff: { set: 0 } } ] }
`;

describe('amounts', () => {
  it.each([
    ['250M', 250e6], ['1.2B', 1.2e9], ['$40k', 40e3], ['7.1%', 0.071], ['-3%', -0.03], ['1e6', 1e6], ['0.5', 0.5], ['2bn', 2e9],
  ])('%s is %d', (text, value) => expect(parseAmount(text)).toBe(value));
  it.each(['M', '1.2X', '', 'abc', '1,000'])('"%s" is not an amount', (text) => expect(parseAmount(text)).toBeUndefined());
});

describe('extends', () => {
  it('a variant overrides fields deeply, replaces values and deletes with null', () => {
    dir.file('base.yaml', BASE);
    const v = dir.file('variants/v.yaml', `extends: ../base.yaml
name: variant
flows:
  textiles:
    PK>KZ: { growth: 0.2 }
agreements:
  a2: null
`);
    const s = loadScenario(v).scenario;
    expect(s.name).toBe('variant');
    expect(s.flows.textiles?.['PK>KZ']?.growth).toMatchObject({ kind: 'fixed', value: 0.2 });
    expect(s.flows.textiles?.['PK>KZ']?.base).toMatchObject({ kind: 'fixed', value: 60e6 });
    expect(s.flows.textiles?.['KZ>PK']?.base).toMatchObject({ kind: 'fixed', value: 40e3 });
    expect(Object.keys(s.agreements ?? {})).toEqual(['a1']);
  });

  it('JSON is read as well as YAML, and the hash does not depend on field order', () => {
    const y = loadScenario(dir.file('same.yaml', BASE));
    const obj = JSON.parse(JSON.stringify(y.raw)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(obj).reverse());
    const j = loadScenario(dir.file('same.json', JSON.stringify(reordered, null, 2)));
    expect(j.sha256).toBe(y.sha256);
    expect(j.scenario).toEqual(y.scenario);
  });

  it('a problem in the base file is reported in the base file, at its line', () => {
    dir.file('bad-base.yaml', BASE.replace('growth: 0.05', 'growth: 5'));
    const v = dir.file('bad-variant.yaml', 'extends: bad-base.yaml\nname: v2\n');
    expect(() => loadScenario(v)).toThrowError(/bad-base\.yaml:9:\d+: flows\.textiles\.KZ>PK\.growth: expected a value >= -1 and <= 2, found 5/);
  });
});

describe('paths named in a file', () => {
  it('a history file named by a base is found from a variant in another folder', () => {
    dir.file('h/history.yaml', 'series:\n  s1:\n    label: one\n    source: a source\n    points: [ { year: 2025, value: 100M } ]\n');
    dir.file('h/base.yaml', `${BASE}history: history.yaml\n`);
    const v = dir.file('h/variants/v.yaml', 'extends: ../base.yaml\nname: hv\n');
    const loaded = loadScenario(v);
    expect(loaded.scenario.history).toBe('../history.yaml');
  });
});

describe('lognormal', () => {
  it('fits a parameter that must be > 0', () => {
    const f = dir.file('ln.yaml', BASE.replace('base: 60M', 'base: { dist: lognormal, median: 60M, sdlog: 0.3 }'));
    expect(loadScenario(f).scenario.flows.textiles?.['PK>KZ']?.base).toMatchObject({ kind: 'dist' });
  });
});
