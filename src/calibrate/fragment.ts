/**
 * The calibration as a YAML fragment a scenario can paste under a flow: growth, volatility,
 * transitoryVolatility and persistence, each with a `source` saying how it was estimated and
 * from which observations, and comments with the fit and its caveats.
 */
import { stringify } from 'yaml';
import type { Calibration, Estimate } from './fit.js';
import type { SeriesForCalibration } from './observations.js';
import type { Observation } from '../scenario/history.js';
import { normalQuantile } from '../engine/normal-dist.js';

export interface FragmentContext {
  /** The history file as the command line named it. */
  file: string;
  from: number | undefined;
}

export function calibrationFragment(fit: Calibration, input: SeriesForCalibration, ctx: FragmentContext): string {
  const pct = `${Math.round(fit.level * 100)}%`;
  const years = input.used.map((p) => p.year);
  const basis = input.series.yearBasis ? ` (${input.series.yearBasis})` : '';
  const flow = input.series.flow === 'total' ? 'total, both directions' : input.series.flow;
  const left = [
    input.partial.length > 0 ? `partial years left out (${partialList(input.partial)})` : 'no partial years',
    ...(input.before.length > 0 ? [`whole years before ${ctx.from} left out (${input.before.map((p) => p.year).join(', ')})`] : []),
  ];
  const what = `${input.series.id} (${flow})${basis} in ${ctx.file}: ln USD of ${years.length} whole years ${yearList(years)}; ${left.join('; ')}`;
  const how = `trade-sim calibrate: maximum likelihood, Kalman filter of the permanent (random walk with drift) + transitory (AR(1)) model on ${what}`;
  const end = (x: number, atBound: boolean) => `${num(x)}${atBound ? ' (the bound)' : ''}`;
  const range = (e: Estimate) => `${pct} interval ${end(e.lower, e.lowerAtBound)} to ${end(e.upper, e.upperAtBound)}`;
  const interval = (e: Estimate) => {
    if (Number.isFinite(e.se)) return `s.e. ${num(e.se)}, ${range(e)}`;
    return fit.intervals === 'profile' ? `s.e. not available (singular information), ${range(e)}` : 's.e. not available (flat likelihood)';
  };
  const { mu, sigmaP, sigmaT, phi } = fit.estimates;
  const caveat = fit.warnings.length > 0 ? '; NOT IDENTIFIED by these data, see the warnings printed with it' : '';
  const body = {
    growth: {
      value: round(fit.growth.value),
      source: `${how}; the mean growth rate, continuously compounded, mu + sigmaP^2 / 2 (${interval(fit.growth)}), where mu = ${num(mu.value)} a year is the drift of the log level, the median's growth (${interval(mu)})${caveat}`,
    },
    volatility: {
      value: round(sigmaP.value),
      source: `${how}; sigmaP, the sd of the permanent shock, ln units a year (${interval(sigmaP)})${caveat}`,
    },
    transitoryVolatility: {
      value: round(sigmaT.value),
      source: `${how}; sigmaT, the sd of the transitory AR(1) innovation, ln units (${interval(sigmaT)})${caveat}`,
    },
    persistence: {
      value: round(phi.value),
      source: `${how}; phi, the transitory part's yearly AR(1) coefficient (${interval(phi)})${caveat}`,
    },
  };
  const lines = [
    `# trade-sim calibrate ${ctx.file} --series ${input.series.id}${ctx.from === undefined ? '' : ` --from ${ctx.from}`}`,
    `# ${input.series.label}; flow: ${flow}`,
    `# Used: ${input.used.map((p) => `${p.year} ${usd(p.value)}`).join(', ')}.`,
    ...(input.partial.length > 0 ? [`# Left out, partial years: ${partialList(input.partial)}.`] : []),
    ...(input.before.length > 0 ? [`# Left out, before ${ctx.from}: ${input.before.map((p) => p.year).join(', ')}.`] : []),
    `# Log-likelihood ${num(fit.logLik)} (of the later years given the first). Permanent shocks only: ${num(fit.permanentOnly.logLik)} (LR ${num(fit.permanentOnly.lrStatistic)}); transitory only: ${num(fit.transitoryOnly.logLik)} (LR ${num(fit.transitoryOnly.lrStatistic)}); 3.84 is the 5% point.`,
    fit.intervals === 'profile'
      ? `# ${pct} intervals are profile-likelihood intervals: where 2 (log-likelihood at the maximum - log-likelihood maximised over the other parameters) is at most ${num(chiSquare1(fit.level))}; an end marked (the bound) is the parameter's bound (a volatility's 0 or 3, persistence 0 or 0.98, growth -1 or 2), which the data do not exclude.`
      : `# ${pct} intervals are Wald intervals on the log scale for the volatilities and the atanh scale for phi.`,
    ...fit.warnings.map((w) => `# WARNING: ${w}`),
    `# Paste under ${input.series.flow === 'total' ? 'the flow of a scenario whose one flow stands for the total' : `a ${input.series.flow} flow of a scenario`}:`,
  ];
  return `${lines.join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
}

/** The quantile of chi-square(1) at `level`: the square of the normal's (1 + level) / 2 point. */
const chiSquare1 = (level: number) => normalQuantile((1 + level) / 2) ** 2;
const round = (x: number) => Number(x.toPrecision(4));
const num = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(3)))) : String(x));
const usd = (x: number) => (x >= 1e9 ? `${Number((x / 1e9).toPrecision(4))}B` : `${Number((x / 1e6).toPrecision(4))}M`);

/** The years, with the gaps named: "2005-2024 (18 of 20; none for 2009, 2013)" or "(2021, 2022, 2024)". */
function yearList(years: readonly number[]): string {
  if (years.length <= 6) return `(${years.join(', ')})`;
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  const missing: number[] = [];
  for (let y = first, i = 0; y <= last; y++) {
    if (years[i] === y) i += 1;
    else missing.push(y);
  }
  return `${first}-${last} (${years.length} of ${last - first + 1}${missing.length > 0 ? `; none for ${missing.join(', ')}` : ''})`;
}

const partialList = (points: readonly Observation[]) => points.map((p) => `${p.year} (${p.period ?? `${p.months} months`})`).join('; ');
