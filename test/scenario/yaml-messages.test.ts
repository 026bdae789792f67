/** What a YAML mistake is called: in the file's terms, never in the parser's API. */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { cli, TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

function issuesOf(name: string, text: string): string[] {
  const file = dir.file(name, text);
  try {
    loadScenario(file, dir.path);
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues.map((i) => `${i.line}:${i.column}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
    throw err;
  }
  throw new Error(`${name} loaded`);
}

describe('a file of two YAML documents', () => {
  it.each([
    ['a second "---"', 'name: a\nhorizon: 5\n---\nname: b\n', 3],
    ['content after "..."', 'name: a\n...\nhorizon: 5\n', 3],
  ])('%s is one message at the second document, naming no parser function', (_, text, line) => {
    const issues = issuesOf(`docs-${line}-${text.length}.yaml`, text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`^${line}:1: expected one YAML document, found a second one`));
    expect(issues[0]).not.toMatch(/parseAllDocuments|YAML\./);
  });
});

describe('a value of the wrong type', () => {
  const HEAD = 'name: types\nstart: 2026-01\ntarget: { value: 1B, year: 2030 }\n';
  const FLOWS = 'flows:\n  textiles:\n    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }\n';
  it.each([
    ['a fraction of a year', `${HEAD}horizon: 10.5\n${FLOWS}`, 'horizon: expected a whole number, found number 10.5'],
    ['a flag written yes', `${HEAD}horizon: 5\n${FLOWS}corridors:\n  road: { freightCost: 0.1, transitDays: 10, initiallyClosed: yes }\n`, 'corridors.road.initiallyClosed: expected true or false, found the text "yes"'],
    ['no flows', `${HEAD}horizon: 5\n`, 'flows: expected a mapping (names under it), found nothing (the field is required)'],
    ['no start', 'name: types\nhorizon: 5\ntarget: { value: 1B, year: 2030 }\n' + FLOWS, 'start: expected a start month as "YYYY-MM", found nothing (the field is required)'],
    ['a start as a decimal year', 'name: types\nstart: 2026.0\nhorizon: 5\ntarget: { value: 1B, year: 2030 }\n' + FLOWS, 'start: expected a start month as "YYYY-MM", found number 2026'],
  ])('%s is named in YAML words, not JavaScript type names', (_, text, message) => {
    const issues = issuesOf(`type-${text.length}.yaml`, text);
    expect(issues.some((i) => i.endsWith(message)), issues.join('\n')).toBe(true);
    expect(issues.join('\n')).not.toMatch(/expected (int|boolean|record|object|string)\b/);
  });
});

describe('a variant that deletes the sector an agreement names', () => {
  it('says the scenario has no sectors left, not "()"', () => {
    dir.file('sec-base.yaml', `name: sec
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }
agreements:
  ta: { probability: 0.5, delay: 1, effects: [{ sectors: [textiles], tariff: { add: -0.01 } }] }
`);
    const issues = issuesOf('sec-variant.yaml', 'extends: sec-base.yaml\nname: sec2\nflows: { textiles: null }\n');
    expect(issues.join('\n')).toContain('expected a sector of this scenario (none defined), found "textiles"');
  });
});

describe('a key that is not a valid name', () => {
  const HEAD = 'name: keys\nstart: 2026-01\nhorizon: 5\ntarget: { value: 1B, year: 2030 }\n';
  it.each([
    ['a sector with a space', `${HEAD}flows:\n  dry fruit:\n    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }\n`,
      'flows.dry fruit: expected a name of letters, digits, "-" and "_", starting with a letter, found the text "dry fruit"'],
    ['a tariff table keyed by fiscal year', `${HEAD}flows:\n  textiles:\n    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3, tariff: { FY2026: 0.1 } }\n`,
      'flows.textiles.PK>KZ.tariff.FY2026: expected a four-digit year as key, found the text "FY2026"'],
  ])('%s says what a key must be and quotes the key, not its value', (_, text, message) => {
    const issues = issuesOf(`key-${text.length}.yaml`, text);
    expect(issues.some((i) => i.endsWith(message)), issues.join('\n')).toBe(true);
    expect(issues.join('\n')).not.toContain('Invalid key in record');
  });
});

describe('a list or a mapping used as a key', () => {
  it('is refused at the key, without a warning from Node', () => {
    const text = 'name: k\nstart: 2026-01\nhorizon: 5\ntarget: { value: 1B, year: 2030 }\nflows: { [textiles, energy]: { PK>KZ: { base: 1M, growth: 0.1, volatility: 0.3 } } }\n';
    expect(issuesOf('list-key.yaml', text)).toEqual(['5:10: flows: expected a name as the key, found a list']);
    const r = cli(['validate', 'list-key.yaml'], dir.path);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/Warning|stringified/);
  });
});
