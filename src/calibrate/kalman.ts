/**
 * The Kalman filter of the model a flow's log level follows (issue 11), on annual observations:
 *
 *   y_t = l_t + c_t                           (observed: ln USD of the year, no measurement error)
 *   l_t = l_{t-1} + mu + eta_t,  eta_t ~ N(0, sigmaP^2)      permanent: random walk with drift
 *   c_t = phi c_{t-1} + eps_t,   eps_t ~ N(0, sigmaT^2)      transitory: stationary AR(1)
 *
 * The level l has a diffuse prior and c starts from its stationary law N(0, sigmaT^2 / (1 -
 * phi^2)). With y_1 = l_1 + c_1 and l_1 diffuse, the first observation fixes l_1 given c_1 and
 * tells nothing about c_1, so the filter starts at the first observed year with state mean
 * (y_1, 0) and covariance [[V, -V], [-V, V]], V the stationary variance, and the likelihood is
 * that of the later observations given the first (the diffuse likelihood; Durbin & Koopman 2012,
 * Time Series Analysis by State Space Methods, 2nd ed., ch. 5). A year without an observation
 * is a prediction step with no update.
 */
import { log } from '../engine/exp-log.js';

export interface ModelParams {
  /** Drift of the permanent level, ln units per year. */
  mu: number;
  sigmaP: number;
  sigmaT: number;
  /** AR(1) coefficient of the transitory part, in (-1, 1). */
  phi: number;
}

/** Whole-year observations: years ascending, without repeats; y the natural log of the value. */
export interface AnnualLogs {
  years: readonly number[];
  y: readonly number[];
}

export interface FilterStep {
  year: number;
  /** One-step-ahead prediction error and its variance. */
  v: number;
  f: number;
}

const LN_2PI = log(2 * Math.PI);

/** The log-likelihood of the observations after the first, given the first; and the steps. */
export function kalmanFilter(data: AnnualLogs, p: ModelParams): { logLik: number; steps: FilterStep[] } {
  const { years, y } = data;
  const steps: FilterStep[] = [];
  if (years.length === 0) return { logLik: 0, steps };
  const qP = p.sigmaP * p.sigmaP;
  const qT = p.sigmaT * p.sigmaT;
  const v0 = qT / (1 - p.phi * p.phi);
  let l = y[0] as number;
  let c = 0;
  let p11 = v0;
  let p12 = -v0;
  let p22 = v0;
  let logLik = 0;
  let k = 1;
  for (let year = (years[0] as number) + 1; k < years.length; year++) {
    // Predict one year ahead.
    l += p.mu;
    c *= p.phi;
    p11 += qP;
    p12 *= p.phi;
    p22 = p.phi * p.phi * p22 + qT;
    if (year !== years[k]) continue;
    // Update on the year's observation.
    const f = p11 + 2 * p12 + p22;
    const v = (y[k] as number) - l - c;
    if (!(f > 0)) return { logLik: v === 0 ? logLik : -Infinity, steps };
    logLik += -0.5 * (LN_2PI + log(f) + (v * v) / f);
    const m1 = p11 + p12;
    const m2 = p12 + p22;
    l += (m1 / f) * v;
    c += (m2 / f) * v;
    p11 -= (m1 * m1) / f;
    p12 -= (m1 * m2) / f;
    p22 -= (m2 * m2) / f;
    steps.push({ year, v, f });
    k += 1;
  }
  return { logLik, steps };
}

/** Histories observed in the same years: the filter's variances and gains are the same for all of them. */
export interface SharedYears {
  years: readonly number[];
  ys: ReadonlyArray<readonly number[]>;
}

/** A panel's histories grouped by their years, in the order each group first appears. */
export function groupByYears(panel: readonly AnnualLogs[]): SharedYears[] {
  const groups = new Map<string, { years: readonly number[]; ys: Array<readonly number[]> }>();
  for (const h of panel) {
    const key = h.years.join(',');
    const g = groups.get(key);
    if (g) g.ys.push(h.y);
    else groups.set(key, { years: h.years, ys: [h.y] });
  }
  return [...groups.values()];
}

/**
 * The sum of kalmanFilter(...).logLik over a group's histories, with the variance recursion run
 * once for all of them: the cost of a panel of m histories is one filter's variances and m
 * filters' means.
 */
export function sharedLogLik(group: SharedYears, p: ModelParams): number {
  const { years, ys } = group;
  const m = ys.length;
  if (years.length === 0 || m === 0) return 0;
  const qP = p.sigmaP * p.sigmaP;
  const qT = p.sigmaT * p.sigmaT;
  const v0 = qT / (1 - p.phi * p.phi);
  const l = Float64Array.from(ys, (y) => y[0] as number);
  const c = new Float64Array(m);
  let p11 = v0;
  let p12 = -v0;
  let p22 = v0;
  let logLik = 0;
  let k = 1;
  for (let year = (years[0] as number) + 1; k < years.length; year++) {
    for (let j = 0; j < m; j++) {
      l[j]! += p.mu;
      c[j]! *= p.phi;
    }
    p11 += qP;
    p12 *= p.phi;
    p22 = p.phi * p.phi * p22 + qT;
    if (year !== years[k]) continue;
    const f = p11 + 2 * p12 + p22;
    const m1 = p11 + p12;
    const m2 = p12 + p22;
    if (!(f > 0)) {
      for (let j = 0; j < m; j++) if ((ys[j]![k] as number) - (l[j] as number) - (c[j] as number) !== 0) return -Infinity;
      return logLik;
    }
    let squares = 0;
    for (let j = 0; j < m; j++) {
      const v = (ys[j]![k] as number) - (l[j] as number) - (c[j] as number);
      squares += v * v;
      l[j]! += (m1 / f) * v;
      c[j]! += (m2 / f) * v;
    }
    logLik += -0.5 * (m * (LN_2PI + log(f)) + squares / f);
    p11 -= (m1 * m1) / f;
    p12 -= (m1 * m2) / f;
    p22 -= (m2 * m2) / f;
    k += 1;
  }
  return logLik;
}
