/**
 * The median first year at the target, in the run and compare tables, is the year's label
 * (FY2032-33 on fiscal years), as on every other row and in the report, not the year's number.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { compile, run } from '../../src/index.js';
import { runTable } from '../../src/cli/table.js';
import { prepareComparison, runComparison } from '../../src/studies/compare/compare.js';
import { compareTable } from '../../src/studies/compare/table.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const FIXTURES = new URL('../fixtures/compare/', import.meta.url).pathname;
const files = [
  dir.file('low-base.yaml', `extends: ${FIXTURES}fiscal-base.yaml\nname: low-base\ntarget: { value: 600M, year: 2030 }\n`),
  dir.file('low-customs.yaml', `extends: ${FIXTURES}fiscal-customs.yaml\nname: low-customs\ntarget: { value: 600M, year: 2030 }\n`),
];

describe('median first year at the target on fiscal years', () => {
  it('run prints its label', async () => {
    const summary = await run(compile(loadScenario(files[0] as string)), { paths: 1024, seed: 3, workers: 0 });
    const median = summary.target.medianFirstYear;
    expect(median).not.toBeNull();
    const label = summary.yearLabels[summary.years.indexOf(median as number)] as string;
    expect(label).toMatch(/^FY\d{4}-\d{2}$/);
    expect(runTable(summary)).toContain(`first year reached: median ${label};`);
  });

  it('compare prints the labels of both medians', async () => {
    const s = (await runComparison(prepareComparison(files), files, { paths: 1024, seed: 3, workers: 0 })).summary;
    const line = compareTable(s).split('\n').find((l) => l.includes('first year at the target, median:')) as string;
    expect(line).toMatch(/low-base FY\d{4}-\d{2}, low-customs FY\d{4}-\d{2} /);
  });
});
