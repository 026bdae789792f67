/**
 * The engine's histories (engine-histories.ts: one flow, one step a year, after the burn-in) are
 * the calibration's state-space model with mu = g - s^2/2, sigmaP = s, sigmaT = sigma, phi = phi.
 * Checked on the year-on-year changes d = Delta ln V, whose closed forms under that model are
 *   E d = mu,  Var d = sigmaP^2 + 2 V (1 - phi),  Cov(d_t, d_t+k) = -V phi^(k-1) (1 - phi)^2 (k >= 1),
 * V = sigmaT^2 / (1 - phi^2) the transitory part's stationary variance. One triple of changes per
 * path, so the paths are independent; tolerance 4 Monte Carlo standard errors, each estimated
 * from the sample itself (the sd of the per-path products over sqrt(N)).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelParams } from '../../src/calibrate/kalman.js';
import { TempDir } from '../helpers/scenario-files.js';
import { engineHistories } from './engine-histories.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
/** The sample covariance of x and y and its standard error. */
function covariance(x: number[], y: number[]): { value: number; se: number } {
  const mx = mean(x), my = mean(y);
  const prod = x.map((xi, i) => (xi - mx) * (y[i]! - my));
  const value = mean(prod);
  const sd = Math.sqrt(prod.reduce((s, p) => s + (p - value) ** 2, 0) / (prod.length - 1));
  return { value, se: sd / Math.sqrt(prod.length) };
}

describe('engine-generated histories', () => {
  it.each([
    { mu: 0.05, sigmaP: 0.2, sigmaT: 0.3, phi: 0.3 },
    { mu: -0.02, sigmaP: 0.1, sigmaT: 0.4, phi: 0.5 },
  ])('follow the calibration model: mean, variance and autocovariances of the changes (%o)', (truth: ModelParams) => {
    const N = 20_000;
    const hs = engineHistories(dir, truth, 4, N, 11);
    const d = [0, 1, 2].map((j) => hs.map((h) => h.y[j + 1]! - h.y[j]!));
    const [d0, d1, d2] = d as [number[], number[], number[]];
    const V = truth.sigmaT ** 2 / (1 - truth.phi ** 2);
    const varD = truth.sigmaP ** 2 + 2 * V * (1 - truth.phi);
    expect(Math.abs(mean(d0) - truth.mu)).toBeLessThan(4 * Math.sqrt(varD / N));
    const c0 = covariance(d0, d0), c1 = covariance(d0, d1), c2 = covariance(d0, d2);
    expect(Math.abs(c0.value - varD)).toBeLessThan(4 * c0.se);
    expect(Math.abs(c1.value + V * (1 - truth.phi) ** 2)).toBeLessThan(4 * c1.se);
    expect(Math.abs(c2.value + V * truth.phi * (1 - truth.phi) ** 2)).toBeLessThan(4 * c2.se);
    // The lag-1 covariance is what tells transitory from permanent shocks: it is far from 0 here.
    expect(V * (1 - truth.phi) ** 2).toBeGreaterThan(10 * c1.se);
  });
});
