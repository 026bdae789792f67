/**
 * The command line, parsed by commander from the declarations in commands/. Commander because it
 * is the common, well-kept choice in Node (no dependencies, typed): per-command options that
 * refuse what a command does not take, help for each command, and "did you mean" suggestions.
 * Loaded by main.ts for everything but --version.
 */
import { Command, CommanderError, Option } from 'commander';
import { ENGINE } from '../engine-info.js';
import { colourOn, paint } from './colour.js';
import { COMMANDS } from './commands/index.js';
import { optionFlags, optionText, usageLine, type CommandSpec } from './commands/spec.js';
import { EXIT_BAD_INPUT, EXIT_OK, UsageError } from './errors.js';
import { examplesText, programFooter, usageHint } from './help.js';

export function buildProgram(commands: readonly CommandSpec[]): Command {
  const program = new Command('trade-sim')
    .description('Monte Carlo projections of Pakistan-Kazakhstan bilateral trade toward the USD 1 billion target.')
    .version(`${ENGINE.name} ${ENGINE.version}`, '-v, --version', 'print the name and version')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [COMMAND]', "show a command's options, defaults, units and examples")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      // Errors are printed by main.ts in the CLI's own form, from the UsageError thrown below.
      outputError: () => {},
      getOutHasColors: () => colourOn(process.stdout),
      getErrHasColors: () => colourOn(process.stderr),
    })
    // Commander strips the codes where the stream has no colour.
    .configureHelp({ styleTitle: (s) => paint(true).bold(s), showGlobalOptions: false })
    .addHelpText('after', programFooter(commands));
  for (const spec of commands) {
    const cmd = program.command(spec.name)
      .summary(spec.summary)
      .description(spec.details ? `${spec.summary}\n\n${spec.details}` : spec.summary)
      .usage(usageLine(spec).slice(spec.name.length + 1))
      .helpOption('-h, --help', 'show this help')
      // Each command checks its own count of words, with messages of the CLI's form.
      .allowExcessArguments(true)
      .addHelpText('after', examplesText(spec));
    for (const a of spec.arguments) cmd.argument(a.variadic ? `[${a.name}...]` : `[${a.name}]`, a.description);
    for (const o of spec.options) {
      const option = new Option(optionFlags(o, (v) => `<${v}>`), optionText(o));
      const parse = o.parse;
      if (parse) option.argParser((text: string) => parse(text));
      cmd.addOption(option);
    }
    cmd.action(async (...given: unknown[]) => {
      const self = given[given.length - 1] as Command;
      await spec.action(self.args, self.opts());
    });
  }
  return program;
}

/** Runs the command line; resolves to the exit code. Throws UsageError, ScenarioError and the rest for main.ts. */
export async function runCli(given: string[], commands: readonly CommandSpec[] = COMMANDS): Promise<number> {
  const program = buildProgram(commands);
  // `help NOT-A-COMMAND` is reported as the unknown command it names (commander prints the help and exits 1).
  const argv = given[0] === 'help' && given[1] !== undefined && !commands.some((c) => c.name === given[1]) ? given.slice(1) : given;
  const name = argv.find((w) => !w.startsWith('-'));
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT_BAD_INPUT;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT_OK;
      throw new UsageError(usageMessage(err, commands, name), usageHint(commands, name));
    }
    if (err instanceof UsageError && err.hint === undefined) throw new UsageError(err.message, usageHint(commands, name));
    throw err;
  }
}

/** Commander's error in the CLI's form: `command: what was expected, found what`, with a suggestion. */
function usageMessage(err: CommanderError, commands: readonly CommandSpec[], name: string | undefined): string {
  const text = err.message.replace(/^error: /, '');
  const suggestion = /\(Did you mean (?:one of )?(.+)\?\)/.exec(text)?.[1];
  const didYouMean = suggestion ? `; did you mean ${suggestion}?` : '';
  const known = commands.some((c) => c.name === name);
  switch (err.code) {
    case 'commander.unknownCommand': {
      const given = /unknown command '([^']*)'/.exec(text)?.[1] ?? name;
      return `unknown command "${given}"; expected ${[...commands.map((c) => c.name), 'help'].join(', ')}${didYouMean}`;
    }
    case 'commander.unknownOption': {
      const flag = /unknown option '([^']*)'/.exec(text)?.[1] ?? '';
      const long = flag.replace(/=.*$/, '');
      const owners = commands.filter((c) => c.name !== name && c.options.some((o) => `--${o.long}` === long || (o.short && `-${o.short}` === long)));
      const where = owners.length > 0 ? ` (an option of ${owners.map((c) => c.name).join(', ').replace(/, ([^,]*)$/, ' and $1')}, not of ${known ? name : 'trade-sim itself'})` : '';
      return `${known ? `${name}: ` : ''}Unknown option '${flag}'${where}${didYouMean}`;
    }
    case 'commander.optionMissingArgument': {
      const flags = /option '([^']*)'/.exec(text)?.[1] ?? '';
      const long = /--[\w-]+/.exec(flags)?.[0] ?? flags;
      const value = /<(\w+)>/.exec(flags)?.[1] ?? 'a value';
      return `${known ? `${name}: ` : ''}${long}: expected ${value}, found nothing`;
    }
    default:
      return `${known ? `${name}: ` : ''}${text.split('\n')[0] ?? text}${didYouMean}`;
  }
}
