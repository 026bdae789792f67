/**
 * The flows' correlation matrix: built from the scenario's per-pair rules, repaired to the nearest
 * positive-definite correlation matrix when it is not one, and factored (Cholesky) for the kernel.
 */
import { createRequire } from 'node:module';
import { twoTo } from '../engine/powers-of-two.js';

/** math.js loads slowly (most of a second): only a matrix that needs repair pays for it. */
const eigs = (m: number[][]) => (createRequire(import.meta.url)('mathjs') as typeof import('mathjs')).eigs(m);

/** Row-major n x n. */
export type Matrix = Float64Array;

/**
 * Cholesky factor L (lower, row-major) with L L' = A, or undefined when A is not positive
 * definite. Cost n^3 / 3. Convention as LAPACK dpotrf('L').
 */
export function cholesky(a: Matrix, n: number): Matrix | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) {
        if (!(s > 1e-12)) return undefined;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / (l[j * n + j] as number);
      }
    }
  }
  return l;
}

function toRows(a: Matrix, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
}

/** V diag(max(w, floor)) V' for symmetric a: the projection onto matrices with eigenvalues >= floor. */
function clipEigenvalues(a: Matrix, n: number, floor: number): Matrix {
  const { eigenvectors } = eigs(toRows(a, n)) as unknown as { eigenvectors: Array<{ value: number; vector: number[] }> };
  const out = new Float64Array(n * n);
  for (const { value, vector } of eigenvectors) {
    const w = Math.max(value, floor);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) out[i * n + j] = (out[i * n + j] as number) + w * (vector[i] as number) * (vector[j] as number);
    }
  }
  return out;
}

export interface Repair {
  matrix: Matrix;
  /** Frobenius norm of the change. */
  frobenius: number;
  /** Largest change of one entry. */
  maxChange: number;
  iterations: number;
}

/**
 * Nearest correlation matrix by Higham's alternating projections with Dykstra's correction
 * (Higham 2002, IMA J. Numer. Anal. 22(3)), with eigenvalues kept >= 1e-6 so the result is
 * positive definite, not only semidefinite. Cost O(n^3) per iteration.
 */
export function nearestCorrelation(a: Matrix, n: number, tol = 1e-10, maxIterations = 500): Repair {
  let y = Float64Array.from(a);
  let ds = new Float64Array(n * n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const r = y.map((v, i) => v - (ds[i] as number));
    const x = clipEigenvalues(r, n, 1e-6);
    ds = x.map((v, i) => v - (r[i] as number));
    const next = Float64Array.from(x);
    for (let i = 0; i < n; i++) next[i * n + i] = 1;
    let diff = 0;
    for (let i = 0; i < n * n; i++) diff = Math.max(diff, Math.abs((next[i] as number) - (y[i] as number)));
    y = next;
    if (diff < tol) break;
  }
  // The last unit-diagonal projection can leave a tiny negative eigenvalue: settle it.
  for (let attempt = 0; attempt < 20 && !cholesky(y, n); attempt++) {
    const x = clipEigenvalues(y, n, 1e-6 * twoTo(attempt));
    const d = Array.from({ length: n }, (_, i) => Math.sqrt(x[i * n + i] as number));
    y = x.map((v, k) => v / ((d[Math.floor(k / n)] as number) * (d[k % n] as number)));
  }
  let frobenius = 0, maxChange = 0;
  for (let i = 0; i < n * n; i++) {
    const d = Math.abs((y[i] as number) - (a[i] as number));
    frobenius += d * d;
    maxChange = Math.max(maxChange, d);
  }
  return { matrix: y, frobenius: Math.sqrt(frobenius), maxChange, iterations };
}
