/**
 * Bad scenario files: each gives a message naming the file, line, field, what was expected and
 * what was found; exit code 2; no stack trace; and `run` writes nothing.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { expectRunWritesNothing, expectValidateRefuses } from '../helpers/bad-input.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const GOOD = `name: good
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }
agreements:
  deal: { probability: 0.5, delay: 1, effects: [ { ntm: { add: -0.02 } } ] }
`;

interface Case {
  name: string;
  files: Record<string, string>;
  /** Expected fragments of stderr, in order of the message: location, field, expectation, finding. */
  expect: Array<string | RegExp>;
  /** How many problems validate reports, when the case is about reporting one mistake once. */
  problems?: number;
}

const WITH_RAIL = GOOD.replace('agreements:', `corridors:
  road: { freightCost: 0.1, transitDays: 5 }
  rail: { freightCost: 0.1, transitDays: 5, opens: 2030-01 }
agreements:`);

const cases: Case[] = [
  {
    name: 'wrong type',
    files: { 'main.yaml': GOOD.replace('volatility: 0.3', 'volatility: high') },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.volatility', 'expected', 'found the text "high"'],
  },
  {
    name: 'unknown field',
    files: { 'main.yaml': GOOD.replace('volatility: 0.3', 'volatilty: 0.3') },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.volatilty', 'unknown field "volatilty"'],
  },
  {
    name: 'negative volatility',
    files: { 'main.yaml': GOOD.replace('volatility: 0.3', 'volatility: -0.3') },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.volatility', 'expected a value >= 0', 'found -0.3'],
  },
  {
    name: 'probability outside [0, 1]',
    files: { 'main.yaml': GOOD.replace('probability: 0.5', 'probability: 1.5') },
    expect: ['main.yaml:9:', 'agreements.deal.probability', 'expected a probability in [0, 1]', 'found 1.5'],
  },
  {
    name: 'malformed YAML',
    files: { 'main.yaml': GOOD.replace('horizon: 5', 'horizon: [5') },
    expect: [/main\.yaml:\d+:\d+/, 'not valid YAML'],
  },
  {
    name: 'expression calling import',
    files: { 'main.yaml': GOOD.replace('volatility: 0.3 }', 'volatility: 0.3, tariff: "import({x: 1}, {})" }') },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.tariff', 'expected an arithmetic expression', 'function "import" is not allowed'],
  },
  {
    name: 'expression that is not finite',
    files: { 'main.yaml': GOOD.replace('volatility: 0.3 }', 'volatility: 0.3, tariff: "1 / (t - 1)" }') },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.tariff', 'finite number', 'Infinity'],
  },
  {
    name: 'cycle in extends',
    files: { 'main.yaml': `extends: b.yaml\n${GOOD}`, 'b.yaml': 'extends: main.yaml\nname: b\n' },
    expect: ['b.yaml:1:', 'extends', 'cycle', 'main.yaml -> ', 'b.yaml -> ', 'main.yaml'],
  },
  {
    name: 'missing file in extends',
    files: { 'main.yaml': `extends: nowhere.yaml\n${GOOD.replace('name: good\n', '')}` },
    expect: ['nowhere.yaml', 'no such file', 'named in "extends" of ', 'main.yaml:1)'],
  },
  {
    name: 'missing history file',
    files: { 'main.yaml': GOOD.replace('start: 2026-01', 'history: nohistory.yaml\nstart: 2026-01') },
    expect: ['nohistory.yaml: cannot read the history file: no such file (named in "history" of ', 'main.yaml:2)'],
  },
  {
    name: 'missing history file named by the scenario extended',
    files: { 'main.yaml': 'extends: base.yaml\nname: variant\n', 'base.yaml': GOOD.replace('start: 2026-01', 'history: nohistory.yaml\nstart: 2026-01') },
    expect: ['nohistory.yaml: cannot read the history file: no such file (named in "history" of ', 'base.yaml:2)'],
  },
  {
    name: 'unknown corridor in an agreement',
    files: { 'main.yaml': GOOD.replace('{ ntm: { add: -0.02 } }', '{ corridor: rail, open: true }') },
    expect: ['main.yaml:9:', 'agreements.deal.effects[0].corridor', 'expected a corridor of this scenario', 'found "rail"'],
  },
  {
    name: 'target year outside the horizon',
    files: { 'main.yaml': GOOD.replace('year: 2030', 'year: 2040') },
    expect: ['main.yaml:4:', 'target.year', 'expected a target year within the horizon 2026-2030', 'found 2040'],
  },
  {
    name: 'an amount that is not one',
    files: { 'main.yaml': GOOD.replace('add: -0.02', 'add: "-2Q"') },
    expect: ['main.yaml:9:', 'agreements.deal.effects[0].ntm.add', 'expected a number or an amount such as "250M"', 'found the text "-2Q"'],
  },
  {
    name: 'a negative target',
    files: { 'main.yaml': GOOD.replace('value: 1B', 'value: "-1B"') },
    expect: ['main.yaml:4:', 'target.value', 'expected a value > 0 and <= 10000000000000 (USD per year)', 'found -1000000000'],
  },
  {
    name: 'an amount of 70 digits',
    files: { 'main.yaml': GOOD.replace('base: 60M', `base: "${'1234567890'.repeat(7)}"`) },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.base', 'expected a number or an amount', '(at most 64 characters)', 'found the text "1234567890', '(70 characters)'],
    problems: 1,
  },
  {
    name: 'a number of steps per year not offered',
    files: { 'main.yaml': GOOD.replace('horizon: 5', 'horizon: 5\nstepsPerYear: 365') },
    expect: ['main.yaml:4:', 'stepsPerYear', 'expected one of 1, 4, 12; found number 365'],
    problems: 1,
  },
  {
    name: 'a distribution of an unknown kind',
    files: { 'main.yaml': GOOD.replace('volatility: 0.3', 'volatility: { dist: gamma, min: 0.1, max: 0.5 }') },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.volatility.dist', 'expected one of "normal", "lognormal", "uniform", "triangular", "pert"', 'found the text "gamma"'],
    problems: 1,
  },
  {
    name: 'a distribution of an unknown kind as an annotated value',
    files: { 'main.yaml': GOOD.replace('volatility: 0.3', 'volatility: { value: { dist: beta, min: 0.1, max: 0.5 }, source: "x" }') },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.volatility.value.dist', 'expected one of "normal"', 'found the text "beta"'],
    problems: 1,
  },
  {
    name: 'a distribution missing a field',
    files: { 'main.yaml': GOOD.replace('volatility: 0.3', 'volatility: { dist: uniform, min: 0.1 }') },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.volatility.max', 'expected', 'found nothing'],
    problems: 1,
  },
  {
    name: 'a normal distribution of an opening date',
    files: { 'main.yaml': WITH_RAIL.replace('opens: 2030-01', 'opens: { dist: normal, mean: 2034, sd: 2 }') },
    expect: ['main.yaml:10:', 'corridors.rail.opens', 'expected a value >= 1900 and <= 2200', 'found a normal distribution whose values run from -Infinity'],
    problems: 1,
  },
  {
    name: 'an opening date of an unknown kind of distribution',
    files: { 'main.yaml': WITH_RAIL.replace('opens: 2030-01', 'opens: { dist: gamma, min: 2030, max: 2034 }') },
    expect: ['main.yaml:10:', 'corridors.rail.opens.dist', 'expected one of "normal"', 'found the text "gamma"'],
    problems: 1,
  },
  {
    name: 'an opening date in month 13',
    files: { 'main.yaml': WITH_RAIL.replace('opens: 2030-01', 'opens: { value: 2031-13, source: "x" }') },
    expect: ['main.yaml:10:', 'corridors.rail.opens.value', 'expected a month 01-12', 'found the text "2031-13"'],
    problems: 1,
  },
  {
    name: 'a start month 13',
    files: { 'main.yaml': GOOD.replace('start: 2026-01', 'start: 2026-13') },
    expect: ['main.yaml:2:', 'start', 'expected a month 01-12', 'found the text "2026-13"'],
    problems: 1,
  },
  {
    name: 'an opening date that is not a date',
    files: { 'main.yaml': WITH_RAIL.replace('opens: 2030-01', 'opens: Jan 2030') },
    expect: ['main.yaml:10:', 'corridors.rail.opens', 'expected a date as "YYYY-MM" or "YYYY-MM-DD"', 'found the text "Jan 2030"'],
    problems: 1,
  },
];

describe.each(cases)('$name', (c) => {
  const sub = join(dir.path, c.name.replace(/\W+/g, '-'));
  for (const [name, text] of Object.entries(c.files)) dir.file(join(sub.slice(dir.path.length + 1), name), text);

  it('validate exits 2 with a located message and no stack trace', () => {
    const r = expectValidateRefuses(join(sub, 'main.yaml'), dir.path, c.expect);
    if (c.problems !== undefined) expect(r.stderr).toContain(`\n${c.problems} problem${c.problems === 1 ? '' : 's'} found`);
  });

  it('run exits 2 and writes nothing', () => {
    expectRunWritesNothing(join(sub, 'main.yaml'), sub, dir.path);
  });
});

describe('every problem at once', () => {
  it('lists all problems of a file in one run, each located', () => {
    const f = dir.file('many.yaml', GOOD.replace('volatility: 0.3', 'volatility: -1').replace('probability: 0.5', 'probability: 2').replace('horizon: 5', 'horizon: 5\nfoo: 1'));
    const r = cli(['validate', f], dir.path);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/many\.yaml:\d+:\d+: /);
    expect(r.stderr).toContain('3 problems found');
  });
});

describe('arguments', () => {
  it.each([
    [['run'], 'expected one scenario file, found none'],
    [['run', 'x.yaml', '--paths', 'ten'], '--paths: expected a whole number from 1 to 1000000000, found "ten"'],
    [['run', 'x.yaml', '--workers', '0'], '--workers: expected a whole number from 1 to 256, found "0"'],
    [['run', 'x.yaml', '--paths', '1e4_'], '--paths: expected a whole number from 1 to 1000000000 ("_" goes only between two digits, as in 10_000), found "1e4_"'],
    [['run', 'x.yaml', '--colour'], "Unknown option '--colour'"],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('%j exits 2 with "%s"', (args, message) => {
    const r = cli(args, dir.path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('a scenario file that does not exist exits 2', () => {
    const r = cli(['run', 'missing.yaml'], dir.path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.yaml: cannot read the scenario file: no such file');
  });
});
