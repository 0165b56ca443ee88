/** Walks of the commander tree, for `kubelab help`, the program's error messages and the e2e help walk. */
import type { Command } from 'commander';

/** Visits the command and every command under it, parents before children. */
export function forEachCommand(cmd: Command, visit: (cmd: Command) => void): void {
  visit(cmd);
  for (const sub of cmd.commands) forEachCommand(sub, visit);
}

/** The commands `words` name from the top, as far as they name one. */
export function commandOf(program: Command, words: string[]): Command[] {
  const found: Command[] = [];
  let at = program;
  for (const word of words) {
    const next = at.commands.find((c) => c.name() === word);
    if (!next) break;
    found.push(next);
    at = next;
  }
  return found;
}

/** Every command's path under kubelab ("up", "chaos kill-agent", the bare drills too), parents before children. */
export function commandPaths(program: Command): string[] {
  const paths: string[] = [];
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      const path = [...prefix, sub.name()];
      paths.push(path.join(' '));
      walk(sub, path);
    }
  };
  walk(program, []);
  return paths;
}
