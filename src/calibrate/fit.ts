/**
 * Maximum-likelihood estimates of the permanent + transitory model (kalman.ts) from a series of
 * annual log levels, with standard errors from the observed information (the numerical Hessian
 * of the log-likelihood) and, by default, profile-likelihood intervals (profile.ts), which follow
 * the likelihood to a bound where Wald intervals from the Hessian cannot; docs/model.md section 12
 * has the coverage of each kind. Wald intervals are formed where the likelihood is closest to
 * quadratic: mu as is, the volatilities on the log scale, phi on the atanh scale, then mapped back.
 *
 * Also fitted, to say whether the data can tell the two kinds of shock apart: the model with
 * permanent shocks only (sigmaT = 0) and with transitory shocks only (sigmaP = 0). When neither
 * restriction lowers the log-likelihood by more than 1.92 (a likelihood-ratio statistic of 3.84,
 * the 5% point of chi-square with one degree of freedom), the split is not identified by the data.
 * A yardstick, not an exact 5% test: a restriction puts a volatility on the boundary of its range,
 * where the statistic is not chi-square(1) (Self & Liang 1987; docs/model.md, "How").
 *
 * Several independent histories that share the parameters (a panel) may be fitted together: the
 * log-likelihood is the sum of each one's (each with its own diffuse level). The tests use this to
 * reach, from the engine's paths of at most 60 years, the information of a history of centuries.
 */
import { groupByYears, sharedLogLik, type AnnualLogs, type ModelParams } from './kalman.js';
import { invertSpd, nelderMead, numericalHessian } from './optimize.js';
import { profileInterval, type ProfileProblem } from './profile.js';
import { normalQuantile } from '../engine/normal-dist.js';
import { exp, log } from '../engine/exp-log.js';
import { atanh, tanh } from '../engine/hyperbolic.js';

export interface Estimate {
  value: number;
  /** Standard error on the natural scale (delta method); NaN when the information is singular. */
  se: number;
  /** The interval at the requested level (`Calibration.intervals` says which kind). */
  lower: number;
  upper: number;
  /** The end is the parameter's bound (a volatility's 0 or 3, phi's 0 or 0.98, growth's -1 or 2): the likelihood does not exclude it. */
  lowerAtBound: boolean;
  upperAtBound: boolean;
}

/**
 * `profile`: the profile-likelihood interval, where 2 (maxLL - the likelihood maximised over the
 * other parameters) is at most the chi-square(1) quantile. `wald`: from the observed information,
 * formed on the scale where the likelihood is closest to quadratic (mu as is, the volatilities on
 * the log scale, phi on the atanh scale, growth as is) and mapped back.
 */
export type IntervalMethod = 'profile' | 'wald';

export interface RestrictedFit {
  logLik: number;
  params: ModelParams;
  /** 2 (logLik of the full model - logLik of this one). */
  lrStatistic: number;
}

export interface Calibration {
  level: number;
  intervals: IntervalMethod;
  /** Whole years observed, over all histories of a panel. */
  observations: number;
  /** Year-on-year steps the likelihood is of: observations less one per history. */
  changes: number;
  /** The first history's years. */
  years: readonly number[];
  logLik: number;
  params: ModelParams;
  estimates: Record<keyof ModelParams, Estimate>;
  /** The scenario's `growth`, the mean growth rate mu + sigmaP^2 / 2 (continuously compounded); a Wald interval is on its own scale. */
  growth: Estimate;
  permanentOnly: RestrictedFit;
  transitoryOnly: RestrictedFit;
  /** Honest caveats: too short, not identified, on a boundary, singular information. */
  warnings: string[];
  /**
   * Whether the data themselves, length aside, tell the parameters apart: false when the
   * likelihood is flat across the split, an estimate sits on a bound, the information is singular
   * or a volatility's interval reaches 0 or spans more than a factor of 100 (each is also in `warnings`).
   */
  identifiedByData: boolean;
}

/** The 5% point of chi-square with one degree of freedom. */
export const LR_CRITICAL = 3.841458820694124;

/** Fewer whole years than this and the split between the two kinds of shock is not meaningful at all. */
export const MIN_YEARS_FOR_SPLIT = 15;

/**
 * Fewer whole years (year-on-year changes plus one) than this and the intervals did not keep
 * their stated coverage on histories the engine generated (docs/model.md section 12: mu 0.05,
 * sigmaP 0.2, sigmaT 0.3, phi 0.3; the profile intervals covered 91-95% of 90% with 980 changes,
 * 85-92% with 490, 83-86% with 196, the drift's 66.5% with 40 years; Wald intervals, before them,
 * within 1.5 points with 490 and more changes, and 49.5% with 40 years; an audit's 29 single
 * histories of 301 years, mu 0.02, sigmaP 0.1, sigmaT 0.2, phi 0.5, covered 22-25 of 29 with Wald
 * intervals). A history file's years run from 1900 to 2200, so only a panel of histories reaches it.
 */
export const MIN_YEARS_FOR_INTERVALS = 980;

const PHI_MAX = 0.98;
/** The largest volatility a scenario accepts (src/scenario/schema.ts), ln units. */
const SIGMA_MAX = 3;

/** theta = (mu, ln sigmaP, ln sigmaT, atanh phi) -> parameters. */
function toParams(t: readonly number[]): ModelParams {
  return { mu: t[0] as number, sigmaP: exp(t[1] as number), sigmaT: exp(t[2] as number), phi: tanh(t[3] as number) };
}

/** The range of the scenario's growth (src/scenario/schema.ts). */
const GROWTH_RANGE = [-1, 2] as const;

export function calibrate(input: AnnualLogs | readonly AnnualLogs[], level = 0.9, intervals: IntervalMethod = 'profile'): Calibration {
  const panel: readonly AnnualLogs[] = isPanel(input) ? input : [input];
  const first = panel[0];
  if (!first) throw new RangeError('calibration needs at least one history');
  for (const h of panel) if (h.years.length < 2) throw new RangeError(`calibration needs at least 2 whole years in each history, found ${h.years.length}`);
  const n = panel.reduce((a, h) => a + h.years.length, 0);
  const changeCount = n - panel.length;
  if (panel.length === 1 && n < 3) throw new RangeError(`calibration needs at least 3 whole years, found ${n}`);
  const warnings: string[] = [];
  let rise = 0;
  let span = 0;
  for (const h of panel) {
    const m = h.years.length;
    rise += (h.y[m - 1] as number) - (h.y[0] as number);
    span += (h.years[m - 1] as number) - (h.years[0] as number);
  }
  const drift = rise / span;
  const changes: number[] = [];
  for (const h of panel) {
    for (let i = 1; i < h.years.length; i++) {
      const dt = (h.years[i] as number) - (h.years[i - 1] as number);
      changes.push(((h.y[i] as number) - (h.y[i - 1] as number) - drift * dt) / Math.sqrt(dt));
    }
  }
  const spread = Math.max(1e-3, Math.sqrt(changes.reduce((a, c) => a + c * c, 0) / changes.length));
  // The search stays inside the engine's parameter space, so that the fragment validates:
  // volatilities from 1e-4 to SIGMA_MAX and 0 <= phi <= 0.98 (the engine's persistence lies in
  // [0, 1], and beyond 0.98 the AR(1) is indistinguishable from a random walk).
  const clampTheta = (t: number[]) => [t[0] as number, clampLnSigma(t[1] as number), clampLnSigma(t[2] as number), clampAtanhPhi(t[3] as number)];
  const groups = groupByYears(panel);
  const logLikOf = (p: ModelParams) => groups.reduce((a, g) => a + sharedLogLik(g, p), 0);
  const negLogLik = (t: number[]) => -logLikOf(toParams(clampTheta(t)));

  // Nine starts searched roughly, each then polished from a smaller simplex (which also
  // unsticks a collapsed one), and the best of those kept.
  const starts: Array<{ x: number[]; value: number }> = [];
  for (const share of [0.2, 0.5, 0.8]) {
    for (const phi of [0, 0.5, 0.8]) {
      const x0 = [drift, log(spread * Math.sqrt(share)), log(spread * Math.sqrt(1 - share)), atanh(phi)];
      starts.push(nelderMead(negLogLik, x0, { step: 0.5, tolerance: 1e-6 }));
    }
  }
  const polished = starts.map((m) => nelderMead(negLogLik, m.x, { step: 0.1 }));
  const best = polished.reduce((a, b) => (b.value < a.value ? b : a));
  const theta = clampTheta(best.x);
  const params = toParams(theta);
  const logLik = -best.value;

  const h = [1e-4 * Math.max(spread, 1e-2), 1e-3, 1e-3, 1e-3];
  const cov = invertSpd(numericalHessian(negLogLik, theta, h));
  const z = -normalQuantile((1 - level) / 2);
  const se = (i: number) => (cov ? Math.sqrt(cov[i]![i] as number) : NaN);
  const interval = (i: number, back: (x: number) => number, dBack: (x: number) => number): Estimate => {
    const t = theta[i] as number;
    const s = se(i);
    return { value: back(t), se: Math.abs(dBack(t)) * s, lower: back(t - z * s), upper: back(t + z * s), lowerAtBound: false, upperAtBound: false };
  };
  const estimates = {
    mu: interval(0, (x) => x, () => 1),
    sigmaP: interval(1, exp, exp),
    sigmaT: interval(2, exp, exp),
    // Mapped back through tanh, cut at 0 where the engine's range ends.
    phi: interval(3, (x) => tanh(Math.max(0, x)), (x) => 1 - tanh(x) ** 2),
  };
  // The scenario's growth, the mean growth rate g = mu + sigmaP^2 / 2 (docs/model.md section 5);
  // its variance by the delta method, dg/dmu = 1, dg/d(ln sigmaP) = sigmaP^2.
  const g = params.mu + (params.sigmaP * params.sigmaP) / 2;
  const s2 = params.sigmaP * params.sigmaP;
  const gSe = cov ? Math.sqrt(Math.max(0, (cov[0]![0] as number) + 2 * s2 * (cov[0]![1] as number) + s2 * s2 * (cov[1]![1] as number))) : NaN;
  const growth: Estimate = { value: g, se: gSe, lower: g - z * gSe, upper: g + z * gSe, lowerAtBound: false, upperAtBound: false };
  if (intervals === 'profile') {
    const sigma = (t: number) => exp(clampLnSigma(t));
    const rho = (t: number) => tanh(clampAtanhPhi(t));
    // The other local maxima the starts found (distinct in value): starts for every inner maximisation.
    const others: number[][] = [];
    for (const m of polished.slice().sort((a, b) => a.value - b.value)) {
      if (m.value - best.value > 1e-6 && others.every((o) => Math.abs(negLogLik(o) - m.value) > 1e-4)) others.push(clampTheta(m.x));
    }
    // Each parameter with the coordinate of theta it replaces; the other three are its nuisance.
    const without = (t: readonly number[], i: number) => t.filter((_, j) => j !== i);
    const profile = (e: Estimate, i: number, lo: number, hi: number, logLikAt: ProfileProblem['logLik']) => {
      const { lower, upper } = profileInterval({ at: e.value, nuisance: without(theta, i), otherStarts: others.map((o) => without(o, i)), maxLogLik: logLik, logLik: logLikAt, lo, hi, step: z * e.se }, z);
      Object.assign(e, { lower: lower.value, lowerAtBound: lower.atBound, upper: upper.value, upperAtBound: upper.atBound });
    };
    profile(estimates.mu, 0, -Infinity, Infinity, (psi, x) => logLikOf({ mu: psi, sigmaP: sigma(x[0]!), sigmaT: sigma(x[1]!), phi: rho(x[2]!) }));
    profile(growth, 0, GROWTH_RANGE[0], GROWTH_RANGE[1], (psi, x) => {
      const sP = sigma(x[0]!);
      return logLikOf({ mu: psi - (sP * sP) / 2, sigmaP: sP, sigmaT: sigma(x[1]!), phi: rho(x[2]!) });
    });
    profile(estimates.sigmaP, 1, 0, SIGMA_MAX, (psi, x) => logLikOf({ mu: x[0]!, sigmaP: psi, sigmaT: sigma(x[1]!), phi: rho(x[2]!) }));
    profile(estimates.sigmaT, 2, 0, SIGMA_MAX, (psi, x) => logLikOf({ mu: x[0]!, sigmaP: sigma(x[1]!), sigmaT: psi, phi: rho(x[2]!) }));
    profile(estimates.phi, 3, 0, PHI_MAX, (psi, x) => logLikOf({ mu: x[0]!, sigmaP: sigma(x[1]!), sigmaT: sigma(x[2]!), phi: psi }));
  }


  const permanentOnly = restrictedFit(logLikOf, logLik, (t) => ({ mu: t[0] as number, sigmaP: exp(t[1] as number), sigmaT: 0, phi: 0 }), [drift, log(spread)]);
  const transitoryOnly = restrictedFit(logLikOf, logLik, (t) => ({ mu: t[0] as number, sigmaP: 0, sigmaT: exp(t[1] as number), phi: tanh(clampAtanhPhi(t[2] as number)) }), [drift, log(spread), atanh(0.5)]);

  const years = changeCount + 1; // a panel counts as one history with as many changes
  const what = panel.length === 1 ? `${n} whole years` : `${panel.length} histories of ${n} whole years in all`;
  if (years < MIN_YEARS_FOR_SPLIT) {
    warnings.push(`${what} (${changeCount} changes) for 4 parameters: too short to separate permanent from transitory shocks; read the split and the intervals as undetermined`);
  } else if (years < MIN_YEARS_FOR_INTERVALS) {
    warnings.push(`${what}: in synthetic tests (histories the engine generated) the intervals kept their stated coverage only from about ${MIN_YEARS_FOR_INTERVALS.toLocaleString('en-US')} years (90% intervals covered 83-86% of the time with 197 years, and the drift's 66.5% with 40); read them as too narrow`);
  }
  const lengthWarnings = warnings.length;
  if (permanentOnly.lrStatistic < LR_CRITICAL && transitoryOnly.lrStatistic < LR_CRITICAL) {
    warnings.push(`the likelihood is flat across the split: permanent shocks only and transitory shocks only both fit as well (likelihood-ratio statistics ${permanentOnly.lrStatistic.toFixed(2)} and ${transitoryOnly.lrStatistic.toFixed(2)}, below ${LR_CRITICAL.toFixed(2)})`);
  }
  if (!cov) warnings.push('the observed information is singular or not positive definite at the maximum: standard errors are not available (the likelihood is flat in some direction)');
  const pct = `${Math.round(level * 100)}%`;
  for (const name of ['sigmaP', 'sigmaT'] as const) {
    const e = estimates[name];
    if (intervals === 'wald' && !cov) continue;
    if (e.lowerAtBound) warnings.push(`${name}: the ${pct} interval reaches 0 (0 to ${fmt(e.upper)}): the data do not exclude that there are no such shocks`);
    else if (!(e.upper / Math.max(e.lower, 1e-300) < 100)) warnings.push(`${name}: the ${pct} interval spans more than a factor of 100 (${fmt(e.lower)} to ${fmt(e.upper)}): not identified`);
  }
  // On a boundary the likelihood-ratio statistic is not chi-square(1) (Self & Liang 1987).
  const onBoundary = intervals === 'profile' ? 'the chi-square(1) cut-off of its interval is only approximate there' : 'its interval on the log scale is not reliable';
  if (params.sigmaP < 1e-3 || params.sigmaT < 1e-3) warnings.push(`an estimate sits at the boundary (${params.sigmaP < 1e-3 ? 'sigmaP' : 'sigmaT'} = 0): ${onBoundary}`);
  if (params.phi >= PHI_MAX - 1e-6) warnings.push(`phi sits at the search bound ${PHI_MAX}: the transitory part is not told apart from the permanent one`);
  if (params.phi <= 1e-6) warnings.push(`phi sits at 0, the lower end of the engine's range (the data may prefer a negative autocorrelation the model does not have): ${intervals === 'profile' ? onBoundary : 'its interval is not reliable'}`);
  if (params.sigmaP >= SIGMA_MAX - 1e-6 || params.sigmaT >= SIGMA_MAX - 1e-6) warnings.push(`a volatility sits at ${SIGMA_MAX}, the largest a scenario accepts`);
  const identifiedByData = warnings.length === lengthWarnings;
  return { level, intervals, observations: n, changes: changeCount, years: first.years, logLik, params, estimates, growth, permanentOnly, transitoryOnly, warnings, identifiedByData };
}

function restrictedFit(logLikOf: (p: ModelParams) => number, fullLogLik: number, toP: (t: readonly number[]) => ModelParams, x0: number[]): RestrictedFit {
  const f = (t: number[]) => -logLikOf(toP(t));
  let m = nelderMead(f, x0, { step: 0.5 });
  m = nelderMead(f, m.x, { step: 0.1 });
  const logLik = -m.value;
  return { logLik, params: toP(m.x), lrStatistic: Math.max(0, 2 * (fullLogLik - logLik)) };
}

const isPanel = (x: AnnualLogs | readonly AnnualLogs[]): x is readonly AnnualLogs[] => Array.isArray(x);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const clampLnSigma = (t: number) => clamp(t, log(1e-4), log(SIGMA_MAX));
const clampAtanhPhi = (t: number) => clamp(t, 0, atanh(PHI_MAX));
const fmt = (x: number) => (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3));
