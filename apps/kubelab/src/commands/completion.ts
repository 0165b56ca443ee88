/** `kubelab completion bash|zsh`: a completion script made from the program's own tree, so every command and option completes. */
import { Command } from 'commander';
import type { Done } from '../cli/options.js';
import { completionScript, completionShells, completionTree } from '../cli/completion.js';
import { UsageError } from '../cli/usage-error.js';

/** `kubelab completion` on the command line; `program` is the whole tree, read when the script is asked for. */
export function command(program: Command, done: Done): Command {
  return new Command('completion')
    .summary('print a completion script for bash or zsh')
    .description(`prints a completion script for kubelab's commands and options:
  source <(kubelab completion bash)     # in ~/.bashrc
  source <(kubelab completion zsh)      # in ~/.zshrc`)
    .argument('<SHELL>', completionShells.join(' or '))
    .action(async (shell: string) => {
      if (!(completionShells as readonly string[]).includes(shell)) throw new UsageError(`completion takes ${completionShells.join(' or ')}, got "${shell}"`);
      process.stdout.write(completionScript(shell as (typeof completionShells)[number], completionTree(program)));
      await done(0);
    });
}
