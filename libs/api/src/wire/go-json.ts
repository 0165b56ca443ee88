/**
 * JSON read the way Go's encoding/json reads it, so that a body kube-apiserver could
 * not decode is refused with Go's words ("invalid character 'a' looking for beginning
 * of value", "unexpected end of JSON input") rather than JavaScript's. The checker
 * follows encoding/json's scanner: the whole text is checked before any value is
 * built, and the first offending character names the error.
 */

/** A JSON text Go would refuse; the message is encoding/json's. */
export class GoJsonError extends Error {}

const GO_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** encoding/json's quoteChar: the character as strconv.Quote writes it, in single quotes. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const code = c.charCodeAt(0);
  if (GO_ESCAPES[c]) return `'${GO_ESCAPES[c]}'`;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const DIGITS = /[0-9]/;
const HEX = /[0-9a-fA-F]/;

class Scanner {
  private i = 0;
  constructor(private readonly s: string) {}

  checkDocument(): void {
    this.value();
    this.skipSpace();
    if (this.i < this.s.length) this.invalid('after top-level value');
  }

  private invalid(context: string): never {
    throw new GoJsonError(`invalid character ${quoteChar(this.s[this.i])} ${context}`);
  }

  /** The next character, or Go's end-of-input error when there is none. */
  private peek(): string {
    if (this.i >= this.s.length) throw new GoJsonError('unexpected end of JSON input');
    return this.s[this.i];
  }

  private skipSpace(): void {
    while (this.i < this.s.length && WHITESPACE.has(this.s[this.i])) this.i++;
  }

  private value(): void {
    this.skipSpace();
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || DIGITS.test(c)) return this.number();
    if (c === 't') return this.literal('true');
    if (c === 'f') return this.literal('false');
    if (c === 'n') return this.literal('null');
    this.invalid('looking for beginning of value');
  }

  private object(): void {
    this.i++;
    this.skipSpace();
    if (this.peek() === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '"') this.invalid('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.invalid('after object key');
      this.i++;
      this.value();
      this.skipSpace();
      const next = this.peek();
      this.i++;
      if (next === '}') return;
      if (next !== ',') {
        this.i--;
        this.invalid('after object key:value pair');
      }
    }
  }

  private array(): void {
    this.i++;
    this.skipSpace();
    if (this.peek() === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const next = this.peek();
      if (next === ']') {
        this.i++;
        return;
      }
      if (next !== ',') this.invalid('after array element');
      this.i++;
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        this.i++;
        const escape = this.peek();
        if (escape === 'u') {
          this.i++;
          for (let n = 0; n < 4; n++) {
            if (!HEX.test(this.peek())) this.invalid('in \\u hexadecimal character escape');
            this.i++;
          }
          continue;
        }
        if (!'bfnrt"\\/'.includes(escape)) this.invalid('in string escape code');
      } else if (c.charCodeAt(0) < 0x20) {
        this.invalid('in string literal');
      }
      this.i++;
    }
  }

  private digits(): void {
    while (this.i < this.s.length && DIGITS.test(this.s[this.i])) this.i++;
  }

  private number(): void {
    if (this.s[this.i] === '-') this.i++;
    const first = this.peek();
    if (first === '0') this.i++;
    else if (DIGITS.test(first)) this.digits();
    else this.invalid('in numeric literal');
    if (this.s[this.i] === '.') {
      this.i++;
      if (!DIGITS.test(this.peek())) this.invalid('after decimal point in numeric literal');
      this.digits();
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.peek() === '+' || this.peek() === '-') this.i++;
      if (!DIGITS.test(this.peek())) this.invalid('in exponent of numeric literal');
      this.digits();
    }
  }

  private literal(word: string): void {
    this.i++;
    for (const expected of word.slice(1)) {
      if (this.peek() !== expected) this.invalid(`in literal ${word} (expecting '${expected}')`);
      this.i++;
    }
  }
}

/** Go's message for a text json.Unmarshal refuses as syntax, or undefined for valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  try {
    new Scanner(text).checkDocument();
    return undefined;
  } catch (e) {
    if (e instanceof GoJsonError) return e.message;
    throw e;
  }
}

/** Parses JSON, refusing what Go refuses with Go's message (a GoJsonError). */
export function parseGoJson(text: string): unknown {
  const syntax = goJsonSyntaxError(text);
  if (syntax) throw new GoJsonError(syntax);
  return JSON.parse(text);
}

/** What encoding/json calls a JSON value's type in an UnmarshalTypeError. */
export function goJsonValueKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** json.Unmarshal's error when a value of the wrong JSON type meets a Go type. */
export function goUnmarshalTypeError(value: unknown, goType: string): string {
  return `json: cannot unmarshal ${goJsonValueKind(value)} into Go value of type ${goType}`;
}
