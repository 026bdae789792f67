/**
 * An amount of money written as a percentage ("40%" for a base reads as USD 0.40 a year, "300%"
 * for a potential as USD 3) is a unit mistake: it is refused at the field, wherever it is written.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const file = (flow: string, extra = '', target = '1B') => `name: money
start: 2026-01
horizon: 5
target: { value: ${target}, year: 2030 }
flows:
  textiles:
    PK>KZ: ${flow}
${extra}`;

const FLOW = '{ base: 60M, growth: 0.1, volatility: 0.3 }';

describe('money written as a percentage', () => {
  it.each([
    ['a base', file('{ base: "40%", growth: 0.1, volatility: 0.3 }'), 'flows.textiles.PK>KZ.base'],
    ['an annotated base', file('{ base: { value: 40%, assumption: "x" }, growth: 0.1, volatility: 0.3 }'), 'flows.textiles.PK>KZ.base.value'],
    ['a potential as a PERT', file('{ base: 60M, growth: 0.1, volatility: 0.3, potential: { dist: pert, min: 150%, mode: 200%, max: 300% } }'), 'flows.textiles.PK>KZ.potential.min'],
    ['a default value per tonne', file(FLOW, 'defaults: { valuePerTonne: "5%" }\n'), 'defaults.valuePerTonne'],
    ['a corridor cost per tonne', file(FLOW, 'corridors:\n  road: { costPerTonne: "8%", transitDays: 10 }\n'), 'corridors.road.costPerTonne'],
    ['the target', file(FLOW, '', '"100%"'), 'target.value'],
  ])('%s is refused at its field', (_, text, path) => {
    const f = dir.file(`${path}-${text.length}.yaml`, text);
    expect(() => loadScenario(f, dir.path)).toThrow(expect.objectContaining({
      issues: expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(/^expected an amount of money in USD .*, a percentage$/) })]),
    }));
  });

  it('rates may still be percentages and money may be amounts', () => {
    const f = dir.file('fine.yaml', file('{ base: "$40k", growth: "10%", volatility: 30%, potential: 1.2B, tariff: "7.1%" }'));
    expect(loadScenario(f, dir.path).scenario.flows['textiles']?.['PK>KZ']?.base).toMatchObject({ value: 40e3 });
  });
});
