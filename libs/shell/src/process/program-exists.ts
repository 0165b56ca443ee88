/**
 * Whether a container could exec a program, answered before a session starts:
 * containerd refuses an exec whose binary is missing with "executable file not
 * found in $PATH" (exit 126 in kubectl) instead of running anything, so the
 * agent asks first. The lookup is the one `runArgv` does.
 */
import { UTILITIES } from '../commands/utilities.js';
import type { MemoryFs } from '../fs/memory-fs.js';
import { baseName, resolvePath } from '../fs/path.js';
import { encodeUtf8 } from '../io/byte-string.js';
import { SHELL_NAMES } from '../shell/shell-names.js';

/** True for a shell or utility (by name or by any path ending in it) or an existing script file; `program` is text. */
export function programExists(program: string, fs: MemoryFs, workingDir = '/'): boolean {
  const name = encodeUtf8(program);
  const command = name.includes('/') ? baseName(name) : name;
  if (SHELL_NAMES.has(command) || UTILITIES.has(command)) return true;
  return name.includes('/') && fs.isFile(resolvePath(name, resolvePath(encodeUtf8(workingDir))));
}
