/**
 * Passes a WebSocket upgrade (a pod's exec or attach, for the page's terminal) on to
 * the api-server as a raw socket pipe: the handshake goes through untouched, so the
 * api-server picks the subprotocol (v5.channel.k8s.io, v4…) and computes the accept
 * key itself, and every frame after it is relayed byte for byte. The dashboard adds
 * what its plain proxy adds: the lab CA to trust an HTTPS api-server.
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as requestTls } from 'node:https';
import type { Duplex } from 'node:stream';
import { passesUpgrade } from './routes.js';
import type { ApiTls } from './proxy.js';

/** A refused upgrade's body is a Status; more than this from upstream is cut, as nothing but a Status is expected. */
const refusalBodyLimit = 64 * 1024;

/** Answers on the raw socket with an HTTP response and closes it: after an upgrade request there is no ServerResponse. */
function answer(socket: Duplex, code: number, reason: string, headers: [string, string][], body: Buffer): void {
  const lines = [`HTTP/1.1 ${code} ${reason}`, ...headers.map(([name, value]) => `${name}: ${value}`), `Content-Length: ${body.length}`, 'Connection: close'];
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]));
}

/** The status line's text of each refusal. */
const statusText = { 403: 'Forbidden', 415: 'Unsupported Media Type', 502: 'Bad Gateway' } as const;

/** Refuses an upgrade on its raw socket with a Status (502 is worded ServiceUnavailable, as the plain proxy words it). */
export function refuseUpgrade(socket: Duplex, code: keyof typeof statusText, reason: string, message: string): void {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  answer(socket, code, statusText[code], [['Content-Type', 'application/json']], Buffer.from(JSON.stringify(status)));
}

/** Ties two sockets together: bytes both ways, and the end or failure of either ends the other. */
function splice(a: Duplex, b: Duplex): void {
  a.pipe(b).pipe(a);
  for (const [one, other] of [[a, b], [b, a]] as const) {
    one.on('error', () => other.destroy());
    one.on('close', () => other.destroy());
  }
}

/** The upstream's answer when it declines the upgrade (a 404 Status for a pod that does not exist, say), passed back whole. */
function passRefusal(socket: Duplex, refusal: IncomingMessage): void {
  const chunks: Buffer[] = [];
  let size = 0;
  refusal.on('data', (chunk: Buffer) => {
    if (size < refusalBodyLimit) chunks.push(chunk);
    size += chunk.length;
  });
  refusal.on('end', () => {
    const kept = ['content-type', 'warning', 'audit-id'];
    const headers = Object.entries(refusal.headers)
      .filter(([name]) => kept.includes(name))
      .flatMap(([name, value]) => (Array.isArray(value) ? value : [value ?? '']).map((v): [string, string] => [name, v]));
    answer(socket, refusal.statusCode ?? 502, refusal.statusMessage ?? '', headers, Buffer.concat(chunks).subarray(0, refusalBodyLimit));
  });
  refusal.on('error', () => socket.destroy());
}

/** The 101 answer as the api-server wrote it: its headers in their order and case. */
function switchingProtocols(upgraded: IncomingMessage): string {
  const lines = [`HTTP/1.1 101 ${upgraded.statusMessage ?? 'Switching Protocols'}`];
  for (let i = 0; i < upgraded.rawHeaders.length; i += 2) lines.push(`${upgraded.rawHeaders[i]}: ${upgraded.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Forwards the upgrade request `req` (its socket and the bytes read past its headers)
 * to `upstream`, trusting `ca` for https; refuses (403) any path but a pod's exec or
 * attach (the server has checked who asks: doors.ts). `onStream` is given each spliced client
 * socket, so the server can end open sessions when it stops.
 */
export function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, upstream: string, tls: ApiTls | undefined, onStream: (socket: Duplex) => void): void {
  socket.on('error', () => socket.destroy());
  const url = req.url ?? '/';
  if (!passesUpgrade(url)) {
    refuseUpgrade(socket, 403, 'Forbidden', `the dashboard passes WebSocket upgrades only for a pod's exec and attach, not ${url.split('?')[0]}`);
    return;
  }
  const target = new URL(url, upstream);
  // The session's record names the dashboard as the client, not the browser behind it; the dashboard's cookie stays here.
  const { cookie: _dashboardSession, ...headers } = req.headers;
  const options = { method: req.method, headers: { ...headers, host: target.host, 'user-agent': 'kubelab-dashboard' } };
  const outgoing: ClientRequest = target.protocol === 'https:' ? requestTls(target, { ...options, ...tls }) : request(target, options);
  outgoing.on('upgrade', (upgraded: IncomingMessage, upstreamSocket: Duplex, upstreamHead: Buffer) => {
    socket.write(switchingProtocols(upgraded));
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    splice(socket, upstreamSocket);
    onStream(socket);
  });
  outgoing.on('response', (refusal) => passRefusal(socket, refusal));
  outgoing.on('error', (error) => {
    if (socket.writable) refuseUpgrade(socket, 502, 'ServiceUnavailable', `the dashboard could not reach ${upstream}: ${error.message}`);
  });
  socket.on('close', () => outgoing.destroy());
  outgoing.end();
}
