/**
 * Sobol intervals of a binary output (P(reached)) when few paths tell: the delta method alone gives
 * a standard error of 0 where u = b (c - a) is 0 on every path, an interval [0, 0] for an index the
 * paths cannot pin down. indices.ts makes it cautious with one pseudo-path; an input that changed
 * no path keeps its exact 0.
 */
import { describe, expect, it } from 'vitest';
import { MOMENTS, Z_SIZE } from '../../src/engine/kinds/sobol.js';
import { sobolEstimate } from '../../src/studies/sensitivity/indices.js';

/** The sums sobol.ts keeps, from per-path (a, b, c): Z = (a, b, a², b², u, w), then Σ Z_r Z_s (r <= s). */
function sums(paths: Array<[number, number, number]>): Float64Array {
  const out = new Float64Array(MOMENTS);
  for (const [a, b, c] of paths) {
    const z = [a, b, a * a, b * b, b * (c - a), ((a - c) * (a - c)) / 2];
    let q = Z_SIZE;
    for (let r = 0; r < Z_SIZE; r++) {
      out[r] = (out[r] as number) + (z[r] as number);
      for (let s = r; s < Z_SIZE; s++) out[q++] = (out[q - 1] as number) + (z[r] as number) * (z[s] as number);
    }
  }
  return out;
}

/** n paths: `reachA` reach under A only (c = 0), `reachB` under B only; the rest reach nowhere. */
function rare(n: number, reachA: number, reachB: number, changedAlone: number): Array<[number, number, number]> {
  const p: Array<[number, number, number]> = [];
  for (let i = 0; i < reachA; i++) p.push([1, 0, i < changedAlone ? 0 : 1]);
  for (let i = 0; i < reachB; i++) p.push([0, 1, 0]);
  while (p.length < n) p.push([0, 0, 0]);
  return p;
}

describe('Sobol indices of a binary output', () => {
  it('u = 0 on every path but some paths changed: the first-order interval is not [0, 0]', () => {
    const n = 4096;
    const est = sobolEstimate(sums(rare(n, 8, 8, 3)), 0, n, true)!;
    expect(est.first.value).toBe(0);
    expect(est.first.high).toBeGreaterThan(0);
    // One pseudo-path in n + 2: about 1.96 sqrt(1 / n) / V wide each way.
    const V = est.variance;
    expect(est.firstSe).toBeCloseTo(Math.sqrt((1 / (n + 2)) * (1 - 1 / (n + 2)) / n) / V, 12);
    // The same sums read as a continuous output keep the delta method's 0, which is what was wrong.
    expect(sobolEstimate(sums(rare(n, 8, 8, 3)), 0, n, false)!.firstSe).toBe(0);
  });

  it('an input that changed no path keeps its exact 0 and interval [0, 0]', () => {
    const n = 4096;
    const est = sobolEstimate(sums(rare(n, 8, 8, 0)), 0, n, true)!;
    expect(est.first).toEqual({ value: 0, low: 0, high: 0 });
    expect(est.total).toEqual({ value: 0, low: 0, high: 0 });
  });

  it('many telling paths: the delta method stands (the floor is below it)', () => {
    const n = 4000;
    const paths: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++) {
      const a = i % 3 === 0 ? 1 : 0, b = i % 5 < 2 ? 1 : 0;
      paths.push([a, b, i % 7 < 3 ? b : a]);
    }
    const s = sums(paths);
    const cautious = sobolEstimate(s, 0, n, true)!, plain = sobolEstimate(s, 0, n, false)!;
    expect(cautious.firstSe).toBe(plain.firstSe);
    expect(cautious.total).toEqual(plain.total);
  });
});
