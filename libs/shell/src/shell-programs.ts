/**
 * Which programs this shell can run as a container's process: the shells and the
 * utilities. The kubelet agent asks before running an image's command, so a program
 * the image has but the emulator cannot act out (`node app.js`) runs as a silent
 * process instead of failing "not found".
 */
import { UTILITIES } from './commands/utilities.js';

const SHELL_PROGRAMS = new Set(['sh', 'bash', 'ash']);

/** True when `runProcess([name, …])` runs `name` itself (a shell or a utility). */
export function shellRuns(name: string): boolean {
  return SHELL_PROGRAMS.has(name) || UTILITIES.has(name);
}
