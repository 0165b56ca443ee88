/**
 * pods/exec, pods/attach and pods/portforward: the HTTP upgrade (WebSocket or SPDY/3.1),
 * after the checks kube-apiserver makes, handed to the protocol that the client negotiated.
 * Hooked on the Node server's 'upgrade' event, before Fastify, which serves no upgrades.
 * pods/proxy, a plain request, comes through KubeHttp to the same backend.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError, badRequest, internalError, methodNotAllowed, pathNotFound, storedTypeOf, type KubeObject } from '@kubelab/api';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ContainerStream, OpenContainerStream, Status, StreamTarget } from './container-stream.js';
import { proxyToPod, type PodProxyPath, type ProxiedRequest } from './pod-proxy.js';
import { serveSpdyExec, serveSpdyPortForward, spdyExecProtocols, spdyPortForwardProtocol } from './spdy-endpoints.js';
import type { SpdySession, SpdyTransport } from './spdy-session.js';
import { execTarget, forwardedPorts, portForwardTarget, streamUser } from './stream-target.js';
import { StreamGauge } from './stream-gauge.js';
import { parseResourcePath } from '../http/route.js';
import { serveWebSocketExec, serveWebSocketPortForward, serveWebSocketRefusal, tunnelPrefix, webSocketChannelProtocols, webSocketPortForwardProtocols } from './websocket-endpoints.js';

/** The subresource a stream request names. */
export type StreamKind = StreamTarget['kind'];

/** Reads a pod as the api-server stores it; throws the 404 ApiError when there is none. */
export type PodReader = (namespace: string, name: string) => KubeObject;

interface StreamRequest {
  kind: StreamKind;
  pod: KubeObject;
  params: URLSearchParams;
  client: string;
  /** The authenticated user who opens the session. */
  user: string;
}

/** The program that asked, for the session's record: `kubectl exec`, or the User-Agent's product (`node`, `OpenAPI-Generator`). */
function clientOf(req: IncomingMessage): string {
  const command = req.headers['kubectl-command'];
  if (command) return String(command);
  return String(req.headers['user-agent'] ?? 'unknown').split(' ')[0].split('/')[0] || 'unknown';
}

/** Serves the streaming subresources and counts what they hold open. */
export class StreamEndpoints {
  readonly gauge = new StreamGauge();
  /** The subprotocol chosen for each request being upgraded: ws asks for it during handleUpgrade. */
  private readonly chosenProtocol = new WeakMap<IncomingMessage, string>();
  private readonly webSockets = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (_offered, req) => this.chosenProtocol.get(req) || false,
  });
  private readonly live = new Set<() => void>();

  /** `admit` authenticates and authorizes an upgrade request before anything else (throws its 401 or 403). */
  constructor(
    private readonly readPod: PodReader,
    private readonly open: OpenContainerStream,
    private readonly log: Logger,
    private readonly admit: (req: IncomingMessage) => Promise<{ username: string }> = async () => ({ username: streamUser }),
  ) {}

  /** Whether a path is one of the streaming subresources (non-upgrade requests to them get 400 `Upgrade request required`). */
  static isStreamPath(subresource: string | undefined): subresource is StreamKind {
    return subresource === 'exec' || subresource === 'attach' || subresource === 'portforward';
  }

  /** The checks a plain request gets before kube-apiserver says it needs an upgrade. */
  checkPlainRequest(kind: StreamKind, namespace: string, name: string, params: URLSearchParams): never {
    const pod = this.readPod(namespace, name);
    if (kind === 'portforward') portForwardTarget(pod);
    else execTarget(kind, pod, params);
    throw badRequest('Upgrade request required');
  }

  /** pods/proxy: the request carried to the pod's port, its answer streamed back. */
  async proxy(where: PodProxyPath, search: string, req: ProxiedRequest, res: ServerResponse): Promise<void> {
    await proxyToPod(this.readPod(where.namespace, where.name), where, search, req, res, this.open, this.gauge);
  }

  /** The Node server's 'upgrade' listener. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.upgrade(req, socket, head).catch((e: unknown) => {
      // A client gone before its upgrade completed has nobody to answer.
      if (socket.destroyed) return;
      if (!(e instanceof ApiError)) this.log.error({ err: e instanceof Error ? e.message : String(e), url: req.url }, 'stream upgrade failed');
      refuse(socket, e instanceof ApiError ? e : internalError('the server could not handle the request'));
    });
  }

  /** Ends every open session (the server is closing). */
  closeAll(): void {
    for (const close of [...this.live]) close();
    this.webSockets.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { username } = await this.admit(req);
    const request = { ...this.streamRequest(req), user: username };
    const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
    if (upgrade === 'websocket') return this.webSocket(req, socket, head, request);
    if (upgrade === 'spdy/3.1') return this.spdy(req, socket, head, request);
    throw badRequest(`unable to upgrade: unsupported protocol "${req.headers.upgrade ?? ''}"`);
  }

  private streamRequest(req: IncomingMessage): Omit<StreamRequest, 'user'> {
    const url = new URL(req.url ?? '/', 'http://kubelab');
    const route = parseResourcePath(url.pathname.replace(/\/+$/, ''));
    if (route.type !== 'resource' || route.resource !== storedTypeOf('Pod') || !route.name || !StreamEndpoints.isStreamPath(route.subresource)) throw pathNotFound();
    if (req.method !== 'GET' && req.method !== 'POST') throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    return { kind: route.subresource, pod: this.readPod(route.namespace, route.name), params: url.searchParams, client: clientOf(req) };
  }

  private async webSocket(req: IncomingMessage, socket: Duplex, head: Buffer, request: StreamRequest): Promise<void> {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    if (request.kind === 'portforward') {
      const base = { ...portForwardTarget(request.pod, request.user), client: request.client };
      const tunneled = offered.find((p) => p === `${tunnelPrefix}${spdyPortForwardProtocol}`);
      if (tunneled) {
        const ws = await this.accept(req, socket, head, tunneled);
        this.track(ws);
        const session = serveSpdyPortForward(webSocketTransport(ws), base, this.open, this.gauge);
        ws.on('message', (data: Buffer) => session.receive(data));
        ws.once('close', () => session.close());
        return;
      }
      const ports = forwardedPorts(request.params);
      const protocol = offered.length === 0 ? '' : offered.find((p) => webSocketPortForwardProtocols.includes(p));
      if (protocol === undefined) throw unnegotiable(offered, [`${tunnelPrefix}${spdyPortForwardProtocol}`, ...webSocketPortForwardProtocols]);
      const ws = await this.accept(req, socket, head, protocol);
      this.track(ws);
      serveWebSocketPortForward(ws, base, ports, this.open, this.gauge);
      return;
    }
    const target = { ...execTarget(request.kind, request.pod, request.params, request.user), client: request.client };
    const protocol = offered.length === 0 ? 'channel.k8s.io' : offered.find((p) => webSocketChannelProtocols.includes(p));
    if (!protocol) throw unnegotiable(offered, webSocketChannelProtocols);
    // kube-apiserver upgrades first and dials the kubelet after: a refusal arrives on the error channel, and the first
    // output comes well after the client's 101 (v5FirstMessageDelayMs says why that matters). What the client sends
    // meanwhile waits, unread.
    const ws = await this.accept(req, socket, head, offered.length === 0 ? '' : protocol);
    const upgradedAt = Date.now();
    this.track(ws);
    ws.pause();
    const opened = await this.open(target).catch((e: unknown) => kubeletRefusal(e));
    if (opened instanceof KubeletRefusal) serveWebSocketRefusal(ws, protocol, upgradedAt, opened.status);
    else if (ws.readyState !== ws.OPEN) opened.cancel();
    else serveWebSocketExec(ws, protocol, upgradedAt, target, opened, this.gauge);
    ws.resume();
  }

  /** Completes the WebSocket handshake (the 101 goes out at once); rejects when the client is gone first or the handshake is invalid. */
  private accept(req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const gone = () => reject(new Error('client gone before the upgrade'));
      socket.once('close', gone);
      this.chosenProtocol.set(req, protocol);
      this.webSockets.handleUpgrade(req, socket, head, (ws) => {
        socket.off('close', gone);
        resolve(ws);
      });
    });
  }

  /** Counts the connection while it lives, and ends it when the server closes. */
  private track(ws: WebSocket): void {
    // A malformed frame is an 'error' event: without a listener it would take the server down.
    ws.on('error', () => ws.terminate());
    const release = this.gauge.connectionOpened();
    const close = () => ws.terminate();
    this.live.add(close);
    ws.once('close', () => {
      this.live.delete(close);
      release();
    });
  }

  private async spdy(req: IncomingMessage, socket: Duplex, head: Buffer, request: StreamRequest): Promise<void> {
    const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const known = request.kind === 'portforward' ? [spdyPortForwardProtocol] : spdyExecProtocols;
    // No protocol header at all is the oldest client, which the kubelet still serves as channel.k8s.io.
    const protocol = offered.length === 0 ? '' : offered.find((p) => known.includes(p));
    if (protocol === undefined) throw unnegotiable(offered, known);
    let serve: (transport: SpdyTransport) => SpdySession;
    let stream: ContainerStream | undefined;
    if (request.kind === 'portforward') {
      const base = { ...portForwardTarget(request.pod, request.user), client: request.client };
      serve = (transport) => serveSpdyPortForward(transport, base, this.open, this.gauge);
    } else {
      const target = { ...execTarget(request.kind, request.pod, request.params, request.user), client: request.client };
      const opened = await this.open(target).catch((e: unknown) => kubeletRefusal(e));
      // Over SPDY kube-apiserver relays the kubelet's own answer to the upgrade: its code, its text.
      if (opened instanceof KubeletRefusal) return answerAsKubelet(socket, opened);
      stream = opened;
      serve = (transport) => serveSpdyExec(transport, protocol || 'channel.k8s.io', target, opened, this.gauge);
    }
    if (socket.destroyed) {
      stream?.cancel();
      return;
    }
    const headers = ['HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', 'Upgrade: SPDY/3.1'];
    if (protocol) headers.push(`X-Stream-Protocol-Version: ${protocol}`);
    socket.write(`${headers.join('\r\n')}\r\n\r\n`);
    (socket as Socket).setNoDelay?.(true);
    const release = this.gauge.connectionOpened();
    const session = serve(socketTransport(socket));
    const close = () => session.close();
    this.live.add(close);
    session.onClose(() => {
      this.live.delete(close);
      release();
    });
    if (head.length) session.receive(head);
    socket.on('data', (data: Buffer) => session.receive(data));
    // Node's HTTP server keeps sockets half-open: a client's FIN only ends the readable side.
    socket.once('end', () => session.close());
    socket.once('close', () => session.close());
  }
}

/** The kubelet's answer when no protocol is shared (httpstream.Handshake). */
function unnegotiable(offered: string[], known: string[]): ApiError {
  return new ApiError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 403, reason: 'Forbidden',
    message: `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${known.join(' ')}]`,
  });
}

/** The kubelet said no to an exec or attach: its HTTP code and text, as `open` rejected with them. */
class KubeletRefusal {
  constructor(readonly code: number, readonly message: string) {}

  /** What kube-apiserver's stream translator writes: the failed upgrade to the kubelet as an InternalError. */
  get status(): Status {
    const cause = `unable to upgrade connection: ${this.message}`;
    return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${cause}`, reason: 'InternalError', details: { causes: [{ reason: '', message: cause }] }, code: 500 };
  }
}

function kubeletRefusal(e: unknown): KubeletRefusal {
  if (e instanceof ApiError) return new KubeletRefusal(e.code, e.message);
  return new KubeletRefusal(500, e instanceof Error ? e.message : String(e));
}

/** The kubelet's streaming.WriteError: a status line and the error's text, which client-go prints as `unable to upgrade connection: …`. */
function answerAsKubelet(socket: Duplex, refusal: KubeletRefusal): void {
  if (socket.destroyed) return;
  socket.end([
    `HTTP/1.1 ${refusal.code} ${STATUS_CODES[refusal.code] ?? ''}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(refusal.message)}`,
    'Connection: close',
    '',
    refusal.message,
  ].join('\r\n'));
}

/** A Status on the raw socket before any upgrade, so clients print `Error from server (…)`. */
function refuse(socket: Duplex, e: ApiError): void {
  if (socket.destroyed || !socket.writable) return;
  const body = `${JSON.stringify(e.status)}\n`;
  socket.end([
    `HTTP/1.1 ${e.code} ${STATUS_CODES[e.code] ?? ''}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n'));
}

function socketTransport(socket: Duplex): SpdyTransport {
  return {
    send: (bytes) => new Promise((resolve, reject) => {
      if (socket.destroyed) return reject(new Error('closed'));
      socket.write(bytes, (err) => (err ? reject(err) : resolve()));
    }),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    close: () => socket.destroy(),
  };
}

/** client-go's TunnelingConnection: the SPDY bytes travel as binary WebSocket messages. */
function webSocketTransport(ws: WebSocket): SpdyTransport {
  return {
    send: (bytes) => new Promise((resolve, reject) => {
      if (ws.readyState !== ws.OPEN) return reject(new Error('closed'));
      ws.send(bytes, { binary: true }, (err) => (err ? reject(err) : resolve()));
    }),
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    close: () => {
      if (ws.readyState === ws.OPEN) ws.close(1000);
      else ws.terminate();
    },
  };
}
