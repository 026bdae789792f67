/**
 * The profile-likelihood interval (src/calibrate/profile.ts) on log-likelihoods whose profile is
 * known in closed form: LL(psi, x) = -(psi - 1)^2 / (2 * 0.2^2) - (x0 - 2 psi)^2 - (x1 + psi)^2 / 2
 * has its maximum over x at x0 = 2 psi, x1 = -psi, so the profile is the first term and the
 * interval 1 -+ z 0.2 exactly; a bound inside that range is reported as reached.
 */
import { describe, expect, it } from 'vitest';
import { profileInterval, type ProfileProblem } from '../../src/calibrate/profile.js';

const Z90 = 1.6448536269514722;
const quadratic = (psi: number, x: readonly number[]) => -((psi - 1) ** 2) / (2 * 0.04) - (x[0]! - 2 * psi) ** 2 - (x[1]! + psi) ** 2 / 2;
const problem = (over: Partial<ProfileProblem> = {}): ProfileProblem => ({ at: 1, nuisance: [2, -1], otherStarts: [], maxLogLik: 0, logLik: quadratic, lo: -Infinity, hi: Infinity, step: 0.1, ...over });

describe('profile-likelihood interval', () => {
  it('finds the ends where 2 (maxLL - profile) = z^2, the nuisance maximised from a warm start', () => {
    const { lower, upper } = profileInterval(problem(), Z90);
    expect(lower.value).toBeCloseTo(1 - Z90 * 0.2, 3);
    expect(upper.value).toBeCloseTo(1 + Z90 * 0.2, 3);
    expect([lower.atBound, upper.atBound]).toEqual([false, false]);
  });

  it('reports an end at the bound when the likelihood does not exclude it, from a first step too small or too large', () => {
    for (const step of [0.01, 5]) {
      const { lower, upper } = profileInterval(problem({ lo: 0.9, hi: 3, step }), Z90);
      expect(lower).toEqual({ value: 0.9, atBound: true });
      expect(upper.atBound).toBe(false);
      expect(upper.value).toBeCloseTo(1 + Z90 * 0.2, 3);
    }
  });

  it('follows the higher of two ridges: a second local maximum of the nuisance, given as another start, is taken where it rises above the first', () => {
    // From psi = 1.29 (where both profiles are -1.05, inside the interval) a second ridge at x0 = -5
    // rises above the first; warm starts alone follow the first.
    const twoRidges = (psi: number, x: readonly number[]) => Math.max(quadratic(psi, x), -((psi - 1.5) ** 2) / (2 * 0.04) - 0.5 - (x[0]! + 5) ** 2 - (x[1]! + psi) ** 2 / 2);
    const alone = profileInterval(problem({ logLik: twoRidges }), Z90);
    const both = profileInterval(problem({ logLik: twoRidges, otherStarts: [[-5, -1.5]] }), Z90);
    expect(alone.upper.value).toBeCloseTo(1 + Z90 * 0.2, 3);
    // The second ridge's profile -(psi - 1.5)^2 / 0.08 - 0.5 crosses -z^2 / 2 = -1.353 at 1.5 + 0.2 sqrt(2 (1.353 - 0.5)).
    // To the root finder's tolerance, 0.005 in sqrt(D), whose slope is about 4 there.
    expect(both.upper.value).toBeCloseTo(1.5 + 0.2 * Math.sqrt(2 * (Z90 ** 2 / 2 - 0.5)), 2);
  });
});
