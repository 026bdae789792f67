/**
 * Amounts as scenario files write them: a number, or a string with an optional `$`, a
 * suffix `k`, `M`, `B` (thousand, million, billion) or a trailing `%` (divided by 100).
 *
 * parseAmount('250M') === 250e6; parseAmount('$40k') === 40e3; parseAmount('7.1%') === 0.071
 */
import { describeFound } from './issues.js';
import { MAX_AMOUNT_LENGTH } from './limits.js';

// No two neighbouring parts can match the same characters, so a failed match does not backtrack
// through them (the text is trimmed first and capped at MAX_AMOUNT_LENGTH): the match is linear.
const AMOUNT = /^(-)?\s*(?:\$\s*)?(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?(?:\s*(k|K|M|B|bn|%))?$/;

const SCALE: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, bn: 1e9, '%': 0.01 };

/**
 * The number an amount string stands for, or undefined when it is not an amount (also when it is
 * longer than MAX_AMOUNT_LENGTH). The value may be infinite ("1e400"): the schema says so.
 */
export function parseAmount(text: string): number | undefined {
  if (text.length > MAX_AMOUNT_LENGTH) return undefined;
  const m = AMOUNT.exec(text.trim());
  if (!m) return undefined;
  const digits = `${m[2]}${m[3] === undefined ? '' : `e${m[3]}`}`;
  const scale = m[4] === undefined ? 1 : (SCALE[m[4]] ?? 1);
  // Scale by division for '%' so that '7.1%' is exactly 0.071, not 0.07100000000000001.
  const value = m[4] === '%' ? Number(digits) / 100 : Number(digits) * scale;
  return m[1] ? -value : value;
}

export function isAmountString(text: string): boolean {
  return parseAmount(text) !== undefined;
}

/** Why `text` is not a finite amount, with what was found; undefined when it is one. */
export function amountProblem(text: string): string | undefined {
  const expected = 'expected a number or an amount such as "250M", "1.2B", "$40k" or "7.1%"';
  if (text.length > MAX_AMOUNT_LENGTH) {
    return `${expected} (at most ${MAX_AMOUNT_LENGTH} characters), found ${describeFound(text)} (${text.length} characters)`;
  }
  const value = parseAmount(text);
  if (value === undefined) return `${expected}, found ${describeFound(text)}`;
  return Number.isFinite(value) ? undefined : `expected a finite number (at most about 1.8e308), found ${describeFound(text)}`;
}

/** An amount as a scenario file writes it (parseAmount reads it back): 1.234e9 -> "1.23B". For people, format.ts's formatUsd. */
export function formatAmount(value: number, digits = 3): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toPrecision(digits)}B`;
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(digits)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toPrecision(digits)}k`;
  return value.toPrecision(digits);
}
