/**
 * `awk [-F SEP] [-v VAR=VAL]… [-f FILE | 'PROGRAM'] [FILE | VAR=VAL]…`: the
 * basics scripts use (fields, NR/NF, BEGIN/END, patterns, printf, arrays);
 * no user-defined functions, getline or pipes.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { AwkInterpreter, AwkRuntimeError, type AwkInput } from './awk-interpreter.js';
import { AwkSyntaxError, parseAwk, type Rule } from './awk-parser.js';
import { interpretEscapes } from './escapes.js';
import { RegexSyntaxError } from './posix-regex.js';

const SYNOPSIS = '[OPTIONS] [AWK_PROGRAM] [FILE]...';
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

class MissingInput extends Error {}

/** Runs the program over the files (standard input when none). */
export function awk(context: CommandContext): number {
  const parsed = parseOrUsage(context, { values: 'Fvfe' }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  const operands = [...parsed.operands];
  const variables = new Map<string, string>();
  const sources: string[] = [];
  for (let i = 0; i < context.args.length; i++) {
    const option = /^-([Fvf])(.*)$/s.exec(context.args[i]);
    if (!option) continue;
    const value = option[2] !== '' ? option[2] : (context.args[++i] ?? '');
    if (option[1] === 'F') variables.set('FS', value === 't' ? '\t' : unescape(value));
    else if (option[1] === 'v') {
      const assignment = ASSIGNMENT.exec(value);
      if (!assignment) return complain(context, `-v: '${value}' is not a variable assignment`);
      variables.set(assignment[1], unescape(assignment[2]));
    } else {
      const path = context.resolve(value);
      if (!context.fs.isFile(path)) return complain(context, `can't open '${value}': No such file or directory`);
      sources.push(context.fs.read(path));
    }
  }
  if (sources.length === 0) {
    const program = operands.shift();
    if (program === undefined) return usage(context, SYNOPSIS);
    sources.push(program);
  }
  let rules: Rule[];
  try {
    rules = parseAwk(sources.join('\n'));
  } catch (error) {
    if (error instanceof AwkSyntaxError || error instanceof RegexSyntaxError) return complain(context, `cmd. line:1: ${error.message}`);
    throw error;
  }
  const interpreter = new AwkInterpreter(rules, context, variables);
  try {
    return interpreter.run(() => inputs(context, operands, interpreter));
  } catch (error) {
    if (error instanceof MissingInput) return complain(context, error.message);
    if (error instanceof AwkRuntimeError || error instanceof RegexSyntaxError) return complain(context, `cmd. line:1: ${error.message}`, 2);
    throw error;
  }
}

function* inputs(context: CommandContext, operands: readonly string[], interpreter: AwkInterpreter): Generator<AwkInput> {
  let any = false;
  for (const operand of operands) {
    const assignment = ASSIGNMENT.exec(operand);
    if (assignment) {
      interpreter.assignVariable(assignment[1], unescape(assignment[2]));
      continue;
    }
    any = true;
    if (operand === '-') {
      yield { name: '', text: context.input };
      continue;
    }
    const path = context.resolve(operand);
    if (!context.fs.isFile(path)) throw new MissingInput(`can't open '${operand}': No such file or directory`);
    yield { name: operand, text: context.fs.read(path) };
  }
  if (!any) yield { name: '', text: context.input };
}

function unescape(text: string): string {
  return interpretEscapes(text, 'plain').text;
}
