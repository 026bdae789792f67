/** `trade-sim worker --queue URL`. */
import { queue, quiet, workers } from './options.js';
import type { CommandSpec } from './spec.js';

export const worker: CommandSpec = {
  name: 'worker',
  summary: 'Serve a queue: simulate the chunks that `run`, `compare`, `sensitivity` and `goal` with --queue submit, until stopped.',
  details: 'Takes chunk jobs from the BullMQ queue on Redis, simulates them on its threads and returns each chunk\'s result; any number of workers on any machines may serve one queue. A worker killed mid-job loses nothing: after its lock lapses (5 s) another worker takes the job. Workers must run the same trade-sim version as the submitter. Stop it with Ctrl-C or SIGTERM: the jobs running finish first. Prints a line per chunk unless --quiet.',
  arguments: [],
  options: [
    { ...queue, description: 'the queue to serve: Redis at redis://HOST[:PORT][/DB]', default: 'none; required', required: true },
    { ...workers, description: 'threads simulating chunks, 1 to 256 (also the jobs taken at once)', default: 'every core' },
    { ...quiet, description: 'no line per chunk' },
  ],
  examples: [
    { command: 'trade-sim worker --queue redis://queue-host:6379', says: 'serve the queue on every core of this machine' },
    { command: 'trade-sim worker --queue redis://127.0.0.1:6379/2 --workers 2 --quiet', says: 'two threads, database 2, no line per chunk' },
  ],
  async action(_words, options) {
    const { workerCommand } = await import('../worker-command.js');
    await workerCommand(options);
  },
};
