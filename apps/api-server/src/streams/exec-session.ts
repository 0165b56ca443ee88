/**
 * One exec or attach session between a client (whatever its protocol) and a ContainerStream:
 * output in order with back-pressure, stdin with back-pressure, the Status at the end, and
 * teardown when either side goes.
 */
import type { ContainerStream, Status, StreamTarget } from './container-stream.js';
import type { StreamGauge } from './stream-gauge.js';

/** The protocol side of a session: how output, the final Status and the close reach the client. */
export interface ExecClient {
  /** Resolves when the client's transport took the bytes (waits for the client's streams first, under SPDY). */
  output(channel: 1 | 2, data: Uint8Array): Promise<void>;
  status(status: Status): Promise<void>;
  /** The normal end: close the connection after the Status. */
  finish(): void;
}

/** What the protocol side calls with what the client sends. */
export interface ExecInput {
  stdin(data: Uint8Array): Promise<void>;
  stdinEnd(): void;
  resize(width: number, height: number): void;
  /** The client went away before the end: the container's side is cancelled. */
  clientGone(): void;
}

/** Wires `stream` to `client` and returns what the client's input goes to. */
export function runExecSession(stream: ContainerStream, target: StreamTarget, client: ExecClient, gauge: StreamGauge): ExecInput {
  let finished = false;
  let lastOutput: Promise<void> = Promise.resolve();
  let stdinChain: Promise<void> = Promise.resolve();
  const release = gauge.streamOpened();
  stream.onData((channel, data) => {
    // A channel the client did not ask for has no stream to carry it (stderr under a tty, for one).
    if (channel === 1 ? !target.stdout : !target.stderr) return undefined;
    lastOutput = client.output(channel, data).catch(() => undefined);
    return lastOutput;
  });
  void stream.done.then(async (outcome) => {
    release();
    if (finished) return;
    await lastOutput;
    await client.status(outcome.status).catch(() => undefined);
    finished = true;
    client.finish();
  });
  return {
    stdin: (data) => {
      stdinChain = stdinChain.then(() => (finished ? undefined : stream.write(data))).catch(() => undefined);
      return stdinChain;
    },
    stdinEnd: () => {
      stdinChain = stdinChain.then(() => {
        if (!finished) stream.end();
      });
    },
    resize: (width, height) => {
      if (!finished && width > 0 && height > 0) stream.resize(width, height);
    },
    clientGone: () => {
      if (finished) return;
      finished = true;
      stream.cancel();
    },
  };
}

/** A terminal size message ({"Width":80,"Height":24}), or undefined for anything else. */
export function terminalSize(text: string): { width: number; height: number } | undefined {
  try {
    const size = JSON.parse(text) as { Width?: unknown; Height?: unknown };
    const width = Number(size?.Width);
    const height = Number(size?.Height);
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0 || width > 65535 || height > 65535) return undefined;
    return { width, height };
  } catch {
    return undefined;
  }
}
