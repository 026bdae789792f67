#!/usr/bin/env node
/** trade-sim: the command line. The only place that prints errors or sets the exit code. */
import { ScenarioError, formatIssue } from '../scenario/issues.js';
import { ENGINE } from '../engine-info.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, UsageError } from './errors.js';
import { startChartThread } from './outputs.js';
import { OutputRefused } from '../results/output-dir.js';

const USAGE = `usage:
  trade-sim run FILE [--paths N] [--seed S] [--workers W] [--out DIR [--force]] [--quiet] [--no-charts]
  trade-sim validate FILE... [--strict]
  trade-sim compare A.yaml B.yaml [C.yaml ...] [--paths N] [--seed S] [--workers W] [--out DIR [--force]] [--quiet] [--no-charts]
  trade-sim calibrate HISTORY --series NAME [--from YEAR] [--level P]
  trade-sim --version

exit codes: 0 done, 2 bad input (scenario or arguments), 1 anything else`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run': {
      // The chart thread first: it loads Vega while this thread loads the scenario code and
      // simulates. Commands are imported when run.
      const charts = rest.includes('--no-charts') ? undefined : startChartThread();
      try {
        const { runCommand } = await import('./run-command.js');
        await runCommand(rest, charts);
      } finally {
        charts?.close();
      }
      return EXIT_OK;
    }
    case 'validate': {
      const { validateCommand } = await import('./validate-command.js');
      validateCommand(rest);
      return EXIT_OK;
    }
    case 'compare': {
      const { compareCommand } = await import('./compare-command.js');
      await compareCommand(rest);
      return EXIT_OK;
    }
    case 'calibrate': {
      const { calibrateCommand } = await import('./calibrate-command.js');
      calibrateCommand(rest);
      return EXIT_OK;
    }
    case '--version':
    case '-v':
      process.stdout.write(`${ENGINE.name} ${ENGINE.version}\n`);
      return EXIT_OK;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? EXIT_BAD_INPUT : EXIT_OK;
    default:
      throw new UsageError(`unknown command "${command}"; expected run, validate, compare or calibrate`);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof ScenarioError) {
      for (const issue of err.issues) process.stderr.write(`error: ${formatIssue(issue)}\n`);
      process.stderr.write(`${err.issues.length} problem${err.issues.length === 1 ? '' : 's'} found\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else if (err instanceof OutputRefused) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n${USAGE}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else {
      process.stderr.write(`trade-sim: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (process.env.TRADE_SIM_DEBUG) process.stderr.write(`${err instanceof Error ? err.stack : ''}\n`);
      process.exitCode = EXIT_FAILURE;
    }
  },
);
