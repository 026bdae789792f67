/**
 * An agreement's effect is a corridor effect when it names a corridor, else a flow effect, and a
 * mistake inside it is reported in that kind's terms, not as unknown fields of the other kind.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const withEffect = (effect: string) => `name: eff
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
flows:
  textiles:
    PK>KZ: { base: 60M, growth: 0.1, volatility: 0.3 }
corridors:
  road: { freightCost: 0.1, transitDays: 10 }
agreements:
  ta:
    probability: 0.5
    delay: 1
    effects:
      - ${effect}
`;

function messages(effect: string): string[] {
  const file = dir.file(`e${effect.length}-${Math.abs(effect.split('').reduce((h, c) => h * 31 + c.charCodeAt(0), 7) % 1e9)}.yaml`, withEffect(effect));
  try { loadScenario(file, dir.path); } catch (err) { return (err as { issues: Array<{ path: string; message: string }> }).issues.map((i) => `${i.path}: ${i.message}`); }
  throw new Error('accepted');
}

describe('an agreement effect with a mistake', () => {
  it('a corridor effect with open: false is about open, not unknown fields of a flow effect', () => {
    expect(messages('{ corridor: road, open: false }')).toEqual(['agreements.ta.effects[0].open: expected one of true, found boolean false']);
  });

  it('a flow effect with an NTM written as a number is about ntm, not a missing corridor', () => {
    expect(messages('{ sectors: [textiles], ntm: -0.02 }')).toEqual(['agreements.ta.effects[0].ntm: expected a mapping (fields under it), found number -0.02']);
  });

  it('well-formed effects of both kinds still load', () => {
    expect(() => loadScenario(dir.file('ok.yaml', withEffect('{ corridor: road, open: true, transitDays: { add: -2 } }').replace('effects:\n', 'effects:\n      - { sectors: [textiles], ntm: { add: -0.01 } }\n')), dir.path)).not.toThrow();
  });
});
