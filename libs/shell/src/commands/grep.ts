/**
 * `grep [-HhnlLoqvsrRiwxcFE] [-m N] [-A|B|C N] [-e PATTERN]… PATTERN [FILE]…`
 * with busybox's exit statuses: 0 when a line matched, 1 when none did, 2 on
 * an error (a missing file, a bad pattern) unless -q found a match. Standard
 * input is read line by line as it arrives (`tail -f log | grep ERROR`), and
 * -q or -m stop reading once answered.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage, splitLines } from './applet.js';
import { compilePosix, RegexSyntaxError } from './posix-regex.js';
import type { StandardInput } from '../io/pipe.js';

/** grep's status for errors (1 only means "no line matched"). */
const TROUBLE = 2;
const SYNOPSIS = '[-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...';
const OPTIONS = {
  flags: 'HhnlLoqvsrRiwxcFEyz',
  values: 'emABCf',
  long: {
    'ignore-case': { key: 'i' },
    'invert-match': { key: 'v' },
    count: { key: 'c' },
    quiet: { key: 'q' },
    silent: { key: 'q' },
    recursive: { key: 'r' },
    'files-with-matches': { key: 'l' },
    'line-number': { key: 'n' },
    'only-matching': { key: 'o' },
    'extended-regexp': { key: 'E' },
    'fixed-strings': { key: 'F' },
    'word-regexp': { key: 'w' },
    'line-regexp': { key: 'x' },
    regexp: { key: 'e', value: true },
    color: { key: 'color' },
    'line-buffered': { key: 'line-buffered' },
    colour: { key: 'color' },
  },
};

interface Matcher {
  /** The matches in `line`: empty when it does not match. */
  (line: string): string[];
}

/** Prints the lines of each FILE (standard input when none) that match. */
export async function grep(context: CommandContext): Promise<number> {
  const parsed = parseOrUsage(context, OPTIONS, SYNOPSIS);
  if (typeof parsed === 'number') return TROUBLE;
  const { flags } = parsed;
  const operands = [...parsed.operands];
  const patterns = patternsOf(context);
  if (typeof patterns === 'string') return complain(context, `${patterns}: No such file or directory`, TROUBLE);
  if (patterns.length === 0) {
    if (operands.length === 0) return usageStatus(context);
    patterns.push(operands.shift()!);
  }
  let matcher: Matcher;
  try {
    matcher = buildMatcher(patterns, flags);
  } catch (error) {
    if (error instanceof RegexSyntaxError) return complain(context, `bad regex '${patterns.join('\n')}': ${error.message}`, TROUBLE);
    throw error;
  }
  const recursive = flags.has('r') || flags.has('R');
  const files = operands.length > 0 ? operands : [recursive ? '.' : '-'];
  const showNames = flags.has('H') || (!flags.has('h') && (files.length > 1 || recursive));
  const maxCount = parsed.values.has('m') ? Number(parsed.values.get('m')) : Infinity;
  const window = contextLines(parsed.values);
  if (typeof window === 'string') return complain(context, `invalid number '${window}'`, TROUBLE);
  const { before, after } = window;
  const listing = flags.has('l') || flags.has('L') || flags.has('c');
  let matched = false;
  let failed = false;
  let printedGroup = false;
  for (const { name, source } of inputs(context, files, recursive, flags.has('s'), () => (failed = true))) {
    let count = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    const recent: { index: number; line: string }[] = [];
    const print = (index: number, separator: ':' | '-', body: string) => {
      if ((before > 0 || after > 0) && printedGroup && (lastPrinted < 0 || index > lastPrinted + 1)) context.stdout('--\n');
      context.stdout(`${showNames ? `${name}${separator}` : ''}${flags.has('n') ? `${index + 1}${separator}` : ''}${body}\n`);
      lastPrinted = index;
      printedGroup = true;
    };
    let index = -1;
    for await (const line of linesOf(source)) {
      index++;
      const matches = count < maxCount ? matcher(line) : [];
      const selected = count < maxCount && matches.length > 0 !== flags.has('v');
      if (!selected) {
        if (afterLeft > 0 && !listing && !flags.has('q')) {
          print(index, '-', line);
          afterLeft--;
        } else if (before > 0) {
          recent.push({ index, line });
          if (recent.length > before) recent.shift();
        }
        if (count >= maxCount && afterLeft === 0) break;
        continue;
      }
      count++;
      matched = true;
      if (flags.has('q')) return 0;
      if (listing) continue;
      for (const previous of recent.splice(0)) if (previous.index > lastPrinted) print(previous.index, '-', previous.line);
      if (flags.has('o') && !flags.has('v')) for (const match of matches) print(index, ':', match);
      else print(index, ':', line);
      afterLeft = after;
    }
    if (flags.has('c')) context.stdout(`${showNames ? `${name}:` : ''}${count}\n`);
    if (flags.has('l') && count > 0) context.stdout(`${name}\n`);
    if (flags.has('L') && count === 0) context.stdout(`${name}\n`);
  }
  if (failed && !(flags.has('q') && matched)) return TROUBLE;
  return matched ? 0 : 1;
}

/** -A/-B/-C as line counts, or the text that is not a number. */
function contextLines(values: ReadonlyMap<string, string>): { before: number; after: number } | string {
  const read = (key: string): number | string | undefined => {
    const text = values.get(key);
    if (text === undefined) return undefined;
    return /^\d+$/.test(text) ? Number(text) : text;
  };
  const [around, before, after] = [read('C'), read('B'), read('A')];
  for (const value of [around, before, after]) if (typeof value === 'string') return value;
  return { before: (before ?? around ?? 0) as number, after: (after ?? around ?? 0) as number };
}

function usageStatus(context: CommandContext): number {
  context.stderr(`Usage: grep ${SYNOPSIS}\n`);
  return TROUBLE;
}

/** The -e patterns and the lines of -f files, in order, or the name of a missing -f file. */
function patternsOf(context: CommandContext): string[] | string {
  const patterns: string[] = [];
  const args = context.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    const option = /^-([A-Za-z]*)([ef])(.*)$/s.exec(arg);
    if (!option || /[emABCf]/.test(option[1])) continue;
    const value = option[3] !== '' ? option[3] : args[++i];
    if (value === undefined) continue;
    if (option[2] === 'e') patterns.push(value);
    else {
      const path = context.resolve(value);
      if (!context.fs.isFile(path)) return value;
      patterns.push(...splitLines(context.fs.read(path)));
    }
  }
  return patterns;
}

function buildMatcher(patterns: readonly string[], flags: ReadonlySet<string>): Matcher {
  const ignoreCase = flags.has('i') || flags.has('y');
  const sources = patterns
    .flatMap((pattern) => pattern.split('\n'))
    .map((pattern) =>
      flags.has('F') ? pattern.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&') : compilePosix(pattern, { extended: flags.has('E') }).source,
    )
    .map((source) => (flags.has('x') ? `^(?:${source})$` : flags.has('w') ? `(?<![\\w])(?:${source})(?![\\w])` : source));
  const regex = new RegExp(sources.map((source) => `(?:${source})`).join('|'), `g${ignoreCase ? 'i' : ''}`);
  return (line) => {
    const found: string[] = [];
    regex.lastIndex = 0;
    for (let match = regex.exec(line); match; match = regex.exec(line)) {
      if (match[0] === '') {
        if (found.length === 0 && !flags.has('o')) return [''];
        regex.lastIndex++;
        if (regex.lastIndex > line.length) break;
        continue;
      }
      found.push(match[0]);
    }
    return found;
  };
}

interface Input {
  readonly name: string;
  /** A file's bytes, or standard input as it arrives. */
  readonly source: string | StandardInput;
}

/** The lines of a file, or of standard input as they arrive, without their newlines. */
async function* linesOf(source: string | StandardInput): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield* splitLines(source);
    return;
  }
  for (let line = await source.readLine(); line !== undefined; line = await source.readLine()) yield line.endsWith('\n') ? line.slice(0, -1) : line;
}

function* inputs(context: CommandContext, files: readonly string[], recursive: boolean, silent: boolean, fail: () => void): Generator<Input> {
  for (const file of files) {
    if (file === '-') {
      yield { name: '(standard input)', source: context.stdin ?? context.input };
      continue;
    }
    const path = context.resolve(file);
    const stat = context.fs.stat(path);
    if (!stat) {
      if (!silent) complain(context, `${file}: No such file or directory`);
      fail();
    } else if (stat.kind === 'dir') {
      if (recursive) yield* inputs(context, context.fs.list(path).map((name) => `${file.replace(/\/$/, '')}/${name}`), true, silent, fail);
      else {
        if (!silent) complain(context, `${file}: Is a directory`);
        fail();
      }
    } else yield { name: file, source: context.fs.read(path) };
  }
}
