/**
 * Which executables an image holds, so a command the image lacks fails the way
 * runc fails it (`exec: "bash": executable file not found in $PATH`) instead of
 * running anyway: alpine has no bash, distroless images have no shell at all.
 */
import type { ImageBehaviour } from './catalog-types.js';

const programSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The image's programs by base name (computed once per behaviour). */
export function programsOf(behaviour: Pick<ImageBehaviour, 'programs'>): ReadonlySet<string> {
  let set = programSets.get(behaviour.programs);
  if (!set) {
    set = new Set(behaviour.programs);
    programSets.set(behaviour.programs, set);
  }
  return set;
}

/** The program an argv word names: `/usr/local/bin/python3` → `python3`. */
export const programName = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

/** True when the image has the program `word` names (a bare name or a path). */
export function imageHasProgram(behaviour: Pick<ImageBehaviour, 'programs'>, word: string): boolean {
  return programsOf(behaviour).has(programName(word));
}

/**
 * What runc says when the program is missing: a bare name is searched in $PATH, a path
 * is stat'ed. The kubelet shows it inside the StartError's message; `kubectl exec`
 * prints it and exits 127 (126 for a path that exists but cannot run).
 */
export function executableNotFoundMessage(word: string): string {
  return word.includes('/') ? `exec: "${word}": stat ${word}: no such file or directory` : `exec: "${word}": executable file not found in $PATH`;
}

/** The terminated state's message for a container whose command the image lacks (reason StartError, exit code 128). */
export function startErrorMessage(word: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${executableNotFoundMessage(word)}: unknown`;
}

/**
 * What `kubectl exec` (and an exec probe) gets for a program the image lacks: runc's
 * exec error, which kubectl prints before "command terminated with exit code 126".
 */
export function execNotFound(word: string): { readonly exitCode: 126; readonly message: string } {
  return { exitCode: 126, message: `OCI runtime exec failed: exec failed: unable to start container process: ${executableNotFoundMessage(word)}: unknown` };
}
