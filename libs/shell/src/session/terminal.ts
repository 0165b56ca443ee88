/**
 * The TTY of a session: keystrokes go through the line editor, its echo goes
 * straight to the screen, and its events go either to the interactive shell
 * waiting at its prompt or, while a command runs in the foreground, into that
 * command's standard input (Ctrl-D ends it, Ctrl-C interrupts the command).
 */
import { BrokenPipe, Pipe } from '../io/pipe.js';
import { LineEditor, type EditorEvent } from './line-editor.js';

/** One terminal between a session's stdin and the process it runs. */
export class Terminal {
  private readonly editor: LineEditor;
  private readonly events: EditorEvent[] = [];
  private wake: (() => void) | undefined;
  private input: Pipe | undefined;
  private ended = false;

  /** `screen` shows bytes as they are; `interrupt` is Ctrl-C while a command runs. */
  constructor(
    private readonly screen: (bytes: string) => void,
    private readonly interrupt: () => void,
  ) {
    this.editor = new LineEditor(screen, (event) => this.dispatch(event));
  }

  /** Keystrokes from the client. */
  type(bytes: string): void {
    this.editor.feed(bytes);
  }

  /** The client closed stdin: no more keystrokes, ever. */
  end(): void {
    this.ended = true;
    this.input?.close();
    this.dispatch({ kind: 'eof' });
  }

  /** Shows `prompt` and lets the user edit a command line. */
  prompt(prompt: string): void {
    this.editor.mode = 'prompt';
    this.screen(prompt + this.editor.line);
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
    this.input = new Pipe(Infinity);
    if (this.ended) this.input.close();
    return this.input;
  }

  /** The command ended: lines typed ahead that it did not read become the next commands, as on a real tty. */
  background(): void {
    const unread = this.input?.take() ?? '';
    this.input = undefined;
    const lines = unread.split('\n').slice(0, -1);
    this.events.unshift(...lines.map((text): EditorEvent => ({ kind: 'line', text, newline: true })));
  }

  private dispatch(event: EditorEvent): void {
    if (!this.input) {
      this.events.push(event);
      this.wake?.();
      this.wake = undefined;
    } else if (event.kind === 'interrupt') this.interrupt();
    else if (event.kind === 'eof') this.input.close();
    else this.feedInput(this.input, event.newline ? `${event.text}\n` : event.text);
  }

  private feedInput(input: Pipe, bytes: string): void {
    try {
      input.write(bytes);
    } catch (error) {
      if (!(error instanceof BrokenPipe)) throw error;
    }
  }
}
