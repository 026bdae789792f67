/**
 * SIGINT, SIGTERM and SIGHUP: stop the threads that write (the chart thread), then remove the
 * staging folder, print "interrupted" and exit 130, 143 or 129 (128 + the signal's number, as
 * shells report).
 * The simulation's worker threads end with the process. A simulation running in the main thread
 * (small runs, about a second) is interrupted once it yields. A stop may ask for more time (the
 * tasks running, whose paths are kept): a second signal meanwhile exits at once.
 */
type Step = () => void | Promise<void>;

const stops = new Map<Step, number>();
const cleans = new Set<() => void>();
/** How long the threads get to stop before the folder is removed anyway. */
const STOP_WAIT_MS = 2000;

/** `stop` runs first on an interrupt (a thread that writes into the staging folder), given `waitMs` at most; returns an unregister. */
export function stopOnInterrupt(stop: Step, waitMs = STOP_WAIT_MS): () => void {
  stops.set(stop, waitMs);
  return () => { stops.delete(stop); };
}

/** `clean` runs after every stop, synchronously, just before exit (removing a staging folder). */
export function cleanOnInterrupt(clean: () => void): () => void {
  cleans.add(clean);
  return () => { cleans.delete(clean); };
}

let installed = false;
const listeners: Array<[NodeJS.Signals, () => void]> = [];

export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  let interrupted: ((value?: unknown) => void) | undefined;
  const handler = (code: number) => () => {
    if (interrupted) {
      interrupted(); // a second signal: stop waiting
      return;
    }
    const again = new Promise((resolve) => { interrupted = resolve; });
    const stopped = Promise.allSettled([...stops.keys()].map(async (s) => s()));
    const waited = new Promise((resolve) => setTimeout(resolve, Math.max(STOP_WAIT_MS, ...stops.values())).unref());
    void Promise.race([stopped, waited, again]).then(() => {
      for (const clean of cleans) {
        try {
          clean();
        } catch {
          // Exiting regardless: a folder that cannot be removed is cleaned by the next run.
        }
      }
      process.stderr.write('\ninterrupted\n');
      process.exit(code);
    });
  };
  // SIGHUP, a terminal gone (an ssh session dropped), would otherwise kill the process and leave
  // its staging folder: Node restores every signal's default at start, nohup's ignoring of this one
  // included, so a run that must outlive its session is started with setsid (README, Running).
  listeners.push(['SIGINT', handler(130)], ['SIGTERM', handler(143)], ['SIGHUP', handler(129)]);
  for (const [signal, listener] of listeners) process.on(signal, listener);
}

/**
 * For a command that stops on a signal in its own way (the queue worker lets its running jobs
 * finish): the handlers above step aside, which would exit at once.
 */
export function releaseSignalHandlers(): void {
  for (const [signal, listener] of listeners.splice(0)) process.off(signal, listener);
}
