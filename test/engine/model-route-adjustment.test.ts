/**
 * Issue 11, item 5: lasting route changes take effect with their own half-life. A railway that
 * opens on a fixed date moves a flow's level by 1 - 2^(-t/h) of the way to its new route factor
 * after t years, half of it at the half-life; a seasonal closure still acts at once. Growth and
 * volatility 0, so the level is the route factor exactly.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { prepareScenario } from '../../src/project.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const E = 5, TC = 0.01, BASE = 30e6;
const ROAD = 0.25 + TC * 20, RAIL = 0.1 + TC * 10;
/** The railway's full effect on ln V, the route factor's log with the road as the reference. */
const FULL = -E * (Math.log1p(RAIL) - Math.log1p(ROAD));

function lnValues(halfLife: string, ks: number[], paths = 300): Float64Array[] {
  const plan = prepareScenario(dir.file(`a${Math.random().toString(36).slice(2)}.yaml`, `
name: adjustment
start: 2026-01
horizon: 4
target: { value: 1B, year: 2027 }
defaults: { elasticity: ${E}, timeCostPerDay: ${TC} ${halfLife} }
flows:
  grain:
    KZ>PK: { base: ${BASE}, growth: 0, volatility: 0 }
corridors:
  road: { freightCost: 0.25, transitDays: 20 }
  rail: { freightCost: 0.1, transitDays: 10, opens: 2027-01, closedMonths: [Jul] }
`)).compiled.plan;
  const out = ks.map(() => new Float64Array(paths));
  new ChunkSimulator(plan).simulateChunk(1, 0, paths, (b) => {
    ks.forEach((k, j) => { for (let p = 0; p < b.n; p++) out[j]![b.firstPath + p] = Math.log((b.stepTotal[k * BLOCK + p] as number) / BASE); });
  });
  return out;
}

describe('a route change with an adjustment half-life', () => {
  it('has closed half the gap at the half-life, and 1 - 2^(-t/h) of it at t', () => {
    // the railway opens at step 12 (2027-01); after n monthly steps the gap left is 2^(-n/12/h)
    const h = 1.5;
    const ks = [11, 12, 17, 12 + 18 - 1, 35];
    const lv = lnValues(`, routeAdjustmentHalfLife: ${h}`, ks);
    const want = [0, FULL * (1 - 2 ** (-1 / 12 / h)), FULL * (1 - 2 ** (-6 / 12 / h)), FULL / 2, FULL * (1 - 2 ** (-24 / 12 / h))];
    ks.forEach((_, j) => { for (const x of lv[j]!) expect(x).toBeCloseTo(want[j] as number, 12); });
  });

  it('still feels a closure at once: in the railway\'s closed month the flow is back on the road level, then resumes', () => {
    const h = 1;
    // 2027-07 is step 18: closed season; step 19 the railway is open again
    const [closed, after] = lnValues(`, routeAdjustmentHalfLife: ${h}`, [18, 19]);
    for (const x of closed!) expect(x).toBeCloseTo(0, 12);
    for (const x of after!) expect(x).toBeCloseTo(FULL * (1 - 2 ** (-8 / 12 / h)), 12);
  });

  it('without a half-life moves the whole way at once (the model as before)', () => {
    const [lv] = lnValues('', [12]);
    for (const x of lv!) expect(x).toBeCloseTo(FULL, 12);
  });
});
