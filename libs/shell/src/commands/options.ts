/**
 * getopt-style option parsing shared by the utilities: clustered short flags
 * (`-rf`), short options with values (`-O-`, `-O file`), long options
 * (`--spider`, `--timeout=5`) and `--`. Operands may come before options, as
 * GNU getopt allows.
 */

/** Which options a utility accepts. Keys name each option in the result. */
export interface OptionSpec {
  /** Short flags without a value, e.g. `'rfR'`. */
  readonly flags?: string;
  /** Short options that take a value, e.g. `'OT'`. */
  readonly values?: string;
  /** Long option name → key (a short letter or a name) and whether it takes a value. */
  readonly long?: Readonly<Record<string, { readonly key: string; readonly value?: boolean }>>;
}

/** The options found and the remaining operands. */
export interface ParsedOptions {
  readonly flags: ReadonlySet<string>;
  /** The last value of each option. */
  readonly values: ReadonlyMap<string, string>;
  /** Every value of each option, in order (`-H A -H B`). */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly operands: readonly string[];
}

/** Parses `args` against `spec`; returns the getopt error text for a bad option. */
export function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions | { readonly error: string } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const set = (key: string, value: string) => {
    values.set(key, value);
    lists.set(key, [...(lists.get(key) ?? []), value]);
  };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = splitOnce(arg.slice(2), '=');
      const option = spec.long?.[name];
      if (!option) return { error: `unrecognized option '${arg}'` };
      if (!option.value) flags.add(option.key);
      else if (inline !== undefined) set(option.key, inline);
      else if (i + 1 < args.length) set(option.key, args[++i]);
      else return { error: `option '--${name}' requires an argument` };
    } else if (arg.startsWith('-') && arg !== '-') {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        if (spec.flags?.includes(letter)) flags.add(letter);
        else if (spec.values?.includes(letter)) {
          const rest = arg.slice(j + 1);
          if (rest !== '') set(letter, rest);
          else if (i + 1 < args.length) set(letter, args[++i]);
          else return { error: `option requires an argument -- '${letter}'` };
          break;
        } else return { error: `invalid option -- '${letter}'` };
      }
    } else operands.push(arg);
  }
  return { flags, values, lists, operands };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
