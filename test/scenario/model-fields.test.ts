/**
 * The scenario fields of issue 11's model changes reject what they cannot simulate with a message
 * naming the file, line and field (each case one mistake in an otherwise valid scenario).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { bareNumbers, parameterRows } from '../../src/scenario/parameters.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const scenario = (flow: string, rest = '', road = 'freightCost: 0.2') => `
name: fields
start: 2026-01
horizon: 2
target: { value: 1B, year: 2027 }
flows:
  grain:
    KZ>PK: { base: 10M, growth: 0.05, volatility: 0.3${flow} }
corridors:
  road: { ${road}, transitDays: 18 }
${rest}
`;

const cases: Array<[string, string, string, string]> = [
  ['a transitory part without persistence', scenario(', transitoryVolatility: 0.4'), 'flows.grain.KZ>PK.persistence', '"persistence"'],
  ['jumps without a mean size', scenario(', jumpsPerYear: 0.5, persistence: 0.5'), 'flows.grain.KZ>PK.jumpMean', '"jumpMean"'],
  ['a persistence above 1', scenario(', transitoryVolatility: 0.4, persistence: 1.5'), 'flows.grain.KZ>PK.persistence', '<= 1'],
  ['a border that is not defined', scenario('', '', 'freightCost: 0.2, border: afghanistan'), 'corridors.road.border', '"afghanistan"'],
  ['a political factor that is not defined', scenario('', 'agreements:\n  pta: { probability: 0.5, delay: 1, politicalFactor: relations, effects: [{ tariff: { set: 0 } }] }'), 'agreements.pta.politicalFactor', '"relations"'],
  ['both freightCost and costPerTonne', scenario('', '', 'freightCost: 0.2, costPerTonne: 300'), 'corridors.road', 'exactly one of "freightCost"'],
  ['an NTM marked mfn', scenario(', ntm: { value: 0.05, mfn: true }'), 'flows.grain.KZ>PK.ntm.mfn', 'tariff only'],
  ['sustainedYears of 0', scenario('').replace('year: 2027 }', 'year: 2027, sustainedYears: 0 }'), 'target.sustainedYears', '>=1'],
];

describe('issue 11 fields', () => {
  for (const [what, text, path, contains] of cases) {
    it(`reject ${what}, at ${path}`, () => {
      let error: unknown;
      try { prepareScenario(dir.file(`${path}.yaml`, text)); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(ScenarioError);
      const issues = (error as ScenarioError).issues;
      const issue = issues.find((i) => i.path === path);
      expect(issue, JSON.stringify(issues)).toBeDefined();
      expect(issue!.message.replace(/\s/g, '')).toContain(contains.replace(/\s/g, ''));
      expect(issue!.line).toBeGreaterThan(0);
    });
  }
});

describe('the parameter table', () => {
  it('lists the numbers of borders, political factors and costs per tonne, and flags the bare ones', () => {
    const s = prepareScenario(dir.file('table.yaml', `${scenario(', valuePerTonne: { value: 250, source: "wheat FOB" }', `borders:
  afghanistan: { closuresPerYear: 1, meanClosureDays: { value: 30, assumption: "weeks" } }
politicalFactors:
  relations: { correlation: 0.5, assumption: "one government on both sides" }
agreements:
  pta: { probability: 0.5, delay: 1, politicalFactor: relations, effects: [{ tariff: { set: 0 } }] }`, 'costPerTonne: 400, border: afghanistan')}`)).loaded.scenario;
    const paths = parameterRows(s).map((r) => r.path.join('.'));
    for (const p of ['corridors.road.costPerTonne', 'borders.afghanistan.closuresPerYear', 'borders.afghanistan.meanClosureDays', 'politicalFactors.relations.correlation', 'flows.grain.KZ>PK.valuePerTonne']) {
      expect(paths).toContain(p);
    }
    const bare = bareNumbers(s).map((r) => r.path.join('.'));
    expect(bare).toContain('borders.afghanistan.closuresPerYear');
    expect(bare).not.toContain('borders.afghanistan.meanClosureDays');
    expect(bare).not.toContain('politicalFactors.relations.correlation');
    expect(bare).not.toContain('flows.grain.KZ>PK.valuePerTonne');
  });
});
