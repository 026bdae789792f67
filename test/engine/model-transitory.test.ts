/**
 * Issue 11, items 1 and 2: the transitory AR(1) part, jumps, the permanent share, and `growth` as
 * the mean growth, against closed forms (src/engine/kernel/transitory.ts states the equations).
 * Per-path values come from the simulator's step totals (one flow: the total is its value).
 * Tolerances: 4 Monte Carlo standard errors of the statistic tested.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK, CHUNK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { prepareScenario } from '../../src/project.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

let fileNo = 0;
/** ln V at steps `ks` of `paths` paths, per step: out[j][path]. */
function logValues(yaml: string, paths: number, ks: number[], seed = 5): Float64Array[] {
  const plan = prepareScenario(dir.file(`t${fileNo++}.yaml`, yaml)).compiled.plan;
  const sim = new ChunkSimulator(plan);
  const out = ks.map(() => new Float64Array(paths));
  for (let c = 0; c * CHUNK < paths; c++) {
    sim.simulateChunk(seed, c, Math.min(CHUNK, paths - c * CHUNK), (b) => {
      ks.forEach((k, j) => { for (let p = 0; p < b.n; p++) out[j]![b.firstPath + p] = Math.log(b.stepTotal[k * BLOCK + p] as number); });
    });
  }
  return out;
}

const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
const variance = (a: Float64Array) => { const m = mean(a); return a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1); };

const scenario = (stepsPerYear: number, flow: string, horizon = 12) => `
name: transitory
start: 2026-01
horizon: ${horizon}
stepsPerYear: ${stepsPerYear}
target: { value: 1B, year: 2027 }
flows:
  grain:
    KZ>PK: ${flow}
`;

describe('the transitory AR(1) part', () => {
  for (const spy of [1, 12]) {
    it(`has the stationary variance sigma^2 / (1 - phi^2) of its discrete form (stepsPerYear ${spy})`, () => {
      const sigma = 0.5, phi = 0.4, N = 20_000;
      // Far from the start (10 years: phi^(2*10) ~ 1e-8), u is stationary; nothing else moves ln V.
      const k = 10 * spy - 1;
      const [lv] = logValues(scenario(spy, `{ base: 50M, growth: 0, volatility: 0, transitoryVolatility: ${sigma}, persistence: ${phi} }`), N, [k]);
      // Per step: phi_dt = phi^dt, s_dt^2 = sigma^2 (1 - phi^(2 dt)) / (1 - phi^2); stationary variance s_dt^2 / (1 - phi_dt^2).
      const dt = 1 / spy, phiDt = phi ** dt, s2 = sigma ** 2 * (1 - phi ** (2 * dt)) / (1 - phi ** 2);
      const stationary = s2 / (1 - phiDt ** 2);
      expect(stationary).toBeCloseTo(sigma ** 2 / (1 - phi ** 2), 12);
      // SE of a normal sample variance: v sqrt(2 / (N - 1)).
      expect(Math.abs(variance(lv!) - stationary)).toBeLessThan(4 * stationary * Math.sqrt(2 / (N - 1)));
    });
  }

  it('has autocorrelation phi one year apart', () => {
    const sigma = 0.5, phi = 0.6, N = 20_000;
    const [a, b] = logValues(scenario(12, `{ base: 50M, growth: 0, volatility: 0, transitoryVolatility: ${sigma}, persistence: ${phi} }`), N, [95, 107]);
    const ma = mean(a!), mb = mean(b!);
    let cov = 0;
    for (let p = 0; p < N; p++) cov += ((a![p] as number) - ma) * ((b![p] as number) - mb);
    const r = cov / (N - 1) / Math.sqrt(variance(a!) * variance(b!));
    // SE of a correlation coefficient: (1 - r^2) / sqrt(N).
    expect(Math.abs(r - phi)).toBeLessThan(4 * (1 - phi * phi) / Math.sqrt(N));
  });

  it('keeps growth the mean growth: E[V(t)] = base e^(g t) with a transitory part, and the median below it by the variances', () => {
    const g = 0.1, s = 0.3, sigma = 0.4, phi = 0.5, base = 50e6, N = 40_000;
    const [lv] = logValues(scenario(1, `{ base: ${base}, growth: ${g}, volatility: ${s}, transitoryVolatility: ${sigma}, persistence: ${phi} }`, 5), N, [4]);
    const t = 5;
    const vu = sigma ** 2 * (1 - phi ** (2 * t)) / (1 - phi ** 2); // the Gaussian part of u after t annual steps
    const totalVar = s * s * t + vu;
    const expected = base * Math.exp(g * t);
    const values = lv!.map(Math.exp);
    const sd = expected * Math.sqrt(Math.exp(totalVar) - 1);
    expect(Math.abs(mean(values) - expected)).toBeLessThan(4 * sd / Math.sqrt(N));
    // ln V ~ Normal(ln base + (g - s^2/2) t - vu / 2, s^2 t + vu)
    const mu = Math.log(base) + (g - s * s / 2) * t - vu / 2;
    expect(Math.abs(mean(lv!) - mu)).toBeLessThan(4 * Math.sqrt(totalVar / N));
  });

  it('starts from the base with a permanent share: the deviation -ln(share) decays at phi', () => {
    const share = 0.25, phi = 0.5, base = 100e6, N = 2_000;
    // No randomness at all: ln V(t) = ln(share base) + phi^t (-ln share), exactly, at every annual step.
    const lv = logValues(scenario(1, `{ base: ${base}, growth: 0, volatility: 0, permanentShare: ${share}, persistence: ${phi} }`, 4), N, [0, 1, 2, 3]);
    lv.forEach((a, k) => {
      const want = Math.log(share * base) - phi ** (k + 1) * Math.log(share);
      for (const x of a) expect(x).toBeCloseTo(want, 10);
    });
  });
});

describe('jumps', () => {
  it('have the mean of a compound Poisson process: E[sum of jumps by t] = rate t jumpMean, var = rate t (mean^2 + sd^2)', () => {
    const rate = 0.8, jm = 0.3, js = 0.2, N = 20_000;
    // persistence 1: jumps accumulate (u is a random walk of jumps), nothing else moves ln V.
    const lv = logValues(scenario(12, `{ base: 10M, growth: 0, volatility: 0, jumpsPerYear: ${rate}, jumpMean: ${jm}, jumpSd: ${js}, persistence: 1 }`, 3), N, [11, 35]);
    [1, 3].forEach((t, j) => {
      const jumps = lv[j]!.map((x) => x - Math.log(10e6));
      const m = rate * t * jm, v = rate * t * (jm * jm + js * js);
      expect(Math.abs(mean(jumps) - m)).toBeLessThan(4 * Math.sqrt(v / N));
      expect(Math.abs(variance(jumps) - v)).toBeLessThan(0.1 * v);
    });
  });
});

describe('neutral transitory parameters', () => {
  it('give geometric Brownian motion: permanent share 1 and no transitory volatility, through the transitory loop', () => {
    const gbm = `{ base: 10M, growth: 0.1, volatility: 0.4 }`;
    const [a] = logValues(scenario(12, gbm, 2), 3000, [23]);
    const [b] = logValues(scenario(12, `{ base: 10M, growth: 0.1, volatility: 0.4, permanentShare: 1, persistence: 0.5 }`, 2), 3000, [23]);
    for (let p = 0; p < 3000; p++) expect(b![p]).toBeCloseTo(a![p] as number, 12);
  });
});
