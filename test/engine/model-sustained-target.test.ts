/**
 * Issue 11, item 8: the sustained-target rule. A year reaches the target when the annual total has
 * been at or above it for k consecutive years ending that year. With one flow whose annual values
 * are independent (a transitory part with persistence 0, one step a year, no permanent shocks),
 * P(single year) = p = 1 - Phi((ln K - ln base + sigma^2 / 2) / sigma) and P(sustained k) = p^k from
 * year k on, 0 before; reached-by under the single-year rule is 1 - (1 - p)^(y+1).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/engine/normal-dist.js';
import { prepareScenario } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const BASE = 100e6, K = 110e6, SIGMA = 0.3, N = 20_000;

async function summary(sustained: string) {
  const prep = prepareScenario(dir.file(`s${sustained.length}.yaml`, `
name: sustained
start: 2026-01
horizon: 5
stepsPerYear: 1
target: { value: ${K}, year: 2030 ${sustained} }
flows:
  grain:
    KZ>PK: { base: ${BASE}, growth: 0, volatility: 0, transitoryVolatility: ${SIGMA}, persistence: 0 }
`));
  return (await runPrepared(prep, { paths: N, seed: 8, workers: 0 })).summary;
}

const p = 1 - normalCdf((Math.log(K / BASE) + SIGMA * SIGMA / 2) / SIGMA);
const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThan(4 * Math.sqrt(want * (1 - want) / N) + 1e-12);

describe('the target rule', () => {
  it('single year: P = p each year, reached by year y = 1 - (1 - p)^(y+1)', async () => {
    const s = await summary('');
    expect(s.target.sustainedYears).toBeUndefined();
    s.target.probability.forEach((x) => close(x, p));
    s.target.reachedBy.forEach((x, y) => close(x, 1 - (1 - p) ** (y + 1)));
  });

  it('sustained for 3 years: P = 0 in the first two years, p^3 from the third', async () => {
    const s = await summary(', sustainedYears: 3');
    expect(s.target.sustainedYears).toBe(3);
    s.target.probability.forEach((x, y) => (y < 2 ? expect(x).toBe(0) : close(x, p ** 3)));
  });
});
