/**
 * Issue 11, item 6 (agreements): agreements that share a political factor are implemented
 * together more often than independent ones. Each decides by a latent normal with correlation rho
 * to the other; with probability 1/2 each, P(both) = 1/4 + asin(rho) / (2 pi) (the bivariate normal
 * orthant probability, Sheppard's formula), and each alone keeps its probability.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK, CHUNK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { prepareScenario } from '../../src/project.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

function implemented(factor: string, N: number): { a: number; b: number; both: number } {
  const plan = prepareScenario(dir.file(`p${factor.length}.yaml`, `
name: political
start: 2026-01
horizon: 2
target: { value: 1B, year: 2027 }
defaults: { elasticity: 5, adjustmentHalfLife: 0, tariff: 0.1 }
flows:
  textiles: { PK>KZ: { base: 10M, growth: 0, volatility: 0 } }
  grain: { KZ>PK: { base: 20M, growth: 0, volatility: 0 } }
${factor}
agreements:
  pta-textiles: { probability: 0.5, delay: 0, effects: [{ sectors: [textiles], tariff: { set: 0 } }]${factor ? ', politicalFactor: relations' : ''} }
  pta-grain: { probability: 0.5, delay: 0, effects: [{ sectors: [grain], tariff: { set: 0 } }]${factor ? ', politicalFactor: relations' : ''} }
`)).compiled.plan;
  const sim = new ChunkSimulator(plan);
  const lift = 1.1 ** 5;
  const count = { a: 0, b: 0, both: 0 };
  for (let c = 0; c * CHUNK < N; c++) {
    sim.simulateChunk(4, c, Math.min(CHUNK, N - c * CHUNK), (blk) => {
      for (let p = 0; p < blk.n; p++) {
        const t = blk.stepTotal[0 * BLOCK + p] as number;
        const inA = Math.abs(t - 10e6 * lift - 20e6) < 1 || Math.abs(t - 30e6 * lift) < 1;
        const inB = Math.abs(t - 10e6 - 20e6 * lift) < 1 || Math.abs(t - 30e6 * lift) < 1;
        if (!inA && !inB) expect(t).toBeCloseTo(30e6, 0);
        if (inA) count.a++;
        if (inB) count.b++;
        if (inA && inB) count.both++;
      }
    });
  }
  return count;
}

describe('a political factor shared by two agreements', () => {
  const N = 20_000;
  for (const rho of [0, 0.6]) {
    it(`gives P(both implemented) = 1/4 + asin(rho) / (2 pi) with rho ${rho}, and keeps each one's probability`, () => {
      const { a, b, both } = implemented(`politicalFactors:\n  relations: { correlation: ${rho}, assumption: test }`, N);
      const pBoth = 0.25 + Math.asin(rho) / (2 * Math.PI);
      expect(Math.abs(both / N - pBoth)).toBeLessThan(4 * Math.sqrt(pBoth * (1 - pBoth) / N));
      for (const x of [a, b]) expect(Math.abs(x / N - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / N));
    });
  }
});
