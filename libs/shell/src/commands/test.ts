/**
 * `test EXPR` and `[ EXPR ]`: file tests (-e -f -d -s, and -r -w -x, which
 * mean "exists" since the process runs as root and files carry no modes), string tests
 * (-z -n = != < >), integer comparisons (-eq -ne -lt -le -gt -ge), `!`, `-a`,
 * `-o` and parentheses. Status 0 for true, 1 for false, 2 for a malformed
 * expression.
 */
import type { CommandContext } from './command-context.js';

const FILE_TESTS = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-h', '-L', '-t']);
const STRING_TESTS = new Set(['-z', '-n']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);
const INTEGER = /^\s*[+-]?\d+\s*$/;

class TestSyntaxError extends Error {}

/** Evaluates the expression; with the name `[`, the last argument must be `]`. */
export function test(context: CommandContext): number {
  let args = context.args;
  if (context.name === '[') {
    if (args[args.length - 1] !== ']') return syntaxFailure(context, 'missing ]');
    args = args.slice(0, -1);
  }
  if (args.length === 0) return 1;
  try {
    const evaluator = new Evaluator(context, args);
    const result = evaluator.expression();
    if (!evaluator.done()) throw new TestSyntaxError(`${evaluator.current()}: unknown operand`);
    return result ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TestSyntaxError)) throw error;
    return syntaxFailure(context, error.message);
  }
}

class Evaluator {
  private position = 0;

  constructor(
    private readonly context: CommandContext,
    private readonly args: readonly string[],
  ) {}

  done(): boolean {
    return this.position >= this.args.length;
  }

  current(): string {
    return this.args[this.position];
  }

  expression(): boolean {
    let result = this.conjunction();
    while (this.args[this.position] === '-o') {
      this.position++;
      result = this.conjunction() || result;
    }
    return result;
  }

  private conjunction(): boolean {
    let result = this.negation();
    while (this.args[this.position] === '-a') {
      this.position++;
      result = this.negation() && result;
    }
    return result;
  }

  private negation(): boolean {
    if (this.args[this.position] === '!' && this.position + 1 < this.args.length) {
      this.position++;
      return !this.negation();
    }
    return this.primary();
  }

  private primary(): boolean {
    const token = this.take();
    const next = this.args[this.position];
    if (next !== undefined && BINARY.has(next) && this.position + 1 < this.args.length) {
      this.position++;
      return this.binary(token, next, this.take());
    }
    if (token === '(' && this.position < this.args.length) {
      const result = this.expression();
      if (this.take() !== ')') throw new TestSyntaxError('missing )');
      return result;
    }
    if ((FILE_TESTS.has(token) || STRING_TESTS.has(token)) && next !== undefined) {
      this.position++;
      return this.unary(token, next);
    }
    return token !== '';
  }

  private unary(operator: string, operand: string): boolean {
    if (operator === '-z') return operand === '';
    if (operator === '-n') return operand !== '';
    const stat = operand === '' ? undefined : this.context.fs.stat(this.context.resolve(operand));
    switch (operator) {
      case '-e':
      case '-r':
      case '-w':
      case '-x':
        return stat !== undefined;
      case '-f':
        return stat?.kind === 'file';
      case '-d':
        return stat?.kind === 'dir';
      case '-s':
        return stat !== undefined && (stat.kind === 'dir' || stat.size > 0);
      default:
        return false;
    }
  }

  private binary(left: string, operator: string, right: string): boolean {
    switch (operator) {
      case '=':
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '>':
        return left > right;
    }
    const a = integer(left);
    const b = integer(right);
    switch (operator) {
      case '-eq':
        return a === b;
      case '-ne':
        return a !== b;
      case '-lt':
        return a < b;
      case '-le':
        return a <= b;
      case '-gt':
        return a > b;
      default:
        return a >= b;
    }
  }

  private take(): string {
    if (this.position >= this.args.length) throw new TestSyntaxError('argument expected');
    return this.args[this.position++];
  }
}

/** Malformed expressions are reported by the shell itself, as ash's built-in test does. */
function syntaxFailure(context: CommandContext, message: string): number {
  context.stderr(`sh: ${message}\n`);
  return 2;
}

function integer(text: string): number {
  if (!INTEGER.test(text)) throw new TestSyntaxError(`${text}: bad number`);
  return Number(text.trim());
}
