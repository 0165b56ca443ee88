/**
 * Splits shell source into tokens the way POSIX sh does: words (with their
 * quoting and `$` expansions kept as parts), control operators, redirection
 * operators and newlines. Command substitutions are handed back to the parser
 * through `SubParsers`, so `$(…)` nests to any depth. A here-document's body is
 * read where POSIX puts it: after the next newline token, once per `<<` on the
 * line, in order.
 */
import type { Dialect, Script, Word, WordPart } from './ast.js';
import { ShellSyntaxError } from './syntax-error.js';

/** A control operator between commands. */
export type ControlOperator = '&&' | '||' | ';' | ';;' | '&' | '|' | '(' | ')';

/** A redirection operator as written (`<>` is recognised only to be refused; `<<<` only in bash). */
export type RedirectOperator = '>' | '>>' | '<' | '>&' | '<&' | '<<' | '<<-' | '<<<' | '<>';

/** One lexical token; `text` is the source it came from, for error messages. */
export type Token =
  | { readonly type: 'word'; readonly word: Word; readonly text: string }
  | { readonly type: 'operator'; readonly operator: ControlOperator; readonly text: string }
  | { readonly type: 'redirect'; readonly fd?: number; readonly operator: RedirectOperator; readonly text: string }
  | { readonly type: 'newline'; readonly text: 'newline' }
  | { readonly type: 'eof'; readonly text: 'end of file' };

/** How the lexer asks the parser to read the script inside `$(…)` or backquotes. */
export interface SubParsers {
  /** Parses from `start` (just after `$(`) through the closing `)`; `end` is the offset after it. */
  parseUntilParen(source: string, start: number): { script: Script; end: number };
  /** Parses the whole text between backquotes. */
  parseText(text: string): Script;
}

/** A here-document the source ended inside, before its delimiter line: its body is what was read. */
export interface UnterminatedHereDocument {
  /** The line of its `<<`, counted from 1 in the source parsed. */
  readonly line: number;
  /** The delimiter it wanted, quotes removed. */
  readonly delimiter: string;
}

/** A here-document whose body starts after the next newline token. */
interface PendingHereDocument {
  readonly delimiter: string;
  /** `<<-`: leading tabs are dropped from the body's lines and from the delimiter's. */
  readonly stripTabs: boolean;
  /** The delimiter was quoted (`'EOF'`, `"EOF"`, `E\OF`): the body is taken as written, with no expansion. */
  readonly literal: boolean;
  /** The line of its `<<`, for the warning when the source ends first. */
  readonly line: number;
  /** The redirection's word, filled once the body is read. */
  readonly body: WordPart[];
}

const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMETERS = new Set(['?', '#', '$', '!', '@', '*', '-']);
const PARAMETER_OPERATORS = [':-', ':=', ':+', ':?', '-', '=', '+', '?'];
/** Bash's case conversions: all characters (doubled) or the first. */
const CASE_OPERATORS = [',,', '^^', ',', '^'];
/** What a backslash stands for in bash's `$'…'`. */
const ANSI_C_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\']);
/** What a backslash quotes in an unquoted here-document's body (a backslash-newline was already taken out). */
const HERE_DOCUMENT_ESCAPABLE = new Set(['$', '`', '\\']);
const REDIRECT = /^(\d*)(>>|>&|>\||<<-|<<|<&|<>|>|<)/;
/** Bash also has the here-string `<<<`. */
const BASH_REDIRECT = /^(\d*)(>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/;

/** A cursor over shell source producing one token per `next()` call. */
export class Lexer {
  private readonly pendingHereDocuments: PendingHereDocument[] = [];

  /** `unterminated` collects the here-documents the source ends inside, for bash's warning. */
  constructor(
    private readonly source: string,
    private position: number,
    private readonly subParsers: SubParsers,
    private readonly dialect: Dialect,
    private readonly unterminated: UnterminatedHereDocument[],
  ) {}

  /** True when the next unread character is `c`, with nothing in between. */
  startsWith(c: string): boolean {
    return this.source.startsWith(c, this.position);
  }

  /**
   * Reads bash's `(( expression ))` from its second `(` (the first was the `(`
   * token just taken) through the closing `))`, returning the expression.
   */
  readArithmeticCommand(): string {
    const { expression, end } = this.scanArithmetic(this.position + 1);
    this.position = end;
    return expression;
  }

  /**
   * The word after `=~` in `[[ … ]]`: a regular expression, where `(`, `)` and
   * `|` belong to the word instead of ending it.
   */
  readRegexWord(): Token & { type: 'word' } {
    this.skipBlanksAndComments();
    const start = this.position;
    const word = this.readParts((c) => c === ' ' || c === '\t' || c === '\n', false);
    return { type: 'word', word, text: this.source.slice(start, this.position) };
  }

  /** The offset of the first character not yet consumed. */
  get offset(): number {
    return this.position;
  }

  /**
   * Takes note of a here-document whose delimiter word was written as `delimiter`
   * (the token just read); its body is read at the next newline token, into the
   * word returned.
   */
  hereDocument(delimiter: string, stripTabs: boolean): WordPart[] {
    const body: WordPart[] = [];
    const line = this.source.slice(0, this.position).split('\n').length;
    this.pendingHereDocuments.push({ delimiter: removeQuotes(delimiter), stripTabs, literal: /['"\\]/.test(delimiter), line, body });
    return body;
  }

  /** Consumes and returns the next token. */
  next(): Token {
    this.skipBlanksAndComments();
    const start = this.position;
    const c = this.source[start];
    if (c === undefined) {
      this.readHereDocuments();
      return { type: 'eof', text: 'end of file' };
    }
    if (c === '\n') {
      this.position++;
      this.readHereDocuments();
      return { type: 'newline', text: 'newline' };
    }
    return this.readOperator() ?? this.readRedirect() ?? this.readWord();
  }

  /** Reads the bodies of the here-documents begun on the line just ended, in the order of their operators. */
  private readHereDocuments(): void {
    for (const hereDocument of this.pendingHereDocuments.splice(0)) {
      const text = this.readHereDocumentText(hereDocument);
      if (hereDocument.literal) pushText(hereDocument.body, text, true);
      else hereDocument.body.push(...new Lexer(text, 0, this.subParsers, this.dialect, this.unterminated).readExpandingBody());
    }
  }

  /**
   * Consumes a here-document's lines and its delimiter line, returning the lines.
   * The source ending first ends the body there, as ash and bash both do (bash
   * ending its last line with a newline); the here-document is noted as unterminated.
   */
  private readHereDocumentText(hereDocument: PendingHereDocument): string {
    let text = '';
    while (this.position < this.source.length) {
      const { line, newline } = this.readHereDocumentLine(hereDocument.literal);
      const content = hereDocument.stripTabs ? line.replace(/^\t+/, '') : line;
      if (content === hereDocument.delimiter) return text;
      text += (newline || this.dialect === 'bash') ? `${content}\n` : content;
    }
    this.unterminated.push({ line: hereDocument.line, delimiter: hereDocument.delimiter });
    return text;
  }

  /**
   * One line of a here-document, without its newline. Unless the delimiter was
   * quoted, a backslash-newline joins the next line to it (so `\` then a newline
   * then `EOF` is the delimiter line); any other backslash is kept for later.
   */
  private readHereDocumentLine(literal: boolean): { line: string; newline: boolean } {
    let line = '';
    while (this.position < this.source.length) {
      const c = this.source[this.position++];
      if (c === '\n') return { line, newline: true };
      if (c !== '\\' || literal || this.position === this.source.length) line += c;
      else {
        const escaped = this.source[this.position++];
        if (escaped !== '\n') line += c + escaped;
      }
    }
    return { line, newline: false };
  }

  /**
   * An unquoted here-document's body, this lexer's whole source: `$` expansions and
   * backquotes as inside double quotes, but a backslash quotes only `$`, `` ` `` and
   * `\`, and `"` is a plain character.
   */
  private readExpandingBody(): WordPart[] {
    const parts: WordPart[] = [];
    while (this.position < this.source.length) {
      const c = this.source[this.position];
      if (c === '$') this.readDollar(parts, true);
      else if (c === '`') this.readBackquoted(parts, true);
      else {
        const escaped = c === '\\' && HERE_DOCUMENT_ESCAPABLE.has(this.source[this.position + 1]);
        pushText(parts, escaped ? this.source[this.position + 1] : c, true);
        this.position += escaped ? 2 : 1;
      }
    }
    return parts;
  }

  private skipBlanksAndComments(): void {
    for (;;) {
      const c = this.source[this.position];
      if (c === ' ' || c === '\t') this.position++;
      else if (c === '\\' && this.source[this.position + 1] === '\n') this.position += 2;
      else if (c === '#') {
        while (this.position < this.source.length && this.source[this.position] !== '\n') this.position++;
      } else return;
    }
  }

  private readOperator(): Token | undefined {
    const two = this.source.slice(this.position, this.position + 2);
    if (two === '&&' || two === '||' || two === ';;') {
      this.position += 2;
      return { type: 'operator', operator: two, text: two };
    }
    const one = this.source[this.position];
    if (one === ';' || one === '&' || one === '|' || one === '(' || one === ')') {
      this.position++;
      return { type: 'operator', operator: one, text: one };
    }
    return undefined;
  }

  private readRedirect(): Token | undefined {
    const match = (this.dialect === 'bash' ? BASH_REDIRECT : REDIRECT).exec(this.source.slice(this.position, this.position + 12));
    if (!match) return undefined;
    this.position += match[0].length;
    const operator = (match[2] === '>|' ? '>' : match[2]) as RedirectOperator;
    const fd = match[1] === '' ? undefined : Number(match[1]);
    return { type: 'redirect', fd, operator, text: match[0] };
  }

  private readWord(): Token {
    const start = this.position;
    const parts = this.readParts((c) => WORD_BREAK.has(c), false);
    return { type: 'word', word: parts, text: this.source.slice(start, this.position) };
  }

  /** Reads word parts until `stop` accepts an unquoted character (or the source ends). */
  private readParts(stop: (c: string) => boolean, quoted: boolean): WordPart[] {
    const parts: WordPart[] = [];
    while (this.position < this.source.length) {
      const c = this.source[this.position];
      if (stop(c)) break;
      if (c === '\\') this.readEscape(parts, quoted);
      else if (c === "'") this.readSingleQuoted(parts);
      else if (c === '"') this.readDoubleQuoted(parts);
      else if (c === '$') this.readDollar(parts, quoted);
      else if (c === '`') this.readBackquoted(parts, quoted);
      else {
        pushText(parts, c, quoted);
        this.position++;
      }
    }
    return parts;
  }

  private readEscape(parts: WordPart[], quoted: boolean): void {
    const escaped = this.source[this.position + 1];
    this.position += 2;
    if (escaped === undefined) pushText(parts, '\\', quoted);
    else if (escaped !== '\n') pushText(parts, escaped, true);
  }

  private readSingleQuoted(parts: WordPart[]): void {
    const close = this.source.indexOf("'", this.position + 1);
    if (close < 0) throw new ShellSyntaxError('unterminated quoted string');
    pushText(parts, this.source.slice(this.position + 1, close), true);
    this.position = close + 1;
  }

  private readDoubleQuoted(parts: WordPart[]): void {
    this.position++;
    const inner: WordPart[] = [];
    for (;;) {
      const c = this.source[this.position];
      if (c === undefined) throw new ShellSyntaxError('unterminated quoted string');
      if (c === '"') break;
      if (c === '$') this.readDollar(inner, true);
      else if (c === '`') this.readBackquoted(inner, true);
      else if (c === '\\') {
        const escaped = this.source[this.position + 1];
        if (escaped === '\n') this.position += 2;
        else if (escaped !== undefined && DOUBLE_QUOTE_ESCAPABLE.has(escaped)) {
          pushText(inner, escaped, true);
          this.position += 2;
        } else {
          pushText(inner, '\\', true);
          this.position++;
        }
      } else {
        pushText(inner, c, true);
        this.position++;
      }
    }
    this.position++;
    if (inner.length === 0) pushText(parts, '', true);
    for (const part of inner) {
      if (part.kind === 'text') pushText(parts, part.text, true);
      else parts.push(part);
    }
  }

  private readDollar(parts: WordPart[], quoted: boolean): void {
    const next = this.source[this.position + 1];
    if (next === "'" && !quoted && this.dialect === 'bash') this.readAnsiC(parts);
    else if (next === '(' && this.source[this.position + 2] === '(') this.readArithmetic(parts, quoted);
    else if (next === '(') {
      const { script, end } = this.subParsers.parseUntilParen(this.source, this.position + 2);
      parts.push({ kind: 'command', script, quoted });
      this.position = end;
    } else if (next === '{') this.readBracedParameter(parts, quoted);
    else if (next !== undefined && (NAME_START.test(next) || /\d/.test(next) || SPECIAL_PARAMETERS.has(next))) {
      this.position++;
      const name = NAME_START.test(next) ? this.readName() : this.source[this.position++];
      parts.push({ kind: 'parameter', name, quoted });
    } else {
      pushText(parts, '$', quoted);
      this.position++;
    }
  }

  private readArithmetic(parts: WordPart[], quoted: boolean): void {
    const { expression, end } = this.scanArithmetic(this.position + 3);
    parts.push({ kind: 'arithmetic', expression, quoted });
    this.position = end;
  }

  /** The expression from `start` to the `))` that closes it, and the offset after that. */
  private scanArithmetic(start: number): { expression: string; end: number } {
    let depth = 0;
    for (let i = start; i < this.source.length; i++) {
      const c = this.source[i];
      if (c === '(') depth++;
      else if (c === ')' && depth > 0) depth--;
      else if (c === ')' && this.source[i + 1] === ')') return { expression: this.source.slice(start, i), end: i + 2 };
    }
    throw new ShellSyntaxError('unexpected end of file (expecting "))")');
  }

  /** Bash's `$'…'`: backslash escapes as C writes them, the result quoted. */
  private readAnsiC(parts: WordPart[]): void {
    let text = '';
    let i = this.position + 2;
    for (; i < this.source.length && this.source[i] !== "'"; i++) {
      if (this.source[i] !== '\\') {
        text += this.source[i];
        continue;
      }
      const rest = this.source.slice(i + 1);
      const numeric = /^(?:x([0-9a-fA-F]{1,2})|([0-7]{1,3}))/.exec(rest);
      if (numeric) {
        text += String.fromCharCode(numeric[1] ? Number.parseInt(numeric[1], 16) : Number.parseInt(numeric[2], 8) & 0xff);
        i += numeric[0].length;
      } else if (rest[0] !== undefined && ANSI_C_ESCAPES[rest[0]] !== undefined) {
        text += ANSI_C_ESCAPES[rest[0]];
        i++;
      } else text += '\\';
    }
    if (i >= this.source.length) throw new ShellSyntaxError('unterminated quoted string');
    pushText(parts, text, true);
    this.position = i + 1;
  }

  private readBracedParameter(parts: WordPart[], quoted: boolean): void {
    this.position += 2;
    const length = this.source[this.position] === '#' && this.source[this.position + 1] !== '}';
    if (length) this.position++;
    const first = this.source[this.position] ?? '';
    let name = '';
    if (NAME_START.test(first)) name = this.readName();
    else if (/\d/.test(first)) name = this.readWhile(/\d/);
    else if (SPECIAL_PARAMETERS.has(first)) name = this.source[this.position++];
    if (name === '') throw new ShellSyntaxError('bad substitution');
    const index = this.dialect === 'bash' && NAME_START.test(first) ? this.readIndex() : undefined;
    if (this.source[this.position] === '}') {
      this.position++;
      parts.push({ kind: 'parameter', name, length, quoted, ...(index === undefined ? {} : { index }) });
      return;
    }
    const operators = this.dialect === 'bash' ? [...PARAMETER_OPERATORS, ...CASE_OPERATORS] : PARAMETER_OPERATORS;
    const operator = operators.find((op) => this.source.startsWith(op, this.position));
    if (operator === undefined || length) throw new ShellSyntaxError('bad substitution');
    this.position += operator.length;
    const argument = this.readParts((c) => c === '}', quoted);
    if (this.source[this.position] !== '}') throw new ShellSyntaxError('bad substitution');
    this.position++;
    parts.push({ kind: 'parameter', name, operator, argument, quoted, ...(index === undefined ? {} : { index }) });
  }

  /** Bash's `[index]` after a name in `${…}`, or undefined when there is none. */
  private readIndex(): string | undefined {
    if (this.source[this.position] !== '[') return undefined;
    const close = this.source.indexOf(']', this.position + 1);
    if (close < 0) throw new ShellSyntaxError('bad substitution');
    const index = this.source.slice(this.position + 1, close);
    this.position = close + 1;
    return index;
  }

  private readBackquoted(parts: WordPart[], quoted: boolean): void {
    let text = '';
    let i = this.position + 1;
    for (; i < this.source.length && this.source[i] !== '`'; i++) {
      const c = this.source[i];
      const escaped = this.source[i + 1];
      if (c === '\\' && (escaped === '`' || escaped === '\\' || escaped === '$')) {
        text += escaped;
        i++;
      } else text += c;
    }
    if (i >= this.source.length) throw new ShellSyntaxError('unterminated quoted string');
    parts.push({ kind: 'command', script: this.subParsers.parseText(text), quoted });
    this.position = i + 1;
  }

  private readName(): string {
    return this.readWhile(NAME_CHAR);
  }

  private readWhile(pattern: RegExp): string {
    const start = this.position;
    while (this.position < this.source.length && pattern.test(this.source[this.position])) this.position++;
    return this.source.slice(start, this.position);
  }
}

/** A here-document's delimiter with its quotes removed: `'EOF'`, `"EOF"` and `E\OF` are all `EOF`. */
function removeQuotes(word: string): string {
  let result = '';
  let quote: string | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote === undefined && (c === "'" || c === '"')) quote = c;
    else if (c === quote) quote = undefined;
    else if (c === '\\' && (quote === undefined || (quote === '"' && DOUBLE_QUOTE_ESCAPABLE.has(word[i + 1])))) result += word[++i] ?? '';
    else result += c;
  }
  return result;
}

function pushText(parts: WordPart[], text: string, quoted: boolean): void {
  const last = parts[parts.length - 1];
  if (last?.kind === 'text' && last.quoted === quoted) parts[parts.length - 1] = { kind: 'text', text: last.text + text, quoted };
  else parts.push({ kind: 'text', text, quoted });
}
