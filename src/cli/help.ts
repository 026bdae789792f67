/**
 * The text the help and the README show for the command declarations: examples, the closing
 * lines of `trade-sim --help`, and the README's command table (tools/cli-docs.ts writes it).
 */
import { optionFlags, optionText, usageLine, type CommandSpec } from './commands/spec.js';

export const EXIT_CODES = 'Exit codes: 0 done; 2 bad input (a scenario file or an argument), with a message naming the file, line and field; 1 anything else.';

export function examplesText(c: CommandSpec): string {
  return ['', 'Examples:', ...c.examples.flatMap((e) => [`  $ ${e.command}`, `      ${e.says}`])].join('\n');
}

export function programFooter(commands: readonly CommandSpec[]): string {
  return [
    '',
    'Examples:',
    ...commands.flatMap((c) => c.examples.slice(0, 1).map((e) => `  $ ${e.command}`)),
    '',
    'trade-sim help COMMAND (or trade-sim COMMAND --help) shows its options, defaults, units and examples.',
    EXIT_CODES,
  ].join('\n');
}

/** What main.ts prints under a usage error: the command's usage line, or the list of commands. */
export function usageHint(commands: readonly CommandSpec[], name: string | undefined): string {
  const c = commands.find((x) => x.name === name);
  if (c) return `usage: trade-sim ${usageLine(c)}; see trade-sim ${c.name} --help`;
  return `usage: trade-sim COMMAND [options], COMMAND one of ${commands.map((x) => x.name).join(', ')}; see trade-sim --help`;
}

export const README_BEGIN = '<!-- cli-commands:begin -->';
export const README_END = '<!-- cli-commands:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``;

/** The Markdown between the README's markers. */
export function readmeCommandTable(commands: readonly CommandSpec[]): string {
  return [
    '_Generated from the command declarations (src/cli/commands/) by `npm run docs:cli`; a test fails when they differ. Do not edit by hand._',
    '',
    '| command | what it does | options (default; unit) |',
    '| --- | --- | --- |',
    ...commands.map((c) => {
      const options = c.options.map((o) => `${code(optionFlags(o))}: ${cell(optionText(o))}`).join('<br>');
      return `| ${code(`trade-sim ${usageLine(c)}`)} | ${cell(c.details ? `${c.summary} ${c.details}` : c.summary)} | ${options || 'none'} |`;
    }),
    `| ${code('trade-sim help [COMMAND]')} | The commands, or one command's options with their defaults and units, and worked examples (also \`trade-sim COMMAND --help\`). | none |`,
    `| ${code('trade-sim --version')} | The engine's name and version. | none |`,
  ].join('\n');
}
