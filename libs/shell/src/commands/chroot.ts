/**
 * `chroot NEWROOT [COMMAND [ARG]...]`: runs COMMAND (`$SHELL -i`, else `/bin/sh -i`) with
 * NEWROOT as its `/` and working directory. The node debugging page's
 * `kubectl debug node/NODE -it --image=ubuntu` then `chroot /host` works on the node's disk.
 */
import { complain, usage, type CommandContext } from './command-context.js';

const NOT_FOUND = 127;

/** Runs the command under the new root; 125 when the root is not a directory, 127 when the command is not found. */
export async function chroot(context: CommandContext): Promise<number> {
  const [newRoot, ...command] = context.args;
  if (newRoot === undefined) return usage(context, 'NEWROOT [PROG ARGS]');
  const root = context.resolve(newRoot);
  if (!context.fs.isDir(root)) return complain(context, `cannot change root directory to '${newRoot}': ${context.fs.exists(root) ? 'Not a directory' : 'No such file or directory'}`, 125);
  const argv = command.length > 0 ? command : [context.env.SHELL || '/bin/sh', '-i'];
  if (!context.isCommand(argv[0], root)) return complain(context, `failed to run command '${argv[0]}': No such file or directory`, NOT_FOUND);
  return context.execRooted(root, argv, context.env);
}
