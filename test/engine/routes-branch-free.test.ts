/**
 * routes.ts's branch-free rules against the branches they replace, on the values that reach them
 * and on the edges (probabilities 0, 1, NaN, outside [0, 1], equal to the uniform; steps 0 and
 * NEVER; -0, NaN and -Infinity route factors): the kernel's results are the same bits as before
 * only if each rule gives the same outcome everywhere.
 */
import { describe, expect, it } from 'vitest';
import { branchFree } from '../../src/engine/kernel/routes.js';
import { NEVER } from '../../src/engine/kernel/layout.js';
import { nextInt32, U32_SCALE } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';

const { probability, chainStep, reached, setCap } = branchFree;

/** The uniform move() and moveBorders() draw from a generator output r. */
const uniform = (r: number) => ((r >>> 0) + 0.5) * U32_SCALE;

/** The rule before: a closed chain reopens when u < pOpen (stays shut when u >= pOpen); an open one closes when u < pClose. */
const branchy = (closed: number, pClose: number, pOpen: number, u: number) => (closed === 1 ? (u >= pOpen ? 1 : 0) : (u < pClose ? 1 : 0));

describe('routes.ts branch-free rules', () => {
  it('chainStep moves a chain as the branches did, for every state, uniform and probability', () => {
    const st = streamFor(7, 0, 'test:chainStep');
    const us = [uniform(0), uniform(-1), uniform(0x7fffffff), uniform(0x80000000)];
    for (let j = 0; j < 2000; j++) us.push(uniform(nextInt32(st)));
    const ps = [0, 1, NaN, -0, -0.5, 1.5, -Infinity, Infinity, Number.MIN_VALUE, 1 - 2 ** -53, 0.1175, 0.49, ...us.slice(0, 40)];
    for (let j = 0; j < 200; j++) ps.push(uniform(nextInt32(st)));
    const pLeave = new Float64Array(2);
    let n = 0;
    for (const pClose of ps) {
      for (const pOpen of [pClose, 0, 1, NaN, 0.49, us[7]!]) {
        pLeave[0] = probability(pClose, 0);
        pLeave[1] = probability(pOpen, 1);
        for (const u of us) {
          for (const c of [0, 1]) {
            const got = chainStep(pLeave, 0, c, u);
            if (got !== branchy(c, pClose, pOpen, u)) throw new Error(`state ${c}, u ${u}, pClose ${pClose}, pOpen ${pOpen}: ${got}`);
            n++;
          }
        }
      }
    }
    expect(n).toBeGreaterThan(1_000_000);
  });

  it('chainStep reads the probability of the state it is in, at pair i', () => {
    const pLeave = Float64Array.from([0, 0, 1, 0, 0, 1]); // pair 1 leaves open surely, stays closed surely; pair 2 the reverse
    expect([chainStep(pLeave, 1, 0, 0.5), chainStep(pLeave, 1, 1, 0.5)]).toEqual([1, 1]);
    expect([chainStep(pLeave, 2, 0, 0.5), chainStep(pLeave, 2, 1, 0.5)]).toEqual([0, 0]);
  });

  it('reached(k, s) is k >= s for steps in [0, NEVER]', () => {
    const steps = [0, 1, 2, 11, 12, 119, 120, 121, 1000, NEVER - 1, NEVER];
    for (let s = 0; s < 130; s++) steps.push(s);
    for (const k of steps) for (const s of steps) if (k < NEVER) expect(reached(k, s)).toBe(k >= s ? 1 : 0);
  });

  it('setCap writes +Infinity when x is 0 and ln otherwise, bit for bit', () => {
    const pair = Float64Array.of(0, Infinity);
    const out = new Float64Array(1);
    const lns = [-0, 0, NaN, -Infinity, Infinity, -1.25, 3.5e-300];
    const xs = [0, 1, 2, 0x30, -1, 1 << 30, -(2 ** 31), 5];
    for (const ln of lns) {
      for (const x of xs) {
        setCap(out, 0, pair, ln, x);
        expect(Object.is(out[0], x === 0 ? Infinity : ln)).toBe(true);
        expect(pair[1]).toBe(Infinity);
      }
    }
  });
});
