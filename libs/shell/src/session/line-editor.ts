/**
 * The terminal's line discipline, for a session with a TTY: bytes typed by the
 * user become echo (what the terminal shows) and events (a finished line,
 * end of input, an interrupt). At a shell prompt it edits like busybox's line
 * editing (cursor keys, history); while a command runs it is a plain cooked
 * tty (Backspace, Ctrl-U, Enter, Ctrl-D, Ctrl-C). Bytes are a byte string;
 * UTF-8 characters are edited whole, and wide ones (Hangul, CJK) take two
 * columns as the terminal draws them.
 */

import { decodeUtf8 } from '../io/byte-string.js';

/** What typing produced: a line (without its newline), end of input, or Ctrl-C. */
export type EditorEvent = { readonly kind: 'line'; readonly text: string; readonly newline: boolean } | { readonly kind: 'eof' } | { readonly kind: 'interrupt' };

/** Where the keystrokes go: a prompt with history, or a running command's cooked input. */
export type EditorMode = 'prompt' | 'cooked';

const ESC = '\x1b';
const CTRL_A = '\x01';
const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_E = '\x05';
const CTRL_H = '\x08';
const CTRL_U = '\x15';
const DEL = '\x7f';
const CLEAR_TO_END = '\x1b[K';
const MAX_HISTORY = 500;
/** Longer than any key's escape sequence: a runaway one is dropped instead of swallowing all later keys. */
const MAX_ESCAPE = 16;

/** Edits one line at a time; `echo` receives what the terminal must show, `emit` the events. */
export class LineEditor {
  mode: EditorMode = 'prompt';
  private chars: string[] = [];
  private cursor = 0;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private escape = '';
  private utf8 = '';
  private afterCarriageReturn = false;

  constructor(
    private readonly echo: (bytes: string) => void,
    private readonly emit: (event: EditorEvent) => void,
  ) {}

  /** The line typed so far (a command may start before the user finishes typing ahead). */
  get line(): string {
    return this.chars.join('');
  }

  /** Handles typed bytes. */
  feed(bytes: string): void {
    for (const byte of bytes) this.key(byte);
  }

  /** Drops the line being edited (after an interrupt the prompt starts empty). */
  clear(): void {
    this.chars = [];
    this.cursor = 0;
    this.historyIndex = this.history.length;
  }

  private key(byte: string): void {
    const carriageReturn = this.afterCarriageReturn;
    this.afterCarriageReturn = byte === '\r';
    if (this.escape !== '') return this.escapeByte(byte);
    if (this.utf8 !== '' || byte >= '\x80') return this.utf8Byte(byte);
    switch (byte) {
      case '\n':
        if (!carriageReturn) this.enter();
        return;
      case '\r':
        return this.enter();
      case ESC:
        this.escape = ESC;
        return;
      case CTRL_C:
        this.echo('^C\r\n');
        this.clear();
        return this.emit({ kind: 'interrupt' });
      case CTRL_D:
        return this.endOfInput();
      case DEL:
      case CTRL_H:
        return this.backspace();
      case CTRL_U:
        return this.killToStart();
      case CTRL_A:
        return this.moveTo(0);
      case CTRL_E:
        return this.moveTo(this.chars.length);
    }
    if (byte >= ' ') this.insert(byte);
  }

  private enter(): void {
    const text = this.line;
    this.echo('\r\n');
    if (this.mode === 'prompt' && text.trim() !== '' && this.history[this.history.length - 1] !== text) {
      this.history.push(text);
      if (this.history.length > MAX_HISTORY) this.history.shift();
    }
    this.clear();
    this.emit({ kind: 'line', text, newline: true });
  }

  /** Ctrl-D: end of input on an empty line; in a command's input it sends the partial line, at a prompt it deletes forward. */
  private endOfInput(): void {
    if (this.chars.length === 0) return this.emit({ kind: 'eof' });
    if (this.mode === 'cooked') {
      const text = this.line;
      this.clear();
      return this.emit({ kind: 'line', text, newline: false });
    }
    if (this.cursor < this.chars.length) {
      this.chars.splice(this.cursor, 1);
      this.redrawTail(1);
    }
  }

  private escapeByte(byte: string): void {
    this.escape += byte;
    const sequence = this.escape;
    if ((sequence.length === 2 && byte !== '[' && byte !== 'O') || sequence.length > MAX_ESCAPE) this.escape = '';
    else if (sequence.length > 2 && byte >= '@' && byte <= '~') {
      this.escape = '';
      if (this.mode === 'prompt') this.cursorKey(sequence.slice(2));
    }
  }

  private cursorKey(key: string): void {
    switch (key) {
      case 'A':
        return this.recall(-1);
      case 'B':
        return this.recall(1);
      case 'C':
        return this.moveTo(this.cursor + 1);
      case 'D':
        return this.moveTo(this.cursor - 1);
      case 'H':
      case '1~':
        return this.moveTo(0);
      case 'F':
      case '4~':
        return this.moveTo(this.chars.length);
      case '3~':
        if (this.cursor < this.chars.length) {
          this.chars.splice(this.cursor, 1);
          this.redrawTail(1);
        }
    }
  }

  private utf8Byte(byte: string): void {
    this.utf8 += byte;
    if (this.utf8.length < sequenceLength(this.utf8.charCodeAt(0))) return;
    const char = this.utf8;
    this.utf8 = '';
    this.insert(char);
  }

  private insert(char: string): void {
    this.chars.splice(this.cursor, 0, char);
    this.cursor++;
    this.echo(char);
    this.redrawTail(0);
  }

  private backspace(): void {
    if (this.cursor === 0) return;
    const [removed] = this.chars.splice(this.cursor - 1, 1);
    this.cursor--;
    this.echo('\b'.repeat(width(removed)));
    this.redrawTail(width(removed));
  }

  private killToStart(): void {
    const removed = this.chars.splice(0, this.cursor);
    this.echo('\b'.repeat(columns(removed)));
    this.cursor = 0;
    this.redrawTail(columns(removed));
  }

  /** Rewrites the characters after the cursor, blanks `erased` columns past them, and puts the cursor back. */
  private redrawTail(erased: number): void {
    const tail = this.chars.slice(this.cursor);
    if (tail.length === 0 && erased === 0) return;
    this.echo(tail.join('') + ' '.repeat(erased) + '\b'.repeat(columns(tail) + erased));
  }

  private moveTo(position: number): void {
    const target = Math.max(0, Math.min(this.chars.length, position));
    if (target < this.cursor) this.echo('\b'.repeat(columns(this.chars.slice(target, this.cursor))));
    else if (target > this.cursor) this.echo(this.chars.slice(this.cursor, target).join(''));
    this.cursor = target;
  }

  /** Up/Down: replaces the line with an older or newer history entry (past the newest: empty). */
  private recall(step: number): void {
    const index = this.historyIndex + step;
    if (index < 0 || index > this.history.length) return;
    this.historyIndex = index;
    const text = this.history[index] ?? '';
    this.echo('\b'.repeat(columns(this.chars.slice(0, this.cursor))) + CLEAR_TO_END);
    this.chars = splitCharacters(text);
    this.cursor = this.chars.length;
    this.echo(text);
  }
}

/** A byte string cut into UTF-8 characters. */
function splitCharacters(bytes: string): string[] {
  const chars: string[] = [];
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes.charCodeAt(i));
    chars.push(bytes.slice(i, i + length));
    i += length;
  }
  return chars;
}

/** How many bytes the UTF-8 sequence starting with `lead` has. */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

function columns(chars: readonly string[]): number {
  return chars.reduce((total, char) => total + width(char), 0);
}

/** Terminal columns of one UTF-8 character: 2 for East Asian wide ones, else 1. */
function width(char: string): number {
  if (char.length < 3) return 1;
  const code = decodeUtf8(char).codePointAt(0) ?? 0;
  const wide =
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}
