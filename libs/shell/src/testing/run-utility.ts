/**
 * Runs one utility through a CommandContext, without the shell: specs give it
 * standard input directly and read what it printed. `exec` runs other
 * utilities the same way (for xargs, timeout), sharing the streams.
 */
import type { CommandContext } from '../commands/command-context.js';
import { isKnownCommand } from '../commands/known-command.js';
import { UTILITIES } from '../commands/utilities.js';
import type { MemoryFs } from '../fs/memory-fs.js';
import { resolvePath } from '../fs/path.js';
import { runProcess } from '../process/launch.js';
import { Runtime } from '../process/runtime.js';
import { virtualHost, type VirtualHost } from './virtual-host.js';

/** What the utility printed and its exit status. */
export interface UtilityRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run it: stdin, the file system, env, working directory, or a whole virtual lab (DNS, HTTP, clock). */
export interface RunUtilityOptions {
  readonly input?: string;
  readonly fs?: MemoryFs;
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  readonly lab?: VirtualHost;
}

/** Runs `argv` (utility name first) and resolves its status and output. */
export async function runUtility(argv: readonly string[], options: RunUtilityOptions = {}): Promise<UtilityRun> {
  const lab = options.lab ?? virtualHost({ fs: options.fs, env: options.env });
  const runtime = new Runtime(lab.host, {}, 'sh', runProcess);
  const cwd = options.cwd ?? '/';
  let stdout = '';
  let stderr = '';
  const run = async (command: readonly string[], env: Readonly<Record<string, string>>): Promise<number> => {
    const [name, ...args] = command;
    const utility = UTILITIES.get(name);
    if (!utility) {
      stderr += `env: can't execute '${name}': No such file or directory\n`;
      return 127;
    }
    const context: CommandContext = {
      name,
      args,
      env,
      cwd,
      input: options.input ?? '',
      fs: lab.fs,
      runtime,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      resolve: (path) => resolvePath(path, cwd),
      exec: run,
      execRooted: () => Promise.reject(new Error('runUtility runs no command under a new root: run chroot through runProcess')),
      isCommand: (command) => isKnownCommand({ fs: lab.fs, resolve: (path) => resolvePath(path, cwd) }, command),
    };
    return utility(context);
  };
  const status = await run(argv, options.env ?? lab.host.env);
  return { status, stdout, stderr };
}
