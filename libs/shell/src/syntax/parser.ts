/**
 * Recursive-descent parser for the sh subset kubelab runs: and-or lists,
 * `!`, pipelines, `{ }` groups, `( )` subshells, if/while/until/for and
 * redirections, here-documents included. Background jobs, `case` and functions
 * are refused with a syntax error that names them, so a learner sees why.
 * For `bash` it also reads array assignments, `[[ … ]]`, `(( … ))`,
 * `for (( … ))`, functions and `<<<` here-strings; `sh` keeps ash's grammar, where those are
 * errors or commands.
 */
import type { AndOrList, Assignment, Command, Dialect, Pipeline, Redirect, Script, TestExpression, Word } from './ast.js';
import { Lexer, type SubParsers, type Token, type UnterminatedHereDocument } from './lexer.js';
import { ShellSyntaxError } from './syntax-error.js';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
/** Bash's `NAME+=`, `NAME[index]=` and `NAME[index]+=`. */
const BASH_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?(\+?)=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLOSING_WORDS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', '}']);
/** `[[`'s unary operators: test(1)'s file and string tests. */
const TEST_UNARY = new Set(['-z', '-n', '-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-O', '-G', '-N', '-t', '-v']);
const TEST_BINARY = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** A parsed script, and the here-documents in it that the source ended inside (a shell reading more lines waits for their delimiters). */
export interface ParsedSource {
  readonly script: Script;
  readonly unterminated: readonly UnterminatedHereDocument[];
}

/** Parses a whole script; throws `ShellSyntaxError` on anything it cannot read. */
export function parseScript(source: string, dialect: Dialect = 'sh'): Script {
  return parseSource(source, dialect).script;
}

/** Parses a whole script as `parseScript` does, telling which here-documents the end of `source` cut short. */
export function parseSource(source: string, dialect: Dialect = 'sh'): ParsedSource {
  const unterminated: UnterminatedHereDocument[] = [];
  return { script: parseWhole(source, dialect, unterminated), unterminated };
}

function parseWhole(source: string, dialect: Dialect, unterminated: UnterminatedHereDocument[]): Script {
  const parser = new Parser(source, 0, dialect, unterminated);
  const script = parser.parseList(false);
  parser.expectEnd();
  return script;
}

function subParsersFor(dialect: Dialect, unterminated: UnterminatedHereDocument[]): SubParsers {
  return {
    parseUntilParen(source: string, start: number): { script: Script; end: number } {
      const parser = new Parser(source, start, dialect, unterminated);
      const script = parser.parseList(true);
      return { script, end: parser.closeParen() };
    },
    parseText: (text) => parseWhole(text, dialect, unterminated),
  };
}

class Parser {
  private readonly lexer: Lexer;
  private lookahead: Token | undefined;

  constructor(
    source: string,
    start: number,
    private readonly dialect: Dialect,
    unterminated: UnterminatedHereDocument[],
  ) {
    this.lexer = new Lexer(source, start, subParsersFor(dialect, unterminated), dialect, unterminated);
  }

  /** Commands separated by `;` or newlines, up to a closing word, `)` (inside parentheses) or the end. */
  parseList(insideParens: boolean): Script {
    const items: AndOrList[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.type === 'eof' || this.isClosingWord(token)) break;
      if (token.type === 'operator' && token.operator === ')' && insideParens) break;
      items.push(this.parseAndOr());
      const separator = this.peek();
      if (separator.type === 'operator' && separator.operator === ';') this.take();
      else if (separator.type === 'operator' && separator.operator === '&') {
        throw new ShellSyntaxError('background jobs (&) are not supported');
      } else if (separator.type !== 'newline') break;
    }
    return items;
  }

  /** Fails unless everything was consumed. */
  expectEnd(): void {
    const token = this.take();
    if (token.type !== 'eof') throw unexpected(token);
  }

  /** Consumes the `)` closing a `$(…)`; returns the offset just after it. */
  closeParen(): number {
    const token = this.take();
    if (token.type !== 'operator' || token.operator !== ')') throw unexpected(token, ')');
    return this.lexer.offset;
  }

  private parseAndOr(): AndOrList {
    const first = this.parsePipeline();
    const rest: { operator: '&&' | '||'; pipeline: Pipeline }[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type !== 'operator' || (token.operator !== '&&' && token.operator !== '||')) break;
      this.take();
      this.skipNewlines();
      rest.push({ operator: token.operator, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    const negated = this.isWord(this.peek(), '!');
    if (negated) this.take();
    const commands = [this.parseCommand()];
    for (let token = this.peek(); token.type === 'operator' && token.operator === '|'; token = this.peek()) {
      this.take();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private parseCommand(): Command {
    const token = this.peek();
    if (this.startsArithmetic(token)) {
      this.take();
      const expression = this.lexer.readArithmeticCommand();
      return { type: 'arithmetic', expression, redirects: this.parseRedirects() };
    }
    if (token.type === 'operator' && token.operator === '(') {
      this.take();
      const body = this.parseBody(true, ')');
      this.closeParen();
      return { type: 'group', subshell: true, body, redirects: this.parseRedirects() };
    }
    if (token.type !== 'word' || !isPlain(token)) return this.parseSimple();
    switch (token.text) {
      case 'if':
        return this.parseIf();
      case 'while':
      case 'until':
        return this.parseLoop(token.text === 'until');
      case 'for':
        return this.parseFor();
      case '{': {
        this.take();
        const body = this.parseBody(false, '}');
        this.expectWord('}');
        return { type: 'group', subshell: false, body, redirects: this.parseRedirects() };
      }
      case 'case':
        throw new ShellSyntaxError('case statements are not supported');
      case '[[':
        return this.dialect === 'bash' ? this.parseConditional() : this.parseSimple();
      case 'function':
        return this.dialect === 'bash' ? this.parseFunctionKeyword() : this.parseSimple();
      default:
        if (CLOSING_WORDS.has(token.text)) throw unexpected(token);
        return this.parseSimple();
    }
  }

  private parseIf(): Command {
    this.take();
    const branches: { condition: Script; body: Script }[] = [];
    let otherwise: Script | undefined;
    for (;;) {
      const condition = this.parseBody(false, 'then');
      this.expectWord('then');
      branches.push({ condition, body: this.parseBody(false, 'fi') });
      const next = this.take();
      if (this.isWord(next, 'elif')) continue;
      if (this.isWord(next, 'else')) {
        otherwise = this.parseBody(false, 'fi');
        this.expectWord('fi');
      } else if (!this.isWord(next, 'fi')) throw unexpected(next, 'fi');
      return { type: 'if', branches, otherwise, redirects: this.parseRedirects() };
    }
  }

  private parseLoop(until: boolean): Command {
    this.take();
    const condition = this.parseBody(false, 'do');
    this.expectWord('do');
    const body = this.parseBody(false, 'done');
    this.expectWord('done');
    return { type: 'loop', until, condition, body, redirects: this.parseRedirects() };
  }

  private parseFor(): Command {
    this.take();
    if (this.startsArithmetic(this.peek())) return this.parseArithmeticFor();
    const variable = this.take();
    if (variable.type !== 'word' || !NAME.test(variable.text)) throw new ShellSyntaxError('bad for loop variable');
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.isWord(this.peek(), 'in')) {
      this.take();
      items = [];
      for (let token = this.peek(); token.type === 'word'; token = this.peek()) items.push(this.takeWord());
    }
    const separator = this.peek();
    if (separator.type === 'operator' && separator.operator === ';') this.take();
    else if (items !== undefined && separator.type !== 'newline') throw unexpected(separator);
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseBody(false, 'done');
    this.expectWord('done');
    return { type: 'for', name: variable.text, items, body, redirects: this.parseRedirects() };
  }

  /** `for (( init; condition; update ))`, its `for` already taken. */
  private parseArithmeticFor(): Command {
    this.take();
    const clauses = this.lexer.readArithmeticCommand().split(';');
    if (clauses.length !== 3) throw new ShellSyntaxError('unexpected "))"');
    const [init, condition, update] = clauses.map((clause) => clause.trim());
    const separator = this.peek();
    if (separator.type === 'operator' && separator.operator === ';') this.take();
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseBody(false, 'done');
    this.expectWord('done');
    return { type: 'arithmetic-for', init, condition, update, body, redirects: this.parseRedirects() };
  }

  /** `function name [()] compound-command`, `function` not yet taken. */
  private parseFunctionKeyword(): Command {
    this.take();
    const name = this.take();
    if (name.type !== 'word' || !isPlain(name)) throw unexpected(name);
    if (this.isOperator(this.peek(), '(')) {
      this.take();
      const close = this.take();
      if (!this.isOperator(close, ')')) throw unexpected(close, ')');
    }
    return this.functionBody(name.text);
  }

  /** The compound command after `name()`; a simple command there is an error, as in bash. */
  private functionBody(name: string): Command {
    this.skipNewlines();
    const body = this.parseCommand();
    if (body.type === 'simple' || body.type === 'function') throw new ShellSyntaxError(`unexpected "${name}"`);
    return { type: 'function', name, body, redirects: [] };
  }

  /** `[[ expression ]]`, its `[[` not yet taken. */
  private parseConditional(): Command {
    this.take();
    const expression = this.parseTestOr();
    this.expectWord(']]');
    return { type: 'conditional', expression, redirects: this.parseRedirects() };
  }

  private parseTestOr(): TestExpression {
    let left = this.parseTestAnd();
    while (this.isOperator(this.peek(), '||')) {
      this.take();
      left = { kind: 'or', left, right: this.parseTestAnd() };
    }
    return left;
  }

  private parseTestAnd(): TestExpression {
    let left = this.parseTestNot();
    while (this.isOperator(this.peek(), '&&')) {
      this.take();
      left = { kind: 'and', left, right: this.parseTestNot() };
    }
    return left;
  }

  private parseTestNot(): TestExpression {
    this.skipNewlines();
    if (!this.isWord(this.peek(), '!')) return this.parseTestPrimary();
    this.take();
    return { kind: 'not', operand: this.parseTestNot() };
  }

  private parseTestPrimary(): TestExpression {
    const token = this.peek();
    if (this.isOperator(token, '(')) {
      this.take();
      const inner = this.parseTestOr();
      this.skipNewlines();
      const close = this.take();
      if (!this.isOperator(close, ')')) throw unexpected(close, ')');
      return inner;
    }
    if (token.type === 'word' && isPlain(token) && TEST_UNARY.has(token.text)) {
      this.take();
      return { kind: 'unary', operator: token.text, operand: this.testOperand() };
    }
    const left = this.testOperand();
    const next = this.peek();
    if (next.type === 'word' && isPlain(next) && TEST_BINARY.has(next.text)) {
      this.take();
      if (next.text !== '=~') return { kind: 'binary', operator: next.text, left, right: this.testOperand() };
      const pattern = this.lexer.readRegexWord();
      if (pattern.word.length === 0) throw unexpected(this.peek());
      return { kind: 'binary', operator: '=~', left, right: pattern.word };
    }
    if (next.type === 'redirect' && next.fd === undefined && (next.operator === '<' || next.operator === '>')) {
      this.take();
      return { kind: 'binary', operator: next.operator, left, right: this.testOperand() };
    }
    return { kind: 'word', word: left };
  }

  /** A word inside `[[ ]]`; `]]` there ends the expression, so an operand missing before it is an error. */
  private testOperand(): Word {
    const token = this.take();
    if (token.type !== 'word' || this.isWord(token, ']]')) throw unexpected(token);
    return token.word;
  }

  /** Bash's `((` where a command starts: a `(` token with a second `(` right after it. */
  private startsArithmetic(token: Token): boolean {
    return this.dialect === 'bash' && this.isOperator(token, '(') && this.lexer.startsWith('(');
  }

  private isOperator(token: Token, operator: string): boolean {
    return token.type === 'operator' && token.operator === operator;
  }

  private parseSimple(): Command {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'redirect') redirects.push(this.parseRedirect());
      else if (token.type === 'word') {
        const word = this.takeWord();
        const assignment = words.length === 0 ? asAssignment(word, this.dialect) : undefined;
        if (assignment) assignments.push(this.dialect === 'bash' ? this.withArrayLiteral(assignment) : assignment);
        else words.push(word);
      } else if (token.type === 'operator' && token.operator === '(' && words.length === 1) {
        if (this.dialect === 'sh') throw new ShellSyntaxError('functions are not supported');
        return this.parseFunctionParens(words[0], assignments.length + redirects.length);
      } else break;
    }
    if (assignments.length + words.length + redirects.length === 0) throw unexpected(this.peek());
    return { type: 'simple', assignments, words, redirects };
  }

  /** `name() body`, the name already read as the command's only word. */
  private parseFunctionParens(nameWord: Word, others: number): Command {
    const name = nameWord.length === 1 && nameWord[0].kind === 'text' && !nameWord[0].quoted ? nameWord[0].text : '';
    this.take();
    const close = this.take();
    if (others > 0 || !NAME.test(name) || !this.isOperator(close, ')')) throw unexpected(close);
    return this.functionBody(name);
  }

  /** Bash's `NAME=(a b c)`: the `(` directly after an empty assignment opens an array literal. */
  private withArrayLiteral(assignment: Assignment): Assignment {
    if (assignment.value.length > 0 || assignment.index !== undefined || !this.isOperator(this.peek(), '(')) return assignment;
    this.take();
    const items: Word[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (this.isOperator(token, ')')) break;
      if (token.type !== 'word') throw unexpected(token, ')');
      items.push(this.takeWord());
    }
    this.take();
    return { ...assignment, items };
  }

  private parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    while (this.peek().type === 'redirect') redirects.push(this.parseRedirect());
    return redirects;
  }

  /** One redirection; for `<<` and `<<-` the lexer reads the body after this line, into the redirection's word. */
  private parseRedirect(): Redirect {
    const token = this.take();
    if (token.type !== 'redirect') throw unexpected(token);
    if (token.operator === '<>') throw unexpected(token);
    const target = this.take();
    if (target.type !== 'word') throw unexpected(target);
    const fd = token.fd ?? (token.operator.startsWith('<') ? 0 : 1);
    if (token.operator === '<<' || token.operator === '<<-') {
      return { fd, operator: '<<', target: this.lexer.hereDocument(target.text, token.operator === '<<-') };
    }
    return { fd, operator: token.operator, target: target.word };
  }

  /** A compound command's inner list, which may not be empty. */
  private parseBody(insideParens: boolean, closer: string): Script {
    const body = this.parseList(insideParens);
    if (body.length === 0) throw unexpected(this.peek(), closer);
    return body;
  }

  private expectWord(word: string): void {
    const token = this.take();
    if (!this.isWord(token, word)) throw unexpected(token, word);
  }

  private takeWord(): Word {
    const token = this.take();
    if (token.type !== 'word') throw unexpected(token);
    return token.word;
  }

  private skipNewlines(): void {
    while (this.peek().type === 'newline') this.take();
  }

  private isClosingWord(token: Token): boolean {
    return token.type === 'word' && isPlain(token) && CLOSING_WORDS.has(token.text);
  }

  private isWord(token: Token, word: string): boolean {
    return token.type === 'word' && isPlain(token) && token.text === word;
  }

  private peek(): Token {
    this.lookahead ??= this.lexer.next();
    return this.lookahead;
  }

  private take(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }
}

/** True for a word written without quotes or expansions, the only form reserved words take. */
function isPlain(token: Token & { type: 'word' }): boolean {
  return token.word.length === 1 && token.word[0].kind === 'text' && !token.word[0].quoted;
}

function asAssignment(word: Word, dialect: Dialect): Assignment | undefined {
  const head = word[0];
  if (head?.kind !== 'text' || head.quoted) return undefined;
  const match = (dialect === 'bash' ? BASH_ASSIGNMENT : ASSIGNMENT).exec(head.text);
  if (!match) return dialect === 'bash' ? expandedIndexAssignment(word) : undefined;
  const rest = head.text.slice(match[0].length);
  const value: Word = rest === '' ? word.slice(1) : [{ kind: 'text', text: rest, quoted: false }, ...word.slice(1)];
  if (dialect === 'sh') return { name: match[1], value };
  return { name: match[1], value, ...(match[2] === undefined ? {} : { index: match[2] }), ...(match[3] === '+' ? { append: true } : {}) };
}

/**
 * Bash's `a[$i]=v` and `a[$((i+1))]=v`: the lexer has cut the index into parts;
 * it is put back together as arithmetic source, which expands its own `${…}`.
 */
function expandedIndexAssignment(word: Word): Assignment | undefined {
  const head = word[0];
  const open = head?.kind === 'text' && !head.quoted ? /^([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)$/.exec(head.text) : null;
  if (!open) return undefined;
  let index = open[2];
  for (let i = 1; i < word.length; i++) {
    const part = word[i];
    if (part.kind === 'parameter' && !part.quoted && part.operator === undefined && !part.length && part.index === undefined) index += `\${${part.name}}`;
    else if (part.kind === 'arithmetic' && !part.quoted) index += `(${part.expression})`;
    else if (part.kind !== 'text' || part.quoted) return undefined;
    else {
      const close = /^([^\]]*)\](\+?)=/.exec(part.text);
      if (!close) {
        if (part.text.includes(']')) return undefined;
        index += part.text;
        continue;
      }
      const rest = part.text.slice(close[0].length);
      const value: Word = rest === '' ? word.slice(i + 1) : [{ kind: 'text', text: rest, quoted: false }, ...word.slice(i + 1)];
      return { name: open[1], value, index: index + close[1], ...(close[2] === '+' ? { append: true } : {}) };
    }
  }
  return undefined;
}

function unexpected(token: Token, expecting?: string): ShellSyntaxError {
  if (token.type === 'eof') {
    return new ShellSyntaxError(`unexpected end of file${expecting ? ` (expecting "${expecting}")` : ''}`);
  }
  return new ShellSyntaxError(token.type === 'newline' ? 'unexpected newline' : `unexpected "${token.text}"`);
}
