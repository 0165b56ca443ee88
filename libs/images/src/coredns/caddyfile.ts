/**
 * The Caddyfile as CoreDNS 1.11 reads its Corefile (github.com/coredns/caddy v1.1.1, caddyfile/lexer.go, parse.go and
 * dispenser.go): words and quoted strings with their line, `#` comments, server blocks of keys and directives, nested
 * blocks, snippets and `import`. Ported closely, cursor and all, because what it accepts and how it says what it does
 * not (`/etc/coredns/Corefile:4 - Error during parsing: Unknown directive 'kubernete'`) are what a learner reads in
 * `kubectl logs` of a crashing CoreDNS. Environment references (`{$VAR}`) are left as written.
 */

/** One word of the file, with the line it starts on; `file` is set on the tokens an `import` brought in. */
export interface Token {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** A server block: its keys (`.:53`), and each directive's tokens in the order the directives first appear. */
export interface ServerBlock {
  keys: string[];
  readonly tokens: Map<string, Token[]>;
}

/** A refusal in CoreDNS's words, the whole line it logs before it exits. */
export class CorefileError extends Error {}

/** Reads the files an `import` names; undefined when there is no such file. */
export type ReadFile = (path: string) => string | undefined;

/** Splits `text` into tokens as the lexer does (a byte order mark is dropped; an unclosed quote runs to the end). */
export function lexCaddyfile(text: string, file = ''): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let start = 1;
  let value: string | undefined;
  let comment = false;
  let quoted = false;
  let escaped = false;
  const emit = () => {
    tokens.push({ file, line: start, text: value ?? '' });
    value = undefined;
  };
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (quoted) {
      if (!escaped && ch === '\\') {
        escaped = true;
        continue;
      }
      if (!escaped && ch === '"') {
        quoted = false;
        emit();
        continue;
      }
      if (ch === '\n') line++;
      value = (value ?? '') + (escaped && ch !== '"' ? '\\' : '') + ch;
      escaped = false;
      continue;
    }
    if (/\s/.test(ch)) {
      if (ch === '\r') continue;
      if (ch === '\n') {
        line++;
        comment = false;
      }
      if (value) emit();
      continue;
    }
    if (ch === '#') comment = true;
    if (comment) continue;
    if (!value) {
      start = line;
      if (ch === '"') {
        quoted = true;
        value = '';
        continue;
      }
    }
    value = (value ?? '') + ch;
  }
  if (value) emit();
  return tokens;
}

/** Walks tokens as caddy's Dispenser does; plugins read their arguments with it, and its errors carry file and line. */
export class Dispenser {
  protected cursor = -1;
  private nesting = 0;

  constructor(protected readonly filename: string, protected tokens: Token[]) {}

  /** To the next token, wherever it is. */
  next(): boolean {
    if (this.cursor < this.tokens.length - 1) {
      this.cursor++;
      return true;
    }
    return false;
  }

  /** To the next token only when it is on the same line (an argument). */
  nextArg(): boolean {
    if (this.cursor < 0) {
      this.cursor++;
      return true;
    }
    if (this.cursor >= this.tokens.length) return false;
    const here = this.tokens[this.cursor];
    const after = this.tokens[this.cursor + 1];
    if (after && here.file === after.file && here.line + lineBreaks(here) === after.line) {
      this.cursor++;
      return true;
    }
    return false;
  }

  /** Into a `{ … }` block opened on this line, one line of it per call; false at its `}` (or when there is none). */
  nextBlock(): boolean {
    if (this.nesting > 0) {
      this.next();
      if (this.val() === '}') {
        this.nesting--;
        return false;
      }
      return true;
    }
    if (!this.nextArg()) return false;
    if (this.val() !== '{') {
      this.cursor--;
      return false;
    }
    this.next();
    if (this.val() === '}') return false;
    this.nesting++;
    return true;
  }

  val(): string {
    return this.tokens[this.cursor]?.text ?? '';
  }

  line(): number {
    return this.tokens[this.cursor]?.line ?? 0;
  }

  file(): string {
    return this.tokens[this.cursor]?.file || this.filename;
  }

  /** The arguments left on this line, up to a `{`. */
  remainingArgs(): string[] {
    const args: string[] = [];
    while (this.nextArg()) {
      if (this.val() === '{') {
        this.cursor--;
        break;
      }
      args.push(this.val());
    }
    return args;
  }

  argErr(): CorefileError {
    if (this.val() === '{') return this.err("Unexpected token '{', expecting argument");
    return this.err(`Wrong argument count or unexpected line ending after '${this.val()}'`);
  }

  syntaxErr(expected: string): CorefileError {
    return new CorefileError(`${this.file()}:${this.line()} - Syntax error: Unexpected token '${this.val()}', expecting '${expected}'`);
  }

  eofErr(): CorefileError {
    return this.err('Unexpected EOF');
  }

  err(message: string): CorefileError {
    return new CorefileError(`${this.file()}:${this.line()} - Error during parsing: ${message}`);
  }

  protected isNewLine(): boolean {
    if (this.cursor < 1) return true;
    if (this.cursor > this.tokens.length - 1) return false;
    const before = this.tokens[this.cursor - 1];
    const here = this.tokens[this.cursor];
    return before.file !== here.file || before.line + lineBreaks(before) < here.line;
  }
}

const lineBreaks = (token: Token) => token.text.split('\n').length - 1;

/** What parsing met besides the blocks: warnings CoreDNS logs (an import glob that matched nothing). */
export interface ParsedCaddyfile {
  blocks: ServerBlock[];
  warnings: string[];
}

/**
 * The server blocks of `text`, as caddyfile.Parse groups them; a directive not in `validDirectives` is an error (all
 * are accepted when it is undefined, as the reload plugin parses). Throws CorefileError.
 */
export function parseCaddyfile(filename: string, text: string, validDirectives: readonly string[] | undefined, readFile: ReadFile): ParsedCaddyfile {
  return new Parser(filename, lexCaddyfile(text), validDirectives, readFile).parseAll();
}

class Parser extends Dispenser {
  private block: ServerBlock = { keys: [], tokens: new Map() };
  private eof = false;
  private readonly snippets = new Map<string, Token[]>();
  private readonly warnings: string[] = [];

  constructor(filename: string, tokens: Token[], private readonly validDirectives: readonly string[] | undefined, private readonly readFile: ReadFile) {
    super(filename, tokens);
  }

  parseAll(): ParsedCaddyfile {
    const blocks: ServerBlock[] = [];
    while (this.next()) {
      this.block = { keys: [], tokens: new Map() };
      this.begin();
      if (this.block.keys.length > 0) blocks.push(this.block);
    }
    return { blocks, warnings: this.warnings };
  }

  private begin(): void {
    if (this.tokens.length === 0) return;
    this.addresses();
    if (this.eof) return;
    const keys = this.block.keys;
    if (keys.length === 1 && keys[0].startsWith('(') && keys[0].endsWith(')')) {
      const name = keys[0].slice(1, -1);
      if (this.snippets.has(name)) throw this.err(`redeclaration of previously declared snippet ${name}`);
      this.snippets.set(name, this.snippetTokens());
      this.block.keys = [];
      return;
    }
    this.blockContents();
  }

  private addresses(): void {
    let expectingAnother = false;
    for (;;) {
      let key = this.val();
      if (key === 'import' && this.isNewLine()) {
        this.doImport();
        continue;
      }
      if (key === '{') {
        if (expectingAnother) throw this.err(`Expected another address but had '${key}' - check for extra comma`);
        break;
      }
      if (key !== '') {
        expectingAnother = key.endsWith(',');
        if (expectingAnother) key = key.slice(0, -1);
        this.block.keys.push(key);
      }
      const hasNext = this.next();
      if (expectingAnother && !hasNext) throw this.eofErr();
      if (!hasNext) {
        this.eof = true;
        break;
      }
      if (!expectingAnother && this.isNewLine()) break;
    }
  }

  private blockContents(): void {
    const opened = this.val() === '{';
    if (!opened) this.cursor--;
    this.directives();
    if (opened && this.val() !== '}') throw this.syntaxErr('}');
  }

  private directives(): void {
    while (this.next()) {
      if (this.val() === '}') break;
      if (this.val() === 'import') {
        this.doImport();
        this.cursor--;
        continue;
      }
      this.directive();
    }
  }

  private directive(): void {
    const name = this.val();
    let nesting = 0;
    if (this.validDirectives && !this.validDirectives.includes(name)) throw this.err(`Unknown directive '${name}'`);
    const tokens = this.block.tokens.get(name) ?? [];
    this.block.tokens.set(name, tokens);
    tokens.push(this.tokens[this.cursor]);
    while (this.next()) {
      const value = this.val();
      if (value === '{') {
        nesting++;
      } else if (this.isNewLine() && nesting === 0) {
        this.cursor--;
        break;
      } else if (value === '}' && nesting > 0) {
        nesting--;
      } else if (value === '}' && nesting === 0) {
        throw this.err("Unexpected '}' because no matching opening brace");
      } else if (value === 'import' && this.isNewLine()) {
        this.doImport();
        this.cursor--;
        continue;
      }
      tokens.push(this.tokens[this.cursor]);
    }
    if (nesting > 0) throw this.eofErr();
  }

  /** Swaps `import X` for a snippet's tokens or a file's, leaving the cursor on the token before them. */
  private doImport(): void {
    if (!this.nextArg()) throw this.argErr();
    const pattern = this.val();
    if (pattern === '') throw this.err('Import requires a non-empty filepath');
    if (this.nextArg()) throw this.err('Import takes only one argument (glob pattern or file)');
    const before = this.tokens.slice(0, this.cursor - 1);
    const after = this.tokens.slice(this.cursor + 1);
    this.tokens = [...before, ...this.imported(pattern), ...after];
    this.cursor--;
  }

  private imported(pattern: string): Token[] {
    const snippet = this.snippets.get(pattern);
    if (snippet) return snippet;
    const path = pattern.startsWith('/') ? pattern : `${this.file().replace(/[^/]*$/, '')}${pattern}`;
    if (/[*?[\]]/.test(path)) {
      this.warnings.push(`[WARNING] No files matching import glob pattern: ${pattern}`);
      return [];
    }
    const text = this.readFile(path);
    if (text === undefined) throw this.err(`File to import not found: ${pattern}`);
    return lexCaddyfile(text, path);
  }

  private snippetTokens(): Token[] {
    if (this.val() !== '{') throw this.syntaxErr('{');
    let count = 1;
    const tokens: Token[] = [];
    while (this.next()) {
      if (this.val() === '}' && --count === 0) break;
      if (this.val() === '{') count++;
      tokens.push(this.tokens[this.cursor]);
    }
    if (count !== 0) throw this.syntaxErr('}');
    return tokens;
  }
}
