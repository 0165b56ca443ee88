/**
 * `kubectl exec -it POD -- sh`: the read-run loop of an interactive shell on a
 * terminal. A busybox-style prompt (`/ # `, `~ # ` at HOME, PS1 with \w \W \u
 * \h \$), `> ` while a command is incomplete or a here-document waits for its
 * delimiter, variables and `cd` kept between lines, Ctrl-C cancelling the line
 * or the running command (status 130), Ctrl-D on an empty line (after a
 * newline, as ash prints) and `exit N` ending the session; a Ctrl-D inside a
 * here-document ends the here-document instead, as in bash.
 */
import type { Shell } from '../shell/shell.js';
import { parseChunk } from '../shell/shell.js';
import type { Sink, Streams } from '../shell/streams.js';
import type { Script } from '../syntax/ast.js';
import type { Terminal } from './terminal.js';

const DEFAULT_PS1 = '\\w \\$ ';
/** Debian's and Ubuntu's bash prompt for root: `root@web-5d8f9:/# `. */
const BASH_PS1 = '\\u@\\h:\\w\\$ ';
const PS2 = '> ';
const INTERRUPTED_STATUS = 130;

/** How far a session has read, counted as bash counts lines for its messages. */
interface SessionInput {
  /** The line of the session the next command starts on. */
  line: number;
}

/** Runs command lines typed on `terminal` (their output on its screen) until `exit` or end of input; resolves the exit status. */
export async function runInteractiveShell(shell: Shell, terminal: Terminal): Promise<number> {
  const screen = terminal.screen;
  const input: SessionInput = { line: 1 };
  for (;;) {
    const command = await readCommand(shell, terminal, screen, input);
    if (command === 'eof') {
      screen('\n');
      return shell.status;
    }
    if (command === 'again') continue;
    const streams: Streams = { stdin: terminal.foreground(), stdout: screen, stderr: screen, tty: terminal };
    let exit: number | undefined;
    try {
      exit = await shell.runInteractive(command, streams);
    } finally {
      terminal.background();
    }
    if (exit !== undefined) return exit;
  }
}

/**
 * Reads lines until they form a command; 'again' after Ctrl-C or a syntax error, 'eof' at Ctrl-D, except that
 * Ctrl-D in a here-document ends its body (bash warns) and the command runs.
 */
async function readCommand(shell: Shell, terminal: Terminal, screen: Sink, input: SessionInput): Promise<Script | 'again' | 'eof'> {
  terminal.prompt(expandPrompt(shell));
  let source = '';
  for (;;) {
    const event = await shell.runtime.untilKilled(terminal.nextEvent());
    if (event.kind === 'interrupt') {
      shell.status = INTERRUPTED_STATUS;
      return 'again';
    }
    if (event.kind === 'line') source += `${event.text}\n`;
    const chunk = parseChunk(source, shell.dialect, event.kind === 'eof');
    if (event.kind === 'eof' && (chunk.kind !== 'script' || chunk.unterminated.length === 0)) return 'eof';
    if (chunk.kind === 'incomplete') {
      terminal.prompt(PS2);
      continue;
    }
    const firstLine = input.line;
    input.line += source.split('\n').length - 1;
    if (chunk.kind === 'error') {
      shell.syntaxError(chunk.message, screen);
      return 'again';
    }
    shell.warnUnterminated(chunk.unterminated, firstLine, screen);
    return chunk.script;
  }
}

/** PS1 with busybox's escapes: \w (cwd, ~ for HOME), \W (its last part), \u, \h, \$ (# for root), \n, \\. */
export function expandPrompt(shell: Shell): string {
  const home = shell.get('HOME');
  const cwd = home && home !== '/' && (shell.cwd === home || shell.cwd.startsWith(`${home}/`)) ? `~${shell.cwd.slice(home.length)}` : shell.cwd;
  const replacements: Record<string, string> = {
    w: cwd,
    W: cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1),
    u: shell.get('USER') ?? 'root',
    h: (shell.get('HOSTNAME') ?? 'localhost').split('.')[0],
    $: '#',
    n: '\n',
    '\\': '\\',
  };
  return (shell.get('PS1') ?? (shell.dialect === 'bash' ? BASH_PS1 : DEFAULT_PS1)).replace(/\\(.)/g, (escape, letter: string) => replacements[letter] ?? escape);
}
