/**
 * What vi draws: the window's text lines (cut at the screen's width, shifted
 * when the cursor is further right, `~` past the end of the buffer, line
 * numbers with `:set nu`) and the last line (a message or the command being
 * typed, then vim's ruler `LINE,COL` and `All`/`Top`/`Bot`/`N%` at column
 * COLUMNS-18), as plain ANSI: cursor positioning and erase to end of line.
 */
import type { TerminalSize } from '../shell/streams.js';
import { cells, screenColumn, type Position } from './vi-text.js';

/** The editor's state that the screen shows. */
export interface ScreenModel {
  readonly lines: readonly string[];
  /** The buffer holds no line at all (a new file, or every line deleted): the ruler shows `0,0-1`. */
  readonly noLines: boolean;
  /** The first buffer line and the first screen column shown. */
  readonly top: number;
  readonly left: number;
  readonly number: boolean;
  readonly cursor: Position;
  /** Normal mode puts the cursor on a tab's last column; insert and the command line do not. */
  readonly mode: 'normal' | 'insert' | 'cmdline';
  /** The last line: a message, `-- INSERT --`, or the command line being typed (the cursor then at its end). */
  readonly bottom: string;
}

/** Columns the ruler takes at the right of the last line (vim's COL_RULER + 1). */
const RULER_WIDTH = 18;

/** Columns of the `:set nu` gutter for a buffer of `lineCount` lines (vim's 'numberwidth' of 4). */
export function gutterWidth(model: Pick<ScreenModel, 'number' | 'lines'>): number {
  return model.number ? Math.max(3, String(model.lines.length).length) + 1 : 0;
}

/** The whole screen for `model` on a terminal of `size`, ending with the cursor where the user works. */
export function renderScreen(model: ScreenModel, size: TerminalSize): string {
  const textRows = Math.max(1, size.rows - 1);
  const gutter = gutterWidth(model);
  const width = Math.max(1, size.cols - gutter);
  let out = '';
  for (let screenRow = 0; screenRow < textRows; screenRow++) {
    const row = model.top + screenRow;
    const line = model.lines[row];
    const text = line === undefined ? '~' : `${gutter > 0 ? `${String(row + 1).padStart(gutter - 1)} ` : ''}${visible(line, model.left, width)}`;
    out += `\x1b[${screenRow + 1};1H${text}\x1b[K`;
  }
  out += `\x1b[${textRows + 1};1H${bottomLine(model, textRows, size.cols)}\x1b[K`;
  if (model.mode === 'cmdline') return `${out}\x1b[${textRows + 1};${Math.min(size.cols, model.bottom.length + 1)}H`;
  const line = model.lines[model.cursor.row] ?? '';
  const column = screenColumn(line, model.cursor.col, model.mode === 'normal') - model.left;
  return `${out}\x1b[${model.cursor.row - model.top + 1};${gutter + column + 1}H`;
}

/** The part of `line` between screen columns `left` and `left + width`. */
function visible(line: string, left: number, width: number): string {
  let out = '';
  let column = 0;
  for (const cell of cells(line)) {
    const end = column + cell.width;
    if (end > left + width) break;
    if (column >= left) out += cell.text;
    else if (end > left) out += ' '.repeat(end - left);
    column = end;
  }
  return out;
}

/** The message or command line, with the ruler at its column when there is room for both. */
function bottomLine(model: ScreenModel, textRows: number, cols: number): string {
  const text = model.bottom.slice(0, cols - 1);
  const rulerColumn = cols - RULER_WIDTH;
  if (model.mode === 'cmdline' || rulerColumn <= 0 || text.length >= rulerColumn) return text;
  const position = ruler(model);
  const where = relativePosition(model, textRows);
  return `${text.padEnd(rulerColumn)}${position}${' '.repeat(Math.max(1, RULER_WIDTH - 1 - position.length - where.length))}${where}`;
}

/** `LINE,COL` as vim's ruler shows it: the byte column, and the screen column after a `-` when they differ (`0-1` on an empty line). */
function ruler(model: ScreenModel): string {
  if (model.noLines) return '0,0-1';
  const line = model.lines[model.cursor.row];
  const row = model.cursor.row + 1;
  if (line === '') return `${row},0-1`;
  const byte = model.cursor.col + 1;
  const screen = screenColumn(line, model.cursor.col, model.mode === 'normal') + 1;
  return byte === screen ? `${row},${byte}` : `${row},${byte}-${screen}`;
}

/** `All`, `Top`, `Bot` or how far down the window is, in percent of the lines above it. */
function relativePosition(model: ScreenModel, textRows: number): string {
  const above = model.top;
  const below = Math.max(0, model.lines.length - (model.top + textRows));
  if (below === 0) return above === 0 ? 'All' : 'Bot';
  if (above === 0) return 'Top';
  return `${String(Math.floor((above * 100) / (above + below))).padStart(2)}%`;
}
