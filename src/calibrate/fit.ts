/**
 * Maximum-likelihood estimates of the permanent + transitory model (kalman.ts) from a series of
 * annual log levels, with standard errors from the observed information (the numerical Hessian
 * of the log-likelihood) and Wald intervals formed where the likelihood is closest to quadratic:
 * mu as is, the volatilities on the log scale, phi on the atanh scale, then mapped back.
 *
 * Also fitted, to say whether the data can tell the two kinds of shock apart: the model with
 * permanent shocks only (sigmaT = 0) and with transitory shocks only (sigmaP = 0). When neither
 * restriction lowers the log-likelihood by more than 1.92 (a likelihood-ratio statistic of 3.84,
 * the 5% point of chi-square with one degree of freedom), the split is not identified by the data.
 */
import { kalmanFilter, type AnnualLogs, type ModelParams } from './kalman.js';
import { invertSpd, nelderMead, numericalHessian } from './optimize.js';
import { normalQuantile } from '../engine/normal-dist.js';

export interface Estimate {
  value: number;
  /** Standard error on the natural scale (delta method); NaN when the information is singular. */
  se: number;
  /** Wald interval at the requested level, formed on the transformed scale. */
  lower: number;
  upper: number;
}

export interface RestrictedFit {
  logLik: number;
  params: ModelParams;
  /** 2 (logLik of the full model - logLik of this one). */
  lrStatistic: number;
}

export interface Calibration {
  level: number;
  observations: number;
  years: readonly number[];
  logLik: number;
  params: ModelParams;
  estimates: Record<keyof ModelParams, Estimate>;
  permanentOnly: RestrictedFit;
  transitoryOnly: RestrictedFit;
  /** Honest caveats: too short, not identified, on a boundary, singular information. */
  warnings: string[];
}

/** The 5% point of chi-square with one degree of freedom. */
export const LR_CRITICAL = 3.841458820694124;

/** Fewer whole years than this and the split between the two kinds of shock is not meaningful at all. */
export const MIN_YEARS_FOR_SPLIT = 15;

/**
 * Fewer whole years than this and the intervals did not keep their stated coverage in the
 * synthetic test (test/calibrate/coverage.test.ts: mu 0.05, sigmaP 0.2, sigmaT 0.3, phi 0.3).
 */
export const MIN_YEARS_FOR_INTERVALS = 200;

const PHI_MAX = 0.98;

/** theta = (mu, ln sigmaP, ln sigmaT, atanh phi) -> parameters. */
function toParams(t: readonly number[]): ModelParams {
  return { mu: t[0] as number, sigmaP: Math.exp(t[1] as number), sigmaT: Math.exp(t[2] as number), phi: Math.tanh(t[3] as number) };
}

export function calibrate(data: AnnualLogs, level = 0.9): Calibration {
  const n = data.years.length;
  if (n < 3) throw new RangeError(`calibration needs at least 3 whole years, found ${n}`);
  const warnings: string[] = [];
  const span = (data.years[n - 1] as number) - (data.years[0] as number);
  const drift = ((data.y[n - 1] as number) - (data.y[0] as number)) / span;
  const changes: number[] = [];
  for (let i = 1; i < n; i++) {
    const dt = (data.years[i] as number) - (data.years[i - 1] as number);
    changes.push(((data.y[i] as number) - (data.y[i - 1] as number) - drift * dt) / Math.sqrt(dt));
  }
  const spread = Math.max(1e-3, Math.sqrt(changes.reduce((a, c) => a + c * c, 0) / changes.length));
  // Bounds that keep the search inside sensible values: volatilities from 1e-4 to 20 (ln units a
  // year) and |phi| <= 0.98 (beyond it the AR(1) is indistinguishable from a random walk).
  const clampTheta = (t: number[]) => [t[0] as number, clamp(t[1] as number, Math.log(1e-4), Math.log(20)), clamp(t[2] as number, Math.log(1e-4), Math.log(20)), clamp(t[3] as number, -Math.atanh(PHI_MAX), Math.atanh(PHI_MAX))];
  const negLogLik = (t: number[]) => -kalmanFilter(data, toParams(clampTheta(t))).logLik;

  let best: { x: number[]; value: number } | undefined;
  for (const share of [0.2, 0.5, 0.8]) {
    for (const phi of [0, 0.5, 0.8]) {
      const x0 = [drift, Math.log(spread * Math.sqrt(share)), Math.log(spread * Math.sqrt(1 - share)), Math.atanh(phi)];
      let m = nelderMead(negLogLik, x0, { step: 0.5 });
      m = nelderMead(negLogLik, m.x, { step: 0.1 });
      if (!best || m.value < best.value) best = m;
    }
  }
  const theta = clampTheta(best!.x);
  const params = toParams(theta);
  const logLik = -best!.value;

  const h = [1e-4 * Math.max(spread, 1e-2), 1e-3, 1e-3, 1e-3];
  const cov = invertSpd(numericalHessian(negLogLik, theta, h));
  const z = -normalQuantile((1 - level) / 2);
  const se = (i: number) => (cov ? Math.sqrt(cov[i]![i] as number) : NaN);
  const interval = (i: number, back: (x: number) => number, dBack: (x: number) => number): Estimate => {
    const t = theta[i] as number;
    const s = se(i);
    return { value: back(t), se: Math.abs(dBack(t)) * s, lower: back(t - z * s), upper: back(t + z * s) };
  };
  const estimates = {
    mu: interval(0, (x) => x, () => 1),
    sigmaP: interval(1, Math.exp, Math.exp),
    sigmaT: interval(2, Math.exp, Math.exp),
    phi: interval(3, Math.tanh, (x) => 1 - Math.tanh(x) ** 2),
  };

  const permanentOnly = restrictedFit(data, logLik, (t) => ({ mu: t[0] as number, sigmaP: Math.exp(t[1] as number), sigmaT: 0, phi: 0 }), [drift, Math.log(spread)]);
  const transitoryOnly = restrictedFit(data, logLik, (t) => ({ mu: t[0] as number, sigmaP: 0, sigmaT: Math.exp(t[1] as number), phi: Math.tanh(clamp(t[2] as number, -Math.atanh(PHI_MAX), Math.atanh(PHI_MAX))) }), [drift, Math.log(spread), Math.atanh(0.5)]);

  if (n < MIN_YEARS_FOR_SPLIT) {
    warnings.push(`${n} whole years (${n - 1} changes) for 4 parameters: too short to separate permanent from transitory shocks; read the split and the intervals as undetermined`);
  } else if (n < MIN_YEARS_FOR_INTERVALS) {
    warnings.push(`${n} whole years: in synthetic tests the intervals kept their stated coverage only from about ${MIN_YEARS_FOR_INTERVALS} years (with 100 years the drift's 90% interval covered 65% of the time); read them as too narrow`);
  }
  if (permanentOnly.lrStatistic < LR_CRITICAL && transitoryOnly.lrStatistic < LR_CRITICAL) {
    warnings.push(`the likelihood is flat across the split: permanent shocks only and transitory shocks only both fit as well (likelihood-ratio statistics ${permanentOnly.lrStatistic.toFixed(2)} and ${transitoryOnly.lrStatistic.toFixed(2)}, below ${LR_CRITICAL.toFixed(2)})`);
  }
  if (!cov) warnings.push('the observed information is singular or not positive definite at the maximum: standard errors are not available (the likelihood is flat in some direction)');
  for (const [name, e] of Object.entries(estimates)) {
    if (cov && !(e.upper / Math.max(e.lower, 1e-300) < 100) && name !== 'mu' && name !== 'phi') warnings.push(`${name}: the ${Math.round(level * 100)}% interval spans more than a factor of 100 (${fmt(e.lower)} to ${fmt(e.upper)}): not identified`);
  }
  if (params.sigmaP < 1e-3 || params.sigmaT < 1e-3) warnings.push(`an estimate sits at the boundary (${params.sigmaP < 1e-3 ? 'sigmaP' : 'sigmaT'} = 0): its interval on the log scale is not reliable`);
  if (Math.abs(params.phi) >= PHI_MAX - 1e-6) warnings.push(`phi sits at the search bound ${PHI_MAX}: the transitory part is not told apart from the permanent one`);
  return { level, observations: n, years: data.years, logLik, params, estimates, permanentOnly, transitoryOnly, warnings };
}

function restrictedFit(data: AnnualLogs, fullLogLik: number, toP: (t: readonly number[]) => ModelParams, x0: number[]): RestrictedFit {
  const f = (t: number[]) => -kalmanFilter(data, toP(t)).logLik;
  let m = nelderMead(f, x0, { step: 0.5 });
  m = nelderMead(f, m.x, { step: 0.1 });
  const logLik = -m.value;
  return { logLik, params: toP(m.x), lrStatistic: Math.max(0, 2 * (fullLogLik - logLik)) };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const fmt = (x: number) => (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : x.toPrecision(3));
