/**
 * A time line of a run, for finding where start-up and the end of a run go (bench/trace.ts):
 * with TRADE_SIM_TRACE=1 in the environment, mark() records an event with the wall-clock time
 * (performance.timeOrigin + now(), comparable across threads) and the thread. Pool threads post
 * theirs on a BroadcastChannel to the main thread, which keeps them until traceMarks() takes them.
 * Off (the default), mark() returns at once and nothing is loaded or kept.
 */
import { readFileSync } from 'node:fs';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';

export interface TraceMark {
  /** Milliseconds since the epoch, fractional. */
  t: number;
  /** 0: the main thread; otherwise the worker thread's id. */
  thread: number;
  event: string;
  /**
   * The thread's time on a CPU and waiting for one (runnable, not running), ms since it started,
   * from Linux's /proc/thread-self/schedstat; absent elsewhere. On a machine shared with other
   * work, wall time between marks minus these two is the time the thread slept (had nothing to do).
   */
  cpu?: number;
  waited?: number;
}

export const tracing = process.env.TRADE_SIM_TRACE === '1';

const CHANNEL = 'trade-sim-trace';
const marks: TraceMark[] = [];
let channel: BroadcastChannel | undefined;

if (tracing && isMainThread) {
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: unknown) => { marks.push((e as { data: TraceMark }).data); };
  channel.unref();
}

let schedstat = true;

/** This thread's [on a CPU, waiting for one] in ms, or undefined where /proc/thread-self/schedstat is missing. */
function threadTimes(): [number, number] | undefined {
  if (!schedstat) return undefined;
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return [(run ?? NaN) / 1e6, (wait ?? NaN) / 1e6];
  } catch {
    schedstat = false;
    return undefined;
  }
}

export function mark(event: string): void {
  if (!tracing) return;
  const m: TraceMark = { t: performance.timeOrigin + performance.now(), thread: threadId, event };
  const times = threadTimes();
  if (times) [m.cpu, m.waited] = times;
  if (isMainThread) {
    marks.push(m);
    return;
  }
  if (!channel) {
    channel = new BroadcastChannel(CHANNEL);
    channel.unref();
  }
  channel.postMessage(m);
}

/** The marks recorded so far, in time order; they are forgotten here. */
export function traceMarks(): TraceMark[] {
  return marks.splice(0).sort((a, b) => a.t - b.t);
}
