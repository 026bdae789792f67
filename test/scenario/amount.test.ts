/** Amount strings: the forms scenario files use, what is not an amount, and a match linear in the text. */
import { describe, expect, it } from 'vitest';
import { amountProblem, isAmountString, parseAmount } from '../../src/scenario/amount.js';
import { MAX_AMOUNT_LENGTH } from '../../src/scenario/limits.js';

describe('amountProblem', () => {
  it.each(['250M', '-5', '7.1%', '1e308'])('%j is an amount', (text) => {
    expect(amountProblem(text)).toBeUndefined();
  });

  it.each([
    ['1X', 'expected a number or an amount such as "250M", "1.2B", "$40k" or "7.1%", found the text "1X"'],
    ['1e400', 'expected a finite number (at most about 1.8e308), found the text "1e400"'],
    ['1e300B', 'expected a finite number (at most about 1.8e308), found the text "1e300B"'],
  ])('%j: %s', (text, message) => {
    expect(amountProblem(text)).toBe(message);
  });

  it('names the length limit, and what was found cut to a line with its length', () => {
    const text = '1234567890'.repeat(7);
    const message = amountProblem(text) ?? '';
    expect(message).toContain(`(at most ${MAX_AMOUNT_LENGTH} characters), found the text "1234567890`);
    expect(message).toMatch(/found the text "\d{57}\.\.\." \(70 characters\)$/);
  });
});

describe('parseAmount', () => {
  it.each([
    ['250M', 250e6], ['1.2B', 1.2e9], ['$40k', 40e3], ['7.1%', 0.071], ['-5', -5], [' 1.5bn ', 1.5e9],
    ['$ 40 k', 40e3], ['- $3M', -3e6], ['.5', 0.5], ['2.', 2], ['1e3k', 1e6], ['1e-2', 0.01], ['12K', 12e3],
  ])('%j is %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
    expect(isAmountString(text)).toBe(true);
  });

  it.each(['', ' ', 'M', '$', '1.2.3', '1 000', '5 M M', 't + 1', '--5', '$$5', '5$', 'e5', '1e', '1'.repeat(MAX_AMOUNT_LENGTH + 1)])('%j is not an amount', (text) => {
    expect(parseAmount(text)).toBeUndefined();
    expect(isAmountString(text)).toBe(false);
  });

  it('rejects long adversarial text at once (the old pattern took 11.6 s for 4,000 spaces)', () => {
    const inputs = [' '.repeat(100_000), `-${' '.repeat(100_000)}x`, `1${' '.repeat(100_000)}x`, `${'1'.repeat(100_000)}x`];
    // And the longest text that is still matched, built to make a backtracking pattern work hardest.
    const capped = [`-${' '.repeat(MAX_AMOUNT_LENGTH - 3)}$x`, `${'9'.repeat(MAX_AMOUNT_LENGTH - 2)} x`, ` ${' '.repeat(MAX_AMOUNT_LENGTH - 2)}!`];
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) for (const s of [...inputs, ...capped]) expect(parseAmount(s)).toBeUndefined();
    // 7,000 calls; microseconds each when linear.
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
