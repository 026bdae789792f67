/**
 * Scenario expressions take the engine's transcendental functions (the same bits on every machine
 * and Node line), not Math's, which math.js would call: with Math's replaced by one that returns a
 * sentinel before math.js is loaded (it binds Math's functions as it loads), every function of the
 * whitelist, and `^`, returns the engine's bits.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cbrt } from '../../src/engine/cbrt.js';
import { exp, log, log10, log2 } from '../../src/engine/exp-log.js';
import { tanh } from '../../src/engine/hyperbolic.js';
import { log1p } from '../../src/engine/log1p.js';
import { pow } from '../../src/engine/pow.js';
import { atan, cos, sin, tan } from '../../src/engine/trig.js';
import type { ScheduleFunction } from '../../src/scenario/expressions.js';

const SENTINEL = -12345.678;
const ENGINE: Record<string, (x: number) => number> = { exp, log, log1p, log2, log10, tanh, sin, cos, tan, atan, cbrt };
const STUBBED = [...Object.keys(ENGINE), 'pow'] as const;
const T = [0.001, 0.37, 1, 2.5, 7.25, 30, 1e6, 1e22];

describe('scenario expressions take the engine\'s transcendental functions', () => {
  const compiled = new Map<string, ScheduleFunction>();

  beforeAll(async () => {
    // math.js must load here, with Math's functions stubbed: else it holds the real ones and the test proves nothing
    const require = createRequire(import.meta.url);
    expect(require.cache[require.resolve('mathjs')]).toBeUndefined();
    for (const name of STUBBED) vi.spyOn(Math, name as 'sin').mockImplementation(() => SENTINEL);
    const { compileExpression } = await import('../../src/scenario/expressions.js');
    for (const text of [...Object.keys(ENGINE).map((name) => `${name}(t)`), 't ^ 0.37', 'pow(t, 0.37)']) {
      const c = compileExpression(text);
      if ('error' in c) throw new Error(`${text}: ${c.error}`);
      compiled.set(text, c.fn);
    }
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it.each(Object.keys(ENGINE))('%s(t)', (name) => {
    const fn = compiled.get(`${name}(t)`)!;
    for (const t of T) expect(fn(t, 2026 + t), `${name}(${t})`).toBe(ENGINE[name]!(t));
  });

  it('t ^ 0.37 and pow(t, 0.37)', () => {
    for (const text of ['t ^ 0.37', 'pow(t, 0.37)']) {
      for (const t of T) expect(compiled.get(text)!(t, 2026 + t), `${text} at ${t}`).toBe(pow(t, 0.37));
    }
  });

  it('Math\'s were stubbed while the expressions ran (the check above could fail)', () => {
    expect(Math.sin(1)).toBe(SENTINEL);
  });
});
