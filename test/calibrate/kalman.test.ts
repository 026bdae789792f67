/**
 * The Kalman filter's likelihood (src/calibrate/kalman.ts) against the Gaussian likelihood of the
 * same model written out by hand. With the level diffuse, the likelihood of the later
 * observations given the first is that of the differences d_t = y_t - y_1 (t > 1, observed years
 * only), which are jointly normal with
 *   mean       mu (t - 1)
 *   covariance sigmaP^2 min(s - 1, t - 1) + V (phi^|t - s| - phi^(s - 1) - phi^(t - 1) + 1),
 * V = sigmaT^2 / (1 - phi^2): the random walk's increments since year 1 are shared up to the
 * earlier year, and c_t - c_1 has covariance V (phi^|t-s| - phi^(s-1) - phi^(t-1) + 1).
 */
import { describe, expect, it } from 'vitest';
import { groupByYears, kalmanFilter, sharedLogLik, type AnnualLogs, type ModelParams } from '../../src/calibrate/kalman.js';

function bruteForceLogLik(data: AnnualLogs, p: ModelParams): number {
  const t0 = data.years[0]!;
  const ts = data.years.slice(1).map((t) => t - t0);
  const d = data.y.slice(1).map((y) => y - data.y[0]!);
  const V = p.sigmaT ** 2 / (1 - p.phi ** 2);
  const n = ts.length;
  const S = ts.map((s) => ts.map((t) => p.sigmaP ** 2 * Math.min(s, t) + V * (p.phi ** Math.abs(t - s) - p.phi ** s - p.phi ** t + 1)));
  const r = d.map((x, i) => x - p.mu * ts[i]!);
  // Cholesky S = L L'; log|S| = 2 sum ln L_ii; r' S^-1 r = |L^-1 r|^2.
  const L = S.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = i === j ? Math.sqrt(s) : s / L[j]![j]!;
    }
  }
  let logDet = 0;
  let quad = 0;
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = r[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
    quad += z[i]! ** 2;
    logDet += 2 * Math.log(L[i]![i]!);
  }
  return -0.5 * (n * Math.log(2 * Math.PI) + logDet + quad);
}

const SERIES: AnnualLogs = {
  years: [2015, 2016, 2017, 2019, 2020, 2023, 2024],
  y: [17.2, 17.9, 17.4, 18.3, 18.1, 18.9, 18.2],
};

describe('Kalman filter likelihood', () => {
  it.each([
    { mu: 0.05, sigmaP: 0.3, sigmaT: 0.2, phi: 0.5 },
    { mu: -0.1, sigmaP: 0.05, sigmaT: 0.6, phi: 0.9 },
    { mu: 0.2, sigmaP: 0.4, sigmaT: 0.3, phi: -0.4 },
    { mu: 0.0, sigmaP: 0.25, sigmaT: 0, phi: 0 },
    { mu: 0.03, sigmaP: 0, sigmaT: 0.5, phi: 0.7 },
  ])('equals the written-out Gaussian likelihood, gaps included: %o', (p) => {
    const kf = kalmanFilter(SERIES, p).logLik;
    expect(Math.abs(kf - bruteForceLogLik(SERIES, p))).toBeLessThan(1e-9 * Math.max(1, Math.abs(kf)));
  });

  it('a missing year is a prediction without an update: the step count is the observed years less one', () => {
    expect(kalmanFilter(SERIES, { mu: 0, sigmaP: 0.2, sigmaT: 0.2, phi: 0.5 }).steps.map((s) => s.year)).toEqual([2016, 2017, 2019, 2020, 2023, 2024]);
  });

  it('a panel grouped by years (one variance recursion per group) has the sum of its histories\' likelihoods', () => {
    const other: AnnualLogs = { years: [2015, 2016, 2018], y: [3.1, 3.5, 2.9] };
    const panel = [SERIES, other, { years: SERIES.years, y: SERIES.y.map((y, i) => y + 0.3 * Math.sin(i)) }];
    const groups = groupByYears(panel);
    expect(groups.map((g) => g.ys.length)).toEqual([2, 1]);
    for (const p of [{ mu: 0.05, sigmaP: 0.3, sigmaT: 0.2, phi: 0.5 }, { mu: 0.03, sigmaP: 0, sigmaT: 0.5, phi: 0.7 }, { mu: 0, sigmaP: 0.25, sigmaT: 0, phi: 0 }]) {
      const sum = panel.reduce((a, h) => a + kalmanFilter(h, p).logLik, 0);
      const shared = groups.reduce((a, g) => a + sharedLogLik(g, p), 0);
      expect(Math.abs(shared - sum)).toBeLessThan(1e-9 * Math.abs(sum));
    }
  });
});
