/**
 * Reads a shell's own argument vector: `sh -c 'SCRIPT' [NAME [ARG…]]`,
 * `sh [-ex] FILE [ARG…]`, option clusters such as `-ec`, `-o errexit`, and
 * bash's harmless `-l`.
 */
import { applyFlagLetter, applyFlagName, defaultFlags, type ShellFlags } from './shell-flags.js';

/** What a shell invocation asks for. */
export type ShInvocation =
  | { readonly kind: 'script'; readonly source: string; readonly name: string; readonly positional: string[]; readonly flags: ShellFlags }
  | { readonly kind: 'file'; readonly path: string; readonly positional: string[]; readonly flags: ShellFlags }
  | { readonly kind: 'stdin'; readonly flags: ShellFlags }
  | { readonly kind: 'error'; readonly message: string };

const IGNORED_LETTERS = new Set(['l', 's', 'i']);

/** Parses the arguments after `sh`/`bash`; `program` becomes `$0` when -c gives no name. */
export function parseShArguments(program: string, args: readonly string[]): ShInvocation {
  const flags = defaultFlags();
  let command = false;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--' || arg === '-') {
      i++;
      break;
    }
    if (!/^[-+]./.test(arg)) break;
    const on = arg[0] === '-';
    for (const letter of arg.slice(1)) {
      if (letter === 'c') command = true;
      else if (letter === 'o') {
        const name = args[++i];
        if (name === undefined || !applyFlagName(flags, name, on)) return { kind: 'error', message: `illegal option -o ${name ?? ''}`.trimEnd() };
      } else if (!IGNORED_LETTERS.has(letter) && !applyFlagLetter(flags, letter, on)) {
        return { kind: 'error', message: `illegal option ${arg[0]}${letter}` };
      }
    }
  }
  const operands = args.slice(i);
  if (command) {
    if (operands.length === 0) return { kind: 'error', message: '-c requires an argument' };
    const [source, name = program, ...positional] = operands;
    return { kind: 'script', source, name, positional, flags };
  }
  if (operands.length === 0) return { kind: 'stdin', flags };
  const [path, ...positional] = operands;
  return { kind: 'file', path, positional, flags };
}
