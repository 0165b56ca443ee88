/**
 * A Kubernetes component's command line as its cobra command parses it with pflag: `--name=value`,
 * `--name value`, a bare boolean `--name`, `-v N`, `--` ending the flags, `_` read as `-`, the last of a
 * repeated flag winning, each value checked by its type as Go's strconv and time packages check it.
 * A parse error is what cobra then prints after the usage: `unknown flag: --kubeconfigg`.
 */
import { goDurationError, goFloatError, goIntError, goBoolError } from './go-values.js';

/** A flag's value type, as the component's reference page lists it (every other type is a string to pflag's parser). */
export type FlagType = 'bool' | 'int' | 'float' | 'duration' | 'string';

export type ParsedCommandLine =
  | { ok: true; flags: Record<string, string>; positional: string[] }
  | { ok: false; error: string };

/** How pflag names a flag in an invalid-argument error: `--leader-elect`, or `-v, --v` for one with a shorthand. */
const shown = (name: string) => (name === 'v' ? '-v, --v' : `--${name}`);

function valueError(type: FlagType, value: string): string | undefined {
  switch (type) {
    case 'bool':
      return goBoolError(value);
    case 'int':
      return goIntError(value);
    case 'float':
      return goFloatError(value);
    case 'duration':
      return goDurationError(value);
    case 'string':
      return undefined;
    default: {
      const unknown: never = type;
      throw new Error(`unknown flag type ${String(unknown)}`);
    }
  }
}

/** Parses `words` (the arguments after the program's name) against the component's flags. */
export function parseCommandLine(words: readonly string[], flags: Readonly<Record<string, FlagType>>): ParsedCommandLine {
  const set: Record<string, string> = {};
  const positional: string[] = [];
  const assign = (name: string, value: string): string | undefined => {
    const problem = valueError(flags[name], value);
    if (problem) return `invalid argument ${JSON.stringify(value)} for ${JSON.stringify(shown(name))} flag: ${problem}`;
    set[name] = value;
    return undefined;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positional.push(word);
      continue;
    }
    const long = word.startsWith('--');
    const body = word.slice(long ? 2 : 1);
    if (long && (body === '' || body.startsWith('-') || body.startsWith('='))) return { ok: false, error: `bad flag syntax: ${word}` };
    let name: string;
    let inline: string | undefined;
    if (long) {
      const eq = body.indexOf('=');
      name = (eq < 0 ? body : body.slice(0, eq)).replaceAll('_', '-');
      inline = eq < 0 ? undefined : body.slice(eq + 1);
      if (flags[name] === undefined) return { ok: false, error: `unknown flag: --${name}` };
    } else {
      // Shorthands: -v (klog's verbosity) and -h, the only ones these components have.
      const letter = body[0];
      name = letter === 'v' ? 'v' : letter === 'h' ? 'help' : '';
      if (!name || flags[name] === undefined) return { ok: false, error: `unknown shorthand flag: '${letter}' in ${word}` };
      const rest = body.slice(1);
      inline = rest === '' ? undefined : rest.startsWith('=') ? rest.slice(1) : rest;
    }
    let value = inline;
    if (value === undefined && flags[name] === 'bool') value = 'true';
    if (value === undefined) {
      if (i + 1 >= words.length) return { ok: false, error: `flag needs an argument: ${long ? `--${name}` : `'${body[0]}' in ${word}`}` };
      value = words[++i];
    }
    const error = assign(name, value);
    if (error) return { ok: false, error };
  }
  return { ok: true, flags: set, positional };
}
