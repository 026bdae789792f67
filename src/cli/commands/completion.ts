/** `trade-sim completion bash|zsh`. */
import { completionScript, SHELLS } from '../completion.js';
import { UsageError } from '../errors.js';
import type { CommandSpec } from './spec.js';

export const completion: CommandSpec = {
  name: 'completion',
  summary: 'Print the shell completion script (commands, options, scenario files) for bash or zsh.',
  arguments: [{ name: 'SHELL', description: 'bash or zsh', complete: SHELLS }],
  options: [],
  examples: [
    { command: "trade-sim completion bash", says: "prints the script; echo 'source <(trade-sim completion bash)' >> ~/.bashrc installs it" },
    { command: "trade-sim completion zsh", says: "for zsh; echo 'source <(trade-sim completion zsh)' >> ~/.zshrc installs it (after compinit)" },
  ],
  async action(words) {
    const [shell, ...extra] = words;
    if (shell !== 'bash' && shell !== 'zsh' || extra.length > 0) {
      throw new UsageError(`completion: expected one of ${SHELLS.join(', ')}, found ${words.length === 0 ? 'none' : words.join(' ')}`);
    }
    // Not a static import: index.ts imports this file.
    const { COMMANDS } = await import('./index.js');
    process.stdout.write(completionScript(shell, COMMANDS));
  },
};
