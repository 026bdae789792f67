/**
 * The WebAssembly twin of the kernel's hottest loops (kernel.wat, assembled into kernel-wasm.ts
 * by scripts/gen-wasm.mjs): the flow shocks and their correlation, and the level update (policy
 * multiplier included) with exp. It runs on a memory that also holds ChunkSimulator.mem, so JS loops and wasm
 * functions share the arrays without copying. The module is compiled once, when this file loads (6 KB: well under a millisecond),
 * or handed in by the thread that started this one (useKernelModule); the simulators of a thread share one instance of it (wasmKernel). Where WebAssembly or its SIMD is not
 * available, wasmKernel returns null and the kernel runs its JS loops, which give the same bits.
 */
import { EXP2_FRAC } from '../fast-exp.js';
import { KERNEL_WASM_BASE64 } from './kernel-wasm.js';
import { record } from './record.js';

/** The exports of kernel.wat; addresses are byte offsets into the memory. */
export interface KernelExports {
  shocks4(st: number, out: number, stride: number, nl: number, n: number): void;
  levelsObserve(oc: number, ox: number, ov: number, or: number, oe: number, os: number, tk: number,
    g: number, ip: number, d: number, s: number, first: number, n: number): void;
  levelsGeneralObserve(oc: number, ox: number, ov: number, or: number, oe: number, os: number, tk: number,
    og: number, oi: number, od: number, ovs: number, olm: number, oa: number, ot: number,
    g: number, ip: number, d: number, s: number, fixed: number, stat: number, first: number, n: number,
    tr: number, ozt: number, ou: number, ov2: number, ophi: number, os2: number,
    adj: number, oadj: number, oalr: number, oatg: number, ocap: number): void;
  levelsMovingObserve(oc: number, ox: number, ov: number, oe: number, os: number, tk: number,
    og: number, ip: number, d: number, s: number, olm: number, oa: number, ot: number, first: number, n: number,
    tr: number, ozt: number, ou: number, ov2: number, ophi: number, os2: number, phi: number, sd: number,
    oadj: number, oalr: number, oatg: number, ocap: number): void;
  observe(oe: number, ov: number, os: number, tk: number, first: number, n: number): void;
  movingFlows(d: number, nf: number, tk: number, first: number, n: number, nb: number): void;
  binSums(src: number, rows: number, n: number, stride: number, cells: number, cstride: number, cell0: number, sum: number, sumsq: number): void;
  correlate(lt: number, oz: number, oc: number, nf: number, n: number): void;
  levelsObserveFlows(oc: number, ox: number, ov: number, or: number, oe: number, os: number, tk: number, op: number, nf: number, n: number): void;
  stepShocks(st: number, oz: number, nf: number, tst: number, ozt: number, ntr: number, lt: number, oc: number, n: number): void;
  routesChanged(mask: number, prev: number, force: number, och: number, nb: number): number;
  routesRows(och: number, n: number, mask: number, oo: number, rt: number, nf: number, from: number): number;
  routesUpdate(och: number, oo: number, n: number, nf: number, rt: number, lt: number, rd: number,
    route: number, lnr: number, seg: number, fl: number, cv: number, yp: number, nc: number,
    mask: number, lm: number, adj: number, allow: number, cap: number, fix: number, nfix: number, el: number): void;
  blockHits(an: number, ny: number, stride: number, n: number, target: number, need: number, hits: number, first: number): void;
  chainMove(st: number, pl: number, cl: number, reopen: number, open: number, gate: number, k: number, bit: number, bo: number, mask: number, nb: number): void;
  borderMove(st: number, pl: number, cl: number, reopen: number, now: number, k: number, nb: number): void;
  runSteps(T: number, nb: number, nf: number, st: number, oz: number, lt: number, oc: number,
    shock: number, ox: number, ov: number, or: number, oe: number, os: number, tot: number, op: number,
    rt: number, fl: number, route: number, cv: number, sy: number, per: number, an: number, ys: number, yrows: number): void;
  gateMove(bit: number, dated: number, gs: number, k: number, bo: number, mask: number, nb: number): void;
  adjustTargets(nf: number, nw: number, work: number, lm: number, mask: number, allow: number, adj: number, bits: number, stale: number,
    cost: number, lnc: number, nc: number, route: number, lnr: number, atg: number, cap: number, el: number, ref: number): void;
  routesMemo(och: number, oo: number, n: number, nf: number, nc: number, mask: number, force: number, mm: number, mr: number, ml: number,
    allow: number, cost: number, lnc: number, el: number, ref: number): void;
  /** log1p(x), the same bits as src/engine/log1p.ts (x64's Math.log1p). */
  log1p(x: number): number;
  /** exp(x) and log(x), the same bits as src/engine/exp-log.ts (x64's Math.exp and Math.log). */
  exp(x: number): number;
  log(x: number): number;
  yearEnd(nf: number, nb: number, seg: number, fl: number, route: number, cv: number, an: number, rows: number, per: number, yes: number): void;
}

export interface WasmKernel {
  fn: KernelExports;
  /** Generator states, four per group (kernel.wat shocks4): group g at byte stateAt + 64 g, word s_k of generator l at [16 g + 4 k + l]. */
  states: Int32Array;
  stateAt: number;
  /** The Float64Array the caller asked for, inside the wasm memory, and its byte offset there. */
  mem: Float64Array;
  memAt: number;
}

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
}

/** kernel.wat's fixed part: its tables and scratch. */
const FIXED_BYTES = 3072;
const PAGE = 65536;

const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null = (() => {
  try {
    return api ? new api.Module(Buffer.from(KERNEL_WASM_BASE64, 'base64')) : null;
  } catch {
    return null; // no SIMD (or no code generation for wasm): the JS loops
  }
})();

/** Whether the wasm kernel can be used here. */
export const wasmAvailable = compiled !== null;

/** This thread's compiled kernel.wat (a WebAssembly.Module), null where it cannot run: to hand to other threads. */
export const kernelModule = (): object | null => compiled;

/**
 * Instantiate from now on a module compiled by another thread (kernelModule() there; a
 * WebAssembly.Module crosses to a worker by structured clone and shares its compiled code, so the
 * threads tier its functions up once between them). Ignored where this thread cannot run wasm.
 */
export function useKernelModule(module: object): void {
  if (compiled) compiled = module;
}

/** This thread's instance of kernel.wat, its memory, and the memory's size in bytes (wasmKernel). */
let shared: { fn: KernelExports; buf: ArrayBuffer; bytes: number } | null = null;

/**
 * kernel.wat's functions on a Float64Array of `doubles` elements, after room for `groups` groups
 * of four generator states. The simulators of a thread share one instance and its memory, each
 * using it only inside its own simulateChunk, which writes what it reads there first: an instance
 * per simulator gave each new simulator new export functions, which deoptimised the kernel's call
 * sites ("wrong call target") and left them polymorphic. A simulator that needs more memory than
 * the shared instance has gets a new, larger one, which later simulators share. The ziggurat's
 * tables (normals.ts) and fastExp's are copied in, so that both sides read the same numbers.
 */
export function wasmKernel(doubles: number, groups: number, KN: Int32Array, WN: Float64Array, FN: Float64Array): WasmKernel | null {
  if (!api || !compiled) return null;
  const stateAt = FIXED_BYTES;
  const memAt = stateAt + groups * 64;
  if (!shared || shared.bytes < memAt + doubles * 8) {
    const pages = Math.ceil((memAt + doubles * 8) / PAGE);
    const memory = new api.Memory({ initial: pages, maximum: pages });
    const buf = memory.buffer;
    new Int32Array(buf, 0, 128).set(KN);
    new Float64Array(buf, 512, 128).set(WN);
    new Float64Array(buf, 1536, 128).set(FN);
    new Float64Array(buf, 2560, 32).set(EXP2_FRAC);
    const instance = new api.Instance(compiled, { env: { memory } });
    shared = { fn: instance.exports as unknown as KernelExports, buf, bytes: pages * PAGE };
  }
  const { fn, buf } = shared;
  return record({
    fn,
    states: new Int32Array(buf, stateAt, groups * 16),
    stateAt,
    mem: new Float64Array(buf, memAt, doubles),
    memAt,
  });
}
