/**
 * `trade-sim compare` from the command line: the output folder (written atomically), the same
 * bytes for --workers 1 and 2, and clear errors (exit 2) for bad or incompatible inputs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { compareFolderName } from '../../src/studies/compare/compare.js';
import { MAX_FOLDER_NAME } from '../../src/results/output-dir.js';

const dir = new TempDir();
afterAll(() => dir.remove());
const F = 'test/fixtures/compare';
const BASE = `${F}/base.yaml`, CUSTOMS = `${F}/customs.yaml`;

describe('trade-sim compare', () => {
  it('writes comparison.json, comparison.csv, manifest.json, the charts and report.html, and prints the table', () => {
    // Default output folder, relative to the working directory.
    const r = cli(['compare', resolve(BASE), resolve(CUSTOMS), '--paths', '3000', '--seed', '42', '--workers', '2'], dir.path);
    expect(r.code, r.stderr).toBe(0);
    const out = join(dir.path, 'out', 'compare-base-vs-customs');
    expect(r.stdout).toContain('B = customs against A = base');
    expect(r.stdout).toMatch(/2030 .*<- target year/);
    expect(r.stdout).toContain('first year at the target, median: base ');
    expect(r.stdout).toContain('output: out/compare-base-vs-customs');
    const s = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(s.format).toBe('trade-sim/comparison/v1');
    expect(s.paths).toBe(3000);
    expect(s.seed).toBe(42);
    expect(s.scenarios.map((x: { key: string }) => x.key)).toEqual(['base', 'customs']);
    expect(s.comparisons).toHaveLength(1);
    expect(s.comparisons[0].reachedBy.difference).toHaveLength(10);
    const csv = readFileSync(join(out, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('scenario,baseline,year,statistic,value');
    expect(csv.some((l) => l.startsWith('customs,base,2030,diff_p_reached_by_se,'))).toBe(true);
    expect(csv.some((l) => l.startsWith('base,,2030,p50,'))).toBe(true);
    for (const name of ['fans', 'target-probability', 'difference-fan', 'difference-probability', 'first-year']) {
      for (const ext of ['vl.json', 'svg', 'png']) expect(existsSync(join(out, 'charts', `${name}.${ext}`)), `${name}.${ext}`).toBe(true);
    }
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('base vs customs');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="https?:/);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.workers).toBe(2);
    expect(m.scenarios.map((x: { name: string }) => x.name)).toEqual(['base', 'customs']);
    expect(readdirSync(join(dir.path, 'out')).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('writes byte-identical comparison.json and comparison.csv for --workers 1 and 2', () => {
    const outs = [1, 2].map((w) => {
      const out = join(dir.path, `w${w}`);
      const r = cli(['compare', BASE, CUSTOMS, BASE, '--paths', '4000', '--seed', '9', '--workers', String(w), '--out', out, '--quiet', '--no-charts']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('');
      return ['comparison.json', 'comparison.csv'].map((f) => readFileSync(join(out, f), 'utf8'));
    });
    expect(outs[0]).toEqual(outs[1]);
  });
});

describe('the default output folder of many scenarios', () => {
  const names = ['long-baseline', ...['a', 'b', 'c', 'd', 'e'].map((k) => `variant-${k}-${'x'.repeat(40)}`)];

  it('names the first scenarios and how many more, within the 200 characters --out allows', () => {
    const files = names.map((n) => resolve(dir.file(`many/${n}.yaml`, `extends: ${resolve(BASE)}\nname: ${n}\n`)));
    const cwd = join(dir.path, 'many');
    const r = cli(['compare', ...files, '--paths', '100', '--seed', '1', '--no-charts'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(`compare-${names.join('-vs-')}`.length).toBeGreaterThan(MAX_FOLDER_NAME);
    const [folder] = readdirSync(join(cwd, 'out'));
    expect(folder).toBe(compareFolderName(names));
    expect(folder).toMatch(/^compare-long-baseline-vs-variant-a-x+-vs-variant-b-x+-and-3-more-[0-9a-f]{8}$/);
    expect(r.stdout).toContain(`output: out/${folder}`);
  });

  it('is the same for the same list, and another for another list or order; the first name always fits', () => {
    const name = compareFolderName(names);
    expect(compareFolderName([...names])).toBe(name);
    expect(compareFolderName([...names.slice(0, -1), 'variant-z'])).not.toBe(name);
    expect(compareFolderName([names[0] as string, ...names.slice(1).reverse()])).not.toBe(name);
    expect(compareFolderName(['base', 'customs'])).toBe('compare-base-vs-customs');
    const longest = ['a'.repeat(100), 'b'.repeat(100)];
    expect(compareFolderName(longest)).toMatch(new RegExp(`^compare-a{100}-and-1-more-[0-9a-f]{8}$`));
    for (const list of [names, longest, Array.from({ length: 50 }, (_, i) => `s${i}-${'y'.repeat(90)}`)]) {
      expect(compareFolderName(list).length).toBeLessThanOrEqual(MAX_FOLDER_NAME);
    }
  });
});

describe('bad input: exit 2 with a clear message', () => {
  it('fewer than two files', () => {
    for (const args of [['compare'], ['compare', BASE]]) {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/compare: expected two or more scenario files \(the first is the baseline\), found (none|only .*base\.yaml)/);
    }
  });

  it('unknown files, each named', () => {
    const r = cli(['compare', BASE, `${F}/missing-a.yaml`, `${F}/missing-b.yaml`, '--paths', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing-a.yaml: cannot read the scenario file: no such file');
    expect(r.stderr).toContain('missing-b.yaml: cannot read the scenario file: no such file');
  });

  it('an invalid scenario, located', () => {
    const bad = dir.file('bad.yaml', `extends: ${resolve(BASE)}\nname: bad\nhorizon: 0\n`);
    const r = cli(['compare', BASE, bad, '--paths', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:3:\d+: horizon: expected a value >= 1/);
  });

  it('different horizon, fiscal year and target: every difference, located in the file that differs, naming the baseline', () => {
    const r = cli(['compare', BASE, `${F}/other-calendar.yaml`, '--paths', '100']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/other-calendar\.yaml:\d+:\d+: horizon: expected the horizon \(years\) of the baseline .*base\.yaml, 10, .*found 8$/);
    expect(lines[1]).toMatch(/fiscalYearStartMonth: expected .* 1, .*found 7$/);
    expect(lines[2]).toMatch(/target\.value: expected .* 1\.00B, .*found 1\.20B$/);
    expect(lines[3]).toMatch(/target\.year: expected .* 2030, .*found 2031$/);
    expect(lines[4]).toBe('4 problems found');
  });

  it('a difference inherited through extends: located where it is written, naming each compared file that inherits it', () => {
    const a = dir.file('inherits-a.yaml', `extends: ${resolve(F, 'other-calendar.yaml')}\nname: inherits-a\n`);
    const b = dir.file('inherits-b.yaml', `extends: ${resolve(F, 'other-calendar.yaml')}\nname: inherits-b\n`);
    const r = cli(['compare', BASE, a, b, '--paths', '100']);
    expect(r.code).toBe(2);
    const horizon = r.stderr.split('\n').filter((l) => l.includes(': horizon: '));
    expect(horizon).toHaveLength(2);
    expect(horizon[0]).toMatch(/other-calendar\.yaml:\d+:\d+: horizon: .*found 8, which .*inherits-a\.yaml inherits$/);
    expect(horizon[1]).toMatch(/other-calendar\.yaml:\d+:\d+: horizon: .*found 8, which .*inherits-b\.yaml inherits$/);
  });

  it('different start and steps per year', () => {
    const r = cli(['compare', BASE, `${F}/other-start.yaml`, '--paths', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/other-start\.yaml:\d+:\d+: start: expected the start month of the baseline .*base\.yaml, 2026-01, .*found 2027-01/);
    expect(r.stderr).toMatch(/other-start\.yaml:\d+:\d+: stepsPerYear: expected .* 12, .*found 4/);
  });

  it('bad options', () => {
    const r = cli(['compare', BASE, CUSTOMS, '--paths', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--paths: expected a whole number');
    const s = cli(['compare', BASE, CUSTOMS, '--strict']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("compare: Unknown option '--strict' (an option of validate, not of compare)");
  });
});
