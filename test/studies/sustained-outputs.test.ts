/**
 * The sensitivity and goal studies' P(reached by YEAR) follows the scenario's target rule, as a
 * run's does (docs/model.md section 9: under `target.sustainedYears: k` a year reaches the target
 * when the annual total has been at or above it for k consecutive years ending that year;
 * `probability`, `reachedBy` and the first year follow the rule). The per-path output of the
 * studies (engine/kinds/path-outputs.ts) counted any single year at the target instead, so on a
 * sustained scenario their "P(reached by)" was another, larger, probability under the same name.
 *
 * Checked exactly where the same paths are simulated (the `means` kind on the run's own plan and
 * seed gives the run's reachedBy, count for count), and, through the study, within Monte Carlo
 * error of the run, where the single-year rule lies many standard errors away.
 */
import { describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { drive } from '../../src/engine/driver.js';
import { means } from '../../src/engine/kinds/means.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { runSensitivity } from '../../src/studies/sensitivity/sensitivity.js';

const FILE = 'test/engine/fixtures/model-features.yaml'; // target 150M by 2028, sustainedYears: 2

describe('P(reached by) of the studies under a sustained target', () => {
  it('is the run\'s reachedBy on the same paths, exactly', async () => {
    const prep = prepareScenario(FILE);
    const plan = prep.compiled.plan;
    expect(plan.target.sustainedYears).toBe(2);
    const paths = 3000, seed = 7;
    const { summary } = await runPrepared(prep, { paths, seed, workers: 0 });
    const yi = plan.target.yearIndex;
    const got = (await drive(means, [plan], { paths, seed, workers: 0 })).totals.means[0] as number;
    expect(got).toBe(Math.round((summary.target.reachedBy[yi] as number) * paths));
  });

  it('is what the sensitivity study reports as P(reached by), within Monte Carlo error of the run', async () => {
    const prep = prepareScenario(FILE);
    const plan = prep.compiled.plan;
    const paths = 8192, seed = 3;
    const { summary: run } = await runPrepared(prep, { paths, seed, workers: 0 });
    const yi = plan.target.yearIndex;
    const p = run.target.reachedBy[yi] as number;
    // The study pools A and B, 2 N paths: B's are independent of the run's, A's are the run's in the
    // first block of each chunk and other paths after it (a shorter horizon), so the difference
    // from the run has variance at most p (1 - p) (1 / N + 1 / (2 N)).
    const se = Math.sqrt(1.5 * p * (1 - p) / paths);
    // The single-year rule, on the run's own paths, lies far outside that.
    const single = { ...plan, target: { ...plan.target, sustainedYears: 1 } };
    const pSingle = ((await drive(means, [single], { paths, seed, workers: 0 })).totals.means[0] as number) / paths;
    expect(pSingle - p).toBeGreaterThan(10 * se);
    const { summary } = await runSensitivity(prep, { paths, seed, workers: 0, methods: ['sobol'] });
    const mean = summary.output.reached?.mean as number;
    expect(Math.abs(mean - p)).toBeLessThan(4 * se);
  });
});
