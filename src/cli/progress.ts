/** A progress bar on stderr when it is a terminal; nothing otherwise. */
import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(enabled: boolean, label: string): Progress {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  // Loaded only for a bar that is drawn (about 20 ms of start-up otherwise).
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} paths | {eta_formatted} left`,
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) { bar.start(total, 0); started = true; }
      bar.update(done);
    },
    stop() { if (started) bar.stop(); },
  };
}

/** Runs `work` with a progress bar that is stopped however the work ends. */
export async function withProgress<T>(
  enabled: boolean,
  label: string,
  work: (onProgress: (done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  const bar = progressBar(enabled, label);
  try {
    return await work((d, t) => bar.update(d, t));
  } finally {
    bar.stop();
  }
}
