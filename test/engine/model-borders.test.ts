/**
 * Issue 11, item 6: corridors across one border share its disruption chain. Two corridors, each
 * the only route of one flow, cross one border: P(both closed) equals the chain's closed fraction
 * pClose / (pClose + pOpen) (the stationary law of the two-state chain per step), and neither is
 * ever closed without the other. Independent chains (no border) close together with the product
 * of their fractions. Per path, a flow's value is 0 exactly when its corridor is shut.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK, CHUNK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { prepareScenario } from '../../src/project.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const CPY = 2, DAYS = 60, DT = 1 / 12;
const pClose = 1 - Math.exp(-CPY * DT), pOpen = 1 - Math.exp(-DT * 365 / DAYS);
const closedFraction = pClose / (pClose + pOpen);

function closures(shared: boolean, N: number, k: number): { a: number; b: number; both: number } {
  const chain = `closuresPerYear: ${CPY}, meanClosureDays: ${DAYS}`;
  const plan = prepareScenario(dir.file(`b${shared ? 1 : 0}.yaml`, `
name: borders
start: 2026-01
horizon: 3
target: { value: 1B, year: 2027 }
flows:
  textiles: { PK>KZ: { base: 10M, growth: 0, volatility: 0 } }
  grain: { KZ>PK: { base: 10M, growth: 0, volatility: 0 } }
${shared ? `borders:\n  afghanistan: { ${chain} }` : ''}
corridors:
  road: { freightCost: 0.2, transitDays: 18, sectors: [textiles], ${shared ? 'border: afghanistan' : chain} }
  rail: { freightCost: 0.1, transitDays: 12, sectors: [grain], ${shared ? 'border: afghanistan' : chain} }
`)).compiled.plan;
  const sim = new ChunkSimulator(plan);
  const count = { a: 0, b: 0, both: 0 };
  for (let c = 0; c * CHUNK < N; c++) {
    sim.simulateChunk(9, c, Math.min(CHUNK, N - c * CHUNK), (blk) => {
      // the total is the sum of the two flows: 0, one base (10M), or both (20M)
      for (let p = 0; p < blk.n; p++) {
        const t = blk.stepTotal[k * BLOCK + p] as number;
        if (t === 0) count.both++;
        else if (t < 15e6) count.a++; // one of the two shut
      }
    });
  }
  return count;
}

describe('corridors across one border', () => {
  it('are closed together with the shared chain\'s closed fraction, and never one without the other', () => {
    const N = 20_000, k = 35; // three years in: the chain (mean spell 2 months) has long forgotten its start
    const { a, both } = closures(true, N, k);
    expect(a).toBe(0);
    const se = Math.sqrt(closedFraction * (1 - closedFraction) / N);
    expect(Math.abs(both / N - closedFraction)).toBeLessThan(4 * se);
  });

  it('with chains of their own close together only by chance: the product of the fractions', () => {
    const N = 20_000, k = 35;
    const { a, both } = closures(false, N, k);
    const pBoth = closedFraction ** 2, pOne = 2 * closedFraction * (1 - closedFraction);
    expect(Math.abs(both / N - pBoth)).toBeLessThan(4 * Math.sqrt(pBoth * (1 - pBoth) / N));
    expect(Math.abs(a / N - pOne)).toBeLessThan(4 * Math.sqrt(pOne * (1 - pOne) / N));
  });
});
