/**
 * A terminal screen for specs of full-screen programs (vi): it applies what
 * the program wrote (text, `\r`, `\n`, cursor position, erase line, erase
 * screen, the alternate screen) so a spec reads rows as a user would see them
 * instead of matching escape sequences.
 */

/** A grid of characters with a cursor, fed the text a program writes. */
export class AnsiScreen {
  private grid: string[][];
  private saved: { grid: string[][]; row: number; col: number } | undefined;
  private row = 0;
  private col = 0;

  constructor(
    private readonly cols: number,
    private readonly rows: number,
  ) {
    this.grid = this.blank();
  }

  /** Applies `text` (already decoded from UTF-8). */
  write(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (char === '\x1b') {
        const sequence = /^\[(\??)([0-9;]*)([@-~])/.exec(text.slice(i + 1));
        if (!sequence) continue;
        this.control(sequence[1] === '?', sequence[2], sequence[3]);
        i += sequence[0].length;
      } else if (char === '\r') this.col = 0;
      else if (char === '\n') this.lineFeed();
      else if (char === '\b') this.col = Math.max(0, this.col - 1);
      else this.put(char);
    }
  }

  /** Row `n` (from 0) without its trailing blanks. */
  line(n: number): string {
    return this.grid[n].join('').trimEnd();
  }

  /** Every row, trailing blanks dropped. */
  lines(): string[] {
    return this.grid.map((_, n) => this.line(n));
  }

  /** Where the cursor is, from 0. */
  cursor(): { row: number; col: number } {
    return { row: this.row, col: this.col };
  }

  private control(privateMode: boolean, parameters: string, final: string): void {
    const numbers = parameters.split(';').map((value) => Number(value) || 0);
    if (privateMode) {
      if (parameters === '1049' && final === 'h') {
        this.saved = { grid: this.grid, row: this.row, col: this.col };
        this.grid = this.blank();
      } else if (parameters === '1049' && final === 'l' && this.saved) {
        ({ grid: this.grid, row: this.row, col: this.col } = this.saved);
        this.saved = undefined;
      }
      return;
    }
    if (final === 'H') {
      this.row = Math.min(this.rows, Math.max(1, numbers[0] ?? 1)) - 1;
      this.col = Math.min(this.cols, Math.max(1, numbers[1] ?? 1)) - 1;
    } else if (final === 'K') this.grid[this.row].fill(' ', this.col);
    else if (final === 'J' && numbers[0] === 2) this.grid = this.blank();
  }

  private put(char: string): void {
    if (this.col >= this.cols) {
      this.col = 0;
      this.lineFeed();
    }
    this.grid[this.row][this.col++] = char;
  }

  private lineFeed(): void {
    if (this.row < this.rows - 1) this.row++;
    else this.grid = [...this.grid.slice(1), Array<string>(this.cols).fill(' ')];
  }

  private blank(): string[][] {
    return Array.from({ length: this.rows }, () => Array<string>(this.cols).fill(' '));
  }
}
