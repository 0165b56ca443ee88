/**
 * The TTY of a session: keystrokes go through the line editor, its echo goes
 * straight to the screen, and its events go either to the interactive shell
 * waiting at its prompt or, while a command runs in the foreground, into that
 * command's standard input (Ctrl-D ends it, Ctrl-C interrupts the command).
 * A foreground command may switch it to raw mode, as vi does: keystrokes then
 * reach its input byte for byte, with no echo, editing or signals, and what it
 * writes reaches the screen without `\n` → `\r\n` (the tty's onlcr).
 */
import { BrokenPipe, Pipe } from '../io/pipe.js';
import type { Sink, TerminalSize, Tty } from '../shell/streams.js';
import { LineEditor, type EditorEvent } from './line-editor.js';

/** One terminal between a session's stdin and the process it runs. */
export class Terminal implements Tty {
  /** What programs write to the terminal: `\n` shown as `\r\n` unless raw. */
  readonly screen: Sink;
  private readonly editor: LineEditor;
  private readonly events: EditorEvent[] = [];
  private wake: (() => void) | undefined;
  private foregroundInput: Pipe | undefined;
  private ended = false;
  private raw = false;

  /** `display` shows bytes as they are; `interrupt` is Ctrl-C while a command runs; `size` the client's window. */
  constructor(
    private readonly display: (bytes: string) => void,
    private readonly interrupt: () => void,
    private currentSize: TerminalSize,
  ) {
    this.editor = new LineEditor(display, (event) => this.dispatch(event));
    this.screen = (bytes) => {
      if (bytes !== '') display(this.raw ? bytes : bytes.replace(/\n/g, '\r\n'));
    };
  }

  /** The foreground command's standard input, while one runs. */
  get input(): Pipe | undefined {
    return this.foregroundInput;
  }

  /** Keystrokes from the client: in raw mode straight into the foreground command's input. */
  type(bytes: string): void {
    if (this.raw && this.foregroundInput) this.feedInput(this.foregroundInput, bytes);
    else this.editor.feed(bytes);
  }

  /** The window's size now. */
  size(): TerminalSize {
    return this.currentSize;
  }

  /** The client's window changed size. */
  resize(size: TerminalSize): void {
    this.currentSize = size;
  }

  /** Raw mode on or off (a command's, which the shell turns off when the command ends); only a foreground command's input can be raw. */
  setRaw(raw: boolean): void {
    this.raw = raw && this.foregroundInput !== undefined;
  }

  /** The client closed stdin: no more keystrokes, ever. */
  end(): void {
    this.ended = true;
    this.foregroundInput?.close();
    this.dispatch({ kind: 'eof' });
  }

  /** Shows `prompt` and lets the user edit a command line. */
  prompt(prompt: string): void {
    this.editor.mode = 'prompt';
    this.display(prompt + this.editor.line);
  }

  /** The next line, end of input or interrupt typed at the prompt. */
  async nextEvent(): Promise<EditorEvent> {
    while (this.events.length === 0) {
      if (this.ended) return { kind: 'eof' };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.events.shift()!;
  }

  /** A command starts: from now on, typed lines are its standard input. */
  foreground(): Pipe {
    this.editor.mode = 'cooked';
    this.foregroundInput = new Pipe(Infinity);
    if (this.ended) this.foregroundInput.close();
    return this.foregroundInput;
  }

  /** The command ended: lines typed ahead that it did not read become the next commands, as on a real tty. */
  background(): void {
    const unread = this.foregroundInput?.take() ?? '';
    this.foregroundInput = undefined;
    const lines = unread.split('\n').slice(0, -1);
    this.events.unshift(...lines.map((text): EditorEvent => ({ kind: 'line', text, newline: true })));
  }

  private dispatch(event: EditorEvent): void {
    const input = this.foregroundInput;
    if (!input) {
      this.events.push(event);
      this.wake?.();
      this.wake = undefined;
    } else if (event.kind === 'interrupt') this.interrupt();
    else if (event.kind === 'eof') input.close();
    else this.feedInput(input, event.newline ? `${event.text}\n` : event.text);
  }

  private feedInput(input: Pipe, bytes: string): void {
    try {
      input.write(bytes);
    } catch (error) {
      if (!(error instanceof BrokenPipe)) throw error;
    }
  }
}
