/** What a YAML mistake is called: in the file's terms, never in the parser's API. */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { TempDir } from '../helpers/scenario-files.js';

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
