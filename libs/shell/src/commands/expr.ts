/**
 * `expr EXPRESSION`: integer arithmetic, comparisons, `&`, `|`, `STRING : REGEX`,
 * `match`, `substr`, `index`, `length` and parentheses. Status 0 when the
 * result is neither empty nor 0, 1 when it is, 2 for a bad expression.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { compilePosix, RegexSyntaxError } from './posix-regex.js';

class ExprError extends Error {}

type Value = string | bigint;

const INTEGER = /^[+-]?\d+$/;

/** Evaluates the expression its arguments spell and prints the result. */
export function expr(context: CommandContext): number {
  if (context.args.length === 0) return usage(context, 'EXPRESSION');
  const tokens = [...context.args];
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  const primary = (): Value => {
    const token = next();
    if (token === undefined) throw new ExprError('syntax error');
    if (token === '(') {
      const value = or();
      if (next() !== ')') throw new ExprError('syntax error');
      return value;
    }
    if (token === 'length') return BigInt(text(primary()).length);
    if (token === 'match') return match(text(primary()), text(primary()));
    if (token === 'index') {
      const haystack = text(primary());
      const chars = text(primary());
      const found = [...haystack].findIndex((char) => chars.includes(char));
      return BigInt(found + 1);
    }
    if (token === 'substr') {
      const source = text(primary());
      const start = Number(integer(primary()));
      const length = Number(integer(primary()));
      return start < 1 || length < 1 ? '' : source.slice(start - 1, start - 1 + length);
    }
    if (token === '+') return next() ?? '';
    return token;
  };
  const colon = (): Value => {
    let left = primary();
    while (peek() === ':') {
      next();
      left = match(text(left), text(primary()));
    }
    return left;
  };
  const multiplicative = (): Value => {
    let left = colon();
    for (let op = peek(); op === '*' || op === '/' || op === '%'; op = peek()) {
      next();
      const a = integer(left);
      const b = integer(colon());
      if (op !== '*' && b === 0n) throw new ExprError('division by zero');
      left = op === '*' ? a * b : op === '/' ? a / b : a % b;
    }
    return left;
  };
  const additive = (): Value => {
    let left = multiplicative();
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      next();
      const right = integer(multiplicative());
      left = op === '+' ? integer(left) + right : integer(left) - right;
    }
    return left;
  };
  const comparison = (): Value => {
    let left = additive();
    for (let op = peek(); op && ['<', '<=', '=', '==', '!=', '>=', '>'].includes(op); op = peek()) {
      next();
      left = compare(left, additive(), op) ? 1n : 0n;
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek() === '&') {
      next();
      const right = comparison();
      left = truthy(left) && truthy(right) ? left : 0n;
    }
    return left;
  };
  const or = (): Value => {
    let left = and();
    while (peek() === '|') {
      next();
      const right = and();
      left = truthy(left) ? left : truthy(right) ? right : 0n;
    }
    return left;
  };

  try {
    const result = or();
    if (position < tokens.length) throw new ExprError('syntax error');
    context.stdout(`${result}\n`);
    return truthy(result) ? 0 : 1;
  } catch (error) {
    if (error instanceof ExprError) return complain(context, error.message, 2);
    if (error instanceof RegexSyntaxError) return complain(context, error.message, 2);
    throw error;
  }
}

function text(value: Value): string {
  return String(value);
}

function integer(value: Value): bigint {
  if (typeof value === 'bigint') return value;
  if (!INTEGER.test(value)) throw new ExprError('non-numeric argument');
  return BigInt(value);
}

function truthy(value: Value): boolean {
  return value !== '' && value !== 0n && !(typeof value === 'string' && INTEGER.test(value) && BigInt(value) === 0n);
}

function compare(left: Value, right: Value, op: string): boolean {
  const numeric = INTEGER.test(text(left)) && INTEGER.test(text(right));
  const a = numeric ? integer(left) : text(left);
  const b = numeric ? integer(right) : text(right);
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '!=':
      return a !== b;
    default:
      return a === b;
  }
}

/** `STRING : REGEX`, anchored at the start: the first group's text, or the match length. */
function match(source: string, pattern: string): Value {
  const regex = compilePosix(pattern, { extended: false });
  const found = new RegExp(`^(?:${regex.source})`).exec(source);
  const groups = new RegExp(`${regex.source}|`).exec('')!.length - 1;
  if (groups > 0) return found?.[1] ?? '';
  return BigInt(found ? found[0].length : 0);
}
