/**
 * Word expansion in POSIX order: parameters (`$X`, `${X:-default}`, `$?`…),
 * command substitution, arithmetic, then field splitting and pathname
 * expansion for command arguments. Assignment values and redirection
 * targets expand without splitting or globbing. Bash's arrays expand here
 * too: `"${a[@]}"` one field per element, as `"$@"` does.
 */
import type { MemoryFs } from '../fs/memory-fs.js';
import type { Script, Word, WordPart } from '../syntax/ast.js';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.js';
import { FieldBuilder } from './fields.js';
import { expandGlob } from './glob.js';

/** What expansion needs from the running shell. */
export interface ExpansionScope {
  /** A variable or special parameter; undefined when unset. */
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** `set -u`: expanding an unset variable is an error. */
  readonly nounset: boolean;
  /** Runs `script` in a subshell and returns its standard output. */
  substitute(script: Script): Promise<string>;
  readonly fs: MemoryFs;
  readonly cwd: string;
  /** `$1`…: what `"$@"` expands to, one field each. */
  readonly positional: readonly string[];
  /** Bash arrays: the elements of `name` by index, holes where unset; a set scalar is a one-element array. */
  elements(name: string): readonly (string | undefined)[] | undefined;
}

/** An expansion the shell must stop on (`${X:?}`, `set -u`, bad arithmetic); it prints `sh: message`. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ExpansionError';
  }
}

const ALWAYS_SET = new Set(['@', '*', '#', '?', '$', '!', '-', '0']);
const CASE_OPERATORS = new Set([',,', '^^', ',', '^']);

type ParameterPart = Extract<WordPart, { kind: 'parameter' }>;

/** Expands command words into arguments: split on IFS and globbed against the file system. */
export async function expandWords(words: readonly Word[], scope: ExpansionScope): Promise<string[]> {
  const fields: string[] = [];
  for (const word of words) {
    const builder = new FieldBuilder(scope.get('IFS'));
    for (const part of word) {
      if (part.kind === 'text') builder.addWhole(part.text, part.quoted);
      else if (part.kind === 'parameter' && part.name === '@' && part.quoted && !part.operator) builder.addQuotedList(scope.positional);
      else if (part.kind === 'parameter' && isWholeArray(part)) {
        const values = arrayValues(part, scope);
        if (part.quoted && part.index === '@') builder.addQuotedList(values);
        else if (part.quoted) builder.addWhole(values.join((scope.get('IFS') ?? ' ').slice(0, 1)), true);
        else builder.addSplit(values.join(' '));
      } else {
        const value = await expandPart(part, scope);
        if (part.quoted) builder.addWhole(value, true);
        else builder.addSplit(value);
      }
    }
    for (const field of builder.finish()) fields.push(...expandGlob(field, scope.fs, scope.cwd));
  }
  return fields;
}

/** Expands one word to a single string (assignments, redirection targets, `${X:-word}` arguments). */
export async function expandWord(word: Word, scope: ExpansionScope): Promise<string> {
  let text = '';
  for (const part of word) text += part.kind === 'text' ? part.text : await expandPart(part, scope);
  return text;
}

async function expandPart(part: Exclude<WordPart, { kind: 'text' }>, scope: ExpansionScope): Promise<string> {
  switch (part.kind) {
    case 'command':
      return (await scope.substitute(part.script)).replace(/\n+$/, '');
    case 'arithmetic':
      return String(arithmetic(part.expression, scope));
    default:
      return parameter(part, scope);
  }
}

/** `${a[@]}`, `${a[*]}` and their case conversions: the elements, each its own value. */
function isWholeArray(part: ParameterPart): boolean {
  return (part.index === '@' || part.index === '*') && !part.length && (part.operator === undefined || CASE_OPERATORS.has(part.operator));
}

function arrayValues(part: ParameterPart, scope: ExpansionScope): string[] {
  const values = (scope.elements(part.name) ?? []).filter((value): value is string => value !== undefined);
  return part.operator === undefined ? values : values.map((value) => convertCase(part.operator!, value));
}

/** `${a[i]}`: the element at an arithmetic index, counted from the end when negative. */
function element(part: ParameterPart, scope: ExpansionScope): string | undefined {
  const elements = scope.elements(part.name);
  if (part.index === '@' || part.index === '*') return elements && arrayValues({ ...part, operator: undefined }, scope).join(' ');
  const index = arithmetic(part.index ?? '0', scope);
  return elements?.[index < 0 ? elements.length + index : index];
}

function convertCase(operator: string, value: string): string {
  switch (operator) {
    case ',,':
      return value.toLowerCase();
    case '^^':
      return value.toUpperCase();
    case ',':
      return value.charAt(0).toLowerCase() + value.slice(1);
    default:
      return value.charAt(0).toUpperCase() + value.slice(1);
  }
}

async function parameter(part: ParameterPart, scope: ExpansionScope): Promise<string> {
  const value = part.index === undefined ? scope.get(part.name) : element(part, scope);
  if (part.operator === undefined) {
    if (value === undefined && scope.nounset && !ALWAYS_SET.has(part.name)) {
      throw new ExpansionError(`${part.name}: parameter not set`, 1);
    }
    if (part.length && (part.index === '@' || part.index === '*')) return String(arrayValues(part, scope).length);
    return part.length ? String((value ?? '').length) : (value ?? '');
  }
  if (CASE_OPERATORS.has(part.operator)) return convertCase(part.operator, value ?? '');
  const present = part.operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  const argument = () => expandWord(part.argument ?? [], scope);
  switch (part.operator.replace(':', '')) {
    case '-':
      return present ? value! : argument();
    case '+':
      return present ? argument() : '';
    case '=':
      return present ? value! : assign(part.name, await argument(), scope);
    default:
      if (present) return value!;
      throw new ExpansionError(`${part.name}: ${(await argument()) || 'parameter not set'}`, 1);
  }
}

function assign(name: string, value: string, scope: ExpansionScope): string {
  if (!/^[A-Za-z_]/.test(name)) throw new ExpansionError(`${name}: bad variable name`, 1);
  scope.set(name, value);
  return value;
}

/** The value of `$(( … ))`, `(( … ))` or an array index, parameters expanded first. */
export function arithmetic(expression: string, scope: ExpansionScope): number {
  const expanded = expression
    .replace(/\$\{([^}]+)\}/g, (_, inner: string) => bracedInArithmetic(inner, scope))
    .replace(/\$([A-Za-z_][A-Za-z0-9_]*|[0-9?#$!])/g, (_, name: string) => scope.get(name) ?? '');
  try {
    return evaluateArithmetic(expanded, scope);
  } catch (error) {
    if (error instanceof ArithmeticError) throw new ExpansionError(error.message, 2);
    throw error;
  }
}

/** `${name}`, `${#name}`, `${a[i]}`, `${#a[@]}` inside arithmetic. */
function bracedInArithmetic(inner: string, scope: ExpansionScope): string {
  const match = /^(#?)([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?$/.exec(inner);
  if (!match) return scope.get(inner) ?? '';
  const [, length, name, index] = match;
  const part: ParameterPart = { kind: 'parameter', name, quoted: false, ...(index === undefined ? {} : { index }) };
  if (length && (index === '@' || index === '*')) return String(arrayValues(part, scope).length);
  const value = index === undefined ? scope.get(name) : element(part, scope);
  return length ? String((value ?? '').length) : (value ?? '');
}
