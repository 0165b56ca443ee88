/** How the commands end their output: quietly when its reader is gone, and not before a pipe took every line. */

/** `kubelab events | head` (or any command's output piped to a reader that stops early) closes the pipe: that ends the command, quietly. */
export function endQuietlyOnClosedPipe(): void {
  if (process.stdout.listeners('error').includes(closedPipe)) return;
  process.stdout.on('error', closedPipe);
}

function closedPipe(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
}

/** The process exits right after a command: a pipe must have taken every line first (a full pipe makes stdout's writes wait). */
export function stdoutFlushed(): Promise<unknown> {
  return new Promise((flushed) => process.stdout.write('', flushed));
}
