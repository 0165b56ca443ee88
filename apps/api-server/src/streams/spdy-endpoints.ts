/**
 * exec/attach and port-forward over SPDY/3.1, as the kubelet serves them
 * (pkg/kubelet/cri/streaming/remotecommand/httpstream.go and portforward/httpstream.go):
 * the client opens one stream per channel, told apart by the `streamtype` header.
 */
import { ApiError } from '@kubelab/api';
import type { ContainerStream, OpenContainerStream, Status, StreamTarget } from './container-stream.js';
import { runExecSession, terminalSize, type ExecClient } from './exec-session.js';
import { forwardConnection, type ForwardInput } from './forwarded-connection.js';
import { SpdySession, type SpdyStream, type SpdyTransport } from './spdy-session.js';
import { parsePort } from './stream-target.js';
import type { StreamGauge } from './stream-gauge.js';

/** The kubelet's streamCreationTimeout: how long the client has to open the streams it asked for. */
const streamCreationTimeoutMs = 30_000;

/** The remote-command protocols, newest first: the kubelet picks the first the client lists that it knows. */
export const spdyExecProtocols = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
export const spdyPortForwardProtocol = 'portforward.k8s.io';

/**
 * exec/attach: output waits until the client has opened every stream its query asked for
 * (error, stdin, stdout, stderr, resize under a tty from v3 on), as the kubelet waits.
 */
export function serveSpdyExec(transport: SpdyTransport, protocol: string, target: StreamTarget, stream: ContainerStream, gauge: StreamGauge): SpdySession {
  const resizable = protocol === 'v4.channel.k8s.io' || protocol === 'v3.channel.k8s.io';
  const expected = new Set(['error']);
  if (target.stdin) expected.add('stdin');
  if (target.stdout) expected.add('stdout');
  if (target.stderr) expected.add('stderr');
  if (target.tty && resizable) expected.add('resize');
  const streams = new Map<string, SpdyStream>();
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const client: ExecClient = {
    output: async (channel, data) => {
      await ready;
      await streams.get(channel === 1 ? 'stdout' : 'stderr')?.write(data);
    },
    status: async (status) => {
      await ready;
      const text = errorStreamText(protocol, status);
      if (text) await streams.get('error')?.write(Buffer.from(text));
    },
    finish: () => {
      for (const s of streams.values()) s.end();
      void session.goAway();
    },
  };
  const input = runExecSession(stream, target, client, gauge);
  const session = new SpdySession(transport, (s) => {
    const type = s.headers.streamtype ?? '';
    if (!expected.has(type) || streams.has(type)) {
      s.cancel();
      return;
    }
    streams.set(type, s);
    if (type === 'stdin') {
      s.onData((data) => input.stdin(data));
      s.onEnd(() => input.stdinEnd());
    } else if (type === 'resize') {
      let pending = '';
      s.onData((data) => {
        pending += data.toString();
        let end: number;
        while ((end = pending.indexOf('}')) >= 0) {
          const size = terminalSize(pending.slice(0, end + 1));
          pending = pending.slice(end + 1);
          if (size) input.resize(size.width, size.height);
        }
      });
    }
    if (streams.size === expected.size) {
      clearTimeout(timeout);
      markReady();
    }
  });
  const timeout = setTimeout(() => session.close(), streamCreationTimeoutMs);
  session.onClose(() => {
    clearTimeout(timeout);
    markReady();
    input.clientGone();
  });
  return session;
}

/** v4 writes the Status as JSON, success included; the older protocols write only a failure's message. */
function errorStreamText(protocol: string, status: Status): string | undefined {
  if (protocol === 'v4.channel.k8s.io') return JSON.stringify({ metadata: {}, ...status });
  return status.status === 'Success' ? undefined : (status.message ?? 'error');
}

/** Port-forward: each TCP connection is a data and an error stream with the same `requestid` and `port`. */
export function serveSpdyPortForward(transport: SpdyTransport, base: StreamTarget, open: OpenContainerStream, gauge: StreamGauge): SpdySession {
  const pairs = new Map<string, { data?: SpdyStream; error?: SpdyStream }>();
  const connections = new Set<ForwardInput>();
  const session = new SpdySession(transport, (s) => {
    const type = s.headers.streamtype;
    if (type !== 'data' && type !== 'error') {
      s.cancel();
      return;
    }
    // Clients older than requestid paired an error stream with the data stream opened right after it.
    const requestId = s.headers.requestid ?? String(type === 'data' ? s.id - 2 : s.id);
    const pair = pairs.get(requestId) ?? {};
    pair[type] = s;
    pairs.set(requestId, pair);
    if (!pair.data || !pair.error) return;
    pairs.delete(requestId);
    const connection = forwardPair(pair.data, pair.error, base, open, gauge);
    if (!connection) return;
    connections.add(connection);
    pair.data.onReset(() => {
      connections.delete(connection);
      connection.clientGone();
    });
  });
  session.onClose(() => {
    for (const connection of connections) connection.clientGone();
    connections.clear();
  });
  return session;
}

function forwardPair(data: SpdyStream, error: SpdyStream, base: StreamTarget, open: OpenContainerStream, gauge: StreamGauge): ForwardInput | undefined {
  let port: number;
  try {
    port = parsePort(data.headers.port ?? '');
  } catch (e) {
    void error.write(Buffer.from(e instanceof ApiError ? e.message : String(e))).then(() => {
      error.end();
      data.end();
    });
    return undefined;
  }
  const connection = forwardConnection(open, { ...base, port }, {
    data: (bytes) => data.write(bytes),
    error: (message) => error.write(Buffer.from(message)),
    finish: () => {
      data.end();
      error.end();
    },
  }, gauge);
  data.onData((bytes) => connection.data(bytes));
  data.onEnd(() => connection.end());
  return connection;
}
