/**
 * goal's default --range (README: the distribution's bounds in the file, or 0 to twice a fixed
 * value) reads a number written as an amount ("40M", "70%") as the scenario does.
 */
import { describe, expect, it } from 'vitest';
import { defaultRange } from '../../src/studies/goal/lever.js';

describe('goal: the default range of a lever written as an amount', () => {
  it.each([
    ['a fixed amount', '40M', [40e6, 0, 80e6]],
    ['a percentage', '70%', [0.7, 0, 1.4]],
    ['a PERT of amounts', { dist: 'pert', min: '19.6M', mode: '31M', max: '52.2M' }, [null, 19.6e6, 52.2e6]],
    ['a normal of amounts', { dist: 'normal', mean: '10M', sd: '1M' }, [null, 7e6, 13e6]],
  ] as const)('%s: the same range as the number it stands for', (_, written, [fixed, lo, hi]) => {
    expect(defaultRange(written)).toEqual([lo, hi]);
    if (fixed !== null) expect(defaultRange(written)).toEqual(defaultRange(fixed));
  });

  it('a date written as text still has no default range', () => {
    expect(defaultRange('2027-06')).toBeNull();
  });
});
