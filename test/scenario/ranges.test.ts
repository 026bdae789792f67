/**
 * Numbers that used to validate and then give NaN, null or a crash: each parameter and effect has
 * a range, checked (effects after they are applied), with exit 2, a located message, and nothing
 * written by `run`. Values beyond the quantile histograms are counted in the output's warnings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { expectRunWritesNothing, expectValidateRefuses } from '../helpers/bad-input.js';
import { HIGH_EXP } from '../../src/engine/histogram.js';
import { assertFinite } from '../../src/results/write.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const GOOD = `name: ranges
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3, tariff: 0.1 }
corridors:
  road: { freightCost: 0.1, transitDays: 10 }
`;
const agreement = (effects: string) => `${GOOD}agreements:\n  deal: { probability: 0.5, delay: 1, effects: [ ${effects} ] }\n`;

const cases: Array<{ name: string; text: string; expect: string[] }> = [
  { name: 'base "1e400"', text: GOOD.replace('base: 60M', 'base: "1e400"'), expect: ['ranges.yaml:7:', 'flows.textiles.PK>KZ.base', 'expected a finite number'] },
  { name: 'base "1e300B"', text: GOOD.replace('base: 60M', 'base: "1e300B"'), expect: ['flows.textiles.PK>KZ.base', 'expected a finite number'] },
  { name: 'base 1e300', text: GOOD.replace('base: 60M', 'base: 1e300'), expect: ['flows.textiles.PK>KZ.base', 'expected a value > 0 and <= 10000000000000, found 1e+300'] },
  { name: 'elasticity 1e6', text: GOOD.replace('tariff: 0.1', 'tariff: 0.1, elasticity: 1e6'), expect: ['flows.textiles.PK>KZ.elasticity', 'expected a value >= 0 and <= 20, found 1000000'] },
  { name: 'a lognormal base with an implausible tail', text: GOOD.replace('base: 60M', 'base: { dist: lognormal, median: 60M, sdlog: 3 }'), expect: ['flows.textiles.PK>KZ.base', 'expected a value > 0 and <= 10000000000000, found a lognormal distribution'] },
  { name: 'target "1e999"', text: GOOD.replace('value: 1B', 'value: "1e999"'), expect: ['ranges.yaml:4:', 'target.value', 'expected a finite number'] },
  { name: 'target -1', text: GOOD.replace('value: 1B', 'value: -1'), expect: ['target.value', 'expected a value > 0 and <= 10000000000000 (USD per year)'] },
  { name: 'an agreement delay of 1,000 years', text: agreement('{ ntm: { add: -0.01 } }').replace('delay: 1,', 'delay: 1000,'), expect: ['agreements.deal.delay', 'expected a value >= 0 and <= 100, found 1000'] },
  { name: 'tariff { add: -5 }', text: agreement('{ tariff: { add: -5 } }'), expect: ['ranges.yaml:11:', 'agreements.deal.effects[0].tariff', 'expected the tariff rate of textiles PK>KZ to stay in [-0.99, 10]', 'found it can reach -4.9'] },
  { name: 'tariff { multiply: 1e3 }', text: agreement('{ tariff: { multiply: 1e3 } }'), expect: ['agreements.deal.effects[0].tariff', 'found it can reach 100'] },
  { name: 'transitDays { multiply: -10 }', text: agreement('{ corridor: road, transitDays: { multiply: -10 } }'), expect: ['agreements.deal.effects[0].transitDays', 'expected transitDays of corridor "road" to stay in [0, 365] after this effect, found it can reach -100'] },
  { name: 'freightCost { set: 50 }', text: agreement('{ corridor: road, freightCost: { set: 50 } }'), expect: ['agreements.deal.effects[0].freightCost', 'stay in [0, 5]', 'found it can reach 50'] },
  {
    name: 'two effects that are fine alone and not together',
    text: `${GOOD}agreements:\n  a: { probability: 0.5, delay: 1, effects: [ { tariff: { add: -0.6 } } ] }\n  b: { probability: 0.5, delay: 2, effects: [ { tariff: { add: -0.6 } } ] }\n`,
    expect: ['agreements.b.effects[0].tariff', 'found it can reach -1.1'],
  },
  { name: 'horizon 1 with a July fiscal year', text: GOOD.replace('horizon: 5', 'horizon: 1\nfiscalYearStartMonth: 7').replace('year: 2030', 'year: 2027'), expect: ['ranges.yaml:3:', 'horizon: expected a horizon that holds at least one whole fiscal year', 'found 1 year from 2026-01 with years starting in month 7'] },
  { name: 'a 301-character name', text: GOOD.replace('name: ranges', `name: r${'x'.repeat(300)}`), expect: ['ranges.yaml:1:', 'name: expected text of length <= 100'] },
];

describe.each(cases)('$name', (c) => {
  const sub = join(dir.path, c.name.replace(/\W+/g, '-'));
  dir.file(join(sub.slice(dir.path.length + 1), 'ranges.yaml'), c.text);

  it('validate exits 2 with a located message', () => {
    const r = expectValidateRefuses(join(sub, 'ranges.yaml'), dir.path, c.expect);
    expect(r.stderr).not.toContain('NaN');
  });

  it('run exits 2 and writes nothing', () => {
    expectRunWritesNothing(join(sub, 'ranges.yaml'), sub, dir.path);
    expect(readdirSync(sub)).toEqual(['ranges.yaml']);
  });
});

describe('values above the quantile histograms', () => {
  it('are counted in the warnings, and no file holds NaN', () => {
    // No volatility: every path is the same, so which years lie above the top is known from the means.
    const f = dir.file('huge.yaml', GOOD.replace('horizon: 5', 'horizon: 10').replace('target: { value: 1B, year: 2030 }', 'target: { value: 1B, year: 2030 }\nstepsPerYear: 4')
      .replace('base: 60M, growth: 0.1, volatility: 0.3', 'base: 1e13, growth: 0.5, volatility: 0'));
    const out = join(dir.path, 'huge-out');
    const paths = 200;
    const r = cli(['run', f, '--paths', String(paths), '--seed', '3', '--no-charts', '--quiet', '--out', out], dir.path);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { years: number[]; warnings: string[]; annual: { total: { mean: number[]; p50: number[] } } };
    const top = 2 ** HIGH_EXP;
    const yearsAbove = s.annual.total.mean.filter((m) => m >= top).length;
    expect(yearsAbove).toBeGreaterThan(0);
    expect(yearsAbove).toBeLessThan(s.years.length);
    // Four histograms a year (total, the one sector, both directions); three hold the flow, all paths alike.
    expect(s.warnings).toContainEqual(expect.stringContaining(`${yearsAbove * paths * 3} of ${s.years.length * paths * 4} annual values`));
    expect(s.warnings.join('\n')).toContain('the top of the quantile histograms');
    for (const file of ['summary.json', 'quantiles.csv']) expect(readFileSync(join(out, file), 'utf8')).not.toMatch(/NaN|null,|Infinity/);
  });

  it('a run that stays below the top has no such warning', () => {
    const f = dir.file('small.yaml', GOOD);
    const out = join(dir.path, 'small-out');
    const r = cli(['run', f, '--paths', '200', '--seed', '3', '--no-charts', '--quiet', '--out', out], dir.path);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { warnings: string[] };
    expect(s.warnings.join('\n')).not.toContain('quantile histograms');
  });
});

describe('assertFinite', () => {
  it('names the scenario and the first non-finite number', () => {
    expect(() => assertFinite({ a: [1, 2], b: { c: [0, NaN] } }, 'demo')).toThrow('scenario "demo": the simulation produced a non-finite number (b.c[1] is NaN); nothing was written');
    expect(() => assertFinite({ t: Float64Array.of(1, Infinity) }, 'demo')).toThrow('(t[1] is Infinity)');
    expect(() => assertFinite({ a: [1, null, 'x'], b: { c: -0 } }, 'demo')).not.toThrow();
  });
});
