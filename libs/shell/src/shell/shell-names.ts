/** The shells an image may have; its own module so the commands that start programs can know them without loading the shell. */
export const SHELL_NAMES: ReadonlySet<string> = new Set(['sh', 'bash', 'ash']);
