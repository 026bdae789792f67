/** A scenario with no flow projects USD 0 on every path: it is refused, not run. */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const HEAD = 'start: 2026-01\nhorizon: 5\ntarget: { value: 1B, year: 2030 }\n';

describe('a scenario without flows', () => {
  it.each([
    ['an empty flows mapping', `name: a\n${HEAD}flows: {}\n`, /^expected at least one flow .*found none$/],
    ['a sector with no direction', `name: b\n${HEAD}flows: { textiles: {} }\n`, /found none \(1 sector with no direction\)$/],
  ])('%s is refused at flows', (_, text, message) => {
    const file = dir.file(`${text.length}.yaml`, text);
    expect(() => loadScenario(file, dir.path)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'flows', line: 5, message: expect.stringMatching(message) })] }));
  });

  it('a variant that deletes the last flow is refused', () => {
    dir.file('base.yaml', `name: base\n${HEAD}flows:\n  textiles:\n    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }\n`);
    const variant = dir.file('variant.yaml', 'extends: base.yaml\nname: variant\nflows: { textiles: null }\n');
    expect(() => loadScenario(variant, dir.path)).toThrow(/expected at least one flow/);
  });
});
