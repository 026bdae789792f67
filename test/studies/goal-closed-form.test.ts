/**
 * Goal seeking against a closed form. One flow, one step a year, growth g (the lever) and
 * volatility s: V(1) = B exp(g - s²/2 + s Z), so P(reached by the first year) = P(V(1) >= L) =
 * Φ((ln(B/L) + g - s²/2) / s), and the growth that gives probability p is
 * g* = ln(L/B) + s²/2 + s Φ⁻¹(p). The study's value must hold g* within its own interval.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { runGoal } from '../../src/studies/goal/goal.js';
import { LeverError } from '../../src/studies/goal/lever.js';
import { TempDir } from '../helpers/scenario-files.js';
import { normalCdf } from '../helpers/normal.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const B = 100e6, L = 120e6, s = 0.3;
const file = () => dir.file('goal.yaml', `
name: goal
start: 2026-01
horizon: 3
stepsPerYear: 1
target: { value: ${L}, year: 2028 }
flows:
  textiles:
    PK>KZ: { base: ${B / 2}, growth: 0.05, volatility: ${s} }
  other:
    PK>KZ: { base: ${B / 2}, growth: 0.05, volatility: ${s} }
correlation: { sameSector: 0, sameDirection: 1, otherwise: 0, assumption: "one flow split in two halves" }
`);

describe('goal', () => {
  it('finds the growth that gives an even chance (and 0.8) by the first year, holding the closed form in its interval', async () => {
    const prep = prepareScenario(file());
    for (const p of [0.5, 0.8]) {
      // Φ⁻¹(0.8) = 0.8416212335729143
      const gStar = Math.log(L / B) + (s * s) / 2 + s * (p === 0.5 ? 0 : 0.8416212335729143);
      const { summary: g } = await runGoal(prep, { lever: 'flows.*.PK>KZ.growth', probability: p, by: 2026, range: [0, 0.8], paths: 20_000, seed: 3, workers: 0 });
      expect(g.fields).toEqual(['flows.textiles.PK>KZ.growth', 'flows.other.PK>KZ.growth']);
      expect(g.found).toBe(true);
      expect(gStar).toBeGreaterThanOrEqual(g.low as number);
      expect(gStar).toBeLessThanOrEqual(g.high as number);
      // The interval is the Monte Carlo one: about 1.96 sqrt(p(1-p)/N) over the slope φ(z)/s.
      const z = (gStar - Math.log(L / B) - (s * s) / 2) / s;
      const slope = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / s;
      const half = (1.96 * Math.sqrt(p * (1 - p) / 20_000)) / slope;
      expect(((g.high as number) - (g.low as number)) / 2).toBeGreaterThan(0.7 * half);
      expect(((g.high as number) - (g.low as number)) / 2).toBeLessThan(1.5 * half);
      // The walked curve is the closed form within 4 standard errors, and monotone.
      for (const c of g.curve) {
        const exact = normalCdf((Math.log(B / L) + c.value - (s * s) / 2) / s);
        expect(Math.abs(c.probability - exact)).toBeLessThan(4 * c.standardError + 1e-9);
      }
      for (let i = 1; i < g.curve.length; i++) expect(g.curve[i]!.probability).toBeGreaterThanOrEqual(g.curve[i - 1]!.probability);
    }
  });

  it('says plainly when no value in the range reaches the probability', async () => {
    const { summary: g } = await runGoal(prepareScenario(file()), { lever: 'flows.*.PK>KZ.growth', probability: 0.9, by: 2026, range: [0, 0.1], paths: 4000, seed: 3, workers: 0 });
    expect(g.found).toBe(false);
    expect(g.value).toBeNull();
    expect(g.answer).toMatch(/^No value of flows\.\*\.PK>KZ\.growth from 0 to 0\.1 gives P\(reached by 2026\) = 0\.9: over that range it runs from 0\.\d+ to 0\.\d+\.$/);
  });

  it('cuts a default range to the values the file accepts: an agreement\'s probability stops at 1', async () => {
    const prep = prepareScenario('test/fixtures/compare/customs.yaml');
    const { summary: g } = await runGoal(prep, { lever: 'agreements.customs.probability', probability: 0.5, paths: 1024, seed: 2, workers: 0 });
    // The file says 0.7: the default range would be 0 to 1.4.
    expect(g.range[0]).toBe(0);
    expect(g.range[1]).toBeLessThanOrEqual(1);
    expect(g.range[1]).toBeGreaterThan(1 - 1e-8);
    expect(g.curve.every((c) => c.value >= 0 && c.value <= 1)).toBe(true);
  });

  it('refuses a lever that names no field', async () => {
    await expect(runGoal(prepareScenario(file()), { lever: 'flows.*.XX>YY.growth', probability: 0.5, paths: 1000, seed: 1, workers: 0 })).rejects.toThrow(LeverError);
  });
});
