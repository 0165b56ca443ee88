/** `cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE]…`. */
import { complain, type CommandContext } from './command-context.js';
import { joinLines, parseOrUsage, readOperand, splitLines } from './applet.js';

interface Range {
  readonly from: number;
  readonly to: number;
}

/** Prints the selected bytes, characters or delimited fields of each line. */
export function cut(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'sn', values: 'bcfdO', long: { delimiter: { key: 'd', value: true }, fields: { key: 'f', value: true } } }, '[OPTIONS] [FILE]...');
  if (typeof parsed === 'number') return parsed;
  const modes = ['b', 'c', 'f'].filter((mode) => parsed.values.has(mode));
  if (modes.length !== 1) return complain(context, modes.length === 0 ? 'expected a list of bytes, characters, or fields' : 'only one list may be specified');
  const mode = modes[0];
  const delimiter = parsed.values.get('d') ?? '\t';
  if (parsed.values.has('d') && mode !== 'f') return complain(context, '-d DELIM makes sense only with -f');
  if (delimiter.length !== 1) return complain(context, 'the delimiter must be a single character');
  const ranges = parseList(parsed.values.get(mode)!);
  if (typeof ranges === 'string') return complain(context, ranges);
  const selected = (position: number) => ranges.some((range) => position >= range.from && position <= range.to);
  let status = 0;
  for (const operand of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const text = readOperand(context, operand, 'path');
    if (text === undefined) {
      status = 1;
      continue;
    }
    const lines: string[] = [];
    for (const line of splitLines(text)) {
      if (mode !== 'f') lines.push([...line].filter((_, index) => selected(index + 1)).join(''));
      else if (!line.includes(delimiter)) {
        if (!parsed.flags.has('s')) lines.push(line);
      } else lines.push(line.split(delimiter).filter((_, index) => selected(index + 1)).join(parsed.values.get('O') ?? delimiter));
    }
    context.stdout(joinLines(lines));
  }
  return status;
}

function parseList(list: string): Range[] | string {
  const ranges: Range[] = [];
  for (const part of list.split(',')) {
    const match = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!match || (match[1] === '' && match[3] === '')) return `invalid byte, character or field list '${list}'`;
    const from = match[1] === '' ? 1 : Number(match[1]);
    const to = match[2] === '' ? from : match[3] === '' ? Infinity : Number(match[3]);
    if (from === 0) return 'fields and positions are numbered from 1';
    if (to < from) return 'invalid decreasing range';
    ranges.push({ from, to });
  }
  return ranges;
}
