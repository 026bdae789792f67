/**
 * The run's aggregation made fast (issue 16) against the plain version it replaced, bit for bit:
 * binOfHigh against binOf; histogram.ts binSums (cells and in-order sums) and countCells against
 * a value-at-a-time transcription; kernel.wat binSums against histogram.ts binSums; and the
 * Aggregator on the wasm kernel and on the JS loops against the Aggregator as it was (each value's
 * bin by binOf, its count, its sums), on real scenarios whose last block is odd.
 *
 * Where the expected numbers come from: binOf (histogram-quantiles.test.ts checks it against the
 * documented layout) and plain loops written here; nothing is hard-coded but the edge values.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BINS, binOf, binOfHigh, binSums, countCells, highWords } from '../../src/engine/histogram.js';
import { BLOCK, CHUNK, ChunkSimulator, kernelParts } from '../../src/engine/kernel/index.js';
import { wasmAvailable, wasmKernel } from '../../src/engine/kernel/wasm.js';
import type { BlockResult } from '../../src/engine/kernel/layout.js';
import { Aggregator, histogramCount } from '../../src/engine/partial.js';
import { seriesCount } from '../../src/engine/kernel/layout.js';
import { nextInt32, nextUniform } from '../../src/engine/rng.js';
import { streamFor } from '../../src/engine/streams.js';
import { prepareScenario } from '../../src/project.js';
import type { Plan } from '../../src/scenario/plan.js';
import { TempDir } from '../helpers/scenario-files.js';
import { bitsOf, fromBits, stepFrom } from '../helpers/doubles.js';

const dir = new TempDir();
afterAll(() => dir.remove());
/** Values of zero (the only corridor closed most of the time) and below 2^16 (a USD 5,000 flow): bins 0 and 1. */
const SMALL = () => dir.file('small.yaml', `
name: small
start: 2026-01
horizon: 5
target: { value: 100M, year: 2030 }
flows:
  textiles: { PK>KZ: { base: 50M, growth: 0.1, volatility: 0.3 } }
  pharma: { KZ>PK: { base: 5k, growth: 0.05, volatility: 0.4 } }
corridors:
  road: { freightCost: 0.05, transitDays: 5, closuresPerYear: 3, meanClosureDays: 300 }
`);

const prev = (x: number) => stepFrom(x, -1);
const next = (x: number) => stepFrom(x, 1);

const LOW = 2 ** 16, HIGH = 2 ** 48;
/** Values at and around every edge of the bin layout, and the special ones. */
const EDGES = [
  0, -0, NaN, -NaN, fromBits(0x7ff0000000000001n), fromBits(0xfff8000000000001n), Infinity, -Infinity, -1, -LOW, -HIGH,
  5e-324, 1, prev(LOW), LOW, next(LOW), prev(HIGH), HIGH, next(HIGH), 2 ** 60, Number.MAX_VALUE,
  LOW * (1 + 1 / 256), prev(LOW * (1 + 1 / 256)), 2 ** 30, prev(2 ** 30), 1e9, 2.5e14,
];

/**
 * Doubles of every kind: random bit patterns (NaNs, subnormals, negatives, huge), trade-sized
 * values, and the edges. `finite`: only finite ones, of magnitudes 2^-10 .. 2^60 and both signs,
 * so that the rows' sums are numbers whose bits depend on the order of the additions.
 */
function values(count: number, seed: number, finite = false): Float64Array {
  const st = streamFor(seed, 0, 'aggregation-test');
  const edges = finite ? EDGES.filter(Number.isFinite).filter((x) => Math.abs(x) < 2 ** 60) : EDGES;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const kind = nextUniform(st);
    let x: number;
    if (kind < 0.1) x = edges[Math.floor(nextUniform(st) * edges.length)] as number;
    else if (kind < 0.3) x = fromBits((BigInt(nextInt32(st) >>> 0) << 32n) | BigInt(nextInt32(st) >>> 0));
    else x = 2 ** (10 + 45 * nextUniform(st)); // 1e3 .. 3.6e16
    if (finite && !(Math.abs(x) >= 2 ** -10 && Math.abs(x) <= 2 ** 60)) x = -(2 ** (-10 + 70 * nextUniform(st)));
    out[i] = x;
  }
  return out;
}

/** Per row, each value's cell and the sums, one value at a time (the Aggregator's loop before issue 16). */
function plainBinSums(v: Float64Array, at: number, rows: number, n: number, stride: number, h0: number) {
  const cells: number[] = [], sum: number[] = [], sumsq: number[] = [];
  for (let r = 0; r < rows; r++) {
    let s = 0, ss = 0;
    for (let p = 0; p < n; p++) {
      const x = v[at + r * stride + p] as number;
      cells.push((h0 + r) * BINS + binOf(x));
      s += x;
      ss += x * x;
    }
    sum.push(s);
    sumsq.push(ss);
  }
  return { cells, sum, sumsq };
}

/** The same doubles, bit for bit; a NaN matches any NaN (IEEE leaves a NaN result's payload open, and JS cannot tell NaNs apart). */
function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string) {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number, y = b[i] as number;
    if (bitsOf(x) !== bitsOf(y) && !(Number.isNaN(x) && Number.isNaN(y))) throw new Error(`${what}: element ${i} differs: ${x} vs ${y}`);
  }
}

/** (rows, n) pairs: row counts around the wasm's groups of four, path counts even, odd, 0 and 1. */
const SHAPES: Array<[number, number]> = [[1, 1], [1, 256], [2, 7], [3, 0], [4, 256], [5, 255], [7, 2], [8, 9], [13, 101]];

describe('binning a value from its high word', () => {
  it('binOfHigh gives binOf\'s bin on the edges and on 200,000 values of every kind', () => {
    const v = Float64Array.from([...EDGES, ...values(200_000, 1)]);
    const hi = highWords(v);
    const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0; // little-endian: the high word is the second
    const wrong: number[] = [];
    for (let i = 0; i < v.length; i++) if (binOfHigh(hi[2 * i + HI] as number, v[i] as number) !== binOf(v[i] as number)) wrong.push(v[i] as number);
    expect(wrong).toEqual([]);
  });
});

describe('histogram.ts binSums and countCells', () => {
  it('binSums gives each value\'s cell and the rows\' in-order sums, bit for bit', () => {
    const stride = 260;
    for (const [rows, n] of SHAPES) for (const finite of [false, true]) {
      const v = values(3 + rows * stride, rows * 1000 + n, finite);
      const cells = new Int32Array(rows * n + 2).fill(-7), sums = new Float64Array(2 * rows + 2).fill(-7);
      binSums(v, highWords(v), 3, rows, n, stride, cells, 1, n, 11, sums, 1, 1 + rows);
      const want = plainBinSums(v, 3, rows, n, stride, 11);
      expect(Array.from(cells.subarray(1, 1 + rows * n)), `cells ${rows}x${n}`).toEqual(want.cells);
      expectSameBits(sums.subarray(1, 1 + rows), want.sum, `sums ${rows}x${n}`);
      expectSameBits(sums.subarray(1 + rows, 1 + 2 * rows), want.sumsq, `sums of squares ${rows}x${n}`);
      if (finite) expect(sums.subarray(1, 1 + rows).every(Number.isFinite)).toBe(true);
      expect([cells[0], cells[rows * n + 1], sums[0], sums[2 * rows + 1]]).toEqual([-7, -7, -7, -7]); // nothing written outside
    }
  });

  it('countCells adds one per cell of [from, to), repeated cells and a tail of fewer than eight included', () => {
    const st = streamFor(3, 0, 'countCells');
    for (const m of [0, 1, 7, 8, 9, 17, 1000]) {
      const cells = Int32Array.from({ length: m + 5 }, () => Math.floor(nextUniform(st) * 12)); // few cells: many repeats
      const hist = Uint32Array.from({ length: 12 }, (_, i) => i * 3);
      const want = Array.from(hist);
      for (const c of cells.subarray(2, 2 + m)) want[c] = (want[c] as number) + 1;
      countCells(hist, cells, 2, 2 + m);
      expect(Array.from(hist), `m = ${m}`).toEqual(want);
    }
  });
});

describe.runIf(wasmAvailable)('kernel.wat binSums', () => {
  it('gives histogram.ts binSums\' cells and sums, bit for bit, and writes nothing else', () => {
    const { KN, WN, FN } = kernelParts;
    const stride = 258;
    for (const [rows, n] of SHAPES) for (const finite of [false, true]) {
      const v = values(rows * stride, 7 * rows + n, finite);
      // mem: the rows, then the cells (rows * n int32s), then the sums; a guard of -7 around each output
      // cells with a row stride of n + 3 (as a chunk's: the rows of a block are CHUNK apart)
      const cs = n + 3;
      const cellsAt = rows * stride + 1, sumsAt = cellsAt + Math.ceil((rows * cs) / 2) + 2;
      const w = wasmKernel(sumsAt + 2 * rows + 1, 1, KN, WN, FN);
      if (!w) throw new Error('no wasm kernel');
      const m = w.mem;
      m.fill(-7);
      m.set(v, 0);
      const cells = new Int32Array(m.buffer, m.byteOffset + cellsAt * 8, rows * cs + 2);
      cells.fill(-7);
      w.fn.binSums(w.memAt, rows, n, stride, w.memAt + cellsAt * 8 + 4, cs, 5 * BINS, w.memAt + sumsAt * 8, w.memAt + (sumsAt + rows) * 8);
      const jsCells = new Int32Array(rows * cs + 2).fill(-7), jsSums = new Float64Array(2 * rows);
      binSums(v, highWords(v), 0, rows, n, stride, jsCells, 1, cs, 5, jsSums, 0, rows);
      expect(Array.from(cells), `cells ${rows}x${n}, the 3 between rows untouched`).toEqual(Array.from(jsCells));
      expectSameBits(m.subarray(sumsAt, sumsAt + 2 * rows), jsSums, `sums ${rows}x${n}`);
      if (finite) expect(jsSums.every(Number.isFinite)).toBe(true);
      expect([cells[0], cells[rows * cs + 1], m[sumsAt - 1], m[sumsAt + 2 * rows]]).toEqual([-7, -7, -7, -7]);
      expectSameBits(m.subarray(0, rows * stride), v, `rows ${rows}x${n} left as they were`);
    }
  });
});

type Captured = { n: number; annual: Float64Array; stepTotal: Float64Array };

/** The Aggregator before issue 16 on one chunk's blocks: each value's bin by binOf, counted into hist, and its sums, one at a time. */
function plainAggregate(plan: Plan, hist: Uint32Array, blocks: Captured[]) {
  const H = histogramCount(plan), YS = plan.years.length * seriesCount(plan);
  const sum = new Float64Array(H), sumsq = new Float64Array(H);
  const add = (h: number, v: Float64Array, o: number, n: number) => {
    let s = 0, ss = 0;
    for (let p = 0; p < n; p++) {
      const x = v[o + p] as number;
      const b = h * BINS + binOf(x);
      hist[b] = (hist[b] as number) + 1;
      s += x;
      ss += x * x;
    }
    sum[h] = (sum[h] as number) + s;
    sumsq[h] = (sumsq[h] as number) + ss;
  };
  for (const b of blocks) {
    for (let h = 0; h < YS; h++) add(h, b.annual, h * BLOCK, b.n);
    for (let k = 0; k < plan.steps; k++) add(YS + k, b.stepTotal, k * BLOCK, b.n);
  }
  return { sum, sumsq };
}

describe('the Aggregator, on the wasm kernel and on the JS loops', () => {
  // a whole chunk (the cells counted in one pass), then 601 paths: blocks of 256, 256 and 89 (odd)
  const CHUNKS = [[0, CHUNK], [1, 601]] as const;
  const N = 601;
  for (const file of [() => 'bench/k1.yaml', () => 'test/bench/fixtures/kernel-features.yaml', () => 'scenarios/baseline-pk.yaml', SMALL]) {
    it(`gives the plain aggregation's counts and sums, bit for bit, and the same hits and first years (${file()})`, () => {
      const plan = prepareScenario(file()).compiled.plan;
      const results = [true, false].map((wasm) => {
        const sim = new ChunkSimulator(plan, { wasm });
        const agg = new Aggregator(plan);
        const hist = new Uint32Array(agg.partial.hist.length);
        const plain = CHUNKS.map(([chunk, n]) => {
          const blocks: Captured[] = [];
          agg.beginChunk(chunk);
          const { corridorValue } = sim.simulateChunk(5, chunk, n, (b: BlockResult) => {
            blocks.push({ n: b.n, annual: b.annual.slice(), stepTotal: b.stepTotal.slice() });
            agg.consume(b);
          });
          agg.endChunk(corridorValue);
          return plainAggregate(plan, hist, blocks);
        });
        return { partial: agg.partial, hist, plain };
      });
      for (const [i, { partial, hist, plain }] of results.entries()) {
        const what = `${file()} ${i === 0 ? 'wasm' : 'JS'}`;
        expect(partial.paths).toBe(CHUNK + N);
        expect(partial.hist.every((c, j) => c === hist[j]), `${what}: counts`).toBe(true);
        plain.forEach((p, k) => {
          expectSameBits(partial.chunks[k]!.sum, p.sum, `${what}: chunk ${k} sums`);
          expectSameBits(partial.chunks[k]!.sumsq, p.sumsq, `${what}: chunk ${k} sums of squares`);
        });
      }
      const [w, j] = results.map((r) => r.partial) as [typeof results[0]['partial'], typeof results[0]['partial']];
      expect(Array.from(w.hits)).toEqual(Array.from(j.hits));
      expect(Array.from(w.firstYear)).toEqual(Array.from(j.firstYear));
    });
  }

  it('meets zeros and values below USD 65,536 in the small scenario (the wasm\'s slow branch is exercised)', () => {
    const plan = prepareScenario(SMALL()).compiled.plan;
    const agg = new Aggregator(plan);
    agg.beginChunk(0);
    agg.endChunk(new ChunkSimulator(plan).simulateChunk(5, 0, N, (b) => agg.consume(b)).corridorValue);
    let zeros = 0, small = 0;
    for (let h = 0; h < histogramCount(plan); h++) { zeros += agg.partial.hist[h * BINS] as number; small += agg.partial.hist[h * BINS + 1] as number; }
    expect(zeros).toBeGreaterThan(0);
    expect(small).toBeGreaterThan(0);
  });
});
