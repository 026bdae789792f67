/**
 * The calibration as a YAML fragment a scenario can paste under a flow: growth, volatility,
 * transitoryVolatility and persistence, each with a `source` saying how it was estimated and
 * from which observations, and comments with the fit and its caveats.
 */
import { stringify } from 'yaml';
import type { Calibration, Estimate } from './fit.js';
import type { SeriesForCalibration } from './observations.js';

export interface FragmentContext {
  /** The history file as the command line named it. */
  file: string;
  from: number | undefined;
}

export function calibrationFragment(fit: Calibration, input: SeriesForCalibration, ctx: FragmentContext): string {
  const pct = `${Math.round(fit.level * 100)}%`;
  const years = input.used.map((p) => p.year);
  const basis = input.series.yearBasis ? ` (${input.series.yearBasis})` : '';
  const what = `${input.series.id}${basis} in ${ctx.file}: ln USD of ${years.length} whole years ${yearList(years)}; partial years left out`;
  const how = `trade-sim calibrate: maximum likelihood, Kalman filter of the permanent (random walk with drift) + transitory (AR(1)) model on ${what}`;
  const interval = (e: Estimate) => Number.isFinite(e.se) ? `s.e. ${num(e.se)}, ${pct} interval ${num(e.lower)} to ${num(e.upper)}` : 's.e. not available (flat likelihood)';
  const { mu, sigmaP, sigmaT, phi } = fit.estimates;
  const meanGrowth = Math.exp(mu.value + (sigmaP.value * sigmaP.value) / 2) - 1;
  const caveat = fit.warnings.length > 0 ? '; NOT IDENTIFIED by these data, see the warnings printed with it' : '';
  const body = {
    growth: {
      value: round(Math.exp(mu.value) - 1),
      source: `${how}; median growth of the permanent level, exp(mu) - 1, mu = ${num(mu.value)} a year (${interval(mu)}); the mean growth exp(mu + sigmaP^2 / 2) - 1 is ${num(meanGrowth)}${caveat}`,
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
    `# ${input.series.label}`,
    `# Used: ${input.used.map((p) => `${p.year} ${usd(p.value)}`).join(', ')}.`,
    ...(input.partial.length > 0 ? [`# Left out, partial years: ${input.partial.map((p) => `${p.year} (${p.period ?? `${p.months} months`})`).join('; ')}.`] : []),
    ...(input.before.length > 0 ? [`# Left out, before ${ctx.from}: ${input.before.map((p) => p.year).join(', ')}.`] : []),
    `# Log-likelihood ${num(fit.logLik)} (of the later years given the first). Permanent shocks only: ${num(fit.permanentOnly.logLik)} (LR ${num(fit.permanentOnly.lrStatistic)}); transitory only: ${num(fit.transitoryOnly.logLik)} (LR ${num(fit.transitoryOnly.lrStatistic)}); 3.84 is the 5% point.`,
    `# ${pct} intervals are Wald intervals on the log scale for the volatilities and the atanh scale for phi.`,
    ...fit.warnings.map((w) => `# WARNING: ${w}`),
    '# Paste under a flow of a scenario:',
  ];
  return `${lines.join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
}

const round = (x: number) => Number(x.toPrecision(4));
const num = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : String(Number(x.toPrecision(3)))) : String(x));
const usd = (x: number) => (x >= 1e9 ? `${Number((x / 1e9).toPrecision(4))}B` : `${Number((x / 1e6).toPrecision(4))}M`);

function yearList(years: readonly number[]): string {
  return years.length > 6 ? `${years[0]}-${years[years.length - 1]} (${years.length} of ${(years[years.length - 1] as number) - (years[0] as number) + 1})` : `(${years.join(', ')})`;
}
