/**
 * The `v5.channel.k8s.io` framing the page's terminal speaks to a pod's exec, as
 * kubectl does (k8s.io/apimachinery/pkg/util/remotecommand and client-go's
 * websocket executor): every binary message starts with its channel byte (0 stdin,
 * 1 stdout, 2 stderr, 3 the Status the session ends with, 4 terminal size); v5 adds
 * 255, whose second byte names a channel its sender closes. Pure, for the page and
 * its tests.
 */
export const execProtocol = 'v5.channel.k8s.io';

export const channels = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255 } as const;

/** The Status on channel 3: Success, or Failure with the exit code among its causes (metav1.Status as kubelet writes it). */
export interface ExecStatus {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

export type ExecFrame =
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: Uint8Array }
  | { type: 'status'; status: ExecStatus }
  | { type: 'closed'; channel: number }
  | { type: 'unknown'; channel: number };

const utf8 = new TextEncoder();

function framed(channel: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(payload.length + 1);
  frame[0] = channel;
  frame.set(payload, 1);
  return frame;
}

/** Keystrokes (xterm.js hands them over as a string) or raw bytes for the process's stdin. */
export function stdinFrame(data: string | Uint8Array): Uint8Array {
  return framed(channels.stdin, typeof data === 'string' ? utf8.encode(data) : data);
}

/** The terminal's size as remotecommand.TerminalSize marshals it: `{"Width":cols,"Height":rows}`. */
export function resizeFrame(columns: number, rows: number): Uint8Array {
  return framed(channels.resize, utf8.encode(JSON.stringify({ Width: columns, Height: rows })));
}

/** v5's end of stdin (the process reads EOF), before the socket itself closes. */
export function closeStdinFrame(): Uint8Array {
  return Uint8Array.of(channels.close, channels.stdin);
}

/** One message from the api-server. A status that is not JSON is kept as its text in `message`, so the page can still show it. */
export function decodeFrame(message: Uint8Array): ExecFrame {
  const channel = message[0];
  const payload = message.subarray(1);
  switch (channel) {
    case channels.stdout:
      return { type: 'output', stream: 'stdout', data: payload };
    case channels.stderr:
      return { type: 'output', stream: 'stderr', data: payload };
    case channels.status: {
      const text = new TextDecoder().decode(payload);
      try {
        return { type: 'status', status: JSON.parse(text) as ExecStatus };
      } catch {
        return { type: 'status', status: { status: 'Failure', message: text } };
      }
    }
    case channels.close:
      return { type: 'closed', channel: payload[0] };
    default:
      return { type: 'unknown', channel };
  }
}

/** The exit code a Status carries: 0 for Success, its ExitCode cause for a Failure, undefined for a failure that is no exit (a container that is not running, say). */
export function exitCode(status: ExecStatus): number | undefined {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return cause && Number.isInteger(code) ? code : undefined;
}

/**
 * What the terminal prints when the session ends: `[session ended: exit N]`, and,
 * when the shell itself could not start (126 or 127 before it printed anything, as
 * containerd answers an exec of a binary the image lacks), that the container has no
 * shell. Without a status the connection ended (or never opened) on its own.
 */
export function endLines(end: { status?: ExecStatus; opened: boolean; sawOutput: boolean; command: string }): string[] {
  const { status } = end;
  if (!status) return [end.opened ? '[session ended: the connection closed]' : '[no session: the dashboard could not open a WebSocket to the pod\'s exec]'];
  const code = exitCode(status);
  if (code === undefined) return [`[session ended: ${status.message ?? status.reason ?? 'Failure'}]`];
  const noShell = (code === 126 || code === 127) && !end.sawOutput;
  return [
    `[session ended: exit ${code}]`,
    ...(noShell ? [`this container has no ${end.command} to run${status.message ? ` (${status.message})` : ''}`] : []),
  ];
}

/** The exec URL of a terminal in a container: the command with stdin, stdout and stderr on a TTY (the kubelet folds stderr into the TTY). */
export function execUrl(origin: string, target: { namespace: string; pod: string; container: string }, command: string): string {
  const url = new URL(`/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/exec`, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = new URLSearchParams({ command, stdin: 'true', stdout: 'true', stderr: 'true', tty: 'true', container: target.container }).toString();
  return url.toString();
}
