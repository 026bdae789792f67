/**
 * Estimates from the sums the sensitivity kinds keep (engine/kinds/sobol.ts, swing.ts), with
 * their Monte Carlo intervals. Pure functions of sums.
 *
 * Sobol indices: with means m of Z = (a, b, a², b², u, w) over N paths, the output's variance is
 * V = (m_a² + m_b²) / 2 - ((m_a + m_b) / 2)² (A and B pooled), the first-order index S = m_u / V
 * (Saltelli et al. 2010) and the total index T = m_w / V (Jansen 1999). Their 95% intervals come
 * from the delta method: var(g(m)) ≈ ∇g' Σ ∇g / N with Σ the covariance of Z on one path.
 */
import { Z95 } from '../../results/statistics.js';
import { MOMENTS, RANK_SUMS, Z_SIZE } from '../../engine/kinds/sobol.js';
import { atanh, tanh } from '../../engine/hyperbolic.js';

export interface Interval {
  value: number;
  low: number;
  high: number;
}

const interval = (value: number, se: number): Interval => ({ value: value + 0, low: value - Z95 * se + 0, high: value + Z95 * se + 0 });

/** Means and covariance of Z from the sums at `at` (layout: sobol.ts MOMENTS). */
function meanAndCovariance(sums: Float64Array, at: number, n: number): { mean: number[]; cov: number[][] } {
  const mean = Array.from({ length: Z_SIZE }, (_, r) => (sums[at + r] as number) / n);
  const cov = mean.map(() => new Array<number>(Z_SIZE).fill(0));
  let q = at + Z_SIZE;
  for (let r = 0; r < Z_SIZE; r++) {
    for (let s = r; s < Z_SIZE; s++) {
      const c = (sums[q++] as number) / n - (mean[r] as number) * (mean[s] as number);
      (cov[r] as number[])[s] = c;
      (cov[s] as number[])[r] = c;
    }
  }
  return { mean, cov };
}

const quadratic = (g: number[], cov: number[][]) =>
  g.reduce((acc, gr, r) => acc + gr * g.reduce((a2, gs, s) => a2 + gs * ((cov[r] as number[])[s] as number), 0), 0);

export interface SobolEstimate {
  /** The output's variance (pooled over A and B). */
  variance: number;
  first: Interval;
  total: Interval;
  /** The first-order index's standard error (delta method). */
  firstSe: number;
}

/**
 * First-order and total indices from one (output, input) block of sums; null when the output
 * does not vary (then no share of its variance can be attributed).
 *
 * `binary`: the output is 0 or 1 on a path (P(reached)), so u is -1, 0 or 1 and w is 0 or 1/2. A
 * rare event leaves few paths where u is not 0, and none at all is common (u needs B's path to
 * reach as well as the re-keyed one to differ): the delta method then gives a standard error of 0,
 * an interval [0, 0] that claims to know what the paths cannot tell. So, as the precision rule and
 * the tornado do, each is made cautious with one pseudo-path: its standard error is at least the
 * one a single telling path in n + 2 would give, √(p (1 - p) / n) / V with p = 1 / (n + 2) (halved
 * for w). With a few telling paths the delta method's is larger. An input that changed no path
 * (w = 0 everywhere) keeps its exact 0.
 */
export function sobolEstimate(sums: Float64Array, at: number, n: number, binary = false): SobolEstimate | null {
  const { mean, cov } = meanAndCovariance(sums, at, n);
  const [ma, mb, maa, mbb, mu, mw] = mean as [number, number, number, number, number, number];
  const half = (ma + mb) / 2;
  const V = (maa + mbb) / 2 - half * half;
  const scale = Math.max(maa, mbb, 1e-300);
  if (!(V > 1e-12 * scale)) return null;
  const dV = [-half, -half, 0.5, 0.5, 0, 0];
  const grad = (k: number, mk: number) => dV.map((dv, r) => (r === k ? 1 / V : 0) - (mk / (V * V)) * dv);
  const se = (g: number[]) => Math.sqrt(Math.max(0, quadratic(g, cov)) / n);
  let firstSe = se(grad(4, mu));
  let totalSe = se(grad(5, mw));
  if (binary && mw > 0) {
    const p = 1 / (n + 2);
    const onePath = Math.sqrt((p * (1 - p)) / n) / V;
    firstSe = Math.max(firstSe, onePath);
    totalSe = Math.max(totalSe, onePath / 2);
  }
  return {
    variance: V,
    firstSe,
    first: interval(mu / V, firstSe),
    total: interval(mw / V, totalSe),
  };
}


/** Offset of the sums of (output o, input i) in the sobol kind's `moments`; i = d: the sum over inputs. */
export const momentsAt = (o: number, i: number, d: number) => (o * (d + 1) + i) * MOMENTS;

export interface Swing {
  /** Mean of the output at the low and the high setting. */
  low: number;
  high: number;
  /** Paired standard error of high - low: sqrt(var(d) / N). */
  se: number;
}

/** The swing from one (output, pair) block of the swing kind's sums (low, high, d, d²). */
export function swingEstimate(sums: Float64Array, at: number, n: number): Swing {
  const lo = (sums[at] as number) / n, hi = (sums[at + 1] as number) / n;
  const md = (sums[at + 2] as number) / n;
  const vd = Math.max(0, (sums[at + 3] as number) / n - md * md);
  return { low: lo + 0, high: hi + 0, se: Math.sqrt(vd / n) };
}

/**
 * Pearson correlation of an output with a parameter's rank F(x) on the same path, with a 95%
 * interval by Fisher's z; null when either does not vary. `at` is the output's block in the sobol
 * kind's `ranks` (f, f², then per parameter r, r², r f).
 */
export function rankCorrelation(sums: Float64Array, at: number, j: number, n: number): Interval | null {
  const mf = (sums[at] as number) / n;
  const vf = (sums[at + 1] as number) / n - mf * mf;
  const k = at + 2 + RANK_SUMS * j;
  const mr = (sums[k] as number) / n;
  const vr = (sums[k + 1] as number) / n - mr * mr;
  const cfr = (sums[k + 2] as number) / n - mf * mr;
  if (!(vf > 1e-12 * Math.max(1e-300, (sums[at + 1] as number) / n)) || !(vr > 0)) return null;
  const r = Math.max(-1, Math.min(1, cfr / Math.sqrt(vf * vr)));
  if (n <= 3 || Math.abs(r) === 1) return { value: r, low: r, high: r };
  const zr = atanh(r), h = Z95 / Math.sqrt(n - 3);
  return { value: r + 0, low: tanh(zr - h), high: tanh(zr + h) };
}
