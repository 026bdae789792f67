/** A file without "series" given where a history file goes is one message, not one per field. */
import { afterAll, describe, expect, it } from 'vitest';
import { readHistoryFile } from '../../src/scenario/history.js';
import { compile, loadScenario } from '../../src/index.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const SCENARIO = `name: s
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }
`;

const issuesOf = (f: () => unknown) => {
  try { f(); } catch (err) { return (err as { issues: Array<{ file: string; line: number; message: string }> }).issues; }
  throw new Error('accepted');
};

describe('a history file that is not one', () => {
  it('a scenario given to calibrate says so once', () => {
    const file = dir.file('scenario.yaml', SCENARIO);
    const issues = issuesOf(() => readHistoryFile(file, dir.path));
    expect(issues).toEqual([expect.objectContaining({ line: 1, message: 'expected a history file (a mapping with "series", as scenarios/history.yaml), found a mapping without "series" (a scenario file? its "history" field names its history file)' })]);
  });

  it('a scenario whose history names a scenario says where it is named', () => {
    const file = dir.file('main.yaml', `${SCENARIO}history: scenario.yaml\n`);
    const issues = issuesOf(() => compile(loadScenario(file, dir.path), dir.path));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/found a mapping without "series" .*\(named in "history" of main\.yaml:8\)$/);
  });

  it('an empty file is an empty document', () => {
    const issues = issuesOf(() => readHistoryFile(dir.file('empty.yaml', ''), dir.path));
    expect(issues).toEqual([expect.objectContaining({ message: 'expected a history file (a mapping with "series", as scenarios/history.yaml), found an empty document' })]);
  });
});
