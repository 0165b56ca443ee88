/**
 * `vi [+N|+] [FILE]` (and `vim`): vim's full-screen editor for the common
 * subset (see vi-editor.ts), drawn with ANSI sequences on the alternate screen.
 * On a terminal it switches it to raw mode and reads keys as they are typed;
 * without one it warns as vim does and still reads keys from standard input,
 * so `printf ':%%s/a/b/\n:wq\n' | vi FILE` edits FILE. It writes through the
 * file system as `sed -i` does, so a node sees an edited manifest the same way.
 */
import { FsError } from '../fs/fs-error.js';
import { parentPath } from '../fs/path.js';
import { Pipe, type StandardInput } from '../io/pipe.js';
import type { TerminalSize } from '../shell/streams.js';
import type { CommandContext } from './command-context.js';
import { Editor, type EditorAction, type OpenedFile, type WriteOutcome } from './vi-editor.js';
import { KeyReader } from './vi-keys.js';
import { renderScreen } from './vi-screen.js';

const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h\x1b[H\x1b[2J';
const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';
/** vim's pause after warning that it is not on a terminal, so that the warning can be read. */
const WARNING_DELAY_SECONDS = 2;
const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };

/** What the command line asks for: the file and the line to start on. */
interface Invocation {
  readonly file: string | undefined;
  readonly startLine: number | 'last';
}

/** Edits FILE until `:q`, `:wq`, `ZZ`…; status 0, or 1 when input ends first or an option is unknown. */
export async function vi(context: CommandContext): Promise<number> {
  const invocation = parseArguments(context.args);
  if (typeof invocation === 'string') {
    context.stderr(`VIM - Vi IMproved 9.1\n\nUnknown option argument: "${invocation}"\nMore info with: "vim -h"\n`);
    return 1;
  }
  const keyboard = context.terminal?.input === true;
  if (!keyboard || context.terminal?.output !== true) {
    if (context.terminal?.output !== true) context.stderr('Vim: Warning: Output is not to a terminal\n');
    if (!keyboard) context.stderr('Vim: Warning: Input is not from a terminal\n');
    await context.runtime.sleep(WARNING_DELAY_SECONDS);
  }
  const editor = new Editor(invocation.file, open(context, invocation.file), invocation.startLine);
  const size = () => context.terminal?.size() ?? sizeFromEnv(context.env);
  if (keyboard) context.terminal?.setRaw(true);
  context.stdout(ENTER_ALTERNATE_SCREEN + renderScreen(editor.screen(size()), size()));
  const input: StandardInput = context.stdin ?? Pipe.of(context.input);
  const keys = new KeyReader();
  for (let chunk = await input.read(); chunk !== undefined; chunk = await input.read()) {
    for (const key of keys.feed(chunk)) {
      if (carryOut(context, editor, editor.key(key, context.runtime.now()))) {
        context.stdout(LEAVE_ALTERNATE_SCREEN);
        return 0;
      }
    }
    context.stdout(renderScreen(editor.screen(size()), size()));
  }
  context.stdout(`${LEAVE_ALTERNATE_SCREEN}Vim: Error reading input, exiting...\r\nVim: Finished.\r\n`);
  return 1;
}

/** `+N` (start on line N), `+` (on the last line), `--`, and the first FILE; an unknown option is returned as is. */
function parseArguments(args: readonly string[]): Invocation | string {
  let file: string | undefined;
  let startLine: number | 'last' = 0;
  let options = true;
  for (const arg of args) {
    if (options && arg === '--') options = false;
    else if (options && arg.startsWith('+')) startLine = arg === '+' ? 'last' : Math.max(0, (Number.parseInt(arg.slice(1), 10) || 1) - 1);
    else if (options && arg.startsWith('-') && arg !== '-') return arg;
    else file ??= arg;
  }
  return { file, startLine };
}

/** Reads FILE as vim finds it: a file, a new file (in a directory that may not exist yet), or a directory. */
function open(context: CommandContext, file: string | undefined): OpenedFile {
  if (file === undefined) return { kind: 'none' };
  const path = context.resolve(file);
  const stat = context.fs.stat(path);
  if (stat?.kind === 'dir') return { kind: 'directory' };
  if (stat) return { kind: 'file', text: context.fs.read(path) };
  return { kind: 'new', directoryMissing: !context.fs.isDir(parentPath(path)) };
}

/** Carries out the editor's actions; true once it quits. */
function carryOut(context: CommandContext, editor: Editor, actions: readonly EditorAction[]): boolean {
  for (const action of actions) {
    if (action.kind === 'quit') return true;
    if (carryOut(context, editor, editor.afterWrite(action, write(context, action.name, action.text, action.overwrite)))) return true;
  }
  return false;
}

/** Writes the buffer to `name` as `sed -i` writes its file; a directory, an existing file not to overwrite, or a failed write is reported back. */
function write(context: CommandContext, name: string, text: string, overwrite: boolean): WriteOutcome {
  const path = context.resolve(name);
  const stat = context.fs.stat(path);
  if (stat?.kind === 'dir') return { kind: 'directory' };
  if (stat && !overwrite) return { kind: 'exists' };
  try {
    context.fs.write(path, text);
    return { kind: 'written', created: !stat };
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    return { kind: 'failed' };
  }
}

/** Without a terminal to ask, vim takes $COLUMNS and $LINES, else 80×24. */
function sizeFromEnv(env: Readonly<Record<string, string>>): TerminalSize {
  const cols = Number(env.COLUMNS);
  const rows = Number(env.LINES);
  return { cols: cols > 0 ? cols : DEFAULT_SIZE.cols, rows: rows > 0 ? rows : DEFAULT_SIZE.rows };
}
