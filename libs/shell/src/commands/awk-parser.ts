/**
 * The awk language subset busybox scripts use, parsed into a tree: patterns
 * (BEGIN, END, expressions, regexps, ranges) with actions built from print,
 * printf, if/while/do/for/for-in, next, exit, break, continue, delete,
 * assignments and the usual operators, fields and arrays.
 */

/** A parse error; the message is what awk prints after `awk: cmd. line:1: `. */
export class AwkSyntaxError extends Error {}

export type Expr =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'regex'; readonly source: string }
  | { readonly type: 'var'; readonly name: string }
  | { readonly type: 'field'; readonly index: Expr }
  | { readonly type: 'element'; readonly name: string; readonly subscripts: readonly Expr[] }
  | { readonly type: 'assign'; readonly op: string; readonly target: LValue; readonly value: Expr }
  | { readonly type: 'conditional'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr }
  | { readonly type: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'unary'; readonly op: string; readonly operand: Expr }
  | { readonly type: 'step'; readonly op: '++' | '--'; readonly prefix: boolean; readonly target: LValue }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly type: 'in'; readonly subscripts: readonly Expr[]; readonly array: string }
  | { readonly type: 'group'; readonly expr: Expr };

export type LValue = Extract<Expr, { type: 'var' | 'field' | 'element' }>;

export interface Output {
  readonly mode: '>' | '>>';
  readonly target: Expr;
}

export type Statement =
  | { readonly type: 'print' | 'printf'; readonly args: readonly Expr[]; readonly output?: Output }
  | { readonly type: 'expr'; readonly expr: Expr }
  | { readonly type: 'if'; readonly test: Expr; readonly then: Statement; readonly otherwise?: Statement }
  | { readonly type: 'while'; readonly test: Expr; readonly body: Statement }
  | { readonly type: 'do'; readonly body: Statement; readonly test: Expr }
  | { readonly type: 'for'; readonly init?: Statement; readonly test?: Expr; readonly update?: Statement; readonly body: Statement }
  | { readonly type: 'forIn'; readonly variable: string; readonly array: string; readonly body: Statement }
  | { readonly type: 'block'; readonly body: readonly Statement[] }
  | { readonly type: 'next' | 'break' | 'continue' }
  | { readonly type: 'exit'; readonly status?: Expr }
  | { readonly type: 'delete'; readonly name: string; readonly subscripts?: readonly Expr[] };

export type Pattern =
  | { readonly type: 'BEGIN' | 'END' | 'always' }
  | { readonly type: 'expr'; readonly expr: Expr }
  | { readonly type: 'range'; readonly from: Expr; readonly to: Expr };

export interface Rule {
  readonly pattern: Pattern;
  /** Undefined: the default action, `{ print }`. */
  readonly action?: readonly Statement[];
}

const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system']);
const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'while', 'do', 'for', 'in', 'next', 'exit', 'break', 'continue', 'delete', 'getline', 'function', 'return']);

interface Token {
  readonly kind: 'number' | 'string' | 'regex' | 'name' | 'builtin' | 'keyword' | 'op' | 'newline' | 'eof';
  readonly text: string;
  readonly value?: number;
}

const OPERATORS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];
const STRING_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const divisionAllowed = () => {
    const last = tokens[tokens.length - 1];
    return last !== undefined && (['number', 'string', 'name', 'builtin'].includes(last.kind) || [')', ']', '$', '++', '--'].includes(last.text));
  };
  while (i < source.length) {
    const char = source[i];
    if (char === ' ' || char === '\t' || char === '\r') i++;
    else if (char === '\\' && source[i + 1] === '\n') i += 2;
    else if (char === '#') while (i < source.length && source[i] !== '\n') i++;
    else if (char === '\n') {
      tokens.push({ kind: 'newline', text: '\n' });
      i++;
    } else if (/[0-9.]/.test(char) && /^(?:\d+\.?\d*|\.\d+)/.test(source.slice(i))) {
      const text = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(source.slice(i))![0];
      tokens.push({ kind: 'number', text, value: Number(text) });
      i += text.length;
    } else if (/[A-Za-z_]/.test(char)) {
      const text = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))![0];
      tokens.push({ kind: KEYWORDS.has(text) ? 'keyword' : BUILTINS.has(text) ? 'builtin' : 'name', text });
      i += text.length;
    } else if (char === '"') {
      let value = '';
      for (i++; i < source.length && source[i] !== '"'; i++) {
        if (source[i] === '\n') throw new AwkSyntaxError('unterminated string');
        if (source[i] !== '\\') value += source[i];
        else {
          const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1));
          if (octal) {
            value += String.fromCharCode(parseInt(octal[0], 8) & 0xff);
            i += octal[0].length;
          } else value += STRING_ESCAPES[source[++i]] ?? `\\${source[i]}`;
        }
      }
      if (i >= source.length) throw new AwkSyntaxError('unterminated string');
      i++;
      tokens.push({ kind: 'string', text: value });
    } else if (char === '/' && !divisionAllowed()) {
      let text = '';
      let inBracket = false;
      for (i++; i < source.length && (source[i] !== '/' || inBracket); i++) {
        if (source[i] === '\n') throw new AwkSyntaxError('unterminated regexp');
        if (source[i] === '\\' && source[i + 1] === '/') {
          text += '/';
          i++;
          continue;
        }
        if (source[i] === '\\') {
          text += source[i] + (source[i + 1] ?? '');
          i++;
          continue;
        }
        if (source[i] === '[') inBracket = true;
        else if (source[i] === ']' && inBracket && !text.endsWith('[') && !text.endsWith('[^')) inBracket = false;
        text += source[i];
      }
      if (i >= source.length) throw new AwkSyntaxError('unterminated regexp');
      i++;
      tokens.push({ kind: 'regex', text });
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw new AwkSyntaxError(`unexpected character '${char}'`);
      tokens.push({ kind: 'op', text: op === '**' ? '^' : op === '**=' ? '^=' : op });
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', text: '' });
  return tokens;
}

/** Parses a whole awk program into its rules. */
export function parseAwk(source: string): Rule[] {
  return new Parser(tokenize(source)).program();
}

class Parser {
  private position = 0;
  /** Inside print's arguments (outside parentheses), `>` is output redirection, not comparison. */
  private noGreater = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  program(): Rule[] {
    const rules: Rule[] = [];
    this.terminators();
    while (this.peek().kind !== 'eof') {
      rules.push(this.rule());
      this.terminators();
    }
    return rules;
  }

  private rule(): Rule {
    const token = this.peek();
    if (token.text === 'function') throw new AwkSyntaxError('user-defined functions are not supported');
    if (token.text === 'BEGIN' || token.text === 'END') {
      this.next();
      this.newlines();
      return { pattern: { type: token.text }, action: this.block() };
    }
    if (token.text === '{') return { pattern: { type: 'always' }, action: this.block() };
    const from = this.expression();
    let pattern: Pattern = { type: 'expr', expr: from };
    if (this.accept(',')) {
      this.newlines();
      pattern = { type: 'range', from, to: this.expression() };
    }
    return this.peek().text === '{' ? { pattern, action: this.block() } : { pattern };
  }

  private block(): Statement[] {
    this.expect('{');
    const body: Statement[] = [];
    this.terminators();
    while (this.peek().text !== '}') {
      if (this.peek().kind === 'eof') throw new AwkSyntaxError('unexpected end of program, missing }');
      body.push(this.statement());
      this.terminators();
    }
    this.next();
    return body;
  }

  private statement(): Statement {
    const token = this.peek();
    switch (token.text) {
      case '{':
        return { type: 'block', body: this.block() };
      case 'if': {
        this.next();
        const test = this.condition();
        const then = this.body();
        const save = this.position;
        this.terminators();
        if (this.accept('else')) {
          this.newlines();
          return { type: 'if', test, then, otherwise: this.statement() };
        }
        this.position = save;
        return { type: 'if', test, then };
      }
      case 'while': {
        this.next();
        const test = this.condition();
        if (this.peek().text === ';') {
          this.next();
          return { type: 'while', test, body: { type: 'block', body: [] } };
        }
        return { type: 'while', test, body: this.body() };
      }
      case 'do': {
        this.next();
        const body = this.body();
        this.terminators();
        this.expect('while');
        return { type: 'do', body, test: this.condition() };
      }
      case 'for':
        return this.forStatement();
      case ';':
        return { type: 'block', body: [] };
      default:
        return this.simpleStatement();
    }
  }

  private body(): Statement {
    this.newlines();
    return this.statement();
  }

  private condition(): Expr {
    this.expect('(');
    const test = this.expression();
    this.expect(')');
    return test;
  }

  private forStatement(): Statement {
    this.next();
    this.expect('(');
    const [first, second, third] = [this.tokens[this.position], this.tokens[this.position + 1], this.tokens[this.position + 2]];
    if (first?.kind === 'name' && second?.text === 'in' && third?.kind === 'name' && this.tokens[this.position + 3]?.text === ')') {
      this.position += 4;
      return { type: 'forIn', variable: first.text, array: third.text, body: this.body() };
    }
    const init = this.peek().text === ';' ? undefined : this.simpleStatement();
    this.expect(';');
    this.newlines();
    const test = this.peek().text === ';' ? undefined : this.expression();
    this.expect(';');
    this.newlines();
    const update = this.peek().text === ')' ? undefined : this.simpleStatement();
    this.expect(')');
    return { type: 'for', init, test, update, body: this.body() };
  }

  private simpleStatement(): Statement {
    const token = this.next();
    switch (token.text) {
      case 'print':
      case 'printf': {
        let args: Expr[] = [];
        this.noGreater++;
        const ends = () => [';', '}', '>', '>>', '|', '\n', ''].includes(this.peek().text) || this.peek().kind === 'newline';
        if (!ends()) {
          if (this.peek().text === '(') {
            const save = this.position;
            this.next();
            const grouped = this.expressionList(')');
            this.expect(')');
            if (ends()) args = grouped;
            else {
              this.position = save;
              args = this.expressionList();
            }
          } else args = this.expressionList();
        }
        this.noGreater--;
        if (token.text === 'printf' && args.length === 0) throw new AwkSyntaxError('printf: no format');
        const redirect = this.peek().text;
        if (redirect === '>' || redirect === '>>') {
          this.next();
          return { type: token.text, args, output: { mode: redirect, target: this.concatenation() } };
        }
        if (redirect === '|') throw new AwkSyntaxError('output to a command is not supported');
        return { type: token.text, args };
      }
      case 'next':
      case 'break':
      case 'continue':
        return { type: token.text };
      case 'exit':
        return { type: 'exit', status: this.endsStatement() ? undefined : this.expression() };
      case 'delete': {
        const name = this.expectName();
        if (!this.accept('[')) return { type: 'delete', name };
        const subscripts = this.expressionList(']');
        this.expect(']');
        return { type: 'delete', name, subscripts };
      }
      case 'getline':
      case 'return':
        throw new AwkSyntaxError(`${token.text} is not supported`);
      default:
        this.position--;
        return { type: 'expr', expr: this.expression() };
    }
  }

  private endsStatement(): boolean {
    const token = this.peek();
    return token.kind === 'newline' || token.kind === 'eof' || token.text === ';' || token.text === '}';
  }

  private expressionList(closing?: string): Expr[] {
    const list: Expr[] = [];
    if (closing !== undefined) this.noGreater--;
    do {
      this.newlines();
      list.push(this.expression());
    } while (this.accept(','));
    if (closing !== undefined) this.noGreater++;
    return list;
  }

  expression(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const test = this.or();
    if (this.accept('?')) {
      this.newlines();
      const then = this.ternary();
      this.newlines();
      this.expect(':');
      this.newlines();
      return { type: 'conditional', test, then, otherwise: this.ternary() };
    }
    const op = this.peek().text;
    if (['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(op) && this.peek().kind === 'op') {
      if (test.type !== 'var' && test.type !== 'field' && test.type !== 'element') throw new AwkSyntaxError(`assignment to a non-variable`);
      this.next();
      this.newlines();
      return { type: 'assign', op, target: test, value: this.ternary() };
    }
    return test;
  }

  private or(): Expr {
    let left = this.and();
    while (this.accept('||')) {
      this.newlines();
      left = { type: 'binary', op: '||', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.membership();
    while (this.accept('&&')) {
      this.newlines();
      left = { type: 'binary', op: '&&', left, right: this.membership() };
    }
    return left;
  }

  private membership(): Expr {
    let left = this.matching();
    while (this.peek().text === 'in') {
      this.next();
      left = { type: 'in', subscripts: [left], array: this.expectName() };
    }
    return left;
  }

  private matching(): Expr {
    let left = this.comparison();
    for (let op = this.peek().text; op === '~' || op === '!~'; op = this.peek().text) {
      this.next();
      left = { type: 'binary', op, left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): Expr {
    const left = this.concatenation();
    const op = this.peek().text;
    if (['<', '<=', '==', '!=', '>=', ...(this.noGreater > 0 ? [] : ['>'])].includes(op)) {
      this.next();
      return { type: 'binary', op, left, right: this.concatenation() };
    }
    return left;
  }

  private concatenation(): Expr {
    let left = this.additive();
    while (this.startsOperand()) left = { type: 'binary', op: 'concat', left, right: this.additive() };
    return left;
  }

  private startsOperand(): boolean {
    const token = this.peek();
    if (['number', 'string', 'regex', 'name', 'builtin'].includes(token.kind)) return true;
    return token.kind === 'op' && ['$', '!', '(', '++', '--'].includes(token.text);
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let op = this.peek().text; op === '+' || op === '-'; op = this.peek().text) {
      this.next();
      left = { type: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (let op = this.peek().text; op === '*' || op === '/' || op === '%'; op = this.peek().text) {
      this.next();
      left = { type: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const op = this.peek().text;
    if ((op === '!' || op === '-' || op === '+') && this.peek().kind === 'op') {
      this.next();
      return { type: 'unary', op, operand: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.accept('^')) return { type: 'binary', op: '^', left: base, right: this.unaryPower() };
    return base;
  }

  private unaryPower(): Expr {
    const op = this.peek().text;
    if ((op === '-' || op === '+' || op === '!') && this.peek().kind === 'op') {
      this.next();
      return { type: 'unary', op, operand: this.unaryPower() };
    }
    return this.power();
  }

  private postfix(): Expr {
    const op = this.peek().text;
    if ((op === '++' || op === '--') && this.peek().kind === 'op') {
      this.next();
      return { type: 'step', op, prefix: true, target: this.lvalue(this.primary()) };
    }
    const operand = this.primary();
    const after = this.peek().text;
    if ((after === '++' || after === '--') && (operand.type === 'var' || operand.type === 'field' || operand.type === 'element')) {
      this.next();
      return { type: 'step', op: after, prefix: false, target: operand };
    }
    return operand;
  }

  private lvalue(expr: Expr): LValue {
    if (expr.type === 'var' || expr.type === 'field' || expr.type === 'element') return expr;
    throw new AwkSyntaxError('++ or -- needs a variable');
  }

  private primary(): Expr {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: token.value! };
      case 'string':
        return { type: 'string', value: token.text };
      case 'regex':
        return { type: 'regex', source: token.text };
      case 'builtin': {
        if (!this.accept('(')) {
          if (token.text === 'length') return { type: 'call', name: 'length', args: [] };
          throw new AwkSyntaxError(`${token.text} needs (`);
        }
        const args = this.peek().text === ')' ? [] : this.expressionList(')');
        this.expect(')');
        return { type: 'call', name: token.text, args };
      }
      case 'name': {
        if (this.accept('[')) {
          const subscripts = this.expressionList(']');
          this.expect(']');
          return { type: 'element', name: token.text, subscripts };
        }
        return { type: 'var', name: token.text };
      }
      case 'op':
        if (token.text === '$') return { type: 'field', index: this.fieldIndex() };
        if (token.text === '(') {
          const list = this.expressionList(')');
          this.expect(')');
          if (list.length === 1) return { type: 'group', expr: list[0] };
          this.expect('in');
          return { type: 'in', subscripts: list, array: this.expectName() };
        }
        if (token.text === '-' || token.text === '!' || token.text === '+') return { type: 'unary', op: token.text, operand: this.unary() };
        break;
    }
    throw new AwkSyntaxError(token.kind === 'eof' ? 'unexpected end of program' : `unexpected '${token.text === '\n' ? 'newline' : token.text}'`);
  }

  private fieldIndex(): Expr {
    const op = this.peek().text;
    if ((op === '++' || op === '--') && this.peek().kind === 'op') return this.postfix();
    if (op === '-' && this.peek().kind === 'op') {
      this.next();
      return { type: 'unary', op: '-', operand: this.primary() };
    }
    return this.primary();
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    return this.tokens[this.position++] ?? this.tokens[this.tokens.length - 1];
  }

  private accept(text: string): boolean {
    if (this.peek().text !== text || this.peek().kind === 'string') return false;
    this.position++;
    return true;
  }

  private expect(text: string): void {
    if (!this.accept(text)) {
      const found = this.peek();
      throw new AwkSyntaxError(found.kind === 'eof' ? `unexpected end of program, expected '${text}'` : `unexpected '${found.text === '\n' ? 'newline' : found.text}', expected '${text}'`);
    }
  }

  private expectName(): string {
    const token = this.next();
    if (token.kind !== 'name') throw new AwkSyntaxError(`expected a variable name, found '${token.text}'`);
    return token.text;
  }

  private newlines(): void {
    while (this.peek().kind === 'newline') this.position++;
  }

  private terminators(): void {
    while (this.peek().kind === 'newline' || this.peek().text === ';') this.position++;
  }
}
