/**
 * What a command declares: its words, its options (each with default and unit), examples from the
 * scenario library, and the code it runs. The help, the README's command table and the shell
 * completion are all generated from these declarations. A declaration imports no command code:
 * `action` loads it when the command runs, so that `trade-sim --version` and `--help` stay fast.
 */
export interface OptionSpec {
  /** The long name as typed, without dashes: `paths`, `no-charts`. */
  long: string;
  /** One letter, without the dash. */
  short?: string;
  /** Placeholder of the value (`N`, `DIR`); absent for a switch. */
  value?: string;
  /** What it does, in a phrase. */
  description: string;
  /** What applies when it is not given, as the user would read it. */
  default: string;
  /** Unit of the value (`paths`, `threads`); absent where it has none (a switch, a name). */
  unit?: string;
  /** Turns the text into the value; throws UsageError naming the option, expected and found. */
  parse?: (text: string) => unknown;
  /** What the shell completes for the value: files, folders or one of a list. */
  complete?: 'file' | 'dir' | readonly string[];
  /** Shown in the usage line; the command's action checks that it was given. */
  required?: boolean;
}

export interface ArgumentSpec {
  /** As shown in the usage line: `FILE`, `NAME`. */
  name: string;
  description: string;
  /** Takes one or more words. */
  variadic?: boolean;
  /** What the shell completes: scenario files, or one of a list; nothing when absent. */
  complete?: 'scenario' | readonly string[];
}

export interface Example {
  /** The command line, starting with `trade-sim`. */
  command: string;
  /** What it does, in a sentence. */
  says: string;
}

export interface CommandSpec {
  name: string;
  /** One line, for the command list. */
  summary: string;
  /** A paragraph for the command's own help, when the summary is not enough. */
  details?: string;
  arguments: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  examples: readonly Example[];
  /**
   * Runs the command. `words`: its positional arguments; `options`: the parsed options, keyed by
   * the camel-cased long name (`--no-charts` gives `charts: false`, else `charts: true`).
   */
  action(words: string[], options: Readonly<Record<string, unknown>>): Promise<void>;
}

/** `--no-charts` -> `charts`, `--dir` -> `dir`: the key an option's value has in `options`. */
export function optionKey(o: OptionSpec): string {
  const name = o.long.startsWith('no-') ? o.long.slice(3) : o.long;
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `-n, --paths N` as the help, README and completion show it. */
export function optionFlags(o: OptionSpec, valueStyle: (v: string) => string = (v) => v): string {
  const long = `--${o.long}${o.value ? ` ${valueStyle(o.value)}` : ''}`;
  return o.short ? `-${o.short}, ${long}` : long;
}

/** The option's description with its default and unit, as the help and the README show it. */
export function optionText(o: OptionSpec): string {
  return `${o.description} (default: ${o.default}${o.unit ? `; unit: ${o.unit}` : ''})`;
}

/** `run FILE [options]`. */
export function usageLine(c: CommandSpec): string {
  const args = c.arguments.map((a) => (a.variadic ? `${a.name}...` : a.name));
  const required = c.options.filter((o) => o.required).map((o) => `--${o.long}${o.value ? ` ${o.value}` : ''}`);
  const optional = c.options.some((o) => !o.required);
  return [c.name, ...args, ...required, ...(optional ? ['[options]'] : [])].join(' ');
}
