/**
 * A problem of the scenario file's sensitivity.groups is reported at its file, line and field as
 * any problem of the file is (exit 2, no usage line); one of --group stays the option's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const SCENARIO = `name: groups
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: { dist: uniform, min: 0, max: 0.2 }, volatility: 0.3 }
`;

describe('sensitivity.groups in the file', () => {
  it('a pattern that matches no input is named at its line', () => {
    dir.file('g.yaml', `${SCENARIO}sensitivity:\n  groups:\n    g: [flows.*, nothing.*]\n`);
    const r = cli(['sensitivity', 'g.yaml', '-n', '100', '--no-charts', '-o', 'out'], dir.path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('g.yaml:10:18: sensitivity.groups.g[1]: expected patterns that match inputs of g.yaml, found "nothing.*", which match none');
    expect(r.stderr).not.toContain('usage:');
  });

  it('the same mistake in --group is the option\'s', () => {
    dir.file('h.yaml', SCENARIO);
    const r = cli(['sensitivity', 'h.yaml', '--group', 'x=nothing', '-n', '100', '--no-charts', '-o', 'out'], dir.path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--group: expected patterns that match inputs of h.yaml, found "nothing", which match none');
  });
});
