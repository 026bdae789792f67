/**
 * Issue 11, item 4: freight by weight. A corridor priced per tonne costs each flow
 * costPerTonne / valuePerTonne of its value; a corridor may exclude sectors. With growth and
 * volatility 0, ln(V / base) is the route factor's log, -e (ln(1 + r) - ln(1 + r_ref)), r the
 * cheapest open corridor's cost for that flow (freight + timeCostPerDay * transitDays).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { prepareScenario } from '../../src/project.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const E = 4, TC = 0.01;
const WHEAT = 250, CLOTH = 5000; // USD per tonne
const road = (v: number) => 400 / v + TC * 18;
const sea = (v: number) => 150 / v + TC * 30;
const rail = (v: number) => 100 / v + TC * 12;

const text = (wheatValue = `valuePerTonne: ${WHEAT}, `, seaCost = 'costPerTonne: 150') => `
name: weight
start: 2026-01
horizon: 2
target: { value: 1B, year: 2027 }
defaults: { elasticity: ${E}, timeCostPerDay: ${TC} }
flows:
  wheat: { KZ>PK: { base: 50M, growth: 0, volatility: 0, ${wheatValue}} }
  cloth: { PK>KZ: { base: 20M, growth: 0, volatility: 0, valuePerTonne: ${CLOTH} } }
corridors:
  road: { costPerTonne: 400, transitDays: 18, mode: road }
  sea: { ${seaCost}, transitDays: 30, mode: sea }
  rail: { costPerTonne: 100, transitDays: 12, mode: rail, opens: 2027-01, excludes: [cloth] }
`;

describe('freight by weight', () => {
  it('prices each flow by its value per tonne, picks its own cheapest route, and respects exclusions', () => {
    const plan = prepareScenario(dir.file('w.yaml', text())).compiled.plan;
    // the sum of the two flows is the total; with one flow's value known exactly, the other is the rest
    const totals: number[][] = [[], []];
    new ChunkSimulator(plan).simulateChunk(1, 0, 40, (b) => {
      for (let p = 0; p < b.n; p++) { totals[0]!.push(b.stepTotal[0 * BLOCK + p] as number); totals[1]!.push(b.stepTotal[12 * BLOCK + p] as number); }
    });
    // Reference: the cheapest at the start, wheat by sea (0.6 + 0.3 = 0.9 < 1.78), cloth by road (0.26 < 0.33).
    expect(sea(WHEAT)).toBeLessThan(road(WHEAT));
    expect(road(CLOTH)).toBeLessThan(sea(CLOTH));
    for (const t of totals[0]!) expect(t / 70e6).toBeCloseTo(1, 13);
    // 2027-01: the railway opens; wheat moves to it; cloth may not use it (it would: rail(CLOTH) = 0.14 < 0.26).
    const wheat = 50e6 * Math.exp(-E * (Math.log1p(rail(WHEAT)) - Math.log1p(sea(WHEAT))));
    for (const t of totals[1]!) expect(t / (wheat + 20e6)).toBeCloseTo(1, 13);
  });

  it('prices a container over the tonnes it carries: USD 3,750 for 25 t is USD 150/t, the same bits', () => {
    const run = (file: string, yaml: string) => {
      const out: number[] = [];
      new ChunkSimulator(prepareScenario(dir.file(file, yaml)).compiled.plan).simulateChunk(1, 0, 40, (b) => {
        for (let k = 0; k < 24; k++) for (let p = 0; p < b.n; p++) out.push(b.stepTotal[k * BLOCK + p] as number);
      });
      return out;
    };
    expect(run('c.yaml', text(undefined, 'costPerContainer: 3750, tonnesPerContainer: 25'))).toEqual(run('t.yaml', text()));
  });

  it('requires a value per tonne for a flow a corridor prices by weight, naming the flow', () => {
    try {
      prepareScenario(dir.file('w2.yaml', text('')));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const issues = (e as ScenarioError).issues;
      expect(issues.some((i) => i.path === 'flows.wheat.KZ>PK.valuePerTonne' && i.message.includes('"road"'))).toBe(true);
    }
  });
});
