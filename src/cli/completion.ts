/**
 * Shell completion scripts for bash and zsh, generated from the command declarations: command
 * names, each command's options, folders after --out/--dir, and scenario files (.yaml, .yml,
 * .json) where a command takes them. Installed with `source <(trade-sim completion bash)` in
 * ~/.bashrc (or `zsh` in ~/.zshrc, after compinit).
 */
import type { CommandSpec, OptionSpec } from './commands/spec.js';

export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

const flagsOf = (o: OptionSpec) => [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])];
const words = (list: readonly string[]) => list.join(' ');
/** The words commander adds to every command and to the program. */
const HELP = ['--help', '-h'];

export function completionScript(shell: Shell, commands: readonly CommandSpec[]): string {
  return shell === 'bash' ? bashScript(commands) : zshScript(commands);
}

function bashScript(commands: readonly CommandSpec[]): string {
  const names = commands.map((c) => c.name);
  const cases = commands.map((c) => {
    const values = c.options.filter((o) => o.value !== undefined);
    const valueCases = values.map((o) => {
      const what = o.complete === 'dir' ? '_trade_sim_dirs' : o.complete === 'file' ? '_trade_sim_scenarios'
        : Array.isArray(o.complete) ? `COMPREPLY=($(compgen -W "${words(o.complete)}" -- "$cur"))` : 'COMPREPLY=()';
      return `        ${flagsOf(o).join('|')}) ${what}; return ;;`;
    });
    const arg = c.arguments[0]?.complete;
    const positional = arg === 'scenario' ? '_trade_sim_scenarios' : Array.isArray(arg) ? `COMPREPLY=($(compgen -W "${words(arg)}" -- "$cur"))` : 'COMPREPLY=()';
    return [
      `    ${c.name})`,
      ...(valueCases.length > 0 ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
      `      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${words([...c.options.flatMap(flagsOf), ...HELP])}" -- "$cur")); return; fi`,
      `      ${positional} ;;`,
    ].join('\n');
  });
  return `# trade-sim completion for bash. Install: echo 'source <(trade-sim completion bash)' >> ~/.bashrc
_trade_sim_dirs() {
  COMPREPLY=($(compgen -d -- "$cur"))
  compopt -o filenames 2>/dev/null
}
_trade_sim_scenarios() {
  local f
  COMPREPLY=()
  while IFS= read -r f; do
    if [[ -d $f || $f == *.yaml || $f == *.yml || $f == *.json ]]; then COMPREPLY+=("$f"); fi
  done < <(compgen -f -- "$cur")
  compopt -o filenames 2>/dev/null
}
_trade_sim() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  if (( COMP_CWORD == 1 )); then
    COMPREPLY=($(compgen -W "${words([...names, 'help', '--help', '--version'])}" -- "$cur"))
    return
  fi
  case \${COMP_WORDS[1]} in
${cases.join('\n')}
    help) COMPREPLY=($(compgen -W "${words(names)}" -- "$cur")) ;;
  esac
}
complete -F _trade_sim trade-sim
`;
}

/** Text inside a zsh _arguments spec's brackets or a _describe item. */
const zshText = (s: string) => s.replace(/[[\]:'\\`$]/g, ' ').replace(/\s+/g, ' ').trim();

function zshScript(commands: readonly CommandSpec[]): string {
  const describe = commands.map((c) => `    '${c.name}:${zshText(c.summary)}'`);
  const cases = commands.map((c) => {
    const specs = c.options.map((o) => {
      const flags = flagsOf(o);
      const names = flags.length > 1 ? `'(${flags.join(' ')})'{${flags.join(',')}}` : `'${flags[0] as string}`;
      const open = flags.length > 1 ? "'" : '';
      const action = o.value === undefined ? '' : `:${o.value}:${o.complete === 'dir' ? '_files -/' : o.complete === 'file' ? "_files -g \"*.(yaml|yml|json)\"" : Array.isArray(o.complete) ? `(${words(o.complete)})` : ''}`;
      return `        ${names}${open}[${zshText(o.description)}]${action}'`;
    });
    const a = c.arguments[0];
    const positional = a?.complete === 'scenario' ? `'${a.variadic ? '*' : '1'}:${zshText(a.description)}:_files -g "*.(yaml|yml|json)"'`
      : Array.isArray(a?.complete) ? `'1:${zshText(a.description)}:(${words(a.complete)})'` : a ? `'1:${zshText(a.description)}: '` : '';
    return [`    ${c.name})`, '      _arguments -s \\', ...specs.map((s) => `${s} \\`), `        ${positional} ;;`].join('\n');
  });
  return `#compdef trade-sim
# trade-sim completion for zsh. Install (after compinit): echo 'source <(trade-sim completion zsh)' >> ~/.zshrc
_trade_sim() {
  local -a commands
  commands=(
${describe.join('\n')}
    'help:show the help of a command'
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'trade-sim command' commands
    return
  fi
  local cmd=$words[2]
  shift words
  (( CURRENT-- ))
  case $cmd in
${cases.join('\n')}
    help) _describe -t commands 'trade-sim command' commands ;;
  esac
}
compdef _trade_sim trade-sim
`;
}
