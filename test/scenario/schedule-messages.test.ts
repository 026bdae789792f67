/**
 * A tariff or NTM mapping is a {year: value} table when every key is a year, else an annotated
 * schedule ({ value, mfn, source, assumption }); a mistake in an annotated one is reported as
 * such, not as keys that are not four-digit years.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const withTariff = (tariff: string) => `name: sched
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3, tariff: ${tariff} }
`;

let n = 0;
function messages(tariff: string): string[] {
  const file = dir.file(`s${++n}.yaml`, withTariff(tariff));
  try { loadScenario(file, dir.path); } catch (err) { return (err as { issues: Array<{ path: string; message: string }> }).issues.map((i) => `${i.path}: ${i.message}`); }
  throw new Error('accepted');
}

describe('a tariff schedule with a mistake', () => {
  it('mfn: yes is about mfn', () => {
    expect(messages('{ value: 0.1, mfn: yes, source: "x" }')).toEqual(['flows.textiles.PK>KZ.tariff.mfn: expected true or false, found the text "yes"']);
  });

  it('a misspelt value is an unknown field, and the value is missing', () => {
    const m = messages('{ vaule: 0.1, source: "x" }');
    expect(m).toContain('flows.textiles.PK>KZ.tariff.vaule: unknown field "vaule"');
    expect(m.join('\n')).not.toMatch(/four-digit year/);
  });

  it('a table keyed by fiscal year is still about its keys', () => {
    expect(messages('{ FY2026: 0.1 }')).toEqual(['flows.textiles.PK>KZ.tariff.FY2026: expected a four-digit year as key, found the text "FY2026"']);
  });

  it('tables, annotated tables and expressions still load', () => {
    for (const ok of ['{ 2026: 0.1, 2028: "5%" }', '{ value: { 2026: 0.1 }, mfn: true, source: "x" }', '"0.1 - 0.01 * t"', '{ value: 0.07, assumption: "x" }']) {
      expect(() => loadScenario(dir.file(`ok${++n}.yaml`, withTariff(ok)), dir.path), ok).not.toThrow();
    }
  });
});

describe('a distribution written without dist', () => {
  it('says dist is missing, not value', () => {
    const file = dir.file(`nodist${++n}.yaml`, withTariff('0.1').replace('growth: 0.1', 'growth: { mean: 0.1, sd: 0.02, assumption: "x" }'));
    let issues: Array<{ path: string; message: string }> = [];
    try { loadScenario(file, dir.path); } catch (err) { issues = (err as { issues: typeof issues }).issues; }
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['flows.textiles.PK>KZ.growth.dist: expected "dist" naming the distribution of mean, sd (normal, lognormal, uniform, triangular or pert), found nothing']);
  });
});
