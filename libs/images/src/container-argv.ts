/**
 * The process a container runs, by Kubernetes' rule for combining the image's
 * ENTRYPOINT/CMD with the container's `command`/`args`: `command` replaces the
 * entrypoint and drops CMD, `args` replace CMD.
 */
import type { ImageBehaviour } from './catalog-types.js';

/** The argv of the container's first process (`$(VAR)` references are left for the runtime to expand). */
export function containerArgv(behaviour: Pick<ImageBehaviour, 'entrypoint' | 'cmd'>, command?: readonly string[], args?: readonly string[]): string[] {
  const hasCommand = command !== undefined && command.length > 0;
  const hasArgs = args !== undefined && args.length > 0;
  const executable = hasCommand ? command : behaviour.entrypoint;
  const parameters = hasArgs ? args : hasCommand ? [] : behaviour.cmd;
  return [...executable, ...parameters];
}
