/**
 * Rewrites the command table in README.md (between the cli-commands markers) from the command
 * declarations in src/cli/commands/, the ones the help and the completion are made from.
 *
 *   node dist/tools/cli-docs.js [--check]      (npm run docs:cli)
 *
 * --check rewrites nothing and exits 1 when the README's table is not what the declarations give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { COMMANDS } from '../cli/commands/index.js';
import { README_BEGIN, README_END, readmeCommandTable } from '../cli/help.js';
import { replaceBetweenMarkers } from './scenario-table.js';

export const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The README as the declarations say it should be. */
export function readmeWithCommandTable(readme: string): string {
  return replaceBetweenMarkers(readme, readmeCommandTable(COMMANDS), README_BEGIN, README_END);
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`cli-docs: unknown argument ${unknown.join(' ')}; expected --check or nothing\n`);
    return 2;
  }
  const before = readFileSync(README, 'utf8');
  const after = readmeWithCommandTable(before);
  if (check) {
    process.stderr.write(after === before ? 'README.md: the command table is up to date\n' : 'README.md: the command table is out of date; run npm run docs:cli\n');
    return after === before ? 0 : 1;
  }
  if (after !== before) writeFileSync(README, after);
  process.stderr.write(`README.md: command table ${after === before ? 'unchanged' : 'rewritten'}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`cli-docs: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
