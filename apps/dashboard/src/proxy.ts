/**
 * Passes one request on to an upstream service and streams its answer back as it
 * comes (watches and `follow=true` stay open); an upstream that does not answer
 * becomes a 502 Status, as the page expects a Kubernetes Status on failure.
 */
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as requestTls } from 'node:https';

function badGateway(res: ServerResponse, upstream: string, error: Error): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const message = `the dashboard could not reach ${upstream}: ${error.message}`;
  res.writeHead(502, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'ServiceUnavailable', code: 502 }));
}

/** The api-server's CA, and the client certificate the dashboard shows it (the lab's admin). */
export interface ApiTls {
  ca: string;
  cert?: string;
  key?: string;
}

/** Forwards `req` to `upstream` (http:// or https://host:port, whose certificate must chain to `tls.ca` when given), keeping method, path, query, headers and body. */
export function proxy(req: IncomingMessage, res: ServerResponse, upstream: string, tls?: ApiTls): void {
  const target = new URL(req.url ?? '/', upstream);
  const options = { method: req.method, headers: { ...req.headers, host: target.host } };
  const onAnswer = (answer: IncomingMessage) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    res.flushHeaders();
    answer.pipe(res);
  };
  const outgoing = target.protocol === 'https:' ? requestTls(target, { ...options, ...tls }, onAnswer) : request(target, options, onAnswer);
  outgoing.on('error', (error) => badGateway(res, upstream, error));
  res.on('close', () => outgoing.destroy());
  req.pipe(outgoing);
}
