/** The whole-year observations of one history series, as the calibration takes them. */
import type { HistoryFile, HistorySeries, Observation } from '../scenario/history.js';
import { ScenarioError } from '../scenario/issues.js';
import type { AnnualLogs } from './kalman.js';
import { log } from '../engine/exp-log.js';

export interface SeriesForCalibration {
  series: HistorySeries;
  data: AnnualLogs;
  /** Whole years used, ascending. */
  used: Observation[];
  /** Partial years, left out: a part of a year is not the annual level the model describes. */
  partial: Observation[];
  /** Whole years before `from`, left out. */
  before: Observation[];
}

/** The smallest number of whole years the filter is run on (two changes for a drift and a volatility). */
export const MIN_YEARS = 3;

export function seriesForCalibration(history: HistoryFile, id: string, from?: number): SeriesForCalibration {
  const fail = (message: string, at = { line: 0, col: 0 }): never => {
    throw new ScenarioError([{ file: history.display, line: at.line, column: at.col, path: `series.${id}`, message }]);
  };
  const series = history.series.find((s) => s.id === id) ?? fail(`no such series (--series); the file has ${history.series.map((s) => `"${s.id}"`).join(', ')}`);
  const failHere = (message: string) => fail(message, series.at);
  const whole = series.points.filter((p) => p.months === undefined).sort((a, b) => a.year - b.year);
  const partial = series.points.filter((p) => p.months !== undefined);
  const before = from === undefined ? [] : whole.filter((p) => p.year < from);
  const used = whole.filter((p) => from === undefined || p.year >= from);
  if (used.length < MIN_YEARS) {
    failHere(`expected at least ${MIN_YEARS} whole years${from === undefined ? '' : ` from ${from}`} to calibrate on, found ${used.length}${used.length > 0 ? ` (${used.map((p) => p.year).join(', ')})` : ''}; partial years (${partial.length}) are not used`);
  }
  return { series, data: { years: used.map((p) => p.year), y: used.map((p) => log(p.value)) }, used, partial, before };
}
