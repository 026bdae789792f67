/**
 * Profile-likelihood intervals: for one parameter psi, the set where
 *   D(psi) = 2 (maxLL - max over the other parameters of LL)  <=  chi-square(1) quantile = z^2,
 * found end by end by root finding on the signed root sqrt(D(psi)), which is close to linear in
 * psi, so the regula falsi (Illinois) on it converges in a few steps. Each inner maximisation
 * starts from the other parameters' maximiser at the nearest psi already profiled (at first the
 * full optimum). An end that the search reaches with D still below z^2 is the parameter's bound
 * and is reported as such.
 */
import { nelderMead } from './optimize.js';

export interface ProfileProblem {
  /** The parameter's value at the maximum, and the other parameters' maximiser there. */
  at: number;
  nuisance: readonly number[];
  /**
   * Other starts for every inner maximisation: the nuisance parts of the full model's other local
   * maxima. The likelihood can have two ridges (a persistent transitory part, or none and more
   * permanent variance), and a profile that follows one of them from the optimum misses where the
   * other rises above it.
   */
  otherStarts: readonly (readonly number[])[];
  maxLogLik: number;
  /** The log-likelihood at psi with the others at `nuisance` (clamped as the caller needs). */
  logLik: (psi: number, nuisance: readonly number[]) => number;
  lo: number;
  hi: number;
  /** First step out from `at`: the Wald half-width on the natural scale, when finite. */
  step: number;
}

export interface ProfileEnd {
  value: number;
  /** The search reached the parameter's bound (or, unbounded, gave up) with D still below z^2. */
  atBound: boolean;
}

/** How close sqrt(D) must come to z; the end is then within about 0.005 standard errors. */
const ROOT_TOLERANCE = 5e-3;
const MAX_DOUBLINGS = 40;
const MAX_ROOT_STEPS = 30;

export function profileInterval(problem: ProfileProblem, z: number): { lower: ProfileEnd; upper: ProfileEnd } {
  const known: Array<{ psi: number; nuisance: readonly number[] }> = [{ psi: problem.at, nuisance: problem.nuisance }];
  const signedRoot = (psi: number): number => {
    let nearest = known[0]!;
    for (const k of known) if (Math.abs(k.psi - psi) < Math.abs(nearest.psi - psi)) nearest = k;
    const f = (x: number[]) => -problem.logLik(psi, x);
    let m = nelderMead(f, nearest.nuisance, { step: 0.1, tolerance: 1e-9 });
    for (const start of problem.otherStarts) {
      const other = nelderMead(f, start, { step: 0.1, tolerance: 1e-9 });
      if (other.value < m.value) m = other;
    }
    m = nelderMead(f, m.x, { step: 0.02, tolerance: 1e-10 });
    known.push({ psi, nuisance: m.x });
    return Math.sqrt(Math.max(0, 2 * (problem.maxLogLik + m.value)));
  };
  const end = (direction: 1 | -1): ProfileEnd => {
    const bound = direction > 0 ? problem.hi : problem.lo;
    let a = problem.at;
    let ra = 0;
    let step = Number.isFinite(problem.step) && problem.step > 0 ? problem.step : 0.1 * Math.max(1e-2, Math.abs(problem.at));
    for (let i = 0; i < MAX_DOUBLINGS; i++, step *= 2) {
      const b = direction > 0 ? Math.min(a + step, bound) : Math.max(a - step, bound);
      if (b === a) return { value: bound, atBound: true };
      const rb = signedRoot(b);
      if (rb >= z) return { value: root(a, ra, b, rb), atBound: false };
      if (b === bound) return { value: bound, atBound: true };
      a = b;
      ra = rb;
    }
    return { value: direction * Infinity, atBound: true };
  };
  // Illinois regula falsi on sqrt(D) - z, bracketed by ra < z <= rb.
  const root = (a: number, ra: number, b: number, rb: number): number => {
    let fa = ra - z;
    let fb = rb - z;
    let side = 0;
    for (let i = 0; i < MAX_ROOT_STEPS; i++) {
      const c = b - (fb * (b - a)) / (fb - fa);
      const fc = signedRoot(c) - z;
      if (Math.abs(fc) < ROOT_TOLERANCE) return c;
      if (fc > 0) {
        b = c;
        fb = fc;
        if (side === 1) fa /= 2;
        side = 1;
      } else {
        a = c;
        fa = fc;
        if (side === -1) fb /= 2;
        side = -1;
      }
    }
    return b - (fb * (b - a)) / (fb - fa);
  };
  return { lower: end(-1), upper: end(1) };
}
