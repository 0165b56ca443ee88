/**
 * `kubectl exec -it POD -- sh`: the read-run loop of an interactive shell on a
 * terminal. A busybox-style prompt (`/ # `, `~ # ` at HOME, PS1 with \w \W \u
 * \h \$), `> ` while a command is incomplete, variables and `cd` kept between
 * lines, Ctrl-C cancelling the line or the running command (status 130),
 * Ctrl-D on an empty line (after a newline, as ash prints) and `exit N`
 * ending the session.
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

/** Runs command lines typed on `terminal` until `exit` or end of input; resolves the exit status. */
export async function runInteractiveShell(shell: Shell, terminal: Terminal, screen: Sink): Promise<number> {
  for (;;) {
    const command = await readCommand(shell, terminal, screen);
    if (command === 'eof') {
      screen('\n');
      return shell.status;
    }
    if (command === 'again') continue;
    const streams: Streams = { stdin: terminal.foreground(), stdout: screen, stderr: screen };
    let exit: number | undefined;
    try {
      exit = await shell.runInteractive(command, streams);
    } finally {
      terminal.background();
    }
    if (exit !== undefined) return exit;
  }
}

/** Reads lines until they form a command; 'again' after Ctrl-C or a syntax error, 'eof' at Ctrl-D. */
async function readCommand(shell: Shell, terminal: Terminal, screen: Sink): Promise<Script | 'again' | 'eof'> {
  terminal.prompt(expandPrompt(shell));
  let source = '';
  for (;;) {
    const event = await shell.runtime.untilKilled(terminal.nextEvent());
    if (event.kind === 'eof') return 'eof';
    if (event.kind === 'interrupt') {
      shell.status = INTERRUPTED_STATUS;
      return 'again';
    }
    source += `${event.text}\n`;
    const chunk = parseChunk(source, shell.dialect);
    if (chunk.kind === 'script') return chunk.script;
    if (chunk.kind === 'error') {
      shell.syntaxError(chunk.message, screen);
      return 'again';
    }
    terminal.prompt(PS2);
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
