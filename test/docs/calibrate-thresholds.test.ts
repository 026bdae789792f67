/**
 * docs/model.md states the lengths at which `calibrate` warns; they must be the code's
 * (src/calibrate/fit.ts). The document said the intervals were flagged as narrow below 300 years
 * after the code had moved the threshold to 980 (its own coverage test: 300 years did not keep
 * the stated coverage).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_YEARS_FOR_INTERVALS, MIN_YEARS_FOR_SPLIT } from '../../src/calibrate/fit.js';

describe('docs/model.md on the calibration\'s warnings', () => {
  it('names the thresholds the code applies', () => {
    const text = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const m = /Below (\d+) whole years the command says the split is undetermined, below (\d+) that the intervals run narrow/.exec(text);
    expect(m, 'the sentence is in docs/model.md').not.toBeNull();
    expect(Number(m?.[1])).toBe(MIN_YEARS_FOR_SPLIT);
    expect(Number(m?.[2])).toBe(MIN_YEARS_FOR_INTERVALS);
  });
});
