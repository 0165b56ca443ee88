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

/**
 * The value a flag is given among `words`: `-text=x`, `--text=x`, `-text x` or `--text x` (Go's flag package takes
 * one dash or two alike); `flag` is written with its dashes or without. undefined when the flag is not there.
 */
export function flagValue(flag: string | undefined, words: readonly string[]): string | undefined {
  const name = flag?.replace(/^-+/, '');
  if (!name) return undefined;
  for (let index = 0; index < words.length; index++) {
    const match = /^--?([^=]+)(?:=([\s\S]*))?$/.exec(words[index]);
    if (match?.[1] !== name) continue;
    return match[2] ?? words[index + 1];
  }
  return undefined;
}
