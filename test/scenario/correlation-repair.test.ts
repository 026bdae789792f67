/**
 * The correlation matrix: Cholesky against its definition, and the repair of a matrix that is not
 * positive definite against Higham's (2002) published example.
 */
import { describe, expect, it } from 'vitest';
import { cholesky, nearestCorrelation } from '../../src/scenario/correlation.js';
import { prepareScenario } from '../../src/project.js';
import { TempDir } from '../helpers/scenario-files.js';
import { afterAll } from 'vitest';

const dir = new TempDir();
afterAll(() => dir.remove());

function multiplyLLt(l: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += (l[i * n + k] as number) * (l[j * n + k] as number);
    out[i * n + j] = s;
  }
  return out;
}

describe('cholesky', () => {
  it('L L\' reproduces a positive-definite matrix, and L is lower triangular', () => {
    const a = Float64Array.of(4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3);
    const l = cholesky(a, 3)!;
    expect(l[1]).toBe(0);
    expect(l[2]).toBe(0);
    expect(l[5]).toBe(0);
    multiplyLLt(l, 3).forEach((v, i) => expect(v).toBeCloseTo(a[i] as number, 14));
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(cholesky(Float64Array.of(1, 1, 0, 1, 1, 1, 0, 1, 1), 3)).toBeUndefined();
  });
});

describe('nearest correlation matrix', () => {
  it('matches Higham (2002), section 4 example: A = [1 1 0; 1 1 1; 0 1 1]', () => {
    // Higham, IMA J. Numer. Anal. 22(3), 2002: the nearest correlation matrix has off-diagonal
    // entries 0.7607 (neighbours) and 0.1573 (corners), to the 4 digits printed.
    const r = nearestCorrelation(Float64Array.of(1, 1, 0, 1, 1, 1, 0, 1, 1), 3);
    const x = r.matrix;
    expect(x[1]).toBeCloseTo(0.7607, 3);
    expect(x[5]).toBeCloseTo(0.7607, 3);
    expect(x[2]).toBeCloseTo(0.1573, 3);
    for (let i = 0; i < 3; i++) expect(x[i * 4]).toBe(1);
    expect(cholesky(x, 3)).toBeDefined();
    expect(r.maxChange).toBeCloseTo(0.2393, 3);
  });

  it('a scenario whose rules give a matrix that is not positive definite is repaired, with a warning that says how far', () => {
    const f = dir.file('bad-corr.yaml', `
name: badcorr
start: 2026-01
horizon: 2
target: { value: 1B, year: 2027 }
defaults: { growth: 0.1, volatility: 0.3 }
flows:
  a: { PK>KZ: { base: 10M }, KZ>PK: { base: 10M } }
  b: { PK>KZ: { base: 10M }, KZ>PK: { base: 10M } }
correlation: { sameSector: 0.9, sameDirection: 0.9, otherwise: -0.9 }
`);
    const prep = prepareScenario(f);
    expect(prep.compiled.warnings).toHaveLength(1);
    expect(prep.compiled.warnings[0]).toMatch(/not positive definite; repaired .* Frobenius distance \d+\.\d{4}, largest change of one entry \d+\.\d{4}/);
    const l = prep.compiled.plan.cholesky!;
    const r = multiplyLLt(l, 4);
    for (let i = 0; i < 4; i++) expect(r[i * 5]).toBeCloseTo(1, 6);
  });
});
