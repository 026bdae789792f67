/**
 * README, "The forms a value can take": any number may be an amount such as "7.1%". A probability
 * or a correlation written as a percentage is the same number as its fraction.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const scenario = (p: string, rho: string, factor: string) => `name: pct
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }
    KZ>PK: { base: 6M, growth: 0.1, volatility: 0.3 }
correlation: { sameSector: ${rho}, pairs: [{ a: textiles PK>KZ, b: textiles KZ>PK, value: ${rho} }] }
politicalFactors:
  ties: { correlation: ${factor}, assumption: "test" }
agreements:
  ta:
    probability: ${p}
    politicalFactor: ties
    delay: 1
    effects: [{ sectors: [textiles], tariff: { add: -0.01 } }]
  tb:
    probability: { value: ${p}, assumption: "test" }
    politicalFactor: ties
    delay: 1
    effects: [{ sectors: [textiles], ntm: { add: -0.01 } }]
`;

describe('probabilities and correlations as percentages', () => {
  it('"70%", "50%" and "30%" load as 0.7, 0.5 and 0.3', () => {
    const pct = loadScenario(dir.file('pct.yaml', scenario('70%', '50%', '30%')), dir.path).scenario;
    const frac = loadScenario(dir.file('frac.yaml', scenario('0.7', '0.5', '0.3')), dir.path).scenario;
    expect(pct.agreements).toEqual(frac.agreements);
    expect(pct.correlation).toEqual(frac.correlation);
    expect(pct.politicalFactors).toEqual(frac.politicalFactors);
    expect(pct.agreements?.['ta']?.probability.value).toBe(0.7);
  });

  it('a percentage outside the range is refused as the fraction would be', () => {
    expect(() => loadScenario(dir.file('over.yaml', scenario('170%', '50%', '30%')), dir.path)).toThrow(/probability in \[0, 1\], found 1\.7/);
    expect(() => loadScenario(dir.file('rho.yaml', scenario('70%', '150%', '30%')), dir.path)).toThrow(/sameSector: expected a value <= 1, found the text "150%"/);
  });
});
