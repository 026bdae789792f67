/**
 * The standard errors printed beside a probability (goal's terminal table, the tooltips of
 * compare's P(reached) chart) show the error's first significant digit, as run's table does
 * (format.ts formatPercentWithError): a goal curve near 0.3% at 10,000 paths printed
 * "0.3% ± 0.0%", a standard error of zero, where it is 0.05 percentage points.
 */
import { expect, it } from 'vitest';
import { goalTable } from '../../src/studies/goal/write.js';
import type { GoalSummary } from '../../src/studies/goal/goal.js';
import { probabilitySpec } from '../../src/studies/compare/charts.js';
import { close, compare, loadScenario } from '../../src/index.js';

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
