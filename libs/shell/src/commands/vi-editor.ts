/**
 * vi's editing, without any I/O: a buffer of lines, the three modes (normal,
 * insert, the command line), vim's common commands and messages, undo, search
 * and `:s`. Each key goes in with the time it was typed and comes back as the
 * actions for the program to carry out (write the buffer, quit); the outcome of
 * a write comes back in, since vim's next step (its message, quitting after
 * `:wq`) depends on it.
 */
import type { TerminalSize } from '../shell/streams.js';
import { compilePosix, RegexSyntaxError } from './posix-regex.js';
import { expandReplacement, parseEx, parseSubstitution, type ExCommand } from './vi-ex.js';
import type { Key } from './vi-keys.js';
import type { ScreenModel } from './vi-screen.js';
import { gutterWidth } from './vi-screen.js';
import { clampToChar, columnToOffset, firstNonBlank, nextChar, prevChar, screenColumn, wordBackward, wordEnd, wordForward, type Position } from './vi-text.js';

/** What the file named on the command line turned out to be when vi read it. */
export type OpenedFile =
  | { readonly kind: 'file'; readonly text: string }
  | { readonly kind: 'new'; readonly directoryMissing: boolean }
  | { readonly kind: 'directory' }
  | { readonly kind: 'none' };

/** What the program must do for the editor. */
export type EditorAction =
  | {
      readonly kind: 'write';
      /** The file name as the user gave it (relative names are the program's to resolve). */
      readonly name: string;
      readonly text: string;
      readonly lineCount: number;
      /** Overwrite a file that exists (the buffer's own file, or `:w!`); otherwise an existing file is refused with E13. */
      readonly overwrite: boolean;
      /** `:wq`, `:x`, `ZZ`: quit once written. */
      readonly quit: boolean;
    }
  | { readonly kind: 'quit' };

/** A write request, once carried out. */
export type WriteOutcome = { readonly kind: 'written'; readonly created: boolean } | { readonly kind: 'exists' } | { readonly kind: 'directory' } | { readonly kind: 'failed' };

type WriteAction = Extract<EditorAction, { kind: 'write' }>;

/** A motion's result: where it goes and how an operator takes the text up to there. */
interface Motion {
  readonly to: Position;
  readonly linewise: boolean;
  readonly inclusive: boolean;
  /** j, k and the scrolls keep the column the cursor wants; `$` wants the end of every line. */
  readonly vertical?: boolean;
  readonly toEnd?: boolean;
}

/** The buffer before a change, to go back to with `u` (or forward again with Ctrl-R). */
interface Snapshot {
  readonly lines: readonly string[];
  readonly noLines: boolean;
  readonly cursor: Position;
  /** The change the buffer was at (0: as read). */
  readonly seq: number;
  /** The change this snapshot undoes, and when it was made. */
  readonly change: number;
  readonly time: Date;
}

interface Register {
  readonly text: string;
  readonly linewise: boolean;
}

const SCROLL_OFF = 5;
const REPORT = 2;
const INTERRUPT_HINT = 'Type  :qa!  and press <Enter> to abandon all changes and exit Vim';
/** Named keys of normal mode as the commands they are. */
const NORMAL_ALIASES: Readonly<Record<string, string>> = {
  '<Left>': 'h',
  '<Right>': 'l',
  '<Up>': 'k',
  '<Down>': 'j',
  '<Home>': '0',
  '<End>': '$',
  '<Del>': 'x',
  '<Insert>': 'i',
  '<PageDown>': '\x06',
  '<PageUp>': '\x02',
  '\x7f': 'h',
  '\x08': 'h',
  ' ': 'l',
  '\r': '+',
  '\n': '+',
};
/** Ex command names: the full name and how short it may be typed. */
const EX_NAMES: readonly [string, number][] = [
  ['write', 1],
  ['wq', 2],
  ['wqall', 3],
  ['quit', 1],
  ['qall', 2],
  ['quitall', 5],
  ['xit', 1],
  ['exit', 3],
  ['xall', 2],
  ['substitute', 1],
  ['set', 2],
  ['delete', 1],
  ['nohlsearch', 3],
];

/** One vi session's buffer and state. */
export class Editor {
  private lines: string[];
  private noLines: boolean;
  private row = 0;
  private col = 0;
  /** The screen column j and k aim for. */
  private want = 0;
  private mode: ScreenModel['mode'] = 'normal';
  private cmdline = '';
  private pending = '';
  private message: string;
  private register: Register | undefined;
  private lastSearch: { pattern: string; forward: boolean } | undefined;
  private number = false;
  private top = 0;
  private left = 0;
  private textRows = 23;
  private seq = 0;
  private savedSeq = 0;
  private lastChange = 0;
  private readonly history: Snapshot[] = [];
  private future: Snapshot[] = [];
  private insertSnapshot: Snapshot | undefined;

  /** The buffer of `name` (undefined: no file named) as read, the cursor on `startLine` (0-based; `last` for `+`). */
  constructor(
    private name: string | undefined,
    opened: OpenedFile,
    startLine: number | 'last' = 0,
  ) {
    const text = opened.kind === 'file' ? opened.text : '';
    this.lines = text === '' ? [''] : text.replace(/\n$/, '').split('\n');
    this.noLines = text === '';
    this.message = openMessage(name, opened, this.lines.length);
    this.row = startLine === 'last' ? this.lines.length - 1 : Math.min(startLine, this.lines.length - 1);
    this.col = firstNonBlank(this.line);
  }

  /** True while the buffer differs from what was last read or written. */
  get modified(): boolean {
    return this.seq !== this.savedSeq;
  }

  /** Handles one key typed at `now`. */
  key(key: Key, now: Date): EditorAction[] {
    if (this.mode === 'insert') {
      this.insertKey(key);
      return [];
    }
    if (this.mode === 'cmdline') return this.cmdlineKey(key, now);
    return this.normalKey(key, now);
  }

  /** What a write request came to: vim's message, and quitting after `:wq` when it succeeded. */
  afterWrite(action: WriteAction, outcome: WriteOutcome): EditorAction[] {
    if (outcome.kind === 'exists') this.message = 'E13: File exists (add ! to override)';
    else if (outcome.kind === 'directory') this.message = `"${action.name}" E502: is a directory`;
    else if (outcome.kind === 'failed') this.message = `"${action.name}" E212: Can't open file for writing`;
    if (outcome.kind !== 'written') return [];
    this.name ??= action.name;
    if (action.name === this.name) this.savedSeq = this.seq;
    this.message = `"${action.name}" ${outcome.created ? '[New] ' : ''}${action.lineCount}L, ${action.text.length}B written`;
    return action.quit ? [{ kind: 'quit' }] : [];
  }

  /** Scrolls the window so that the cursor shows on a screen of `size`, and says what to draw. */
  screen(size: TerminalSize): ScreenModel {
    this.textRows = Math.max(1, size.rows - 1);
    this.scrollVertically();
    const width = Math.max(1, size.cols - gutterWidth({ number: this.number, lines: this.lines }));
    const column = screenColumn(this.line, this.col, this.mode === 'normal');
    if (column < this.left || column >= this.left + width) this.left = Math.max(0, column - Math.floor(width / 2));
    const bottom = this.mode === 'cmdline' ? this.cmdline : this.mode === 'insert' ? '-- INSERT --' : this.message;
    return { lines: this.lines, noLines: this.noLines, top: this.top, left: this.left, number: this.number, cursor: { row: this.row, col: this.col }, mode: this.mode, bottom };
  }

  private get line(): string {
    return this.lines[this.row];
  }

  private scrollVertically(): void {
    const rows = this.textRows;
    const margin = Math.min(SCROLL_OFF, Math.floor((rows - 1) / 2));
    const lowest = Math.max(0, this.lines.length - rows);
    if (this.row < this.top - rows / 2 || this.row > this.top + rows * 1.5) this.top = Math.max(0, Math.min(lowest, this.row - Math.floor(rows / 2)));
    else if (this.row < this.top + margin) this.top = Math.max(0, this.row - margin);
    else if (this.row > this.top + rows - 1 - margin) this.top = Math.min(Math.max(this.top, lowest), this.row - rows + 1 + margin);
  }

  // Normal mode.

  private normalKey(key: Key, now: Date): EditorAction[] {
    const replacing = /^\d*r$/.test(this.pending);
    if (key === '<Esc>' || (replacing && isNamedKey(key))) {
      this.pending = '';
      return [];
    }
    this.pending += replacing ? key : (NORMAL_ALIASES[key] ?? key);
    const parts = /^([1-9]\d*)?(.*)$/s.exec(this.pending)!;
    if (parts[2] === '') return [];
    const count = parts[1] === undefined ? undefined : Number(parts[1]);
    const result = this.command(parts[2], count, now);
    if (result === 'more') return [];
    this.pending = '';
    return result;
  }

  /** Runs a normal-mode command; 'more' while it needs more keys. */
  private command(command: string, count: number | undefined, now: Date): EditorAction[] | 'more' {
    const times = count ?? 1;
    const motion = this.motion(command, count);
    if (motion === 'more') return 'more';
    if (motion) {
      this.moveTo(motion);
      return [];
    }
    const operator = /^([dcy])([1-9]\d*)?(.*)$/s.exec(command);
    if (operator) return this.operatorCommand(operator[1], operator[3], count === undefined && operator[2] === undefined ? undefined : times * Number(operator[2] ?? 1), now);
    switch (command[0]) {
      case 'x':
        return this.operatorCommand('d', 'l', count, now);
      case 'X':
        return this.operatorCommand('d', 'h', count, now);
      case 'D':
        return this.operatorCommand('d', '$', count, now);
      case 'C':
        return this.operatorCommand('c', '$', count, now);
      case 's':
        return this.operatorCommand('c', 'l', count, now);
      case 'S':
        return this.operatorCommand('c', 'c', count, now);
      case 'Y':
        return this.operatorCommand('y', 'y', count, now);
      case 'p':
      case 'P':
        this.put(command[0] === 'p', times, now);
        return [];
      case 'u':
        this.undo(now);
        return [];
      case '\x12':
        this.redo(now);
        return [];
      case 'J':
        this.join(Math.max(2, times), now);
        return [];
      case 'r':
        if (command.length === 1) return 'more';
        this.replaceChars(command.slice(1), times, now);
        return [];
      case 'i':
      case 'a':
      case 'I':
      case 'A':
      case 'o':
      case 'O':
        this.startInsert(command[0], now);
        return [];
      case ':':
      case '/':
      case '?':
        this.mode = 'cmdline';
        this.cmdline = count === undefined || command !== ':' ? command : `:.,.+${count - 1}`;
        return [];
      case 'Z':
        if (command.length === 1) return 'more';
        if (command === 'ZZ') return this.ex('x', now);
        return command === 'ZQ' ? this.ex('q!', now) : [];
      case '\x03':
        this.message = INTERRUPT_HINT;
        return [];
      case '\x04':
      case '\x15':
      case '\x06':
      case '\x02':
        this.scrollBy(command[0], times);
        return [];
      default:
        return [];
    }
  }

  /** A motion command's target from the cursor; 'more' while it needs more keys; undefined when `command` is no motion. */
  private motion(command: string, count: number | undefined): Motion | 'more' | undefined {
    const times = count ?? 1;
    const here: Position = { row: this.row, col: this.col };
    const last = this.lines.length - 1;
    const lineStart = (row: number): Motion => ({ to: { row, col: firstNonBlank(this.lines[row]) }, linewise: true, inclusive: false });
    switch (command) {
      case 'h': {
        let col = this.col;
        for (let i = 0; i < times; i++) col = prevChar(this.line, col);
        return { to: { row: this.row, col }, linewise: false, inclusive: false };
      }
      case 'l': {
        let col = this.col;
        for (let i = 0; i < times && col < this.line.length; i++) col = nextChar(this.line, col);
        return { to: { row: this.row, col }, linewise: false, inclusive: false };
      }
      case 'j':
      case 'k': {
        const row = Math.max(0, Math.min(last, this.row + (command === 'j' ? times : -times)));
        return { to: { row, col: this.col }, linewise: true, inclusive: false, vertical: true };
      }
      case '0':
        return { to: { row: this.row, col: 0 }, linewise: false, inclusive: false };
      case '^':
        return { to: { row: this.row, col: firstNonBlank(this.line) }, linewise: false, inclusive: false };
      case '$': {
        const row = Math.min(last, this.row + times - 1);
        return { to: { row, col: clampToChar(this.lines[row], this.lines[row].length) }, linewise: false, inclusive: true, toEnd: true };
      }
      case 'w':
      case 'W':
      case 'b':
      case 'B':
      case 'e':
      case 'E': {
        const step = command.toLowerCase() === 'w' ? wordForward : command.toLowerCase() === 'b' ? wordBackward : wordEnd;
        let to = here;
        for (let i = 0; i < times; i++) to = step(this.lines, to, command === command.toUpperCase());
        return { to, linewise: false, inclusive: command.toLowerCase() === 'e' };
      }
      case 'G':
        return lineStart(count === undefined ? last : Math.min(last, count - 1));
      case 'g':
        return 'more';
      case 'gg':
        return lineStart(Math.min(last, times - 1));
      case '+':
      case '-':
        return lineStart(Math.max(0, Math.min(last, this.row + (command === '+' ? times : -times))));
      case 'n':
      case 'N':
        return this.searchMotion(command === 'N');
      default:
        return undefined;
    }
  }

  private moveTo(motion: Motion): void {
    this.row = motion.to.row;
    if (motion.vertical) this.col = columnToOffset(this.line, this.want);
    else {
      this.col = clampToChar(this.line, motion.to.col);
      this.want = motion.toEnd ? Infinity : screenColumn(this.line, this.col, true);
    }
  }

  /** d, c or y with a motion (`dd`, `cc`, `yy` for whole lines) and the count typed before either; 'more' while the motion is incomplete. */
  private operatorCommand(operator: string, rest: string, count: number | undefined, now: Date): EditorAction[] | 'more' {
    if (rest === '') return 'more';
    const times = count ?? 1;
    let motion: Motion | 'more' | undefined;
    if (rest === operator) motion = { to: { row: Math.min(this.lines.length - 1, this.row + times - 1), col: 0 }, linewise: true, inclusive: false };
    else if (operator === 'c' && (rest === 'w' || rest === 'W') && /[^ \t]/.test(this.line[this.col] ?? ' ')) motion = this.changeWordMotion(rest === 'W', times);
    else motion = this.motion(rest, count);
    if (motion === 'more') return 'more';
    if (!motion) return [];
    if (motion.linewise) this.linewiseOperator(operator, Math.min(this.row, motion.to.row), Math.max(this.row, motion.to.row), now);
    else this.charwiseOperator(operator, motion, rest, now);
    return [];
  }

  /** `cw` on a word is `ce` that stays on a word's last character: it changes to the end of this word. */
  private changeWordMotion(big: boolean, times: number): Motion {
    let to = wordEnd(this.lines, { row: this.row, col: this.col }, big, true);
    for (let i = 1; i < times; i++) to = wordEnd(this.lines, to, big);
    return { to, linewise: false, inclusive: true };
  }

  private linewiseOperator(operator: string, from: number, to: number, now: Date): void {
    const count = to - from + 1;
    this.register = { text: this.lines.slice(from, to + 1).join('\n'), linewise: true };
    if (operator === 'y') {
      this.row = from;
      if (count > REPORT) this.message = `${count} lines yanked`;
      return;
    }
    this.checkpoint(now);
    if (operator === 'c') {
      this.lines.splice(from, count, '');
      this.row = from;
      this.col = 0;
      this.noLines = false;
      this.enterInsert();
      return;
    }
    this.deleteLines(from, count);
  }

  private deleteLines(from: number, count: number): void {
    this.lines.splice(from, count);
    if (this.lines.length === 0) {
      this.lines = [''];
      this.noLines = true;
      this.message = '--No lines in buffer--';
    } else if (count > REPORT) this.message = `${count} fewer lines`;
    this.row = Math.min(from, this.lines.length - 1);
    this.col = firstNonBlank(this.line);
  }

  private charwiseOperator(operator: string, motion: Motion, rest: string, now: Date): void {
    const here: Position = { row: this.row, col: this.col };
    const forward = motion.to.row > here.row || (motion.to.row === here.row && motion.to.col >= here.col);
    const start = forward ? here : motion.to;
    let end = forward ? motion.to : here;
    if (motion.inclusive) end = { row: end.row, col: nextChar(this.lines[end.row], end.col) };
    else if (end.row > start.row && /^[wW]$/.test(rest)) end = { row: end.row - 1, col: this.lines[end.row - 1].length };
    const text = [this.lines[start.row].slice(start.col, end.row === start.row ? end.col : undefined), ...this.lines.slice(start.row + 1, end.row + 1).map((line, i, all) => (i === all.length - 1 ? line.slice(0, end.col) : line))].join('\n');
    if (operator === 'y') {
      this.register = { text, linewise: false };
      this.row = start.row;
      this.col = start.col;
      return;
    }
    if (text === '' && operator === 'd') return;
    if (text !== '') this.register = { text, linewise: false };
    this.checkpoint(now);
    this.lines.splice(start.row, end.row - start.row + 1, this.lines[start.row].slice(0, start.col) + this.lines[end.row].slice(end.col));
    this.noLines = false;
    this.row = start.row;
    this.col = start.col;
    if (operator === 'c') this.enterInsert();
    else this.col = clampToChar(this.line, this.col);
  }

  private put(after: boolean, times: number, now: Date): void {
    const register = this.register;
    if (!register) {
      this.message = 'E353: Nothing in register "';
      return;
    }
    this.checkpoint(now);
    if (register.linewise) {
      const added = Array.from({ length: times }, () => register.text.split('\n')).flat();
      const at = this.noLines ? 0 : after ? this.row + 1 : this.row;
      this.lines.splice(at, this.noLines ? 1 : 0, ...added);
      this.noLines = false;
      this.row = at;
      this.col = firstNonBlank(this.line);
      if (added.length > REPORT) this.message = `${added.length} more lines`;
      return;
    }
    this.noLines = false;
    const text = register.text.repeat(times);
    const at = after && this.line !== '' ? nextChar(this.line, this.col) : this.col;
    const pieces = (this.line.slice(0, at) + text + this.line.slice(at)).split('\n');
    this.lines.splice(this.row, 1, ...pieces);
    this.col = pieces.length > 1 ? at : prevChar(this.line, at + text.length);
  }

  private join(count: number, now: Date): void {
    const last = Math.min(this.lines.length - 1, this.row + count - 1);
    if (last === this.row) return;
    this.checkpoint(now);
    let joined = this.line;
    let col = 0;
    for (const next of this.lines.slice(this.row + 1, last + 1)) {
      const rest = next.replace(/^[ \t]+/, '');
      const space = joined !== '' && rest !== '' && !/[ \t]$/.test(joined) && !rest.startsWith(')') ? ' ' : '';
      col = joined.length;
      joined += space + rest;
    }
    this.lines.splice(this.row, last - this.row + 1, joined);
    this.col = clampToChar(joined, col);
  }

  private replaceChars(char: string, times: number, now: Date): void {
    if (char.length === 1 && char < ' ' && char !== '\t') return;
    let end = this.col;
    for (let i = 0; i < times; i++) {
      if (end >= this.line.length) return;
      end = nextChar(this.line, end);
    }
    this.checkpoint(now);
    this.lines[this.row] = this.line.slice(0, this.col) + char.repeat(times) + this.line.slice(end);
    this.col += char.length * (times - 1);
  }

  private scrollBy(key: string, times: number): void {
    const page = key === '\x04' || key === '\x15' ? Math.max(1, Math.floor(this.textRows / 2)) : Math.max(1, this.textRows - 2) * times;
    const step = key === '\x04' || key === '\x06' ? page : -page;
    const last = this.lines.length - 1;
    this.top = Math.max(0, Math.min(last, this.top + step));
    this.row = Math.max(0, Math.min(last, this.row + step));
    this.col = columnToOffset(this.line, this.want);
  }

  // Undo.

  /** Records the buffer before a change. */
  private checkpoint(now: Date): void {
    const snapshot: Snapshot = { lines: [...this.lines], noLines: this.noLines, cursor: { row: this.row, col: this.col }, seq: this.seq, change: ++this.lastChange, time: now };
    this.history.push(snapshot);
    this.future = [];
    this.seq = snapshot.change;
  }

  private undo(now: Date): void {
    const snapshot = this.history.pop();
    if (!snapshot) {
      this.message = 'Already at oldest change';
      return;
    }
    this.future.push(this.restore(snapshot, snapshot.change));
    this.message = changeMessage(this.future[this.future.length - 1].lines.length, this.lines.length, `before #${snapshot.change}`, snapshot.time, now);
  }

  private redo(now: Date): void {
    const snapshot = this.future.pop();
    if (!snapshot) {
      this.message = 'Already at newest change';
      return;
    }
    this.history.push(this.restore(snapshot, snapshot.change));
    this.message = changeMessage(this.history[this.history.length - 1].lines.length, this.lines.length, `after #${snapshot.change}`, snapshot.time, now);
  }

  /** Puts `snapshot` back; returns the state it replaced, to go back to. */
  private restore(snapshot: Snapshot, change: number): Snapshot {
    const replaced: Snapshot = { lines: this.lines, noLines: this.noLines, cursor: { row: this.row, col: this.col }, seq: this.seq, change, time: snapshot.time };
    this.lines = [...snapshot.lines];
    this.noLines = snapshot.noLines;
    this.seq = snapshot.seq;
    this.row = Math.min(snapshot.cursor.row, this.lines.length - 1);
    this.col = clampToChar(this.line, snapshot.cursor.col);
    return replaced;
  }

  // Insert mode.

  private startInsert(command: string, now: Date): void {
    this.checkpoint(now);
    switch (command) {
      case 'a':
        if (this.line !== '') this.col = nextChar(this.line, this.col);
        break;
      case 'I':
        this.col = firstNonBlank(this.line);
        break;
      case 'A':
        this.col = this.line.length;
        break;
      case 'o':
      case 'O':
        if (command === 'o') this.row++;
        this.lines.splice(this.row, 0, '');
        this.col = 0;
        this.noLines = false;
    }
    this.enterInsert();
  }

  private enterInsert(): void {
    this.mode = 'insert';
    this.message = '';
    this.insertSnapshot = this.history[this.history.length - 1];
  }

  private insertKey(key: Key): void {
    switch (key) {
      case '<Esc>':
      case '\x03':
        return this.leaveInsert();
      case '\r':
      case '\n':
        this.lines.splice(this.row, 1, this.line.slice(0, this.col), this.line.slice(this.col));
        this.row++;
        this.col = 0;
        this.noLines = false;
        break;
      case '\x7f':
      case '\x08':
        if (this.col > 0) {
          const start = prevChar(this.line, this.col);
          this.lines[this.row] = this.line.slice(0, start) + this.line.slice(this.col);
          this.col = start;
        } else if (this.row > 0) {
          this.row--;
          this.col = this.line.length;
          this.lines.splice(this.row, 2, this.line + this.lines[this.row + 1]);
        }
        break;
      case '<Del>':
        if (this.col < this.line.length) this.lines[this.row] = this.line.slice(0, this.col) + this.line.slice(nextChar(this.line, this.col));
        else if (this.row < this.lines.length - 1) this.lines.splice(this.row, 2, this.line + this.lines[this.row + 1]);
        break;
      case '<Left>':
        this.col = prevChar(this.line, this.col);
        break;
      case '<Right>':
        if (this.col < this.line.length) this.col = nextChar(this.line, this.col);
        break;
      case '<Up>':
      case '<Down>':
        this.row = Math.max(0, Math.min(this.lines.length - 1, this.row + (key === '<Up>' ? -1 : 1)));
        this.col = Math.min(this.line.length, columnToOffset(this.line, this.want));
        return;
      case '<Home>':
        this.col = 0;
        break;
      case '<End>':
        this.col = this.line.length;
        break;
      default:
        if (isNamedKey(key)) return;
        if (key.length === 1 && key < ' ' && key !== '\t') return;
        this.lines[this.row] = this.line.slice(0, this.col) + key + this.line.slice(this.col);
        this.col += key.length;
        this.noLines = false;
    }
    this.want = screenColumn(this.line, this.col, false);
  }

  /** Esc: back to normal mode on the character before the cursor; an insert that changed nothing leaves nothing to undo. */
  private leaveInsert(): void {
    this.mode = 'normal';
    this.col = this.col > 0 ? prevChar(this.line, this.col) : 0;
    this.want = screenColumn(this.line, this.col, true);
    const snapshot = this.insertSnapshot;
    if (snapshot && snapshot === this.history[this.history.length - 1] && snapshot.noLines === this.noLines && snapshot.lines.join('\n') === this.lines.join('\n')) {
      this.history.pop();
      this.seq = snapshot.seq;
      this.lastChange--;
    }
    this.insertSnapshot = undefined;
  }

  // The command line.

  private cmdlineKey(key: Key, now: Date): EditorAction[] {
    switch (key) {
      case '<Esc>':
      case '\x03':
        this.mode = 'normal';
        this.message = '';
        return [];
      case '\x7f':
      case '\x08':
        this.cmdline = this.cmdline.slice(0, prevChar(this.cmdline, this.cmdline.length));
        if (this.cmdline === '') {
          this.mode = 'normal';
          this.message = '';
        }
        return [];
      case '\x15':
        this.cmdline = this.cmdline[0];
        return [];
      case '\r':
      case '\n': {
        this.mode = 'normal';
        const [prefix, text] = [this.cmdline[0], this.cmdline.slice(1)];
        this.message = this.cmdline;
        if (prefix === ':') return this.ex(text, now);
        this.search(text === '' ? undefined : text, prefix === '/');
        return [];
      }
      default:
        if (key.length === 1 && key < ' ' && key !== '\t') return [];
        if (!isNamedKey(key)) this.cmdline += key;
        return [];
    }
  }

  /** Runs an ex command line (what follows `:`). */
  private ex(text: string, now: Date): EditorAction[] {
    const command = parseEx(text, this.row, this.lines.length);
    if (!command) {
      this.message = 'E16: Invalid range';
      return [];
    }
    const name = command.name === '' ? '' : EX_NAMES.find(([full, shortest]) => command.name.length >= shortest && full.startsWith(command.name))?.[0];
    switch (name) {
      case '':
        if (command.range) this.moveTo({ to: { row: command.range.to, col: firstNonBlank(this.lines[command.range.to]) }, linewise: true, inclusive: false });
        return [];
      case 'write':
        return this.write(command, false);
      case 'wq':
      case 'wqall':
        return this.write(command, true);
      case 'xit':
      case 'exit':
      case 'xall':
        return this.modified || command.argument !== '' ? this.write(command, true) : [{ kind: 'quit' }];
      case 'quit':
      case 'qall':
      case 'quitall':
        if (this.modified && !command.bang) {
          this.message = 'E37: No write since last change (add ! to override)';
          return [];
        }
        return [{ kind: 'quit' }];
      case 'substitute':
        this.substitute(command, now);
        return [];
      case 'set':
        this.set(command.argument);
        return [];
      case 'delete': {
        const { from, to } = command.range ?? { from: this.row, to: this.row };
        this.register = { text: this.lines.slice(from, to + 1).join('\n'), linewise: true };
        this.checkpoint(now);
        this.deleteLines(from, to - from + 1);
        return [];
      }
      case 'nohlsearch':
        return [];
      default:
        this.message = `E492: Not an editor command: ${text.replace(/^[\s:]+/, '')}`;
        return [];
    }
  }

  private write(command: ExCommand, quit: boolean): EditorAction[] {
    const name = command.argument.trim() === '' ? this.name : command.argument.trim();
    if (name === undefined) {
      this.message = 'E32: No file name';
      return [];
    }
    const text = this.noLines ? '' : this.lines.map((line) => `${line}\n`).join('');
    return [{ kind: 'write', name, text, lineCount: this.noLines ? 0 : this.lines.length, overwrite: command.bang || name === this.name, quit }];
  }

  private set(argument: string): void {
    for (const option of argument.split(/\s+/).filter((word) => word !== '')) {
      if (option === 'nu' || option === 'number') this.number = true;
      else if (option === 'nonu' || option === 'nonumber') this.number = false;
      else if (option === 'nu!' || option === 'number!' || option === 'invnu' || option === 'invnumber') this.number = !this.number;
      else if (option !== 'paste' && option !== 'nopaste') {
        this.message = `E518: Unknown option: ${option}`;
        return;
      }
    }
  }

  // Search and substitute.

  private compile(pattern: string, ignoreCase = false): RegExp | undefined {
    try {
      return compilePosix(pattern, { extended: false, global: true, ignoreCase });
    } catch (error) {
      if (error instanceof RegexSyntaxError) return undefined;
      throw error;
    }
  }

  /** `/pattern` or `?pattern` (undefined: the last one) typed on the command line. */
  private search(pattern: string | undefined, forward: boolean): void {
    const wanted = pattern ?? this.lastSearch?.pattern;
    if (wanted === undefined) {
      this.message = 'E35: No previous regular expression';
      return;
    }
    this.lastSearch = { pattern: wanted, forward };
    const motion = this.searchMotion(false);
    if (motion) this.moveTo(motion);
  }

  /** `n` (or `N`, `reverse`): the next match of the last search, with vim's wrap-around and not-found messages. */
  private searchMotion(reverse: boolean): Motion | undefined {
    if (!this.lastSearch) {
      this.message = 'E35: No previous regular expression';
      return undefined;
    }
    const { pattern, forward } = this.lastSearch;
    const regex = this.compile(pattern);
    const found = regex && findMatch(this.lines, regex, { row: this.row, col: this.col }, forward !== reverse);
    if (!found) {
      this.message = `E486: Pattern not found: ${pattern}`;
      return undefined;
    }
    this.message = found.wrapped ? (forward !== reverse ? 'search hit BOTTOM, continuing at TOP' : 'search hit TOP, continuing at BOTTOM') : `${forward !== reverse ? '/' : '?'}${pattern}`;
    return { to: found.at, linewise: false, inclusive: false };
  }

  /** `:[range]s/pattern/replacement/[g][i]`. */
  private substitute(command: ExCommand, now: Date): void {
    const parts = parseSubstitution(command.argument);
    const pattern = parts?.pattern ?? this.lastSearch?.pattern;
    if (!parts || pattern === undefined) {
      this.message = 'E35: No previous regular expression';
      return;
    }
    this.lastSearch = { pattern, forward: this.lastSearch?.forward ?? true };
    const regex = this.compile(pattern, parts.ignoreCase);
    const from = command.range?.from ?? this.row;
    const to = command.range?.to ?? this.row;
    let substitutions = 0;
    let changedLines = 0;
    let lastRow = -1;
    const result = this.lines.slice(0, from);
    for (const line of this.lines.slice(from, to + 1)) {
      let inLine = 0;
      const replaced = regex
        ? line.replace(regex, (...args: unknown[]) => {
            const groups = args.slice(0, args.findIndex((arg) => typeof arg === 'number')) as (string | undefined)[];
            if (!parts.global && inLine > 0) return groups[0] ?? '';
            inLine++;
            return expandReplacement(parts.replacement, groups);
          })
        : line;
      result.push(...replaced.split('\n'));
      if (inLine > 0) {
        substitutions += inLine;
        changedLines++;
        lastRow = result.length - 1;
      }
    }
    if (substitutions === 0) {
      this.message = `E486: Pattern not found: ${pattern}`;
      return;
    }
    this.checkpoint(now);
    this.lines = [...result, ...this.lines.slice(to + 1)];
    this.noLines = false;
    this.row = lastRow;
    this.col = firstNonBlank(this.line);
    if (substitutions > REPORT) this.message = `${substitutions} substitution${substitutions === 1 ? '' : 's'} on ${changedLines} line${changedLines === 1 ? '' : 's'}`;
  }
}

function isNamedKey(key: Key): boolean {
  return key.length > 1 && key.startsWith('<');
}

/** The next match of `regex` after `from` (before it when searching backward), wrapping around the buffer. */
function findMatch(lines: readonly string[], regex: RegExp, from: Position, forward: boolean): { at: Position; wrapped: boolean } | undefined {
  const count = lines.length;
  for (let step = 0; step <= count; step++) {
    const row = (((forward ? from.row + step : from.row - step) % count) + count) % count;
    const starts = [...lines[row].matchAll(regex)].map((match) => match.index);
    const wrapped = forward ? from.row + step >= count : from.row - step < 0;
    const candidates = step === 0 ? starts.filter((col) => (forward ? col > from.col : col < from.col)) : step === count ? starts.filter((col) => (forward ? col <= from.col : col >= from.col)) : starts;
    const col = forward ? candidates[0] : candidates[candidates.length - 1];
    if (col !== undefined) return { at: { row, col }, wrapped };
  }
  return undefined;
}

/** vim's message after reading a file: `"f" 3L, 45B`, `"f" [noeol] …`, `"f" [New]`, `"f" [New DIRECTORY]`, `"d" is a directory`. */
function openMessage(name: string | undefined, opened: OpenedFile, lineCount: number): string {
  switch (opened.kind) {
    case 'none':
      return '';
    case 'directory':
      return `"${name}" is a directory`;
    case 'new':
      return `"${name}" ${opened.directoryMissing ? '[New DIRECTORY]' : '[New]'}`;
    case 'file':
      if (opened.text === '') return `"${name}" 0L, 0B`;
      return `"${name}" ${opened.text.endsWith('\n') ? '' : '[noeol] '}${lineCount}L, ${opened.text.length}B`;
  }
}

/** vim's message after `u` or Ctrl-R: what changed, which change, and how long ago it was made. */
function changeMessage(linesBefore: number, linesAfter: number, which: string, made: Date, now: Date): string {
  const difference = linesAfter - linesBefore;
  const what =
    difference === 1 ? '1 more line' : difference > 1 ? `${difference} more lines` : difference === -1 ? '1 line less' : difference < -1 ? `${-difference} fewer lines` : '1 change';
  const seconds = Math.max(0, Math.floor((now.getTime() - made.getTime()) / 1000));
  const when = seconds >= 100 ? made.toISOString().slice(11, 19) : `${seconds} second${seconds === 1 ? '' : 's'} ago`;
  return `${what}; ${which}  ${when}`;
}
