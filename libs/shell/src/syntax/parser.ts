/**
 * Recursive-descent parser for the sh subset kubelab runs: and-or lists,
 * `!`, pipelines, `{ }` groups, `( )` subshells, if/while/until/for and
 * redirections. Background jobs, here-documents, `case` and functions are
 * refused with a syntax error that names them, so a learner sees why.
 */
import type { AndOrList, Assignment, Command, Pipeline, Redirect, Script, SimpleCommand, Word } from './ast.js';
import { Lexer, type Token } from './lexer.js';
import { ShellSyntaxError } from './syntax-error.js';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLOSING_WORDS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', '}']);

/** Parses a whole script; throws `ShellSyntaxError` on anything it cannot read. */
export function parseScript(source: string): Script {
  const parser = new Parser(source, 0);
  const script = parser.parseList(false);
  parser.expectEnd();
  return script;
}

const subParsers = {
  parseUntilParen(source: string, start: number): { script: Script; end: number } {
    const parser = new Parser(source, start);
    const script = parser.parseList(true);
    return { script, end: parser.closeParen() };
  },
  parseText: parseScript,
};

class Parser {
  private readonly lexer: Lexer;
  private lookahead: Token | undefined;

  constructor(source: string, start: number) {
    this.lexer = new Lexer(source, start, subParsers);
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

  private parseSimple(): SimpleCommand {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'redirect') redirects.push(this.parseRedirect());
      else if (token.type === 'word') {
        const word = this.takeWord();
        const assignment = words.length === 0 ? asAssignment(word) : undefined;
        if (assignment) assignments.push(assignment);
        else words.push(word);
      } else if (token.type === 'operator' && token.operator === '(' && words.length === 1) {
        throw new ShellSyntaxError('functions are not supported');
      } else break;
    }
    if (assignments.length + words.length + redirects.length === 0) throw unexpected(this.peek());
    return { type: 'simple', assignments, words, redirects };
  }

  private parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    while (this.peek().type === 'redirect') redirects.push(this.parseRedirect());
    return redirects;
  }

  private parseRedirect(): Redirect {
    const token = this.take();
    if (token.type !== 'redirect') throw unexpected(token);
    if (token.operator === '<<') throw new ShellSyntaxError('here-documents (<<) are not supported');
    if (token.operator === '<>') throw unexpected(token);
    const target = this.take();
    if (target.type !== 'word') throw unexpected(target);
    const fd = token.fd ?? (token.operator.startsWith('<') ? 0 : 1);
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

function asAssignment(word: Word): Assignment | undefined {
  const head = word[0];
  if (head?.kind !== 'text' || head.quoted) return undefined;
  const match = ASSIGNMENT.exec(head.text);
  if (!match) return undefined;
  const rest = head.text.slice(match[0].length);
  const value: Word = rest === '' ? word.slice(1) : [{ kind: 'text', text: rest, quoted: false }, ...word.slice(1)];
  return { name: match[1], value };
}

function unexpected(token: Token, expecting?: string): ShellSyntaxError {
  if (token.type === 'eof') {
    return new ShellSyntaxError(`unexpected end of file${expecting ? ` (expecting "${expecting}")` : ''}`);
  }
  return new ShellSyntaxError(token.type === 'newline' ? 'unexpected newline' : `unexpected "${token.text}"`);
}
