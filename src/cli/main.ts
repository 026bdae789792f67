#!/usr/bin/env node
/** trade-sim: the command line. The only place that prints errors or sets the exit code. */
import { ScenarioError, formatIssue } from '../scenario/issues.js';
import { ENGINE } from '../engine-info.js';
import { colourOn, paint } from './colour.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, fileSystemMessage, UsageError } from './errors.js';
import { installSignalHandlers } from './signals.js';
import { OutputRefused } from '../results/output-dir.js';
import { closeBackends } from '../engine/backends/index.js';

async function main(argv: string[]): Promise<number> {
  // Answered before commander and the declarations load (program.ts prints the same).
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`${ENGINE.name} ${ENGINE.version}\n`);
    return EXIT_OK;
  }
  installSignalHandlers();
  const { runCli } = await import('./program.js');
  try {
    return await runCli(argv);
  } finally {
    await closeBackends(); // the worker threads a run or comparison kept for a next run
  }
}

// A reader that stops early (`trade-sim --help | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? EXIT_OK);
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    const { red } = paint(colourOn(process.stderr));
    if (err instanceof Error && err.name === 'Interrupted') {
      // A drive drained by a signal: its handler keeps what was done, says so and exits.
      process.exitCode = 130;
    } else if (err instanceof ScenarioError) {
      for (const issue of err.issues) process.stderr.write(`${red('error:')} ${formatIssue(issue)}\n`);
      process.stderr.write(`${err.issues.length} problem${err.issues.length === 1 ? '' : 's'} found\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else if (err instanceof OutputRefused) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else if (err instanceof Error && err.name === 'ShardError') {
      process.stderr.write(`${red('error:')} ${err.message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else if (err instanceof Error && err.name === 'QueueError') {
      process.stderr.write(`${red('error:')} ${err.message}\n`);
      process.exitCode = EXIT_FAILURE;
    } else if (err instanceof UsageError) {
      process.stderr.write(`${red('error:')} ${err.message}\n${err.hint ? `${err.hint}\n` : ''}`);
      process.exitCode = EXIT_BAD_INPUT;
    } else if (fileSystemMessage(err)) {
      process.stderr.write(`trade-sim: ${fileSystemMessage(err)}\n`);
      if (process.env.TRADE_SIM_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ''}\n`);
      process.exitCode = EXIT_FAILURE;
    } else {
      process.stderr.write(`trade-sim: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (process.env.TRADE_SIM_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ''}\n`);
      process.exitCode = EXIT_FAILURE;
    }
  },
);
