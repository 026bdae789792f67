/**
 * The kernel's wasm loops (src/engine/kernel/kernel.wat through kernel/wasm.ts) against the JS loops they
 * replace, bit for bit: the flow shocks (fillShocks, wedges and tail included, and where each
 * generator is left), fastExp with its Math.exp fallback outside (-708, 709), the level updates
 * (parameters fixed or per path, policy multiplier or none, transitory part, route adjustment), the
 * correlation c = L z, a step's shocks in one call, and the levels of every flow in one call.
 * The whole kernel with and without wasm is compared in kernel-reference-twin.test.ts, and on
 * issue 11's model in model-twin.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fastExp } from '../../src/engine/fast-exp.js';
import { BLOCK, fillShocks, kernelParts, makeCorrelate } from '../../src/engine/kernel/index.js';
import { correlateDense, correlateTable, correlateTableSize } from '../../src/engine/kernel/shocks.js';
import { nextInt32, type StreamState } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import { wasmAvailable, wasmKernel, type WasmKernel } from '../../src/engine/kernel/wasm.js';
import { Transitory } from '../../src/engine/kernel/transitory.js';
import type { Plan } from '../../src/scenario/plan.js';

const { KN, WN, FN, levelsFixed, levelsGeneral, observe } = kernelParts;

const bits = (x: number) => {
  const f = new Float64Array([x]);
  return new BigUint64Array(f.buffer)[0]!;
};

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (bits(a[i]!) !== bits(b[i]!)) throw new Error(`${what}: element ${i} differs: ${a[i]} vs ${b[i]}`);
  }
}

/** Outputs a generator gives to get from `from` to `to`. */
function outputsBetween(from: StreamState, to: StreamState, max: number): number {
  const st = Int32Array.from(from);
  for (let k = 0; k <= max; k++) {
    if (st.every((w, i) => w === to[i])) return k;
    nextInt32(st);
  }
  throw new Error('state not reached');
}

function kernel(doubles: number, groups = 1): WasmKernel {
  const k = wasmKernel(doubles, groups, KN, WN, FN);
  if (!k) throw new Error('no wasm kernel');
  return k;
}

describe('the kernel\'s wasm', () => {
  it('is available here (Node 20 has WebAssembly SIMD), so the tests below test it', () => {
    expect(wasmAvailable).toBe(true);
  });

  it('is kernel.wat as scripts/gen-wasm.mjs assembles it', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('shocks4 gives fillShocks\' draws, wedges and tail included, misses in several lanes of a step included, and leaves each generator where fillShocks does', () => {
    const ROW = 20011;
    const w = kernel(4 * ROW);
    let draws = 0, extra = 0, tail = 0, twoSlow = 0, threeSlow = 0;
    for (let seed = 0; seed < 6; seed++) {
      for (let nl = 1; nl <= 4; nl++) {
        const js = Array.from({ length: nl }, (_, l) => streamFor(seed, 10 * nl + l, 'test:wasm-shocks'));
        for (let l = 0; l < 4; l++) for (let s = 0; s < 4; s++) w.states[s * 4 + l] = l < nl ? js[l]![s]! : 0x9e3779b9 | 0;
        for (const n of [1, 0, 255, 256, 7, ROW]) {
          w.mem.fill(NaN);
          w.fn.shocks4(w.stateAt, w.memAt, ROW * 8, nl, n);
          const slowLanes = new Uint8Array(n); // per step, the lanes whose draw left the fast path
          for (let l = 0; l < nl; l++) {
            const before = Int32Array.from(js[l]!);
            const out = new Float64Array(n);
            fillShocks(js[l]!, out, 0, n);
            expectSameBits(w.mem.subarray(l * ROW, l * ROW + n), out, `lanes ${nl}, lane ${l}, n ${n}`);
            expect(Array.from({ length: 4 }, (_, s) => w.states[s * 4 + l])).toEqual(Array.from(js[l]!));
            if (n < ROW) expect(Object.is(w.mem[l * ROW + n], NaN)).toBe(true); // nothing written past n
            extra += outputsBetween(before, js[l]!, 2 * n + 10) - n;
            // a draw on the fast path takes one output; a wedge or the tail takes more
            const one = new Float64Array(1);
            for (let p = 0; p < n; p++) {
              const fast = Int32Array.from(before);
              nextInt32(fast);
              fillShocks(before, one, 0, 1);
              if (before.some((v, i) => v !== fast[i])) slowLanes[p]! += 1;
            }
            for (const z of out) if (Math.abs(z) > 3.442619855899) tail++;
            draws += n;
          }
          expect(w.mem.subarray(nl * ROW).every(Number.isNaN)).toBe(true); // nothing written in the rows of lanes l >= nl
          for (const k of slowLanes) { if (k >= 2) twoSlow++; if (k >= 3) threeSlow++; }
        }
      }
    }
    expect(draws).toBeGreaterThan(1_000_000);
    expect(extra).toBeGreaterThan(10_000); // outputs the wedges and the tail drew
    expect(tail).toBeGreaterThan(200);
    expect(twoSlow).toBeGreaterThan(300); // steps where two or more lanes left the fast path
    expect(threeSlow).toBeGreaterThan(3);
  });

  it('shocks4 decides wedges as fillShocks does over 8 million draws, so also the few (about 1 in 1,000 wedges) that its bounds on exp leave to exp', () => {
    const ROW = 1 << 20;
    const w = kernel(4 * ROW);
    const js = Array.from({ length: 4 }, (_, l) => streamFor(7, l, 'test:wasm-shocks-wedges'));
    for (let l = 0; l < 4; l++) for (let s = 0; s < 4; s++) w.states[s * 4 + l] = js[l]![s]!;
    const out = new Float64Array(ROW);
    for (let round = 0; round < 2; round++) {
      w.fn.shocks4(w.stateAt, w.memAt, ROW * 8, 4, ROW);
      for (let l = 0; l < 4; l++) {
        fillShocks(js[l]!, out, 0, ROW);
        const a = new BigUint64Array(w.mem.buffer, w.mem.byteOffset + 8 * l * ROW, ROW), b = new BigUint64Array(out.buffer);
        const at = a.findIndex((x, i) => x !== b[i]);
        if (at >= 0) throw new Error(`round ${round}, lane ${l}: draw ${at} differs: ${w.mem[l * ROW + at]} vs ${out[at]}`);
        expect(Array.from({ length: 4 }, (_, s) => w.states[s * 4 + l])).toEqual(Array.from(js[l]!));
      }
    }
  });

  /** Arguments of exp: the kernel's range, the edges of fastExp's range, and what Math.exp handles. */
  function exponents(n: number): Float64Array {
    const st = streamFor(5, 0, 'test:wasm-exp');
    const u = () => ((nextInt32(st) >>> 0) + 0.5) / 2 ** 32;
    const special = [
      -Infinity, Infinity, NaN, 0, -0, -708, 709, -708 + 1e-13, 709 - 1e-13, -708 - 1e-13, 709 + 1e-13,
      -745.2, -745.1, -740, 709.78, 709.79, 710, 1e-300, -1e-300, 5e-324, -5e-324, 1e-17, -1e-17,
      Math.LN2 / 64, -Math.LN2 / 64, Math.LN2 / 32, 20.0, 18.42, -0.5 * 3.44 * 3.44,
    ];
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = u();
      e[i] = r < 0.05 ? special[Math.floor(u() * special.length)]! : r < 0.5 ? (u() - 0.5) * 1500 : r < 0.9 ? 10 + 15 * u() : (u() - 0.5) * 2;
    }
    return e;
  }

  it('observe gives fastExp\'s bits, Math.exp outside (-708, 709) and NaN included, and sums as the JS loop, for an even and an odd number of pairs', () => {
    // kernel.wat takes two pairs of paths at a time: 200,002 and 2 paths leave a last pair alone
    for (const n of [200_000, 200_002, 2]) {
      const e = exponents(n);
      const w = kernel(4 * n);
      const js = new Float64Array(4 * n);
      for (const first of [true, false]) {
        for (const m of [w.mem, js]) {
          m.set(e, 0);
          for (let i = 0; i < n; i++) { m[2 * n + i] = i * 0.25; m[3 * n + i] = 1e6 - i; }
        }
        w.fn.observe(w.memAt, w.memAt + 8 * n, w.memAt + 16 * n, w.memAt + 24 * n, first ? 1 : 0, n);
        observe(js, 0, n, 2 * n, 3 * n, first, n);
        expectSameBits(w.mem, js, `observe, n ${n}, first ${first}`);
      }
      expectSameBits(w.mem.subarray(n, 2 * n), e.map(fastExp), `v = fastExp(e), n ${n}`);
    }
  });

  it('levelsObserve gives levelsFixed and observe\'s bits, with and without routes', () => {
    const n = 256, R = 8; // regions of n: c x v lnRoute e seg total, and one spare
    const st = streamFor(6, 0, 'test:wasm-levels');
    const u = () => ((nextInt32(st) >>> 0) + 0.5) / 2 ** 32;
    const w = kernel(R * n);
    const js = new Float64Array(R * n);
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < R * n; i++) js[i] = (u() - 0.5) * 4;
      for (let p = 0; p < n; p++) {
        js[n + p] = 10 + 12 * u(); // x: ln of a value
        js[2 * n + p] = Math.exp(js[n + p]!) * (0.5 + u()); // v
        if (u() < 0.02) js[3 * n + p] = -Infinity; // no open corridor
      }
      w.mem.set(js);
      const g = 0.3 * u(), ip = u() < 0.2 ? 0 : 1 / (1e8 + 1e9 * u()), d = -0.1 * u(), s = 0.5 * u();
      const routed = round % 2 === 0, first = round % 3 === 0;
      const b = (r: number) => w.memAt + r * n * 8;
      w.fn.levelsObserve(b(0), b(1), b(2), routed ? b(3) : -1, b(4), b(5), b(6), g, ip, d, s, first ? 1 : 0, n);
      levelsFixed(js, 0, n, 2 * n, routed ? 3 * n : -1, 4 * n, g, ip, d, s, n);
      observe(js, 4 * n, 2 * n, 5 * n, 6 * n, first, n);
      expectSameBits(w.mem, js, `round ${round}`);
    }
  });

  // the level passes' regions, n paths each, as in the kernel
  const n = 256;
  const names = ['c', 'x', 'v', 'lnRoute', 'e', 'seg', 'total', 'gdt', 'ipot', 'drift', 'vs', 'lnm', 'alpha', 'tgt', 'zt', 'u', 'uv', 'phi', 'sd',
    'adj', 'alr', 'atg', 'cap', 'lnAdj'] as const;
  // routes.ts adjustFlow on paths [from, to): the adjusted route factor moves, lnAdj is capped
  const adjust = (m: Float64Array, R: Record<(typeof names)[number], number>, from: number, to: number) => {
    for (let p = from; p < to; p++) {
      const t = m[R.atg + p]!, a0 = m[R.adj + p]!;
      if (Number.isNaN(t)) { m[R.lnAdj + p] = -Infinity; continue; }
      const a = Number.isNaN(a0) ? t : a0 + m[R.alr + p]! * (t - a0);
      m[R.adj + p] = a;
      m[R.lnAdj + p] = Math.min(a, m[R.cap + p]!);
    }
  };
  // transitory.ts advance (no jumps) and its addition to the exponent, on paths [from, to)
  const transitory = (m: Float64Array, R: Record<(typeof names)[number], number>, tr: number, from: number, to: number) => {
    for (let p = from; p < to; p++) {
      if (tr === 1) {
        const ph = m[R.phi + p]!, sp = m[R.sd + p]!;
        m[R.u + p] = ph * m[R.u + p]! + sp * m[R.zt + p]!;
        m[R.uv + p] = ph * ph * m[R.uv + p]! + sp * sp;
      }
      if (tr > 0) m[R.e + p] = m[R.e + p]! + m[R.u + p]! - 0.5 * m[R.uv + p]!;
    }
  };
  const R = Object.fromEntries(names.map((k, r) => [k, r * n])) as Record<(typeof names)[number], number>;
  /** Values of the level regions in the ranges the kernel sees, with NaN, infinities and edge cases. */
  const fillLevels = (js: Float64Array, u: () => number) => {
    for (let i = 0; i < js.length; i++) js[i] = (u() - 0.5) * 4;
    for (let p = 0; p < n; p++) {
      js[R.x + p] = 10 + 12 * u();
      js[R.v + p] = Math.exp(js[R.x + p]!) * (0.5 + u());
      if (u() < 0.02) js[R.lnRoute + p] = -Infinity;
      js[R.gdt + p] = 0.3 * u();
      js[R.ipot + p] = u() < 0.2 ? 0 : 1 / (1e8 + 1e9 * u());
      js[R.drift + p] = -0.1 * u();
      js[R.vs + p] = 0.5 * u();
      js[R.alpha + p] = u() < 0.1 ? 1 : u();
      js[R.tgt + p] = -2 * u();
      js[R.phi + p] = u() < 0.1 ? 1 : u();
      js[R.sd + p] = 0.5 * u();
      js[R.uv + p] = u();
      js[R.adj + p] = u() < 0.3 ? NaN : -u();
      js[R.alr + p] = u() < 0.1 ? 1 : u();
      js[R.atg + p] = u() < 0.05 ? NaN : -u();
    }
  };
  /** A wasm kernel with the level regions, their JS copy, a uniform generator and byte addresses. */
  const levelsSetup = (seed: number, component: string) => {
    const st = streamFor(seed, 0, component);
    const w = kernel(names.length * n);
    return {
      u: () => ((nextInt32(st) >>> 0) + 0.5) / 2 ** 32,
      w, js: new Float64Array(names.length * n), b: (off: number) => w.memAt + off * 8,
    };
  };


  it('levelsGeneralObserve gives levelsGeneral and observe\'s bits: fixed or per-path parameters, static or moving policy, with and without routes, a transitory part moved there or before, a route adjustment, an odd path count', () => {
    const { u, w, js, b } = levelsSetup(7, 'test:wasm-levels-general');
    for (let round = 0; round < 480; round++) {
      fillLevels(js, u);
      w.mem.set(js);
      const fixed = (round & 1) === 1, stat = (round & 2) === 2, routed = (round & 4) === 4, first = round % 3 === 0, tr = (round >> 3) % 3;
      const adj = routed && (((round >> 3) / 3) | 0) % 2 === 1;
      const RA = { ...R, lnRoute: R.lnAdj }; // an adjusting flow's levels read lnAdj for lnRoute
      const nb = round % 5 === 0 ? n - 1 - 2 * Math.floor(u() * 100) : n; // odd: the last path in JS, as the kernel does
      const even = nb & ~1;
      const g = 0.3 * u(), ip = u() < 0.2 ? 0 : 1 / (1e8 + 1e9 * u()), d = -0.1 * u(), s = 0.5 * u();
      w.fn.levelsGeneralObserve(b(R.c), b(R.x), b(R.v), routed && !adj ? b(R.lnRoute) : -1, b(R.e), b(R.seg), b(R.total),
        b(R.gdt), b(R.ipot), b(R.drift), b(R.vs), b(R.lnm), b(R.alpha), b(R.tgt), g, ip, d, s, fixed ? 1 : 0, stat ? 1 : 0, first ? 1 : 0, even,
        tr, b(R.zt), b(R.u), b(R.uv), b(R.phi), b(R.sd), adj ? 1 : 0, b(R.adj), b(R.alr), b(R.atg), b(R.cap));
      if (even < nb) {
        const q = R.c + even;
        const Rq = Object.fromEntries(names.map((k) => [k, (adj ? RA : R)[k] + even])) as typeof R;
        if (adj) adjust(w.mem, R, even, nb);
        levelsGeneral(w.mem, Rq, 0, q, fixed, stat, routed, g, ip, d, s, 1);
        transitory(w.mem, R, tr, even, nb);
        observe(w.mem, R.e + even, R.v + even, R.seg + even, R.total + even, first, 1);
      }
      if (adj) adjust(js, R, 0, nb);
      levelsGeneral(js, adj ? RA : R, 0, R.c, fixed, stat, routed, g, ip, d, s, nb);
      transitory(js, R, tr, 0, nb);
      observe(js, R.e, R.v, R.seg, R.total, first, nb);
      // lnAdj is the JS loops' (wasm keeps it in registers)
      js.fill(0, R.lnAdj, R.lnAdj + n); w.mem.fill(0, R.lnAdj, R.lnAdj + n);
      expectSameBits(w.mem, js, `round ${round}: fixed ${fixed}, stat ${stat}, routed ${routed}, transitory ${tr}, adjust ${adj}, ${nb} paths`);
    }
  });

  it('levelsMovingObserve gives levelsGeneral (moving policy, route adjustment), the transitory part and observe\'s bits: per-path growth, ip d s and (transitory 3) phi s the same on every path, an odd path count', () => {
    const { u, w, js, b } = levelsSetup(8, 'test:wasm-levels-moving');
    const RA = { ...R, lnRoute: R.lnAdj };
    for (let round = 0; round < 240; round++) {
      fillLevels(js, u);
      const ip = u() < 0.2 ? 0 : 1 / (1e8 + 1e9 * u()), d = -0.1 * u(), s = 0.5 * u();
      const ph = u() < 0.1 ? 1 : u(), sd = 0.5 * u();
      const tr = round % 4, first = round % 3 === 0;
      // the JS loops read these per path: the values the wasm function takes as scalars
      js.fill(ip, R.ipot, R.ipot + n); js.fill(d, R.drift, R.drift + n); js.fill(s, R.vs, R.vs + n);
      if (tr === 3) { js.fill(ph, R.phi, R.phi + n); js.fill(sd, R.sd, R.sd + n); }
      w.mem.set(js);
      const nb = round % 5 === 0 ? n - 1 - 2 * Math.floor(u() * 100) : n;
      const even = nb & ~1;
      w.fn.levelsMovingObserve(b(R.c), b(R.x), b(R.v), b(R.e), b(R.seg), b(R.total), b(R.gdt), ip, d, s, b(R.lnm), b(R.alpha), b(R.tgt), first ? 1 : 0, even,
        tr, b(R.zt), b(R.u), b(R.uv), b(R.phi), b(R.sd), ph, sd, b(R.adj), b(R.alr), b(R.atg), b(R.cap));
      const jsTr = tr === 3 ? 1 : tr;
      for (const [m, from] of [[w.mem, even], [js, 0]] as const) {
        if (from === nb) continue;
        const Rq = Object.fromEntries(names.map((k) => [k, RA[k] + from])) as typeof R;
        adjust(m, R, from, nb);
        levelsGeneral(m, Rq, 0, R.c + from, false, false, true, NaN, NaN, NaN, NaN, nb - from);
        transitory(m, R, jsTr, from, nb);
        observe(m, R.e + from, R.v + from, R.seg + from, R.total + from, first, nb - from);
      }
      js.fill(0, R.lnAdj, R.lnAdj + n); w.mem.fill(0, R.lnAdj, R.lnAdj + n);
      expectSameBits(w.mem, js, `round ${round}: transitory ${tr}, ${nb} paths`);
    }
  });

  /** A dense lower-triangular L (no zero below the diagonal, as correlateDense asks), F x F, with some exact -0 sums possible. */
  function randomL(F: number, u: () => number): Float64Array {
    const L = new Float64Array(F * F);
    for (let f = 0; f < F; f++) {
      for (let j = 0; j <= f; j++) L[f * F + j] = u() < 0.05 ? (u() < 0.5 ? 1 : -1) : (u() - 0.5) * 3 * (j === f ? 1 : 0.7);
    }
    return L;
  }

  it('correlate forms c = L z as the JS correlation functions do, bit for bit, for F = 1..12 and any path count, writing only rows of c up to the path count rounded up to 4', () => {
    const st = streamFor(8, 0, 'test:wasm-correlate');
    const u = () => ((nextInt32(st) >>> 0) + 0.5) / 2 ** 32;
    expect(BLOCK * 8).toBe(2048); // the rows' distance kernel.wat's correlate and stepShocks assume
    let checked = 0;
    for (let F = 1; F <= 12; F++) {
      const tab = correlateTableSize(F), zOff = tab, cOff = tab + F * BLOCK, doubles = tab + 2 * F * BLOCK + BLOCK;
      const w = kernel(doubles);
      const js = new Float64Array(doubles);
      for (let round = 0; round < 12; round++) {
        const L = randomL(F, u);
        expect(correlateDense(L, F)).toBe(true);
        const nb = round === 0 ? BLOCK : round === 1 ? 1 : round < 6 ? 1 + 2 * Math.floor(u() * 127) : 1 + Math.floor(u() * BLOCK);
        for (let i = 0; i < F * BLOCK; i++) {
          const r = u();
          js[zOff + i] = r < 0.03 ? (r < 0.015 ? 0 : -0) : r < 0.06 ? (u() - 0.5) * 1e-300 : (u() - 0.5) * 8;
        }
        js.fill(NaN, cOff);
        w.mem.set(js);
        correlateTable(L, F, w.mem, 0);
        const table = w.mem.slice(0, tab);
        w.fn.correlate(w.memAt, w.memAt + zOff * 8, w.memAt + cOff * 8, F, nb);
        const generated = makeCorrelate(L, F), passes = makeCorrelate(L, F, false);
        expect(generated).not.toBe(passes);
        for (const correlate of [generated, passes]) {
          const m = js.slice();
          correlate(L, m, zOff, cOff, nb);
          const written = (nb + 3) & ~3;
          for (let f = 0; f < F; f++) {
            const row = cOff + f * BLOCK;
            expectSameBits(w.mem.subarray(row, row + nb), m.subarray(row, row + nb), `F ${F}, round ${round}, ${nb} paths, row ${f}`);
            let untouched = 0;
            for (let p = written; p < BLOCK; p++) if (Object.is(w.mem[row + p], NaN)) untouched++;
            expect(untouched).toBe(BLOCK - written);
          }
        }
        expectSameBits(w.mem.subarray(tab, cOff), js.subarray(tab, cOff), `F ${F}: z unchanged`);
        expectSameBits(w.mem.subarray(cOff + F * BLOCK), js.subarray(cOff + F * BLOCK), `F ${F}: nothing written past c`);
        expectSameBits(w.mem.subarray(0, tab), table, `F ${F}: L unchanged`);
        checked += F * nb;
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });

  it('correlateDense is false when an L[f][j], 0 < j <= f, is 0 (the JS functions leave that term out) and true otherwise', () => {
    const u = () => 0.25;
    for (let F = 1; F <= 6; F++) {
      expect(correlateDense(randomL(F, u), F)).toBe(true);
      for (let f = 1; f < F; f++) {
        for (let j = 1; j <= f; j++) {
          const L = randomL(F, u);
          L[f * F + j] = 0;
          expect(correlateDense(L, F)).toBe(false);
        }
        const L = randomL(F, u);
        L[f * F] = 0; // the JS functions always add the j = 0 term
        expect(correlateDense(L, F)).toBe(true);
      }
    }
  });

  it('stepShocks draws every flow\'s and transitory part\'s normals as shocks4 does, then correlates, in one call', () => {
    const st = streamFor(9, 0, 'test:wasm-step-shocks');
    const u = () => ((nextInt32(st) >>> 0) + 0.5) / 2 ** 32;
    for (const [F, nTr] of [[1, 0], [3, 2], [4, 4], [8, 0], [10, 3], [12, 5], [5, 9]] as const) {
      const groups = Math.ceil(F / 4), trAt = groups * 64, tab = correlateTableSize(F);
      const zOff = tab, cOff = zOff + F * BLOCK, ztOff = cOff + F * BLOCK, doubles = ztOff + nTr * BLOCK;
      const one = kernel(doubles, groups + Math.ceil(nTr / 4));
      const seeds = Int32Array.from({ length: one.states.length }, () => nextInt32(st));
      const L = randomL(F, u);
      for (const nb of [BLOCK, 1 + 2 * Math.floor(u() * 127)]) {
        for (const corr of [true, false]) {
          one.mem.fill(NaN);
          one.states.set(seeds);
          correlateTable(L, F, one.mem, 0);
          const b = (i: number) => one.memAt + i * 8;
          one.fn.stepShocks(one.stateAt, b(zOff), F, one.stateAt + trAt, b(ztOff), nTr, corr ? one.memAt : -1, b(cOff), nb);
          const got = one.mem.slice(), gotStates = one.states.slice();
          one.mem.fill(NaN);
          one.states.set(seeds);
          correlateTable(L, F, one.mem, 0);
          for (let f = 0; f < F; f += 4) one.fn.shocks4(one.stateAt + f * 16, b(zOff + f * BLOCK), BLOCK * 8, Math.min(4, F - f), nb);
          for (let j = 0; j < nTr; j += 4) one.fn.shocks4(one.stateAt + trAt + j * 16, b(ztOff + j * BLOCK), BLOCK * 8, Math.min(4, nTr - j), nb);
          if (corr) one.fn.correlate(one.memAt, b(zOff), b(cOff), F, nb);
          expectSameBits(got, one.mem, `F ${F}, ${nTr} transitory, ${nb} paths, correlate ${corr}`);
          expect(Array.from(gotStates)).toEqual(Array.from(one.states));
        }
      }
    }
  });

  it('levelsObserveFlows gives levelsFixed and observe\'s bits for every flow in order, the step total summed in flow order, with and without routes', () => {
    const st = streamFor(10, 0, 'test:wasm-levels-flows');
    const u = () => ((nextInt32(st) >>> 0) + 0.5) / 2 ** 32;
    for (const F of [1, 2, 5, 8, 10]) {
      // regions of F rows: c x v lnRoute e seg, then the step total (one row) and the flows' g ip d s
      const reg = (r: number) => r * F * BLOCK, tk = reg(6), op = tk + BLOCK, doubles = op + 4 * F;
      const w = kernel(doubles);
      const js = new Float64Array(doubles);
      for (let round = 0; round < 24; round++) {
        for (let i = 0; i < op; i++) js[i] = (u() - 0.5) * 4;
        for (let i = 0; i < F * BLOCK; i++) {
          js[reg(1) + i] = 10 + 12 * u();
          js[reg(2) + i] = Math.exp(js[reg(1) + i]!) * (0.5 + u());
          if (u() < 0.02) js[reg(3) + i] = -Infinity;
        }
        for (let f = 0; f < F; f++) js.set([0.3 * u(), u() < 0.2 ? 0 : 1 / (1e8 + 1e9 * u()), -0.1 * u(), 0.5 * u()], op + 4 * f);
        w.mem.set(js);
        const routed = round % 2 === 0, n = round % 3 === 0 ? BLOCK : 2 * Math.floor(u() * 128);
        const b = (i: number) => w.memAt + i * 8;
        w.fn.levelsObserveFlows(b(reg(0)), b(reg(1)), b(reg(2)), routed ? b(reg(3)) : -1, b(reg(4)), b(reg(5)), b(tk), b(op), F, n);
        for (let f = 0; f < F; f++) {
          const o = f * BLOCK, [g, ip, d, s] = Array.from(js.subarray(op + 4 * f, op + 4 * f + 4)) as [number, number, number, number];
          levelsFixed(js, reg(0) + o, reg(1) + o, reg(2) + o, routed ? reg(3) + o : -1, reg(4) + o, g, ip, d, s, n);
          observe(js, reg(4) + o, reg(2) + o, reg(5) + o, tk, f === 0, n);
        }
        expectSameBits(w.mem, js, `F ${F}, round ${round}: routed ${routed}, ${n} paths`);
      }
    }
  });

  it('movingFlows gives, flow by flow, transitory.ts advance (its jumps drawn from the flow\'s generator, many jumps and slow normals included) then levelsMovingObserve\'s bits, and leaves each jumps generator where advance does', () => {
    const st = streamFor(9, 0, 'test:wasm-moving-flows');
    const u = () => ((nextInt32(st) >>> 0) + 0.5) / 2 ** 32;
    const F = 4, N = BLOCK;
    const rows = ['c', 'x', 'v', 'e', 'seg', 'gdt', 'lnm', 'alpha', 'tgt', 'zt', 'u', 'uv', 'phi', 'sd', 'adj', 'alr', 'atg', 'cap', 'lam', 'p0', 'jm', 'js'] as const;
    // two copies of the regions (A: movingFlows, B: the reference), row r of flow f at base + (r F + f) N, then the step total
    const size = rows.length * F * N + N;
    const w = kernel(2 * size + 32 * F, 1);
    const row = (base: number, r: (typeof rows)[number], f: number) => base + (rows.indexOf(r) * F + f) * N;
    const b = (i: number) => w.memAt + i * 8;
    const tab = 2 * size, ints = new Int32Array(w.mem.buffer, w.mem.byteOffset + tab * 8, 64 * F);
    // flows 1 and 3 have jumps (generator lanes 0 and 1); transitory codes by flow: 1, 2, 3, 2 (2: moved by the jumps)
    const jumpy = [0, 1, 0, 1], lane = [-1, 0, -1, 1], trCode = [1, 2, 3, 2];
    const fixedDraw = (value: number) => ({ kind: 'fixed' as const, value });
    const plan = { dt: 1 / 12, flows: jumpy.map((j) => ({ persistence: null, transitoryVolatility: fixedDraw(0.3), permanentShare: null,
      jumpsPerYear: j ? fixedDraw(1) : null, jumpMean: null, jumpSd: null })) } as unknown as Plan;
    const view = (r: (typeof rows)[number]) => w.mem.subarray(row(size, r, 0), row(size, r, 0) + F * N);
    const ref = new Transitory(plan, { u: view('u'), v: view('uv'), phi: view('phi'), s: view('sd'), lam: view('lam'), p0: view('p0'), jm: view('jm'), js: view('js') });
    let jumps = 0;
    for (let round = 0; round < 40; round++) {
      const js = new Float64Array(size);
      for (let f = 0; f < F; f++) {
        const sub = new Float64Array(rows.length * N), Rf = Object.fromEntries(rows.map((r, k) => [r, k * N])) as Record<(typeof rows)[number], number>;
        for (let i = 0; i < sub.length; i++) sub[i] = (u() - 0.5) * 4;
        for (let p = 0; p < N; p++) {
          sub[Rf.x + p] = 10 + 12 * u(); sub[Rf.v + p] = Math.exp(sub[Rf.x + p]!) * (0.5 + u()); sub[Rf.gdt + p] = 0.3 * u();
          sub[Rf.alpha + p] = u() < 0.1 ? 1 : u(); sub[Rf.tgt + p] = -2 * u(); sub[Rf.phi + p] = u() < 0.1 ? 1 : u(); sub[Rf.sd + p] = 0.5 * u();
          sub[Rf.uv + p] = u(); sub[Rf.adj + p] = u() < 0.3 ? NaN : -u(); sub[Rf.alr + p] = u() < 0.1 ? 1 : u(); sub[Rf.atg + p] = u() < 0.05 ? NaN : -u();
          // no jump, rare jumps, several per step (the Poisson count's loop, and normals' wedges and tail)
          const l = u() < 0.2 ? 0 : u() < 0.5 ? 0.05 * u() : 8 * u();
          sub[Rf.lam + p] = l; sub[Rf.p0 + p] = Math.exp(-l); sub[Rf.jm + p] = 3 * u(); sub[Rf.js + p] = 1.5 * u();
        }
        for (const r of rows) js.set(sub.subarray(Rf[r], Rf[r] + N), row(0, r, f));
      }
      w.mem.set(js, 0); w.mem.set(js, size);
      const ip = u() < 0.2 ? 0 : 1 / (1e8 + 1e9 * u()), d = -0.1 * u(), s = 0.5 * u(), ph = u(), sd = 0.5 * u();
      const first = round % 3 === 0 ? 1 : 0;
      const nb = round % 4 === 0 ? N - 1 - 2 * Math.floor(u() * 100) : N, even = nb & ~1;
      const gens = [0, 1].map((l) => streamFor(round, l, 'test:wasm-moving-flows-jumps'));
      gens.forEach((g, l) => { for (let k = 0; k < 4; k++) w.states[4 * k + l] = g[k]!; });
      for (let f = 0; f < F; f++) {
        const t = 32 * f, o = (r: (typeof rows)[number]) => b(row(0, r, f));
        w.mem.set([ip, d, s, ph, sd], tab + t);
        // kernel.wat movingFlows' table: the doubles, then from byte 48 the int32s
        ints.set([o('c'), o('x'), o('v'), o('e'), o('seg'), o('gdt'), o('lnm'), o('alpha'), o('tgt'), trCode[f]!, o('zt'), o('u'), o('uv'),
          o('phi'), o('sd'), o('adj'), o('alr'), o('atg'), o('cap'), lane[f]! >= 0 ? w.stateAt + 4 * lane[f]! : -1, o('phi'), o('sd'), o('lam'), o('p0'), o('jm'), o('js')], 64 * f + 12);
      }
      w.fn.movingFlows(b(tab), F, b(rows.length * F * N), first, even, nb);
      for (let f = 0; f < F; f++) {
        const o = (r: (typeof rows)[number]) => b(row(size, r, f));
        if (jumpy[f]) ref.advance(f, w.mem, row(size, 'zt', f), 0, nb, gens[lane[f]!]!, -1);
        w.fn.levelsMovingObserve(o('c'), o('x'), o('v'), o('e'), o('seg'), b(size + rows.length * F * N), o('gdt'), ip, d, s, o('lnm'), o('alpha'), o('tgt'),
          first && f === 0 ? 1 : 0, even, trCode[f]!, o('zt'), o('u'), o('uv'), o('phi'), o('sd'), ph, sd, o('adj'), o('alr'), o('atg'), o('cap'));
      }
      // paths where a jump moved u: u is not phi u + s z
      for (const f of [1, 3]) {
        for (let p = 0; p < nb; p++) {
          const i = row(0, 'u', f) + p, noJump = js[row(0, 'phi', f) + p]! * js[i]! + js[row(0, 'sd', f) + p]! * js[row(0, 'zt', f) + p]!;
          if (w.mem[i] !== noJump) jumps++;
        }
      }
      expectSameBits(w.mem.subarray(0, size), w.mem.subarray(size, 2 * size), `round ${round}, ${nb} paths`);
      gens.forEach((g, l) => expect(Array.from({ length: 4 }, (_, k) => w.states[4 * k + l])).toEqual(Array.from(g)));
    }
    expect(jumps).toBeGreaterThan(1000);
  });
});
