/**
 * `$(( … ))` arithmetic: integers, the C operators sh allows (including
 * assignments such as `i += 1`, `i++` and `--i`, comparisons, && || and ?:),
 * and bare variable names, so the logging tutorial's `i=$((i+1))` counter works.
 */

/** Where arithmetic reads and assigns variables. */
export interface ArithmeticScope {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** A malformed expression or a division by zero; the message is what sh prints. */
export class ArithmeticError extends Error {}

const INCREMENT = /\s*(\+\+|--)/y;
const TOKEN = /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|&&|\|\||<<|>>|<=|>=|==|!=|[-+*/%&|^]=|[-+*/%()!~<>=?:&|^])/y;
const ASSIGNMENT_OPERATORS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=']);
const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

/** The integer value of `expression`; throws `ArithmeticError`. */
export function evaluateArithmetic(expression: string, scope: ArithmeticScope): number {
  const tokens = tokenize(expression);
  if (tokens.length === 0) return 0;
  const parser = new ArithmeticParser(tokens, scope);
  const value = parser.assignment(true);
  if (!parser.done()) throw new ArithmeticError('arithmetic syntax error');
  return value;
}

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    INCREMENT.lastIndex = TOKEN.lastIndex;
    const increment = INCREMENT.exec(expression);
    if (increment && (isName(tokens[tokens.length - 1]) || /^\s*[A-Za-z_]/.test(expression.slice(INCREMENT.lastIndex)))) {
      tokens.push(increment[1]);
      TOKEN.lastIndex = INCREMENT.lastIndex;
      continue;
    }
    const match = TOKEN.exec(expression);
    if (!match) throw new ArithmeticError('arithmetic syntax error');
    tokens.push(match[1]);
  }
  return tokens;
}

class ArithmeticParser {
  private position = 0;

  constructor(
    private readonly tokens: readonly string[],
    private readonly scope: ArithmeticScope,
  ) {}

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  /** `live` is false inside a branch that && || or ?: skips: no assignments, no errors. */
  assignment(live: boolean): number {
    const name = this.tokens[this.position];
    const operator = this.tokens[this.position + 1];
    if (isName(name) && operator !== undefined && ASSIGNMENT_OPERATORS.has(operator)) {
      this.position += 2;
      const right = this.assignment(live);
      if (!live) return 0;
      const value = operator === '=' ? right : apply(operator.slice(0, -1), this.variable(name), right);
      this.scope.set(name, String(value));
      return value;
    }
    return this.conditional(live);
  }

  private conditional(live: boolean): number {
    const condition = this.binary(0, live);
    if (this.tokens[this.position] !== '?') return condition;
    this.position++;
    const whenTrue = this.assignment(live && condition !== 0);
    this.expect(':');
    const whenFalse = this.conditional(live && condition === 0);
    return condition !== 0 ? whenTrue : whenFalse;
  }

  private binary(level: number, live: boolean): number {
    if (level >= BINARY_LEVELS.length) return this.unary(live);
    let left = this.binary(level + 1, live);
    for (let operator = this.tokens[this.position]; BINARY_LEVELS[level].includes(operator); operator = this.tokens[this.position]) {
      this.position++;
      const rightLive = live && !(operator === '&&' && left === 0) && !(operator === '||' && left !== 0);
      const right = this.binary(level + 1, rightLive);
      left = live ? apply(operator, left, rightLive ? right : 0) : 0;
    }
    return left;
  }

  private unary(live: boolean): number {
    const token = this.take();
    switch (token) {
      case '++':
      case '--':
        return this.step(this.take(), token, live, true);
      case '-':
        return -this.unary(live);
      case '+':
        return this.unary(live);
      case '!':
        return this.unary(live) === 0 ? 1 : 0;
      case '~':
        return ~this.unary(live);
      case '(': {
        const value = this.assignment(live);
        this.expect(')');
        return value;
      }
    }
    if (/^\d/.test(token)) return parseInteger(token);
    if (isName(token)) {
      const after = this.tokens[this.position];
      if (after === '++' || after === '--') {
        this.position++;
        return this.step(token, after, live, false);
      }
      return live ? this.variable(token) : 0;
    }
    throw new ArithmeticError('arithmetic syntax error');
  }

  /** `++name`/`--name` (prefix: the new value) and `name++`/`name--` (postfix: the old one). */
  private step(name: string, operator: string, live: boolean, prefix: boolean): number {
    if (!isName(name)) throw new ArithmeticError('arithmetic syntax error');
    if (!live) return 0;
    const old = this.variable(name);
    const next = operator === '++' ? old + 1 : old - 1;
    this.scope.set(name, String(next));
    return prefix ? next : old;
  }

  private variable(name: string): number {
    const value = (this.scope.get(name) ?? '').trim();
    if (value === '') return 0;
    if (!/^[+-]?(?:0[xX][0-9a-fA-F]+|\d+)$/.test(value)) throw new ArithmeticError('arithmetic syntax error');
    const negative = value.startsWith('-');
    const magnitude = parseInteger(value.replace(/^[+-]/, ''));
    return negative ? -magnitude : magnitude;
  }

  private expect(token: string): void {
    if (this.take() !== token) throw new ArithmeticError('arithmetic syntax error');
  }

  private take(): string {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new ArithmeticError('arithmetic syntax error');
    return token;
  }
}

function apply(operator: string, left: number, right: number): number {
  switch (operator) {
    case '||':
      return left !== 0 || right !== 0 ? 1 : 0;
    case '&&':
      return left !== 0 && right !== 0 ? 1 : 0;
    case '|':
      return left | right;
    case '^':
      return left ^ right;
    case '&':
      return left & right;
    case '==':
      return left === right ? 1 : 0;
    case '!=':
      return left !== right ? 1 : 0;
    case '<':
      return left < right ? 1 : 0;
    case '>':
      return left > right ? 1 : 0;
    case '<=':
      return left <= right ? 1 : 0;
    case '>=':
      return left >= right ? 1 : 0;
    case '<<':
      return left << right;
    case '>>':
      return left >> right;
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    default:
      if (right === 0) throw new ArithmeticError('divide by zero');
      return operator === '/' ? Math.trunc(left / right) : left % right;
  }
}

function parseInteger(token: string): number {
  if (/^0[xX]/.test(token)) return Number.parseInt(token, 16);
  if (/^0[0-7]+$/.test(token)) return Number.parseInt(token, 8);
  if (/^\d+$/.test(token)) return Number(token);
  throw new ArithmeticError('arithmetic syntax error');
}

function isName(token: string | undefined): token is string {
  return token !== undefined && /^[A-Za-z_]/.test(token);
}
