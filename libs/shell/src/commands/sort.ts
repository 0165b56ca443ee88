/** `sort [-nhrufb] [-k START[,END]] [-t CHAR] [-o FILE] [FILE]…`, in the C locale (byte order); -h orders `du -h` sizes. */
import { complain, type CommandContext } from './command-context.js';
import { joinLines, parseOrUsage, readAll, splitLines } from './applet.js';
import { fsFailure } from './fs-failure.js';

const SYNOPSIS = '[-nrugMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...';
/** busybox sort exits 2 on every failure, usage errors included. */
const TROUBLE = 2;
const KEY = /^(\d+)(?:\.(\d+))?([bdfghnr]*)(?:,(\d+)(?:\.(\d+))?([bdfghnr]*))?$/;
const SUFFIXES = 'KMGTPE';

interface SortKey {
  readonly startField: number;
  readonly startChar: number;
  readonly endField: number | undefined;
  readonly endChar: number | undefined;
  readonly numeric: boolean;
  /** -h: numbers with K/M/G… suffixes, as `du -h` prints them. */
  readonly human: boolean;
  readonly reverse: boolean;
  readonly foldCase: boolean;
}

/** Sorts the lines of its input; -u keeps one of each run of equal lines. */
export function sort(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'nhrufbsgMcszdi', values: 'kto' }, SYNOPSIS);
  if (typeof parsed === 'number') return TROUBLE;
  const separator = parsed.values.get('t');
  if (separator !== undefined && separator.length !== 1) return complain(context, 'bad -t parameter', TROUBLE);
  const flags = parsed.flags;
  const keys: SortKey[] = [];
  for (const spec of context.args.flatMap((arg, index, all) => keySpecs(arg, all[index + 1]))) {
    const match = KEY.exec(spec);
    if (!match || Number(match[1]) === 0) return complain(context, `bad field specification '${spec}'`, TROUBLE);
    const own = `${match[3]}${match[6] ?? ''}`;
    keys.push({
      startField: Number(match[1]),
      startChar: Number(match[2] ?? 1),
      endField: match[4] === undefined ? undefined : Number(match[4]),
      endChar: match[5] === undefined ? undefined : Number(match[5]),
      numeric: own.includes('n') || own.includes('g') || (own === '' && (flags.has('n') || flags.has('g'))),
      human: own.includes('h') || (own === '' && flags.has('h')),
      reverse: own.includes('r'),
      foldCase: own.includes('f') || (own === '' && flags.has('f')),
    });
  }
  const input = readAll(context, parsed.operands);
  if (!input.ok) return TROUBLE;
  if (keys.length === 0) {
    keys.push({ startField: 1, startChar: 1, endField: undefined, endChar: undefined, numeric: flags.has('n') || flags.has('g'), human: flags.has('h'), reverse: false, foldCase: flags.has('f') });
  }
  const compare = (a: string, b: string): number => {
    for (const key of keys) {
      const order = compareKey(field(a, key, separator), field(b, key, separator), key);
      if (order !== 0) return key.reverse ? -order : order;
    }
    return flags.has('u') || flags.has('s') ? 0 : byteOrder(a, b);
  };
  const sign = flags.has('r') ? -1 : 1;
  const lines = splitLines(input.text).sort((a, b) => sign * compare(a, b));
  const kept = flags.has('u') ? lines.filter((line, index) => index === 0 || compare(lines[index - 1], line) !== 0) : lines;
  const output = joinLines(kept);
  const file = parsed.values.get('o');
  if (file === undefined) context.stdout(output);
  else {
    try {
      context.fs.write(context.resolve(file), output);
    } catch (error) {
      return complain(context, `can't open '${file}': ${fsFailure(error)}`, TROUBLE);
    }
  }
  return 0;
}

/** Every `-k` value in the order given (`-k2`, `-k 2`, inside a cluster such as `-nk2`). */
function keySpecs(arg: string, next: string | undefined): string[] {
  if (!arg.startsWith('-') || arg.startsWith('--')) return [];
  const at = arg.indexOf('k');
  if (at < 1 || /[tok]/.test(arg.slice(1, at))) return [];
  const rest = arg.slice(at + 1);
  return [rest !== '' ? rest : (next ?? '')];
}

/** The text a key covers; without -t, fields are runs of non-blanks and leading blanks are skipped. */
function field(line: string, key: SortKey, separator: string | undefined): string {
  const fields = fieldRanges(line, separator);
  const first = fields[key.startField - 1];
  if (!first) return '';
  const from = Math.min(first.start + key.startChar - 1, line.length);
  const last = key.endField === undefined ? undefined : fields[key.endField - 1];
  const to = last === undefined ? line.length : key.endChar ? Math.min(last.start + key.endChar, last.end) : last.end;
  return line.slice(from, Math.max(from, to));
}

function fieldRanges(line: string, separator: string | undefined): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  if (separator === undefined) {
    for (const match of line.matchAll(/[^ \t]+/g)) ranges.push({ start: match.index, end: match.index + match[0].length });
    return ranges;
  }
  let start = 0;
  for (const part of line.split(separator)) {
    ranges.push({ start, end: start + part.length });
    start += part.length + 1;
  }
  return ranges;
}

function compareKey(a: string, b: string, key: SortKey): number {
  if (key.human) return humanNumber(a) - humanNumber(b);
  if (key.numeric) return leadingNumber(a) - leadingNumber(b);
  return key.foldCase ? byteOrder(a.toUpperCase(), b.toUpperCase()) : byteOrder(a, b);
}

function leadingNumber(text: string): number {
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text);
  return match ? Number(match[1]) : 0;
}

/** `1.5K` → 1536: the suffix scales by powers of 1024, so any M sorts after any K. */
function humanNumber(text: string): number {
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))([KMGTPE]?)/i.exec(text);
  if (!match) return 0;
  const power = match[2] === '' ? 0 : SUFFIXES.indexOf(match[2].toUpperCase()) + 1;
  return Number(match[1]) * 1024 ** power;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
