/**
 * The text vi edits: lines of bytes (UTF-8 held as its bytes), positions as
 * byte offsets, and what vim computes on them: character steps, the first
 * non-blank, word motions (`w`, `b`, `e` and their WORD forms), and how a line
 * is drawn (a tab to the next multiple of 8, a control byte as `^X`).
 */

/** A place in the buffer: line index and byte offset in that line. */
export interface Position {
  readonly row: number;
  readonly col: number;
}

/** One character as drawn: where it starts in the line, what the screen shows, how many columns. */
export interface Cell {
  readonly start: number;
  readonly text: string;
  readonly width: number;
}

const TAB_STOP = 8;

/** Bytes of the UTF-8 character starting with `lead`. */
function charLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** The offset of the character after the one at `col`. */
export function nextChar(line: string, col: number): number {
  return Math.min(line.length, col + charLength(line.charCodeAt(col)));
}

/** The offset of the character before `col` (0 stays 0). */
export function prevChar(line: string, col: number): number {
  let i = Math.max(0, col - 1);
  while (i > 0 && (line.charCodeAt(i) & 0xc0) === 0x80) i--;
  return i;
}

/** Where normal mode may put the cursor: on a character, never past the last one. */
export function clampToChar(line: string, col: number): number {
  if (line === '') return 0;
  return col >= line.length ? prevChar(line, line.length) : col;
}

/** The offset of the first character that is not a space or tab (the line's length when all are). */
export function firstNonBlank(line: string): number {
  const match = /[^ \t]/.exec(line);
  return match ? match.index : line.length;
}

/** The line as the screen draws it, character by character. */
export function cells(line: string): Cell[] {
  const result: Cell[] = [];
  let column = 0;
  for (let i = 0; i < line.length; ) {
    const end = nextChar(line, i);
    const char = line.slice(i, end);
    const code = char.charCodeAt(0);
    let text = char;
    if (char === '\t') text = ' '.repeat(TAB_STOP - (column % TAB_STOP));
    else if (code < 0x20 || code === 0x7f) text = `^${String.fromCharCode(code ^ 0x40)}`;
    const width = text === char && end - i > 1 ? 1 : text.length;
    result.push({ start: i, text, width });
    column += width;
    i = end;
  }
  return result;
}

/** The screen column (from 0) where the character at `col` starts, or where it ends when `onLast` (normal mode on a tab). */
export function screenColumn(line: string, col: number, onLast: boolean): number {
  let column = 0;
  for (const cell of cells(line)) {
    if (cell.start >= col) return onLast && cell.start === col ? column + cell.width - 1 : column;
    column += cell.width;
  }
  return column;
}

/** The offset whose character covers screen column `column` (the last character when the line is shorter). */
export function columnToOffset(line: string, column: number): number {
  let at = 0;
  for (const cell of cells(line)) {
    if (at + cell.width > column) return cell.start;
    at += cell.width;
  }
  return clampToChar(line, line.length);
}

/** 0 blank, 1 keyword character, 2 other (vim's classes); for WORD motions everything non-blank is 1. */
function charClass(char: string | undefined, big: boolean): number {
  if (char === undefined || char === ' ' || char === '\t') return 0;
  if (big || /[A-Za-z0-9_]/.test(char) || char.charCodeAt(0) >= 0x80) return 1;
  return 2;
}

/** `w`/`W`: the start of the next word; an empty line counts as a word; past the last word, the end of the buffer. */
export function wordForward(lines: readonly string[], from: Position, big: boolean): Position {
  let { row, col } = from;
  const start = charClass(lines[row][col], big);
  if (start !== 0) while (col < lines[row].length && charClass(lines[row][col], big) === start) col++;
  for (;;) {
    if (col >= lines[row].length) {
      if (row === lines.length - 1) return { row, col: lines[row].length };
      row++;
      col = 0;
      if (lines[row] === '') return { row, col };
      continue;
    }
    if (charClass(lines[row][col], big) !== 0) return { row, col };
    col++;
  }
}

/** `b`/`B`: the start of this word, or of the previous one when already at a start. */
export function wordBackward(lines: readonly string[], from: Position, big: boolean): Position {
  let { row, col } = from;
  const back = (): boolean => {
    if (col > 0) col = prevChar(lines[row], col);
    else if (row > 0) {
      row--;
      col = lines[row].length;
      if (col > 0) col = prevChar(lines[row], col);
    } else return false;
    return true;
  };
  if (!back()) return from;
  while (charClass(lines[row][col], big) === 0 && lines[row] !== '') if (!back()) return { row, col };
  const kind = charClass(lines[row][col], big);
  while (col > 0 && charClass(lines[row][prevChar(lines[row], col)], big) === kind && kind !== 0) col = prevChar(lines[row], col);
  return { row, col };
}

/** `e`/`E`: the last character of this word, or of the next one when already at an end (`stay`: of this word even then, as `cw` takes it). */
export function wordEnd(lines: readonly string[], from: Position, big: boolean, stay = false): Position {
  let { row, col } = from;
  const forward = (): boolean => {
    if (col < lines[row].length - 1) col = nextChar(lines[row], col);
    else if (row < lines.length - 1) {
      row++;
      col = 0;
    } else return false;
    return true;
  };
  if (!stay && !forward()) return from;
  while (charClass(lines[row][col], big) === 0) if (!forward()) return { row, col: clampToChar(lines[row], col) };
  const kind = charClass(lines[row][col], big);
  while (nextChar(lines[row], col) < lines[row].length && charClass(lines[row][nextChar(lines[row], col)], big) === kind) col = nextChar(lines[row], col);
  return { row, col };
}
