/** `trade-sim worker --queue redis://HOST:PORT[/DB] [--workers W]`: simulate the queue's chunk jobs until stopped. */
import type { RedisAddress } from '../engine/backends/queue-keys.js';
import { defaultWorkers } from '../engine/driver.js';
import { startQueueWorker, type WorkerEvent } from '../engine/backends/queue-worker.js';
import { UsageError } from './errors.js';
import { releaseSignalHandlers } from './signals.js';

function line(e: WorkerEvent): string {
  const at = `study ${e.study.slice(0, 8)} chunk ${e.chunk}`;
  switch (e.type) {
    case 'start': return `start ${at}`;
    case 'done': return `done ${at}${e.cached ? ' (cached)' : ''} in ${e.seconds.toFixed(3)} s`;
    case 'skip': return `skip ${at}: the study is gone (completed or expired)`;
    case 'fail': return `fail ${at}: ${e.error}`;
  }
}

/** Resolves when the worker has stopped (SIGINT or SIGTERM: the jobs running finish first). */
export async function workerCommand(options: Readonly<Record<string, unknown>>): Promise<void> {
  const address = options.queue as RedisAddress | undefined;
  if (!address) throw new UsageError('worker: expected --queue redis://HOST[:PORT][/DB]');
  const workers = typeof options.workers === 'number' ? options.workers : defaultWorkers();
  const quiet = options.quiet === true;
  const worker = await startQueueWorker(address, {
    workers,
    ...(quiet ? {} : { onEvent: (e: WorkerEvent) => process.stdout.write(`${line(e)}\n`) }),
  });
  process.stdout.write(`worker: ${workers} thread${workers === 1 ? '' : 's'} on the queue at ${address.url}; stop with Ctrl-C\n`);
  // The CLI's handlers would exit at once, abandoning the jobs running to the stalled-job check.
  // The first signal removes the listener: a second one finds none and ends the process at once.
  releaseSignalHandlers();
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write('worker: stopping after the jobs running (Ctrl-C again stops at once)\n');
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await worker.close();
}
