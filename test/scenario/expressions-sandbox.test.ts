/** Schedule expressions: arithmetic in t and year runs; anything that reaches further is refused. */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/scenario/expressions.js';

const evaluate = (text: string, t: number, year: number) => {
  const c = compileExpression(text);
  if ('error' in c) throw new Error(c.error);
  return c.fn(t, year);
};

describe('allowed', () => {
  it.each([
    ['0.2 - 0.02 * min(t, 5)', 2, 2028, 0.16],
    ['year >= 2030 ? 0.05 : 0.1', 0, 2030, 0.05],
    ['year >= 2030 ? 0.05 : 0.1', 0, 2029.9, 0.1],
    ['clamp(0.2 * exp(-t / 3), 0.05, 1)', 30, 2056, 0.05],
    ['0.0971 + (0.2019 - 0.0971) * max(0, 2030 - year) / 5', 0, 2027, 0.0971 + (0.2019 - 0.0971) * 3 / 5],
  ])('%s at t=%d, year=%d is %d', (text, t, year, expected) => {
    expect(evaluate(text, t, year)).toBeCloseTo(expected, 14);
  });
});

describe('refused before anything runs', () => {
  it.each([
    ['import({x: 1}, {override: true})', 'function "import" is not allowed'],
    ['createUnit("foo")', 'function "createUnit" is not allowed'],
    ['evaluate("1 + 1")', 'function "evaluate" is not allowed'],
    ['parse("1")', 'function "parse" is not allowed'],
    ['simplify("x + x")', 'function "simplify" is not allowed'],
    ['f(x) = x', 'functionassignment expressions are not allowed'],
    ['a = 1', 'assignment expressions are not allowed'],
    ['t.constructor', 'accessor expressions are not allowed'],
    ['[1, 2]', 'array expressions are not allowed'],
    ['{a: 1}', 'object expressions are not allowed'],
    ['x + 1', 'unknown name "x"'],
    ['5 cm to inch', 'not allowed'],
    ['1 +', 'does not parse'],
  ])('%s', (text, why) => {
    const c = compileExpression(text);
    expect('error' in c && c.error).toContain(why);
  });
});
