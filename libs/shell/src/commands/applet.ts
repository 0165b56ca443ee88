/**
 * What most applets do first and on every failure: parse options (a bad one
 * prints busybox's usage line, status 1) and read their FILE operands
 * (`-` is standard input) with busybox's "can't open" message.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOptions, type OptionSpec, type ParsedOptions } from './options.js';

/** The parsed options, or the status after printing `NAME: error` and `Usage: NAME SYNOPSIS`. */
export function parseOrUsage(context: CommandContext, spec: OptionSpec, synopsis: string, args = context.args): ParsedOptions | number {
  const parsed = parseOptions(args, spec);
  if (!('error' in parsed)) return parsed;
  context.stderr(`${context.name}: ${parsed.error}\nUsage: ${context.name} ${synopsis}\n`);
  return 1;
}

/**
 * How an applet words a missing file: `can't open 'FILE': …` (busybox's open_or_warn, xfopen)
 * or `FILE: …` (fopen_or_warn, as wc, head, cut, grep and sed use).
 */
export type MissingFileStyle = 'cant-open' | 'path';

/** The bytes of FILE (`-`: standard input), or undefined after printing busybox's message for it. */
export function readOperand(context: CommandContext, operand: string, style: MissingFileStyle = 'cant-open'): string | undefined {
  if (operand === '-') return context.input;
  const path = context.resolve(operand);
  const stat = context.fs.stat(path);
  if (!stat) {
    complain(context, style === 'path' ? `${operand}: No such file or directory` : `can't open '${operand}': No such file or directory`);
    return undefined;
  }
  if (stat.kind === 'dir') {
    complain(context, 'read error: Is a directory');
    return undefined;
  }
  return context.fs.read(path);
}

/** Splits text into lines without their newlines; a last line without one still counts. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Joins lines back, each ended by a newline. */
export function joinLines(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

/** Reads every operand (none: standard input) and concatenates them; `ok` is false if any could not be read. */
export function readAll(
  context: CommandContext,
  operands: readonly string[],
  style: MissingFileStyle = 'cant-open',
): { text: string; ok: boolean } {
  let text = '';
  let ok = true;
  for (const operand of operands.length > 0 ? operands : ['-']) {
    const content = readOperand(context, operand, style);
    if (content === undefined) ok = false;
    else text += content;
  }
  return { text, ok };
}
