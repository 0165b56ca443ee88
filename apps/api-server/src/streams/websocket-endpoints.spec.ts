import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { ContainerStream, StreamOutcome, StreamTarget } from './container-stream.js';
import { StreamGauge } from './stream-gauge.js';
import { serveWebSocketExec, serveWebSocketRefusal, v5FirstMessageDelayMs } from './websocket-endpoints.js';

const target: StreamTarget = {
  kind: 'exec', namespace: 'default', pod: 'p', podUid: 'u', node: 'n', container: 'c', command: ['hostname'],
  stdin: false, stdout: true, stderr: true, tty: false, user: 'kubelab-admin',
};

/** A WebSocket that records what it was sent: each message as its channel and text, and the close. */
function socket() {
  const sent: string[] = [];
  const ws = Object.assign(new EventEmitter(), {
    OPEN: 1, readyState: 1,
    send: (message: Buffer, _options: unknown, done: (err?: Error) => void) => {
      sent.push(`${message[0]} ${message.subarray(1).toString()}`);
      done();
    },
    close: (code: number) => void sent.push(`close ${code}`),
    pause: () => undefined,
    resume: () => undefined,
  });
  return { ws: ws as unknown as WebSocket, sent };
}

/** A container that printed `text` and exited 0 before anyone listened. */
function finishedContainer(text: string): ContainerStream {
  let finish!: (outcome: StreamOutcome) => void;
  return {
    write: async () => undefined, end: () => undefined, resize: () => undefined, cancel: () => undefined,
    onData: (handler) => void Promise.resolve(handler(1, Buffer.from(text))).then(() => finish({ status: { status: 'Success' } })),
    done: new Promise((resolve) => (finish = resolve)),
  };
}

describe('exec over the WebSocket channel protocols', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it(`gives a v5 client (kubectl 1.32) ${v5FirstMessageDelayMs} ms after its 101 before the output it would drop, then sends it in order`, async () => {
    const { ws, sent } = socket();
    serveWebSocketExec(ws, 'v5.channel.k8s.io', Date.now(), target, finishedContainer('node-1\n'), new StreamGauge());
    await vi.advanceTimersByTimeAsync(v5FirstMessageDelayMs - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['1 node-1\n', '3 {"metadata":{},"status":"Success"}', 'close 1000']);
  });

  it('sends at once when the 101 is long gone, and to a v4 client (which reads every channel from the start)', async () => {
    const late = socket();
    serveWebSocketExec(late.ws, 'v5.channel.k8s.io', Date.now() - v5FirstMessageDelayMs, target, finishedContainer('a'), new StreamGauge());
    const v4 = socket();
    serveWebSocketExec(v4.ws, 'v4.channel.k8s.io', Date.now(), target, finishedContainer('b'), new StreamGauge());
    await vi.advanceTimersByTimeAsync(0);
    expect(late.sent).toEqual(['1 a', '3 {"metadata":{},"status":"Success"}', 'close 1000']);
    expect(v4.sent).toEqual(['1 b', '3 {"metadata":{},"status":"Success"}', 'close 1000']);
  });

  it('holds a refusal for a v5 client as well', async () => {
    const { ws, sent } = socket();
    serveWebSocketRefusal(ws, 'v5.channel.k8s.io', Date.now(), { status: 'Failure', message: 'container not found ("main")', reason: 'InternalError', code: 500 });
    await vi.advanceTimersByTimeAsync(v5FirstMessageDelayMs - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['3 {"status":"Failure","message":"container not found (\\"main\\")","reason":"InternalError","code":500}', 'close 1000']);
  });
});
