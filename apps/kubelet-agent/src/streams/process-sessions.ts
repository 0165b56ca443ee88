/**
 * exec and attach sessions on an emulated container: the bytes of the client's
 * stdin go to the process, its output comes back (stdout and stderr apart, or
 * merged on a TTY), and the session ends with the Status the kubelet sends:
 * Success, or NonZeroExitCode with the exit code as a cause.
 */
import type { AgentStream, StreamOpen } from '@kubelab/bus';
import type { ProcessSession, SessionOutput } from '@kubelab/shell';
import type { EmulatedContainer } from '../runtime/emulated-container.js';

const success = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };

/** The Status the kubelet ends an exec with: Success, or NonZeroExitCode with the code as a cause. */
export function exitStatus(exitCode: number, command: readonly string[]): Record<string, unknown> {
  if (exitCode === 0) return success;
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** Output the agent holds for a slow client before the process is made to wait. */
const maxBacklogBytes = 1024 * 1024;

/**
 * Output in order, each piece waiting for the client's room. `drained` resolves
 * when all is sent; `room` when the backlog is under 1 MiB, which is what an
 * endless writer (`yes`) waits on, so a slow client never costs the agent memory.
 */
function outputQueue(stream: AgentStream) {
  let queue = Promise.resolve();
  let backlog = 0;
  let waiting: (() => void)[] = [];
  return {
    send: (channel: 1 | 2, bytes: Uint8Array) => {
      if (bytes.length === 0) return;
      backlog += bytes.length;
      queue = queue.then(() => stream.send(channel, bytes)).then(() => {
        backlog -= bytes.length;
        if (backlog >= maxBacklogBytes) return;
        const woken = waiting;
        waiting = [];
        woken.forEach((wake) => wake());
      });
    },
    drained: () => queue,
    room: () => (backlog < maxBacklogBytes ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}

/** How a session's process starts: with its output sinks, and what an endless writer waits on for the client's room. */
export type StartSession = (output: SessionOutput, outputRoom: () => Promise<void>) => ProcessSession;

/** One process for one client: stdin, resizes and a cancel go to it, its output comes back, and its exit code ends the session. */
export function runSession(start: StartSession, request: StreamOpen, stream: AgentStream): Promise<void> {
  const out = outputQueue(stream);
  const process = start({
    stdout: (bytes) => request.stdout && out.send(1, bytes),
    // On a TTY both streams are the terminal.
    stderr: (bytes) => (request.tty ? request.stdout && out.send(1, bytes) : request.stderr && out.send(2, bytes)),
  }, out.room);
  stream.onInput((data) => process.write(data));
  stream.onEof(() => process.closeStdin());
  stream.onResize((width, height) => process.resize(width, height));
  stream.onCancel(() => process.kill('SIGKILL'));
  return process.exit.then(async (exitCode) => {
    await out.drained();
    stream.finish({ status: exitStatus(exitCode, request.command ?? []) });
  });
}

/** `kubectl exec`: a new process in the container, its exit code carried back. */
export function runExec(container: EmulatedContainer, request: StreamOpen, stream: AgentStream): void {
  const options = { stdin: request.stdin, tty: request.tty, user: request.user, cause: request.recordSeq };
  void runSession((output, outputRoom) => container.startSession(request.command ?? [], { ...options, outputRoom }, output), request, stream);
}

/** `kubectl attach`: the main process's output from now on, and its stdin when the container has one. */
export function runAttach(container: EmulatedContainer, request: StreamOpen, stream: AgentStream): void {
  const out = outputQueue(stream);
  const detach = container.attach({
    stdout: (bytes) => request.stdout && out.send(1, bytes),
    stderr: (bytes) => (request.tty ? request.stdout && out.send(1, bytes) : request.stderr && out.send(2, bytes)),
  }, () => void out.drained().then(() => stream.finish({ status: success })));
  stream.onInput((data) => {
    if (request.stdin) container.writeStdin(data);
  });
  // stdinOnce: the first attached client's EOF (or departure) is the end of the process's stdin.
  stream.onEof(() => container.attachEnded());
  stream.onResize((width, height) => container.resize(width, height));
  stream.onCancel(() => {
    detach();
    container.attachEnded();
  });
}
