/**
 * Dates are days of the calendar: a month outside 01-12 or a day its month does not have is
 * refused where it is written (not shifted into the next year), and every valid date keeps its
 * decimal year.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const scenario = (opens: string, start = '2026-01') => `name: dates
start: ${start}
horizon: 10
target: { value: 1B, year: 2030 }
flows:
  grain:
    KZ>PK: { base: 10M, growth: 0.05, volatility: 0.3 }
corridors:
  road: { freightCost: 0.2, transitDays: 18 }
  rail: { freightCost: 0.1, transitDays: 9, opens: ${opens} }
  ferry: { freightCost: 0.1, transitDays: 9, initiallyClosed: true, reopens: 2027-03-15 }
`;

function issuesOf(text: string) {
  try {
    loadScenario(dir.file('dates.yaml', text), dir.path);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  return [];
}

describe('an impossible date', () => {
  it.each([
    ['2031-13', 'corridors.rail.opens', 'expected a month 01-12', '"2031-13"'],
    ['2031-00', 'corridors.rail.opens', 'expected a month 01-12', '"2031-00"'],
    ['2031-99-99', 'corridors.rail.opens', 'expected a month 01-12', '"2031-99-99"'],
    ['2031-02-30', 'corridors.rail.opens', 'expected a day 01-28 (2031-02 has 28 days)', '"2031-02-30"'],
    ['2031-02-29', 'corridors.rail.opens', 'expected a day 01-28 (2031-02 has 28 days)', '"2031-02-29"'],
    ['2100-02-29', 'corridors.rail.opens', 'expected a day 01-28 (2100-02 has 28 days)', '"2100-02-29"'],
    ['2031-04-31', 'corridors.rail.opens', 'expected a day 01-30 (2031-04 has 30 days)', '"2031-04-31"'],
    ['2031-01-00', 'corridors.rail.opens', 'expected a day 01-31 (2031-01 has 31 days)', '"2031-01-00"'],
    ['{ value: 2031-13, source: "x" }', 'corridors.rail.opens.value', 'expected a month 01-12', '"2031-13"'],
  ])('opens: %s is refused at %s', (opens, path, expected, found) => {
    const issues = issuesOf(scenario(opens));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'dates.yaml', line: 10, path });
    expect(issues[0]!.message).toContain(expected);
    expect(issues[0]!.message).toMatch(new RegExp(`found the text ${found}`));
  });

  it('is refused in reopens', () => {
    const issues = issuesOf(scenario('2030-01').replace('reopens: 2027-03-15', 'reopens: 2027-02-29'));
    expect(issues).toEqual([expect.objectContaining({ line: 11, path: 'corridors.ferry.reopens', message: expect.stringContaining('expected a day 01-28 (2027-02 has 28 days)') })]);
  });

  it.each([
    ['2026-13', 'expected a month 01-12, found the text "2026-13"'],
    ['2026-00', 'expected a month 01-12, found the text "2026-00"'],
    ['Jan 2026', 'expected a start month as "YYYY-MM", found the text "Jan 2026"'],
  ])('start: %s is one message with what was found', (start, message) => {
    expect(issuesOf(scenario('2030-01', start))).toEqual([{ file: 'dates.yaml', line: 2, column: 8, path: 'start', message }]);
  });
});

describe('a valid date', () => {
  it.each([
    ['2028-02-29', 2028 + 1 / 12 + 28 / 365],
    ['2000-02-29', 2000 + 1 / 12 + 28 / 365],
    ['2031-12-31', 2031 + 11 / 12 + 30 / 365],
    ['2031-12', 2031 + 11 / 12],
    ['2031.5', 2031.5],
    ['"2031.5"', 2031.5],
  ])('opens: %s is the decimal year %d', (opens, year) => {
    const rail = loadScenario(dir.file('valid.yaml', scenario(opens)), dir.path).scenario.corridors?.rail;
    expect(rail?.opens).toMatchObject({ kind: 'fixed', value: year });
  });
});
