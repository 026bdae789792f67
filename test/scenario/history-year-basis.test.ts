/**
 * A scenario's history series must be on its years: Kazakhstan's calendar-year 2021 is not
 * Pakistan's FY2020-21, and a back-test that scored one as the other would score the wrong year.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chartPoints, seriesMismatch, yearBasisStartMonth, type HistoryFile } from '../../src/scenario/history.js';
import { prepareScenario } from '../../src/project.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const series = (id: string, yearBasis: string | undefined) => ({ id, at: { line: 1, col: 1 }, label: id, flow: 'total', yearBasis, points: [] });
const history: HistoryFile = {
  display: 'history.yaml',
  series: [
    series('calendar', 'calendar year'),
    series('fiscal', 'fiscal year July-June, labelled by the calendar year it ends in'),
    series('unstated', "not stated ('in 2016')"),
  ],
};

describe('the year basis of a history series', () => {
  it('is read from yearBasis where the text says it', () => {
    expect(yearBasisStartMonth('calendar year')).toBe(1);
    expect(yearBasisStartMonth('fiscal year July-June, labelled by the calendar year it ends in')).toBe(7);
    expect(yearBasisStartMonth("not stated ('in 2016')")).toBeUndefined();
    expect(yearBasisStartMonth(undefined)).toBeUndefined();
  });

  it('must match the scenario\'s years', () => {
    expect(seriesMismatch(history, 'total', 'calendar', 7)).toBe('expected a series on this scenario\'s years (fiscal years starting in July), found "calendar", whose years are: calendar year');
    expect(seriesMismatch(history, 'total', 'fiscal', 1)).toMatch(/^expected a series on this scenario's years \(calendar years\), found "fiscal"/);
    expect(seriesMismatch(history, 'total', 'calendar', 1)).toBeUndefined();
    expect(seriesMismatch(history, 'total', 'fiscal', 7)).toBeUndefined();
    expect(seriesMismatch(history, 'total', 'unstated', 7)).toBeUndefined();
  });
});

describe('what the charts of a scenario without historySeries draw', () => {
  const withPoints: HistoryFile = {
    display: 'history.yaml',
    series: history.series.map((s) => ({ ...s, points: [{ year: 2024, value: 1e6, months: undefined, period: undefined, printed: undefined, source: 'x' }] })),
  };
  const drawn = (fiscal: number) => new Set(chartPoints(withPoints, undefined, fiscal).map((p) => p.series));

  it('leaves out the series whose stated years are not the scenario\'s', () => {
    expect(drawn(7)).toEqual(new Set(['fiscal', 'unstated']));
    expect(drawn(1)).toEqual(new Set(['calendar', 'unstated']));
  });

  it('a fiscal-year scenario written without historySeries draws no calendar-year series', () => {
    const s = prepareScenario(dir.file('fy.yaml', `name: fy
start: 2026-01
horizon: 5
fiscalYearStartMonth: 7
target: { value: 1B, year: 2030 }
history: ${process.cwd()}/scenarios/history.yaml
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }
`), dir.path);
    const series = new Set(s.history.map((p) => p.series));
    expect(series.has('pakistan-sbp')).toBe(true);
    expect(series.has('kazakhstan-stat')).toBe(false);
  });
});
