/**
 * Minimisation without derivatives (Nelder-Mead) and the numerical Hessian at a minimum, for
 * likelihoods of a few parameters.
 */

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

/**
 * Nelder & Mead (1965) with the standard coefficients (reflection 1, expansion 2, contraction
 * 1/2, shrink 1/2), from a simplex of steps `step` around x0; stops when the simplex's values
 * agree to `tolerance` (absolute) or after `maxEvaluations`.
 */
export function nelderMead(f: (x: number[]) => number, x0: readonly number[], options: { step?: number; tolerance?: number; maxEvaluations?: number } = {}): Minimum {
  const n = x0.length;
  const step = options.step ?? 0.5;
  const tolerance = options.tolerance ?? 1e-10;
  const maxEvaluations = options.maxEvaluations ?? 4000;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations += 1;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let simplex = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i] = (x[i] as number) + step;
    simplex.push(x);
  }
  let values = simplex.map(value);
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * ((b[i] as number) - ai));
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    simplex = order.map((i) => simplex[i] as number[]);
    values = order.map((i) => values[i] as number);
    const best = values[0] as number;
    const worst = values[n] as number;
    if (Math.abs(worst - best) <= tolerance && Number.isFinite(best)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d]! += (simplex[i]![d] as number) / n;
    const reflected = combine(centroid, simplex[n]!, -1);
    const fr = value(reflected);
    if (fr < best) {
      const expanded = combine(centroid, simplex[n]!, -2);
      const fe = value(expanded);
      simplex[n] = fe < fr ? expanded : reflected;
      values[n] = Math.min(fe, fr);
    } else if (fr < (values[n - 1] as number)) {
      simplex[n] = reflected;
      values[n] = fr;
    } else {
      const outside = fr < worst;
      const contracted = combine(centroid, outside ? reflected : simplex[n]!, 0.5);
      const fc = value(contracted);
      if (fc < (outside ? fr : worst)) {
        simplex[n] = contracted;
        values[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = combine(simplex[0]!, simplex[i]!, 0.5);
          values[i] = value(simplex[i]!);
        }
      }
    }
  }
  const i = values.indexOf(Math.min(...values));
  return { x: simplex[i]!, value: values[i] as number, evaluations };
}

/** The Hessian of f at x by central differences with steps h (one per coordinate). */
export function numericalHessian(f: (x: number[]) => number, x: readonly number[], h: readonly number[]): number[][] {
  const n = x.length;
  const at = (di: number, si: number, dj: number, sj: number) => {
    const y = x.slice();
    y[di] = (y[di] as number) + si * (h[di] as number);
    y[dj] = (y[dj] as number) + sj * (h[dj] as number);
    return f(y);
  };
  const f0 = f(x.slice());
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const hi = h[i] as number;
    const plus = x.slice();
    plus[i] = (plus[i] as number) + hi;
    const minus = x.slice();
    minus[i] = (minus[i] as number) - hi;
    H[i]![i] = (f(plus) - 2 * f0 + f(minus)) / (hi * hi);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * hi * (h[j] as number));
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  return H;
}

/** The inverse of a symmetric positive definite matrix by Cholesky, or undefined when it is not. */
export function invertSpd(a: readonly (readonly number[])[]): number[][] | undefined {
  const n = a.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j] as number;
      for (let k = 0; k < j; k++) s -= (L[i]![k] as number) * (L[j]![k] as number);
      if (i === j) {
        if (!(s > 0)) return undefined;
        L[i]![i] = Math.sqrt(s);
      } else {
        L[i]![j] = s / (L[j]![j] as number);
      }
    }
  }
  // inverse = L^-T L^-1: solve column by column.
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let col = 0; col < n; col++) {
    const z = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = i === col ? 1 : 0;
      for (let k = 0; k < i; k++) s -= (L[i]![k] as number) * (z[k] as number);
      z[i] = s / (L[i]![i] as number);
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = z[i] as number;
      for (let k = i + 1; k < n; k++) s -= (L[k]![i] as number) * (inv[k]![col] as number);
      inv[i]![col] = s / (L[i]![i] as number);
    }
  }
  return inv;
}
