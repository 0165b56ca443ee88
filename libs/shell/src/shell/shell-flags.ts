/**
 * The shell options `sh -e`/`set -e` (errexit), `-u` (nounset) and `-x`
 * (xtrace), shared by the command line and the `set` builtin.
 */

/** The options that change how a script runs. */
export interface ShellFlags {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
}

const BY_LETTER: Readonly<Record<string, keyof ShellFlags>> = { e: 'errexit', u: 'nounset', x: 'xtrace' };
const BY_NAME: Readonly<Record<string, keyof ShellFlags | 'ignored'>> = {
  errexit: 'errexit',
  nounset: 'nounset',
  xtrace: 'xtrace',
  pipefail: 'ignored',
};

/** All options off, as a plain `sh -c` starts. */
export function defaultFlags(): ShellFlags {
  return { errexit: false, nounset: false, xtrace: false };
}

/** Sets or clears the option for `-e`-style `letter`; false when the letter is unknown. */
export function applyFlagLetter(flags: ShellFlags, letter: string, on: boolean): boolean {
  const key = BY_LETTER[letter];
  if (key) flags[key] = on;
  return key !== undefined;
}

/** Sets or clears the option for `-o name`; false when the name is unknown (`pipefail` is accepted: there are no pipes). */
export function applyFlagName(flags: ShellFlags, name: string, on: boolean): boolean {
  const key = BY_NAME[name];
  if (key && key !== 'ignored') flags[key] = on;
  return key !== undefined;
}

/** The letters of the options that are on, as `$-` reports them. */
export function flagLetters(flags: ShellFlags): string {
  return Object.entries(BY_LETTER)
    .filter(([, key]) => flags[key])
    .map(([letter]) => letter)
    .join('');
}
