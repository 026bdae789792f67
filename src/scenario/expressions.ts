/**
 * Schedule expressions in `t` (years since the start) and `year` (calendar year with fraction),
 * evaluated with math.js in a sandbox. Two fences: a whitelist of node types, operators, functions
 * and symbols checked on the parse tree before anything runs, and a math.js instance whose
 * functions that reach beyond arithmetic (import, createUnit, evaluate, parse, ...) throw.
 * Expressions run once per step when a scenario is compiled, never inside the per-path loop.
 */
import { createRequire } from 'node:module';
import type { MathJsInstance, MathNode } from 'mathjs';
import { MAX_EXPRESSION_LENGTH } from './limits.js';
import { pow } from '../engine/pow.js';
import { exp, log, log10, log2 } from '../engine/exp-log.js';
import { log1p } from '../engine/log1p.js';
import { tanh } from '../engine/hyperbolic.js';
import { atan, cos, sin, tan } from '../engine/trig.js';
import { cbrt } from '../engine/cbrt.js';

const refuse = (name: string) => () => {
  throw new Error(`function ${name} is not available in scenario expressions`);
};
const DISABLED = ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'reviver', 'compile', 'chain', 'parser', 'help'];
let instance: { math: MathJsInstance; parse: MathJsInstance['parse'] } | undefined;

/**
 * The sandboxed math.js instance, created on first use: loading math.js takes most of a second,
 * which a scenario without expressions should not pay.
 */
export function sandboxedMath(): { math: MathJsInstance; parse: MathJsInstance['parse'] } {
  if (instance) return instance;
  const { create, all } = createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
  const math = create(all as NonNullable<typeof all>);
  // Our own handle on the parser; the instance's `parse` is closed below like the rest.
  const parse = math.parse;
  // math.js has no clamp; give it one that stays arithmetic. `^` and every transcendental function
  // of the whitelist take the engine's own (engine/pow.ts, exp-log.ts, log1p.ts, hyperbolic.ts,
  // trig.ts, cbrt.ts), the same bits on every machine and Node line, where math.js calls Math's.
  // Then close the doors (import last).
  const logBase = (f: (x: number) => number) => (x: number, base?: number) => (base === undefined ? f(Number(x)) : f(Number(x)) / log(Number(base)));
  const unary = (f: (x: number) => number) => (x: number) => f(Number(x));
  math.import({
    clamp: (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi),
    pow: (x: number, y: number) => pow(Number(x), Number(y)),
    log: logBase(log),
    log1p: logBase(log1p),
    ...Object.fromEntries(Object.entries({ exp, log2, log10, tanh, sin, cos, tan, atan, cbrt }).map(([name, f]) => [name, unary(f)])),
  }, { override: true });
  math.import(Object.fromEntries(DISABLED.map((n) => [n, refuse(n)])), { override: true });
  instance = { math, parse };
  return instance;
}

export const ALLOWED_FUNCTIONS = new Set([
  'abs', 'exp', 'log', 'log10', 'log2', 'log1p', 'sqrt', 'cbrt', 'pow', 'min', 'max', 'floor', 'ceil',
  'round', 'sign', 'sin', 'cos', 'tan', 'atan', 'tanh', 'clamp', 'mod',
]);
const ALLOWED_SYMBOLS = new Set(['t', 'year', 'pi', 'e']);
const ALLOWED_OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus', 'pow', 'mod',
  'larger', 'smaller', 'largerEq', 'smallerEq', 'equal', 'unequal', 'and', 'or', 'not',
]);
const ALLOWED_NODES = new Set(['ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'ConditionalNode', 'FunctionNode']);


export type ScheduleFunction = (t: number, year: number) => number;

/** A compiled expression, or the reason it was refused (for a validation message). */
export function compileExpression(text: string): { fn: ScheduleFunction } | { error: string } {
  if (text.length > MAX_EXPRESSION_LENGTH) return { error: `it is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}` };
  let node: MathNode;
  try {
    node = sandboxedMath().parse(text);
  } catch (err) {
    return { error: err instanceof RangeError ? TOO_DEEP : `it does not parse (${(err as Error).message})` };
  }
  try {
    return checkAndCompile(node);
  } catch (err) {
    // math.js walks and compiles the tree recursively: a deep one overflows the stack.
    if (err instanceof RangeError) return { error: TOO_DEEP };
    throw err;
  }
}

const TOO_DEEP = 'it is nested too deeply (write it with fewer parentheses, operators or calls inside one another)';

function checkAndCompile(node: MathNode): { fn: ScheduleFunction } | { error: string } {
  let problem: string | undefined;
  node.traverse((n: MathNode, _path: string, parent: MathNode | null) => {
    if (problem) return;
    if (!ALLOWED_NODES.has(n.type)) {
      problem = `${n.type.replace('Node', '').toLowerCase()} expressions are not allowed`;
    } else if (n.type === 'FunctionNode') {
      const name = (n as unknown as { fn: { name?: string } }).fn.name ?? '?';
      if (!ALLOWED_FUNCTIONS.has(name)) problem = `function "${name}" is not allowed (allowed: ${[...ALLOWED_FUNCTIONS].join(', ')})`;
    } else if (n.type === 'OperatorNode') {
      const fn = (n as unknown as { fn: string }).fn;
      if (!ALLOWED_OPERATORS.has(fn)) problem = `operator "${(n as unknown as { op: string }).op}" is not allowed`;
    } else if (n.type === 'SymbolNode') {
      const name = (n as unknown as { name: string }).name;
      const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n;
      if (!isCallee && !ALLOWED_SYMBOLS.has(name)) problem = `unknown name "${name}" (use t, year, pi or e)`;
    }
  });
  if (problem) return { error: problem };
  const code = node.compile();
  return {
    fn: (t: number, year: number) => {
      const v: unknown = code.evaluate({ t, year });
      return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
    },
  };
}
