/**
 * vi's keyboard: the bytes a terminal sends, cut into keys. A typed character
 * is itself (a byte, or the bytes of one UTF-8 character); the escape
 * sequences of the cursor and editing keys become named keys (`<Up>`, `<Del>`).
 * A lone ESC is the Escape key when nothing follows it in the same chunk, as
 * vim decides by its 'ttimeout': a terminal sends a key's sequence at once.
 */

/** A key: a typed character (a byte string) or a named key (`<Esc>`, `<Up>`…; a typed `<` is just `<`). */
export type Key = string;

const ESC = '\x1b';
/** CSI or SS3 final bytes and `CSI n ~` parameters → the key they stand for. */
const SEQUENCES: Readonly<Record<string, Key>> = {
  A: '<Up>',
  B: '<Down>',
  C: '<Right>',
  D: '<Left>',
  H: '<Home>',
  F: '<End>',
  '1~': '<Home>',
  '2~': '<Insert>',
  '3~': '<Del>',
  '4~': '<End>',
  '5~': '<PageUp>',
  '6~': '<PageDown>',
};
/** Longer than any key's sequence: a runaway one is dropped. */
const MAX_SEQUENCE = 16;

/** Turns chunks of typed bytes into keys, keeping a sequence or a UTF-8 character cut between chunks. */
export class KeyReader {
  private held = '';

  /** The keys `chunk` completes; an incomplete escape sequence or character waits for the next chunk. */
  feed(chunk: string): Key[] {
    const bytes = this.held + chunk;
    this.held = '';
    const keys: Key[] = [];
    let i = 0;
    while (i < bytes.length) {
      const step = bytes[i] === ESC ? this.escape(bytes, i, keys) : this.character(bytes, i, keys);
      if (step === 0) {
        this.held = bytes.slice(i);
        break;
      }
      i += step;
    }
    return keys;
  }

  /** Reads the key at `i` starting with ESC; returns the bytes it took (0: wait for more). */
  private escape(bytes: string, i: number, keys: Key[]): number {
    const next = bytes[i + 1];
    if (next === 'O' && bytes[i + 2] !== undefined && 'ABCDHF'.includes(bytes[i + 2])) {
      keys.push(SEQUENCES[bytes[i + 2]]);
      return 3;
    }
    if (next !== '[') {
      keys.push('<Esc>');
      return 1;
    }
    const sequence = /^[0-9;]*[@-~]/.exec(bytes.slice(i + 2, i + 2 + MAX_SEQUENCE));
    if (!sequence) return bytes.length - i - 2 >= MAX_SEQUENCE ? 2 : 0;
    const key = SEQUENCES[sequence[0]];
    if (key) keys.push(key);
    return 2 + sequence[0].length;
  }

  /** Reads one byte, or one whole UTF-8 character; returns the bytes it took (0: wait for more). */
  private character(bytes: string, i: number, keys: Key[]): number {
    const lead = bytes.charCodeAt(i);
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (i + length > bytes.length) return 0;
    keys.push(bytes.slice(i, i + length));
    return length;
  }
}
