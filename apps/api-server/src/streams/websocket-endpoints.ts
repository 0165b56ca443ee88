/**
 * exec/attach and port-forward over the WebSocket channel protocols
 * (k8s.io/apimachinery wsstream, remotecommand v5): every message starts with its channel,
 * 0 stdin, 1 stdout, 2 stderr, 3 error (the Status at the end), 4 resize; v5 adds 255, the
 * client's close of a channel. The base64 variants send text messages whose first character
 * is the channel digit.
 */
import type { WebSocket } from 'ws';
import type { ContainerStream, OpenContainerStream, Status, StreamTarget } from './container-stream.js';
import { runExecSession, terminalSize } from './exec-session.js';
import { forwardConnection, type ForwardInput } from './forwarded-connection.js';
import type { StreamGauge } from './stream-gauge.js';

/** What port-forward's WebSocket tunnel puts before the SPDY protocol it carries. */
export const tunnelPrefix = 'SPDY/3.1+';

/** Preference is the client's: the first of its list found here. */
export const webSocketChannelProtocols = [
  'v5.channel.k8s.io', 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io',
  'channel.k8s.io', 'base64.channel.k8s.io',
];

/** The kubelet's port-forward over channels knows only these (and no subprotocol at all). */
export const webSocketPortForwardProtocols = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'];

const closeSignal = 255;
const stdinChannel = 0;
const errorChannel = 3;
const resizeChannel = 4;

const isBase64 = (protocol: string) => protocol.includes('base64');
const writesStatusJson = (protocol: string) => protocol.startsWith('v4.') || protocol.startsWith('v5.');

/** One message of `channel`, in the protocol's encoding. */
function frame(protocol: string, channel: number, data: Uint8Array): Buffer | string {
  if (isBase64(protocol)) return `${channel}${Buffer.from(data).toString('base64')}`;
  const message = Buffer.allocUnsafe(data.length + 1);
  message[0] = channel;
  message.set(data, 1);
  return message;
}

/** A message from the client: its channel and payload. */
function unframe(protocol: string, data: Buffer, isBinary: boolean): { channel: number; payload: Buffer } | undefined {
  if (data.length === 0) return undefined;
  if (isBase64(protocol) && !isBinary) {
    const text = data.toString();
    return { channel: Number(text[0]), payload: Buffer.from(text.slice(1), 'base64') };
  }
  return { channel: data[0], payload: data.subarray(1) };
}

function send(ws: WebSocket, message: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ws.readyState !== ws.OPEN) return reject(new Error('closed'));
    ws.send(message, { binary: typeof message !== 'string' }, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Real milliseconds a v5 client is given after its 101 before the first message. client-go's WebSocket executor before
 * 1.33 (kubectl 1.32) makes its channels while it already reads, and drops what comes first (kubernetes#131189): a
 * loaded kubectl then prints nothing and exits 0. A cluster's first byte follows the dial to the kubelet and the
 * runtime's exec, tens of milliseconds; the lab's can follow the 101 at once.
 */
export const v5FirstMessageDelayMs = 50;

/** Resolves once the client that was upgraded at `upgradedAt` (Date.now()) can take its first message. */
function clientReady(protocol: string, upgradedAt: number): Promise<void> {
  const wait = protocol.startsWith('v5.') ? upgradedAt + v5FirstMessageDelayMs - Date.now() : 0;
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}

/** exec/attach over channels: the Status goes on channel 3, then a normal close (1000) ends the session. */
export function serveWebSocketExec(ws: WebSocket, protocol: string, upgradedAt: number, target: StreamTarget, stream: ContainerStream, gauge: StreamGauge): void {
  const ready = clientReady(protocol, upgradedAt);
  const input = runExecSession(stream, target, {
    output: (channel, data) => ready.then(() => send(ws, frame(protocol, channel, data))),
    status: (status: Status) => {
      const text = writesStatusJson(protocol) ? JSON.stringify({ metadata: {}, ...status }) : status.status === 'Success' ? '' : (status.message ?? 'error');
      return text ? ready.then(() => send(ws, frame(protocol, errorChannel, Buffer.from(text)))) : Promise.resolve();
    },
    finish: () => ws.close(1000),
  }, gauge);
  let pendingStdin = 0;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const message = unframe(protocol, data, isBinary);
    if (!message) return;
    if (message.channel === stdinChannel && target.stdin) {
      // Back-pressure: stop reading the client while the container has no room.
      if (++pendingStdin === 1) ws.pause();
      void input.stdin(message.payload).finally(() => {
        if (--pendingStdin === 0) ws.resume();
      });
    } else if (message.channel === resizeChannel) {
      const size = terminalSize(message.payload.toString());
      if (size) input.resize(size.width, size.height);
    } else if (message.channel === closeSignal && protocol.startsWith('v5.') && message.payload[0] === stdinChannel) {
      input.stdinEnd();
    }
  });
  ws.once('close', () => input.clientGone());
}

/** The Status of a session that never started, on the error channel, then a normal close. */
export function serveWebSocketRefusal(ws: WebSocket, protocol: string, upgradedAt: number, status: Status): void {
  const text = writesStatusJson(protocol) ? JSON.stringify(status) : (status.message ?? 'error');
  void clientReady(protocol, upgradedAt).then(() => send(ws, frame(protocol, errorChannel, Buffer.from(text)))).catch(() => undefined).then(() => ws.close(1000));
}

/**
 * Port-forward over channels: port i has data channel 2i and error channel 2i+1, and the
 * server's first message on each carries the port as two little-endian bytes. Each port is
 * one TCP connection; the WebSocket closes when all of them are over.
 */
export function serveWebSocketPortForward(ws: WebSocket, base: StreamTarget, ports: number[], open: OpenContainerStream, gauge: StreamGauge): void {
  const protocol = ws.protocol;
  let remaining = ports.length;
  const connections: ForwardInput[] = ports.map((port, i) => {
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16LE(port);
    const prefixes = Promise.all([send(ws, frame(protocol, 2 * i, portBytes)), send(ws, frame(protocol, 2 * i + 1, portBytes))]).catch(() => undefined);
    return forwardConnection(open, { ...base, port }, {
      data: async (bytes) => {
        await prefixes;
        await send(ws, frame(protocol, 2 * i, bytes));
      },
      error: async (message) => {
        await prefixes;
        await send(ws, frame(protocol, 2 * i + 1, Buffer.from(message)));
      },
      finish: () => {
        if (--remaining === 0) ws.close(1000);
      },
    }, gauge);
  });
  let pending = 0;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const message = unframe(protocol, data, isBinary);
    if (!message || message.channel % 2 !== 0) return;
    const connection = connections[message.channel / 2];
    if (!connection || message.payload.length === 0) return;
    if (++pending === 1) ws.pause();
    void connection.data(message.payload).finally(() => {
      if (--pending === 0) ws.resume();
    });
  });
  ws.once('close', () => {
    for (const connection of connections) connection.clientGone();
  });
}
