/** The `-n`/`-c` counts head and tail share: `-5` as `-n 5`, suffixes b/k/m, `+N` and `-N`. */

const MULTIPLIERS: Readonly<Record<string, number>> = { '': 1, b: 512, k: 1024, m: 1024 * 1024 };
const COUNT = /^([+-]?)(\d+)([bkm]?)$/;

/** A parsed count: `fromStart` for `+N` (tail) and `allBut` for `-N` (head). */
export interface Count {
  readonly value: number;
  readonly sign: '' | '+' | '-';
}

/** The count, or undefined when it is not a number. */
export function parseCount(text: string): Count | undefined {
  const match = COUNT.exec(text);
  if (!match) return undefined;
  return { value: Number(match[2]) * MULTIPLIERS[match[3]], sign: match[1] as Count['sign'] };
}

/** Rewrites the old `-5` / `+5` spellings as `-n 5` / `-n +5` so the option parser understands them. */
export function modernizeCountArgs(args: readonly string[], allowPlus: boolean): string[] {
  return args.flatMap((arg, index) => {
    if (index === 0 && /^-\d+[bkm]?$/.test(arg)) return ['-n', arg.slice(1)];
    if (index === 0 && allowPlus && /^\+\d+$/.test(arg)) return ['-n', arg];
    return [arg];
  });
}
