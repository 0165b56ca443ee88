/**
 * `sed [-inE] [-e SCRIPT]… [-f FILE] [SCRIPT] [FILE]…`: the stream-editor
 * subset scripts use: `s///` (g, p, N, I; `&` and `\1`), p, d, q, =, a, i, c,
 * y, n, N, h/H/g/G/x, `{…}` and labels with b/t/T, addressed by line number,
 * `$`, `/re/` and ranges, with `!`.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { fsFailure } from './fs-failure.js';
import { compilePosix, RegexSyntaxError } from './posix-regex.js';

const SYNOPSIS = '[-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...';

type Address = { readonly kind: 'line'; readonly line: number } | { readonly kind: 'last' } | { readonly kind: 'regex'; readonly regex: RegExp | undefined };

interface Command {
  readonly from?: Address;
  readonly to?: Address;
  readonly negate: boolean;
  readonly name: string;
  /** s: the pattern (undefined: the last one used); y: the source characters. */
  readonly regex?: RegExp;
  readonly replacement?: string;
  readonly occurrence?: number;
  readonly print?: boolean;
  readonly text?: string;
  /** `{`: index of the matching `}`; b, t, T: index of the label (the program's end when none). */
  end?: number;
  /** `:`, b, t, T: the label named. */
  readonly label?: string;
  /** y: the target characters; q: the exit status as text. */
  readonly target?: string;
}

class SedError extends Error {}

/** sed runs synchronously: a script that branches forever (`:a;ba`) stops after this many jumps. */
const MAX_JUMPS = 1_000_000;

/** Edits each input line by line and prints the result (or writes it back with -i). */
export function sed(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'nrEsi', values: 'ef', long: { quiet: { key: 'n' }, silent: { key: 'n' }, expression: { key: 'e', value: true }, 'in-place': { key: 'i' }, 'regexp-extended': { key: 'E' } } }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  const operands = [...parsed.operands];
  const scripts: string[] = [];
  for (let i = 0; i < context.args.length; i++) {
    const option = /^-[nrEsi]*([ef])(.*)$/s.exec(context.args[i]);
    if (!option) continue;
    const value = option[2] !== '' ? option[2] : context.args[++i];
    if (option[1] === 'e') scripts.push(value);
    else {
      const path = context.resolve(value);
      if (!context.fs.isFile(path)) return complain(context, `can't open '${value}': No such file or directory`);
      scripts.push(context.fs.read(path).replace(/\n$/, ''));
    }
  }
  if (scripts.length === 0) {
    const script = operands.shift();
    if (script === undefined) {
      context.stderr(`Usage: sed ${SYNOPSIS}\n`);
      return 1;
    }
    scripts.push(script);
  }
  let program: Command[];
  try {
    program = parseScript(scripts.join('\n'), parsed.flags.has('E') || parsed.flags.has('r'));
  } catch (error) {
    if (error instanceof SedError || error instanceof RegexSyntaxError) return complain(context, error.message);
    throw error;
  }
  const quiet = parsed.flags.has('n');
  try {
    return parsed.flags.has('i') ? editInPlace(context, program, operands, quiet) : editStreams(context, program, operands, quiet);
  } catch (error) {
    if (error instanceof SedError) return complain(context, error.message);
    throw error;
  }
}

/** -i: each file edited on its own and written back. */
function editInPlace(context: CommandContext, program: readonly Command[], operands: readonly string[], quiet: boolean): number {
  if (operands.length === 0) return complain(context, 'no files to edit');
  let status = 0;
  for (const operand of operands) {
    const path = context.resolve(operand);
    if (!context.fs.isFile(path)) {
      status = complain(context, `can't open '${operand}': No such file or directory`);
      continue;
    }
    const run = execute(program, context.fs.read(path), quiet);
    try {
      context.fs.write(path, run.output);
    } catch (error) {
      status = complain(context, `can't create '${operand}': ${fsFailure(error)}`);
    }
    if (run.exit !== undefined) return run.exit;
  }
  return status;
}

/** The files (standard input when none) edited as one stream to standard output. */
function editStreams(context: CommandContext, program: readonly Command[], operands: readonly string[], quiet: boolean): number {
  let text = '';
  let status = 0;
  for (const operand of operands.length > 0 ? operands : ['-']) {
    if (operand === '-') text += context.input;
    else if (context.fs.isFile(context.resolve(operand))) text += context.fs.read(context.resolve(operand));
    else status = complain(context, `${operand}: No such file or directory`);
  }
  const run = execute(program, text, quiet);
  context.stdout(run.output);
  return run.exit ?? status;
}

function parseScript(script: string, extended: boolean): Command[] {
  const commands: Command[] = [];
  const open: number[] = [];
  let i = 0;
  let lastRegex: RegExp | undefined;
  const skipBlanks = () => {
    while (i < script.length && /[ \t]/.test(script[i])) i++;
  };
  const readDelimited = (delimiter: string): string => {
    let text = '';
    for (; i < script.length && script[i] !== delimiter; i++) {
      if (script[i] === '\\' && i + 1 < script.length) {
        i++;
        text += script[i] === delimiter ? delimiter : script[i] === 'n' ? '\\n' : `\\${script[i]}`;
      } else if (script[i] === '\n') throw new SedError(`unterminated '${delimiter}'`);
      else text += script[i];
    }
    if (i >= script.length) throw new SedError(`unmatched '${delimiter}'`);
    i++;
    return text;
  };
  const regexOf = (source: string, ignoreCase = false): RegExp | undefined => {
    if (source === '') return lastRegex;
    lastRegex = compilePosix(source, { extended, ignoreCase });
    return lastRegex;
  };
  const readAddress = (): Address | undefined => {
    const number = /^\d+/.exec(script.slice(i));
    if (number) {
      i += number[0].length;
      return { kind: 'line', line: Number(number[0]) };
    }
    if (script[i] === '$') {
      i++;
      return { kind: 'last' };
    }
    if (script[i] === '/' || (script[i] === '\\' && i + 1 < script.length)) {
      if (script[i] === '\\') i++;
      const delimiter = script[i++];
      const source = readDelimited(delimiter);
      const ignoreCase = script[i] === 'I';
      if (ignoreCase) i++;
      return { kind: 'regex', regex: regexOf(source, ignoreCase) };
    }
    return undefined;
  };
  const readLabel = (): string => {
    skipBlanks();
    const start = i;
    while (i < script.length && !/[;\n]/.test(script[i])) i++;
    return script.slice(start, i).trim();
  };
  const readText = (): string => {
    skipBlanks();
    if (script[i] === '\\') {
      i++;
      if (script[i] === '\n') i++;
    }
    let text = '';
    for (; i < script.length && script[i] !== '\n'; i++) {
      if (script[i] === '\\' && i + 1 < script.length) text += script[++i];
      else text += script[i];
    }
    return text;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const from = readAddress();
    let to: Address | undefined;
    if (from && script[i] === ',') {
      i++;
      to = readAddress();
      if (!to) throw new SedError('unexpected \',\'');
    }
    skipBlanks();
    let negate = false;
    while (script[i] === '!') {
      negate = true;
      i++;
      skipBlanks();
    }
    const name = script[i++];
    const base = { from, to, negate, name };
    switch (name) {
      case '{':
        open.push(commands.length);
        commands.push({ ...base });
        continue;
      case '}':
        if (open.length === 0 || from) throw new SedError('unexpected \'}\'');
        commands[open.pop()!].end = commands.length;
        continue;
      case 's': {
        const delimiter = script[i++];
        if (delimiter === undefined || delimiter === '\n' || delimiter === '\\') throw new SedError('unterminated \'s\' command');
        const source = readDelimited(delimiter);
        const replacement = readDelimited(delimiter);
        let global = false;
        let print = false;
        let ignoreCase = false;
        let occurrence = 1;
        for (; i < script.length && !/[\s;}]/.test(script[i]); i++) {
          const flag = script[i];
          if (flag === 'g') global = true;
          else if (flag === 'p') print = true;
          else if (flag === 'I' || flag === 'i') ignoreCase = true;
          else if (/\d/.test(flag)) {
            const digits = /^\d+/.exec(script.slice(i))![0];
            occurrence = Number(digits);
            i += digits.length - 1;
          } else throw new SedError(`unknown option to 's'`);
        }
        const regex = regexOf(source, ignoreCase);
        if (!regex) throw new SedError('no previous regexp');
        commands.push({ ...base, regex: new RegExp(regex.source, `g${regex.flags.replace('g', '')}`), replacement, print, occurrence: global ? 0 : occurrence });
        continue;
      }
      case 'y': {
        const delimiter = script[i++];
        const source = readDelimited(delimiter).replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
        const target = readDelimited(delimiter).replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
        if (source.length !== target.length) throw new SedError("strings for 'y' command are different lengths");
        commands.push({ ...base, text: source, target });
        continue;
      }
      case 'a':
      case 'i':
      case 'c':
        commands.push({ ...base, text: readText() });
        continue;
      case ':': {
        if (from) throw new SedError(': doesn\'t want any addresses');
        const label = readLabel();
        if (label === '') throw new SedError("\":\" lacks a label");
        commands.push({ ...base, label });
        continue;
      }
      case 'b':
      case 't':
      case 'T':
        commands.push({ ...base, label: readLabel() });
        continue;
      case 'q':
      case 'Q': {
        skipBlanks();
        const status = /^\d+/.exec(script.slice(i))?.[0];
        if (status) i += status.length;
        commands.push({ ...base, target: status ?? '0' });
        continue;
      }
      case 'p':
      case 'd':
      case 'D':
      case '=':
      case 'n':
      case 'N':
      case 'P':
      case 'h':
      case 'H':
      case 'g':
      case 'G':
      case 'x':
        commands.push(base);
        continue;
      default:
        throw new SedError(`unsupported command ${name}`);
    }
  }
  if (open.length > 0) throw new SedError('missing }');
  for (const command of commands) {
    if (!'btT'.includes(command.name)) continue;
    const target = command.label ? commands.findIndex((candidate) => candidate.name === ':' && candidate.label === command.label) : commands.length;
    if (target < 0) throw new SedError(`can't find label for jump to '${command.label}'`);
    command.end = target;
  }
  return commands;
}

interface Run {
  readonly output: string;
  readonly exit: number | undefined;
}

function execute(program: readonly Command[], text: string, quiet: boolean): Run {
  const endsWithNewline = text.endsWith('\n');
  const lines = text === '' ? [] : (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const active = new Map<number, boolean>();
  let output = '';
  let hold = '';
  let index = 0;
  let exit: number | undefined;
  let jumps = 0;
  const emit = (line: string, isLast: boolean) => (output += `${line}${isLast && !endsWithNewline ? '' : '\n'}`);
  const matches = (address: Address, lineNumber: number, space: string): boolean => {
    if (address.kind === 'line') return lineNumber === address.line;
    if (address.kind === 'last') return index === lines.length - 1;
    if (!address.regex) throw new SedError('no previous regexp');
    address.regex.lastIndex = 0;
    return address.regex.test(space);
  };
  const selected = (command: Command, position: number, lineNumber: number, space: string): boolean => {
    if (!command.from) return true;
    if (!command.to) return matches(command.from, lineNumber, space);
    if (active.get(position)) {
      const to = command.to;
      const ended = to.kind === 'line' ? lineNumber >= to.line : matches(to, lineNumber, space);
      if (ended) active.set(position, false);
      return true;
    }
    if (!matches(command.from, lineNumber, space)) return false;
    const to = command.to;
    const endsNow = to.kind === 'line' ? to.line <= lineNumber : to.kind === 'last' && index === lines.length - 1;
    active.set(position, !endsNow);
    return true;
  };
  while (index < lines.length && exit === undefined) {
    let space = lines[index];
    const appended: string[] = [];
    let substituted = false;
    let deleted = false;
    let printSpace = !quiet;
    for (let position = 0; position < program.length; position++) {
      const command = program[position];
      const lineNumber = index + 1;
      if (selected(command, position, lineNumber, space) === command.negate) {
        if (command.name === '{') position = command.end! - 1;
        continue;
      }
      switch (command.name) {
        case 's': {
          let count = 0;
          let replaced = false;
          space = space.replace(command.regex!, (...groups: unknown[]) => {
            count++;
            const whole = groups[0] as string;
            if (command.occurrence !== 0 && count !== command.occurrence) return whole;
            replaced = true;
            return substitute(command.replacement!, groups.slice(0, groups.findIndex((group) => typeof group === 'number')));
          });
          if (replaced && command.print) emit(space, false);
          substituted ||= replaced;
          break;
        }
        case 'y':
          space = [...space].map((char) => (command.text!.includes(char) ? command.target![command.text!.indexOf(char)] : char)).join('');
          break;
        case 'p':
          emit(space, false);
          break;
        case 'P':
          emit(space.split('\n')[0], false);
          break;
        case '=':
          output += `${lineNumber}\n`;
          break;
        case 'a':
          appended.push(command.text!);
          break;
        case 'i':
          output += `${command.text}\n`;
          break;
        case 'c':
          if (!command.to || !active.get(position)) output += `${command.text}\n`;
          deleted = true;
          break;
        case 'd':
        case 'D':
          deleted = true;
          break;
        case 'h':
          hold = space;
          break;
        case 'H':
          hold += `\n${space}`;
          break;
        case 'g':
          space = hold;
          break;
        case 'G':
          space += `\n${hold}`;
          break;
        case 'x':
          [space, hold] = [hold, space];
          break;
        case 'n':
          if (index + 1 >= lines.length) break;
          if (!quiet) emit(space, false);
          space = lines[++index];
          break;
        case 'N':
          if (index + 1 >= lines.length) break;
          space += `\n${lines[++index]}`;
          break;
        case 'b':
        case 't':
        case 'T': {
          const taken = command.name === 'b' || (command.name === 't') === substituted;
          if (command.name !== 'b') substituted = false;
          if (!taken) break;
          if (++jumps > MAX_JUMPS) throw new SedError(`stopped after ${MAX_JUMPS} jumps (endless loop?)`);
          position = command.end! - 1;
          break;
        }
        case 'q':
          exit = Number(command.target);
          break;
        case 'Q':
          exit = Number(command.target);
          deleted = true;
          printSpace = false;
          break;
      }
      if (deleted || exit !== undefined) break;
    }
    if (!deleted && printSpace) emit(space, index === lines.length - 1);
    for (const text of appended) output += `${text}\n`;
    index++;
  }
  return { output, exit };
}

/** The replacement text with `&`, `\1`…`\9` and `\n` filled in from the match and its captures. */
function substitute(replacement: string, groups: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const char = replacement[i];
    if (char === '&') out += groups[0] as string;
    else if (char === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i];
      if (/\d/.test(next)) out += (groups[Number(next)] as string | undefined) ?? '';
      else if (next === 'n') out += '\n';
      else if (next === 't') out += '\t';
      else out += next;
    } else out += char;
  }
  return out;
}
