/**
 * bench/k1.yaml is the K1 workload of bench/peers (k1.json): the engine must compute what the
 * peers compute. At 50,000 paths, the final step's total (t = 10 years) must agree with the peers'
 * 4-million-path reference (k1-reference.json) in
 *   - its mean (summary.steps.total.mean, from exact sums): within 4 sd / sqrt(N);
 *   - its median (summary.steps.total.p50, from the histogram): within 4 sd / sqrt(N) plus the
 *     histogram's bin width at the median (0.39% relative);
 *   - P(total >= 1B), counted from the last step's histogram (RunResult.partial.hist): the count
 *     of bins wholly at or above 1B is a lower bound, adding the bin that holds 1B gives an upper
 *     bound; the reference must lie within 4 sd / sqrt(N) of that interval.
 * sd is the reference file's sd_per_path of each statistic (for the median its corrected value,
 * 1 / (2 f(median)): the file's original figure is about half that; bench/peers/README.md); its
 * own standard errors (at 4M paths) are 20 times smaller and are added as well. The reference's 4 sd / sqrt(N) also absorbs the
 * difference between random number generators (the reference was computed with 64-bit xoshiro256**,
 * the engine uses 32-bit xoshiro128**; both drive a Marsaglia-Tsang ziggurat).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BINS, binEdges, RELATIVE_BIN_WIDTH } from '../../src/engine/histogram.js';
import { seriesCount } from '../../src/engine/kernel/index.js';
import { prepareScenario } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';

interface Reference {
  mean_final: number; mean_final_se: number; mean_final_sd_per_path: number;
  median_final: number; median_final_se_corrected: number; median_final_sd_per_path_corrected: number;
  p_final_ge_target: number; p_final_ge_target_se: number; p_final_ge_target_sd_per_path: number;
}
const REF = JSON.parse(readFileSync(new URL('../../bench/peers/k1-reference.json', import.meta.url), 'utf8')) as Reference;
const K1 = JSON.parse(readFileSync(new URL('../../bench/peers/k1.json', import.meta.url), 'utf8')) as { target: number };

const N = 50_000;

/** [lower, upper] bounds on the fraction of counts at or above `threshold` in one histogram. */
function fractionAtLeast(hist: Uint32Array, offset: number, total: number, threshold: number): [number, number] {
  let surely = 0, maybe = 0;
  for (let b = 0; b < BINS; b++) {
    const c = hist[offset + b] as number;
    if (c === 0) continue;
    const [lo, hi] = binEdges(b);
    if (lo >= threshold) surely += c;
    else if (hi > threshold) maybe += c;
  }
  return [surely / total, (surely + maybe) / total];
}

describe('K1 (bench/k1.yaml) agrees with the peers (k1-reference.json)', () => {
  it(`mean, median and P(total >= 1B) at the final step, ${N.toLocaleString('en-US')} paths`, async () => {
    const prep = prepareScenario('bench/k1.yaml');
    expect(prep.compiled.plan.target.value).toBe(K1.target);
    const { result, summary } = await runPrepared(prep, { paths: N, seed: 2026, workers: 0 });
    const plan = result.plan;
    const last = plan.steps - 1;
    expect(summary.steps.time[last]).toBeCloseTo(10, 12);
    const tol = (sd: number, se: number) => 4 * sd / Math.sqrt(N) + se;

    const mean = summary.steps.total.mean[last] as number;
    expect(Math.abs(mean - REF.mean_final)).toBeLessThan(tol(REF.mean_final_sd_per_path, REF.mean_final_se));

    const median = summary.steps.total.p50[last] as number;
    expect(Math.abs(median - REF.median_final))
      .toBeLessThan(tol(REF.median_final_sd_per_path_corrected, REF.median_final_se_corrected) + REF.median_final * RELATIVE_BIN_WIDTH);

    const h = plan.years.length * seriesCount(plan) + last; // the last step's histogram of the total
    const [lo, hi] = fractionAtLeast(result.partial.hist, h * BINS, N, K1.target);
    expect(hi - lo).toBeLessThan(0.002); // the bin that holds 1B is narrow (0.2% of 1B wide)
    const pTol = tol(REF.p_final_ge_target_sd_per_path, REF.p_final_ge_target_se);
    expect(REF.p_final_ge_target).toBeGreaterThan(lo - pTol);
    expect(REF.p_final_ge_target).toBeLessThan(hi + pTol);
  });
});
