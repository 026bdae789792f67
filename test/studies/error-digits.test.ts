/**
 * The standard errors printed beside a probability (goal's terminal table, the tooltips of
 * compare's P(reached) chart, sensitivity's tornado column in its table and report) show the
 * error's first significant digit, as run's table does (format.ts formatPercentWithError,
 * formatSwing): a goal curve near 0.3% at 10,000 paths printed "0.3% ± 0.0%", and baseline-pk's
 * tornado "0.2% to 0.4% (+0.2 pp ± 0.0 pp)", standard errors of zero where they are 0.04-0.05
 * percentage points.
 */
import { expect, it } from 'vitest';
import { goalTable } from '../../src/studies/goal/write.js';
import type { GoalSummary } from '../../src/studies/goal/goal.js';
import { probabilitySpec } from '../../src/studies/compare/charts.js';
import { close, compare, loadScenario } from '../../src/index.js';
import { formatSwing } from '../../src/format.js';
import { sensitivityTable } from '../../src/studies/sensitivity/write.js';
import type { SensitivitySummary } from '../../src/studies/sensitivity/sensitivity.js';

it("goal's table prints each P with its standard error to the error's digit", () => {
  const g = {
    answer: 'x = 0.83 gives P = 0.5.', byLabel: 'FY2029-30', paths: 10_000, seed: 2026, fields: ['byDirection.PK>KZ.growth'],
    curve: [
      { value: 0, probability: 0.0025, standardError: Math.sqrt(0.0025 * 0.9975 / 10_000) },
      { value: 0.5, probability: 0.04, standardError: Math.sqrt(0.04 * 0.96 / 10_000) },
    ],
  } as unknown as GoalSummary;
  const lines = goalTable(g).split('\n');
  expect(lines[3]).toBe('0               0.25% ± 0.05%');
  expect(lines[4]).toBe('0.5             4.0% ± 0.2%');
  expect(goalTable(g)).not.toContain('± 0.0%');
});

it("compare's P(reached) chart labels each point with its standard error to the error's digit", async () => {
  const smoke = loadScenario('test/fixtures/scenarios/smoke.yaml');
  const s = await compare([smoke, smoke], { paths: 8192, seed: 1, workers: 0 });
  await close();
  const spec = probabilitySpec(s) as { data?: { values?: Array<{ p: number; se: number; pText: string }> } };
  const rows = spec.data?.values ?? [];
  expect(rows.length).toBeGreaterThan(0);
  const small = rows.filter((r) => r.se > 0 && r.se * 100 < 0.095);
  expect(small.length).toBeGreaterThan(0);
  for (const r of small) expect(r.pText, JSON.stringify(r)).not.toMatch(/± 0\.0%$/);
});

it('formatSwing gives P at each setting and the swing to the decimals of its standard error', () => {
  expect(formatSwing(0.0025, 0.0039, 0.0004)).toEqual(['0.25%', '0.39%', '+0.14 pp ± 0.04 pp']);
  expect(formatSwing(0.2, 0.35, 0.012)).toEqual(['20.0%', '35.0%', '+15.0 pp ± 1.2 pp']);
  expect(formatSwing(0.0033, 0.0027, 0.0002)).toEqual(['0.33%', '0.27%', '−0.06 pp ± 0.02 pp']);
  expect(formatSwing(0.0033, 0.0027, 0.00002)).toEqual(['0.330%', '0.270%', '−0.060 pp ± 0.002 pp']);
});

it("sensitivity's table prints the tornado's swing with a standard error that is not zero", () => {
  const none = { reached: null, total: null, logTotal: null };
  const s = {
    scenario: { name: 'baseline-pk' }, target: { value: 1e9 }, byLabel: 'FY2029-30', output: { reached: { mean: 0.003, variance: 0.003 } },
    inputs: [{ name: 'byDirection.PK>KZ.growth', reached: { swing: { low: 0.0025, high: 0.0039, se: 0.0004 } }, total: {}, logTotal: {} }],
    sumOfFirst: none,
  } as unknown as SensitivitySummary;
  const table = sensitivityTable(s);
  expect(table).toContain('0.25% to 0.39% (+0.14 pp ± 0.04 pp)');
  expect(table).not.toContain('± 0.0 pp');
});
