/**
 * The library's `precision` and `maxPaths` (src/index.ts RunOptions), the CLI's --precision and
 * --max-paths: checked with the CLI's ranges and rules, and a run asked for a precision is the
 * CLI's run of that precision, the same summary bit for bit (paths, stopping rule, every count),
 * for any number of workers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { close, compare, loadScenario, run, type RunOptions } from '../../src/index.js';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { thrown } from '../helpers/thrown.js';

const SMOKE = 'test/fixtures/scenarios/smoke.yaml';

const dir = new TempDir();
afterAll(async () => {
  dir.remove();
  await close();
});

const scenario = loadScenario(SMOKE);

const PRECISION = 'precision: expected a standard error from 0.00001 to 0.5 (a probability, e.g. 0.005), found ';

describe('library precision: bad values and combinations are refused before anything runs', () => {
  const bad: Array<[string, RunOptions | Record<string, unknown>, string]> = [
    ['zero', { precision: 0 }, `${PRECISION}0`],
    ['negative', { precision: -0.01 }, `${PRECISION}-0.01`],
    ['above 0.5', { precision: 0.6 }, `${PRECISION}0.6`],
    ['NaN', { precision: NaN }, `${PRECISION}NaN`],
    ['text', { precision: '0.01' }, `${PRECISION}the text "0.01"`],
    ['with paths', { precision: 0.01, paths: 1000 }, 'paths and precision: expected one of them (with precision, maxPaths caps the paths), found both'],
    ['maxPaths without precision', { maxPaths: 5000 }, 'maxPaths: expected only with precision, as its cap; found without it (use paths for a fixed number)'],
    ['maxPaths 0', { precision: 0.01, maxPaths: 0 }, 'maxPaths: expected a whole number from 1 to 10^9, found 0'],
    ['maxPaths 1.5', { precision: 0.01, maxPaths: 1.5 }, 'maxPaths: expected a whole number from 1 to 10^9, found 1.5'],
  ];
  it.each(bad)('%s', async (_, opts, message) => {
    for (const call of [() => run(scenario, { seed: 1, workers: 0, ...opts } as RunOptions), () => compare([scenario, scenario], { seed: 1, workers: 0, ...opts } as RunOptions)]) {
      const e = await thrown(call);
      expect(e).toBeInstanceOf(RangeError);
      expect((e as Error).message).toBe(message);
    }
  });
});

describe('library precision: the CLI run of that precision, bit for bit', () => {
  // Two rounds on smoke.yaml (8,192 then 30,720 paths): the second decided on the first.
  const ASKED = 0.0002;
  const cliSummary = (args: string[]) => {
    const out = join(dir.path, `cli-${args.join('_')}`);
    const r = cli(['run', SMOKE, '--seed', '5', '--no-charts', '--quiet', '--out', out, ...args]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown> & { paths: number; precision: { stoppingRule: { asked: number; reached: number; capped: boolean; maxPaths: number } } };
  };

  it('stops where the CLI stops, with the same counts, for workers 0 and 2', async () => {
    const expected = cliSummary(['--precision', String(ASKED)]);
    const rule = expected.precision.stoppingRule;
    expect(rule.asked).toBe(ASKED);
    expect(rule.reached).toBeLessThanOrEqual(ASKED);
    expect(rule.capped).toBe(false);
    expect(expected.paths).toBeGreaterThan(8192);
    for (const workers of [0, 2]) {
      const s = await run(scenario, { precision: ASKED, seed: 5, workers });
      expect(s.paths).toBe(expected.paths);
      expect(s.precision.stoppingRule).toEqual(rule);
      expect(JSON.stringify(s.annual)).toBe(JSON.stringify(expected['annual']));
      expect(JSON.stringify(s.target)).toBe(JSON.stringify(expected['target']));
    }
  });

  it('maxPaths caps a precision that cannot be reached, and the rule says so', async () => {
    const expected = cliSummary(['--precision', '0.00001', '--max-paths', '3000']);
    const s = await run(scenario, { precision: 0.00001, maxPaths: 3000, seed: 5, workers: 0 });
    expect(s.paths).toBe(3000);
    expect(s.precision.stoppingRule?.capped).toBe(true);
    expect(s.precision.stoppingRule?.reached).toBeGreaterThan(0.00001);
    expect(s.precision.stoppingRule).toEqual(expected.precision.stoppingRule);
  });
});
