/**
 * Under target.sustainedYears k > 1 the per-year probabilities count a year only when it and the
 * k - 1 before it are at or above the target: the run table, the report's headline and the
 * probability chart say so, rather than label them P(annual total >= target).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, loadScenario, run, type Summary } from '../../src/index.js';
import { runTable } from '../../src/cli/table.js';
import { reportHtml } from '../../src/charts/report.js';
import { targetProbabilitySpec } from '../../src/charts/probability.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const scenario = (rule: string) => `name: sustained
start: 2026-01
horizon: 6
target: { value: 60M, year: 2030${rule} }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.05, volatility: 0.3 }
`;

let sustained: Summary;
let single: Summary;
beforeAll(async () => {
  sustained = await run(compile(loadScenario(dir.file('k3.yaml', scenario(', sustainedYears: 3')))), { paths: 1024, seed: 1, workers: 0 });
  single = await run(compile(loadScenario(dir.file('k1.yaml', scenario('')))), { paths: 1024, seed: 1, workers: 0 });
});

describe('the sustained target rule is named where its probabilities are shown', () => {
  it('in the run table', () => {
    expect(runTable(sustained)).toContain('P(annual total >= $60M in that year and the 2 before), with Monte Carlo standard error');
    expect(runTable(single)).toContain('P(annual total >= $60M), with Monte Carlo standard error');
  });

  it('in the report headline and the probability chart', async () => {
    const note = 'A year counts only when its annual total and those of the 2 years before it are all at or above the target.';
    expect(await reportHtml(sustained, [], '/out')).toContain(note);
    expect(JSON.stringify(targetProbabilitySpec(sustained).title)).toContain(note);
    expect(await reportHtml(single, [], '/out')).not.toContain('A year counts only');
    expect(JSON.stringify(targetProbabilitySpec(single).title)).not.toContain('A year counts only');
  });
});

describe('a sustained rule longer than the horizon', () => {
  it('is refused at target.sustainedYears, since no path could reach the target', () => {
    const file = dir.file('k9.yaml', scenario(', sustainedYears: 9'));
    let issues: Array<{ path: string; line: number; message: string }> = [];
    try { compile(loadScenario(file)); } catch (err) { issues = (err as { issues: typeof issues }).issues; }
    expect(issues).toEqual([expect.objectContaining({ path: 'target.sustainedYears', line: 4, message: 'expected at most 6 consecutive years, the whole years in the horizon (with more, no path can reach the target), found 9' })]);
  });
});
