/**
 * The tokenizer of apimachinery's label selector syntax (labels.Lexer): keywords `in` and
 * `notin`, the symbols `! = == != > < ( ) ,`, and identifiers running up to a symbol or blank.
 */

/** A token kind; symbols and keywords are named by their own text. */
export type LabelToken =
  | 'error'
  | 'end'
  | 'identifier'
  | 'in'
  | 'notin'
  | '('
  | ')'
  | ','
  | '!'
  | '='
  | '=='
  | '!='
  | '>'
  | '<';

/** A token and the text it came from. */
export interface ScannedToken {
  token: LabelToken;
  literal: string;
}

const symbols = new Set<string>(['(', ')', ',', '!', '=', '==', '!=', '>', '<']);
const keywords = new Set<string>(['in', 'notin']);
const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string) => '=!(),><'.includes(ch) && ch !== '';

class Lexer {
  private pos = 0;
  constructor(private readonly text: string) {}

  next(): ScannedToken {
    while (isWhitespace(this.peek())) this.pos++;
    const ch = this.peek();
    if (ch === '') return { token: 'end', literal: '' };
    return isSpecialSymbol(ch) ? this.symbol() : this.word();
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private word(): ScannedToken {
    const start = this.pos;
    while (this.peek() !== '' && !isSpecialSymbol(this.peek()) && !isWhitespace(this.peek())) this.pos++;
    const literal = this.text.slice(start, this.pos);
    return { token: keywords.has(literal) ? (literal as LabelToken) : 'identifier', literal };
  }

  /** Longest run of symbol characters that still names a symbol, as scanSpecialSymbol does. */
  private symbol(): ScannedToken {
    let buffer = '';
    let last: string | undefined;
    while (isSpecialSymbol(this.peek())) {
      buffer += this.peek();
      this.pos++;
      if (symbols.has(buffer)) {
        last = buffer;
      } else if (last !== undefined) {
        this.pos--;
        break;
      }
    }
    if (last === undefined) return { token: 'error', literal: `error expected: keyword found '${buffer}'` };
    return { token: last as LabelToken, literal: last };
  }
}

/** All tokens of a selector, ending with `end`. */
export function scanLabelSelector(text: string): ScannedToken[] {
  const lexer = new Lexer(text);
  const tokens: ScannedToken[] = [];
  for (;;) {
    const scanned = lexer.next();
    tokens.push(scanned);
    if (scanned.token === 'end') return tokens;
  }
}
