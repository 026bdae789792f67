/** The README's annotated scenario is a real one: it validates, runs, and means what it says. */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { bareNumbers } from '../../src/scenario/parameters.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

function readmeExample(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Scenario files'));
  const m = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!m?.[1]) throw new Error('no yaml block under "## Scenario files" in README.md');
  return m[1];
}

it('validates with every number sourced, and runs', async () => {
  const file = dir.file('example.yaml', readmeExample());
  copyFileSync(new URL('../../scenarios/history.yaml', import.meta.url), join(dir.path, 'history.yaml'));
  const prep = prepareScenario(file);
  expect(bareNumbers(prep.loaded.scenario)).toEqual([]);
  const plan = prep.compiled.plan;
  expect(plan.flowIds).toEqual(['textiles PK>KZ', 'textiles KZ>PK']);
  expect(plan.yearLabels[0]).toBe('FY2026-27');
  expect(plan.corridors.map((c) => c.name)).toEqual(['afghan-road', 'karakoram', 'caspian']);
  // The Karakoram corridor is closed December to March: 4 of every 12 monthly steps.
  expect(plan.corridors[1]?.seasonalClosed.slice(0, 12).reduce((a, b) => a + b, 0)).toBe(4);
  // KZ>PK tariff table: 0.20 until FY2028 starts (July 2027), as the table says.
  const T = plan.steps;
  expect(plan.tariff[1 * T + 17]).toBe(0.2);
  expect(plan.tariff[1 * T + 18]).toBe(0.15);
  const { summary } = await runPrepared(prep, { paths: 2048, seed: 1, workers: 0 });
  expect(summary.history.length).toBeGreaterThan(0);
  expect(summary.annual.total.p50[0]).toBeGreaterThan(20e6);
  expect(summary.annual.total.p50[0]).toBeLessThan(100e6);
});
