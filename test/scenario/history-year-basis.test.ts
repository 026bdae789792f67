/**
 * A scenario's history series must be on its years: Kazakhstan's calendar-year 2021 is not
 * Pakistan's FY2020-21, and a back-test that scored one as the other would score the wrong year.
 */
import { describe, expect, it } from 'vitest';
import { seriesMismatch, yearBasisStartMonth, type HistoryFile } from '../../src/scenario/history.js';

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
