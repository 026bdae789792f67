/**
 * The per-path values of a plan's parameters for the block being set up, and the chunk's streams
 * they are drawn from. One object per simulator, reset per chunk and per block: the set-up code
 * (initBlock and what it calls) calls `of` on it, one call target for the thread's whole life. A
 * closure made per block was a new target each block, and V8 threw away the optimised set-up code
 * ("wrong call target") and compiled it again, up to five times a run on baseline-pk.
 */
import type { ParamDraw, Plan } from '../../scenario/plan.js';
import type { StreamState } from '../rng.js';
import { sampleInto } from '../sample.js';
import { streamFor } from '../streams.js';
import { BLOCK } from './layout.js';

export class BlockParams {
  /** Filled arrays of fixed parameter values, by value, shared (read only). */
  private readonly constants = new Map<number, Float64Array>();
  /**
   * The draws of each uncertain parameter for the current block, by component, kept across blocks
   * (a fresh array per parameter per block was 4-8% of baseline-pk's time, in garbage collection):
   * `block` is the serial they were drawn for.
   */
  private readonly draws = new Map<string, { values: Float64Array; block: number }>();
  /**
   * A new Map per chunk, not one cleared: V8 links a cleared (or rehashed) Map's old table to its
   * new one, so a long-lived Map cleared per chunk kept each chunk's tables and streams reachable
   * from the old generation, and every scavenge promoted them (about 4 MB of garbage a 4,000,000-path
   * K1 run on the main thread, which simulates beside a pool thread).
   */
  private streams = new Map<string, StreamState>();
  private seed = 0;
  private chunk = 0;
  private block = 0;
  private nb = 0;

  constructor(private readonly plan: Plan) {}

  /** A new chunk: every component's stream starts again from (seed, chunk). */
  startChunk(seed: number, chunk: number): void {
    this.seed = seed;
    this.chunk = chunk;
    this.streams = new Map();
  }

  /** A new block of `nb` paths: the next `of` of an uncertain parameter draws again. */
  startBlock(nb: number): void {
    this.block++;
    this.nb = nb;
  }

  /** The chunk's stream of a component (streams.ts), made on first use. */
  stream(component: string): StreamState {
    let st = this.streams.get(component);
    if (!st) { st = streamFor(this.seed, this.chunk, component, this.plan.streamSalt?.[component]); this.streams.set(component, st); }
    return st;
  }

  /** The block's values of a parameter, one per path (the first nb are the block's; read only). */
  of(d: ParamDraw): Float64Array {
    if (d.kind === 'fixed') return this.constant(d.value);
    let slot = this.draws.get(d.component);
    if (!slot) { slot = { values: new Float64Array(BLOCK), block: 0 }; this.draws.set(d.component, slot); }
    if (slot.block !== this.block) {
      sampleInto(d.dist, this.stream(d.component), slot.values, this.nb, d.offset);
      slot.block = this.block;
    }
    return slot.values;
  }

  /**
   * dst[o + p] = the block's value of d on path p, p < n: a fixed value by one fill, draws by one
   * copy. Always through a view: a branch that skipped it for whole blocks was first taken by a
   * chunk's last, short block, after V8 had optimised the set-up, which it then threw away and
   * compiled again (into, initCorridors, initBlock and initFlow, once a thread on baseline-pk).
   */
  into(d: ParamDraw, dst: Float64Array, o: number, n: number): void {
    if (d.kind === 'fixed') dst.fill(d.value, o, o + n);
    else dst.set(this.of(d).subarray(0, n), o);
  }

  /** A filled array of a fixed value, shared between blocks (read only). */
  private constant(value: number): Float64Array {
    if (Object.is(value, -0)) return new Float64Array(BLOCK).fill(value); // a Map does not tell -0 from 0
    let a = this.constants.get(value);
    if (!a) { a = new Float64Array(BLOCK).fill(value); this.constants.set(value, a); }
    return a;
  }
}
