/**
 * Issue 11, item 7: MFN changes are not bilateral preferences. With growth and volatility 0 and
 * an adjustment half-life of 0, ln(V / base) is the policy multiplier's log exactly:
 *   bilateral change:  -e ln((1 + p1) / (1 + p0))
 *   MFN change:        -eta ln((1 + m1) / (1 + m0))      (eta: the import-demand elasticity)
 *   both:              -e ln((1 + p1) / (1 + p0)) + (e - eta) ln((1 + m1) / (1 + m0))
 * (src/engine/kernel/agreements.ts policyTargets; docs/model.md section 7).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BLOCK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { prepareScenario } from '../../src/project.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const E = 5, ETA = 1.5, BASE = 20e6;

function scenarioText(flow: string, agreements = ''): string {
  return `
name: mfn
start: 2026-01
horizon: 2
target: { value: 1B, year: 2027 }
defaults: { elasticity: ${E}, adjustmentHalfLife: 0 }
flows:
  grain:
    KZ>PK: { base: ${BASE}, growth: 0, volatility: 0, ${flow} }
${agreements}
`;
}

let n = 0;
/** ln(V / base) at step k (2027-01 is step 12), the same on every path. */
function lnAt(flow: string, agreements = '', k = 12): number {
  const plan = prepareScenario(dir.file(`m${n++}.yaml`, scenarioText(flow, agreements))).compiled.plan;
  const out: number[] = [];
  new ChunkSimulator(plan).simulateChunk(2, 0, 50, (b) => { for (let p = 0; p < b.n; p++) out.push(Math.log((b.stepTotal[k * BLOCK + p] as number) / BASE)); });
  for (const x of out) expect(x).toBeCloseTo(out[0] as number, 13);
  return out[0] as number;
}

const cut = '{ 2026: 0.2, 2027: 0.1 }';

describe('tariff changes', () => {
  it('bilateral: ((1 + p1) / (1 + p0))^-e', () => {
    expect(lnAt(`tariff: ${cut}`)).toBeCloseTo(-E * Math.log(1.1 / 1.2), 12);
  });

  it('MFN (the schedule marked mfn): ((1 + m1) / (1 + m0))^-eta', () => {
    expect(lnAt(`tariff: { value: ${cut}, mfn: true }, importDemandElasticity: ${ETA}`)).toBeCloseTo(-ETA * Math.log(1.1 / 1.2), 12);
  });

  it('an MFN change made by an agreement: the same formula', () => {
    const agreement = `agreements:\n  reform: { probability: 1, delay: 1, effects: [{ sectors: [grain], tariff: { set: 0.1, mfn: true } }] }`;
    expect(lnAt(`tariff: 0.2, importDemandElasticity: ${ETA}`, agreement)).toBeCloseTo(-ETA * Math.log(1.1 / 1.2), 12);
  });

  it('a bilateral preference on top of an MFN cut: the preference at e, less the erosion of the margin by the MFN cut', () => {
    const agreement = `agreements:\n  pta: { probability: 1, delay: 1, effects: [{ sectors: [grain], tariff: { set: 0 } }] }`;
    const want = -E * Math.log(1 / 1.2) + (E - ETA) * Math.log(1.1 / 1.2);
    expect(lnAt(`tariff: { value: ${cut}, mfn: true }, importDemandElasticity: ${ETA}`, agreement)).toBeCloseTo(want, 12);
  });

  it('an MFN cut offset by an equal NTM rise in the same year still moves the MFN term (the bilateral rate is unchanged)', () => {
    const want = (E - ETA) * Math.log(1.1 / 1.2);
    expect(lnAt(`tariff: { value: ${cut}, mfn: true }, ntm: { 2026: 0.1, 2027: 0.2 }, importDemandElasticity: ${ETA}`)).toBeCloseTo(want, 12);
  });

  it('an MFN tariff without an import-demand elasticity is rejected, naming the flow and field', () => {
    try {
      prepareScenario(dir.file('nomfn.yaml', scenarioText(`tariff: { value: ${cut}, mfn: true }`)));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const issue = (e as ScenarioError).issues[0]!;
      expect(issue.path).toContain('importDemandElasticity');
      expect(issue.message).toContain('grain KZ>PK');
    }
  });
});
