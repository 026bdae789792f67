/**
 * The project's exp, log (src/engine/exp-log.ts), expm1, tanh and atanh (hyperbolic.ts), fdlibm's
 * transcribed, which every exponential and logarithm of the engine, the results and scenario
 * expressions takes, so that a machine whose Math functions were compiled otherwise (Linux arm64:
 * fused multiply-adds) or a V8 that takes them from another library gives the same bits:
 * - on x64, where V8 runs fdlibm's C without fused multiply-adds (Node 20 to 26), the same bits as
 *   Math's on about 4 million inputs from fixed streams, over fdlibm's branches and the engine's
 *   ranges;
 * - on every machine and Node line, the same bits as on x64 (pinned sha-256 of their results);
 * - everywhere, within 1 ulp of the runtime's Math (2 for atanh, 3 for tanh: Node's arm64 Math.tanh is 3 ulps from ours at worst, under qemu);
 * - kernel.wat's exp and log (the ziggurat's slow path calls them) give the JS functions' bits.
 */
import { describe, expect, it } from 'vitest';
import { exp, log } from '../../src/engine/exp-log.js';
import { atanh, expm1, tanh } from '../../src/engine/hyperbolic.js';
import { kernelParts } from '../../src/engine/kernel/index.js';
import { wasmKernel } from '../../src/engine/kernel/wasm.js';
import { streamFor } from '../../src/engine/streams.js';
import { fromWords } from '../helpers/doubles.js';
import { itMatchesMath, same, u32Of, uniform } from '../helpers/math-cases.js';

const SPECIAL = [0, -0, 1, -1, 2, 0.5, -0.5, Infinity, -Infinity, NaN, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
  709.782712893384, 709.79, -745.1332191019412, -745.14, -708.4, -1022 * Math.LN2, 22, -22, 56 * Math.LN2, -56 * Math.LN2, Math.LN2 / 2, 1.5 * Math.LN2, 2 ** -28, 2 ** -54, 1 - 2 ** -53, 1 + 2 ** -52];

/** Each function's inputs, the same on every run and platform. */
function inputsOf(name: string, ranges: Array<[number, number, number]>): number[] {
  const st = streamFor(16, 0, `exp-log-test-${name}`);
  const out: number[] = [];
  for (let i = 0; i < 100_000; i++) out.push(fromWords(u32Of(st), u32Of(st))); // every double, by bit pattern
  for (const [n, lo, hi] of ranges) for (let i = 0; i < n; i++) out.push(uniform(st, lo, hi));
  return out.concat(SPECIAL);
}

const x64 = process.arch === 'x64';
const CASES = [
  { name: 'exp', f: exp, m: Math.exp, reference: x64, ulps: 1n, sha: 'c1e4e52017ce8a5bebde517c1ad4aa894e9cb47c29aa50f4750c57cb4f634588', inputs: inputsOf('exp', [[300_000, -1, 1], [300_000, -40, 40], [100_000, -750, 710], [50_000, -1e-8, 1e-8], [50_000, 0.34, 1.05]]) },
  { name: 'log', f: log, m: Math.log, reference: x64, ulps: 1n, sha: 'ed9e6b8e7c9528cdcb17c28399592ed0a0ce84bad8905a06a173dd587597dc62', inputs: inputsOf('log', [[300_000, 0, 4], [100_000, 0.999, 1.001], [100_000, 0, 1e-300], [100_000, 0, 2.3e-308], [200_000, 1, 1e12], [100_000, 1.3, 1.5]]) },
  { name: 'expm1', f: expm1, m: Math.expm1, reference: x64, ulps: 1n, sha: '999f0b2b65e01c03e3c0f2f72ebb54d56b507d6a0adb91827f74b577edbf5bad', inputs: inputsOf('expm1', [[200_000, -1, 1], [200_000, -60, 60], [50_000, -1e-10, 1e-10], [50_000, 700, 710]]) },
  { name: 'tanh', f: tanh, m: Math.tanh, reference: x64, ulps: 3n, sha: '4f939919ee8c4b53a10f45d59558630b672955909fb2ed63ae6c238ecf55edbc', inputs: inputsOf('tanh', [[200_000, -1.5, 1.5], [100_000, -25, 25], [50_000, -1e-7, 1e-7]]) },
  { name: 'atanh', f: atanh, m: Math.atanh, reference: x64, ulps: 2n, sha: 'bfbc42c3177f76130b6fdd6672af4a2828ef11e3e9c58ecef79ab8734472294f', inputs: inputsOf('atanh', [[300_000, -1, 1], [50_000, 0.999, 1], [50_000, -1e-7, 1e-7]]) },
];

describe('exp, log, expm1, tanh and atanh (src/engine/exp-log.ts, hyperbolic.ts)', () => {
  for (const c of CASES) itMatchesMath(c);

  it('kernel.wat\'s exp and log give exp-log.ts\'s bits on the same inputs', () => {
    const wasm = wasmKernel(0, 1, kernelParts.KN, kernelParts.WN, kernelParts.FN);
    expect(wasm).not.toBeNull();
    const pairs: Array<[string, (x: number) => number, (x: number) => number, number[]]> = [
      ['exp', exp, wasm!.fn.exp, CASES[0]!.inputs],
      ['log', log, wasm!.fn.log, CASES[1]!.inputs],
    ];
    for (const [name, js, wat, inputs] of pairs) {
      const wrong: string[] = [];
      for (const x of inputs) {
        const a = js(x), b = wat(x);
        if (!same(a, b) && wrong.length < 5) wrong.push(`${name}(${x}) = ${a}, wasm ${b}`);
      }
      expect(wrong).toEqual([]);
    }
  });
});
