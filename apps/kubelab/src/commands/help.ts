/** `kubelab help [COMMAND…]`: the overview, or one command's usage, nested paths too (kubelab help chaos kill-agent). */
import { Command } from 'commander';
import { commandOf } from '../cli/command-tree.js';
import type { Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';

/** `kubelab help` on the command line; `program` is the whole tree, whose commands it names. */
export function command(program: Command, done: Done): Command {
  return new Command('help')
    .summary('the overview, or a command\'s usage')
    .description('the overview, or the usage of COMMAND (kubelab help chaos kill-agent)')
    .argument('[COMMAND...]')
    .action(async (path: string[]) => {
      const target = commandOf(program, path);
      if (target.length !== path.length) throw new UsageError(`no command "${path.slice(0, target.length + 1).join(' ')}"; kubelab help lists them`);
      (target.at(-1) ?? program).outputHelp();
      await done(0);
    });
}
