/**
 * Passes one request on to an upstream service and streams its answer back as it
 * comes (watches and `follow=true` stay open); an upstream that does not answer
 * becomes a 502 Status, as the page expects a Kubernetes Status on failure. A body
 * larger than kube-apiserver takes (3 MiB) is cut with a 413 before it is passed on.
 */
import { request, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { request as requestTls } from 'node:https';
import { Transform, type TransformCallback } from 'node:stream';

/** kube-apiserver's limit on a request body (MaxRequestBodyBytes); the page's largest is a manifest, far below it. */
export const bodyLimit = 3 * 1024 * 1024;

function failure(res: ServerResponse, code: number, reason: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(code, { 'Content-Type': 'application/json', Connection: 'close' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

const tooLargeMessage = `the request body is larger than the dashboard passes on (${bodyLimit} bytes, kube-apiserver's limit)`;

/** Counts a body's bytes as they pass and fails past the limit: a chunked body says no length up front. */
class BodyLimit extends Transform {
  private size = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    done(this.size > bodyLimit ? new Error(tooLargeMessage) : null, chunk);
  }
}

/** The api-server's CA, and the client certificate the dashboard shows it (the lab's admin). */
export interface ApiTls {
  ca: string;
  cert?: string;
  key?: string;
}

/**
 * Forwards `req` to `upstream` (http:// or https://host:port, whose certificate must chain to `tls.ca` when given), keeping method,
 * path, query, headers and body, with `extraHeaders` added (the control API's secret); the dashboard's own cookie stays here.
 */
export function proxy(req: IncomingMessage, res: ServerResponse, upstream: string, tls?: ApiTls, extraHeaders: OutgoingHttpHeaders = {}): void {
  if (Number(req.headers['content-length'] ?? 0) > bodyLimit) {
    failure(res, 413, 'RequestEntityTooLarge', tooLargeMessage);
    return;
  }
  const target = new URL(req.url ?? '/', upstream);
  const { cookie: _dashboardSession, ...headers } = req.headers;
  const options = { method: req.method, headers: { ...headers, ...extraHeaders, host: target.host } };
  const onAnswer = (answer: IncomingMessage) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    res.flushHeaders();
    answer.pipe(res);
  };
  const outgoing = target.protocol === 'https:' ? requestTls(target, { ...options, ...tls }, onAnswer) : request(target, options, onAnswer);
  const limit = new BodyLimit();
  let cut = false;
  limit.on('error', () => {
    cut = true;
    outgoing.destroy();
    failure(res, 413, 'RequestEntityTooLarge', tooLargeMessage);
  });
  outgoing.on('error', (error) => {
    if (!cut) failure(res, 502, 'ServiceUnavailable', `the dashboard could not reach ${upstream}: ${error.message}`);
  });
  res.on('close', () => outgoing.destroy());
  req.pipe(limit).pipe(outgoing);
}

/** What the dashboard reads from the api-server itself (a scenario's checks): a GET's status and body, the way fetch gives them. */
export interface Answer {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/**
 * A GET of `url` with the same TLS as the proxy, its body read whole. node:http rather than fetch: fetch would load
 * undici, some 15 MiB more in a process that only passes requests on.
 */
export function get(url: string, tls?: ApiTls): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const onAnswer = (answer: IncomingMessage) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk)).on('error', reject).on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = answer.statusCode ?? 502;
        resolve({ ok: status >= 200 && status < 300, status, text: async () => body, json: async () => JSON.parse(body) as unknown });
      });
    };
    const outgoing = target.protocol === 'https:' ? requestTls(target, { ...tls }, onAnswer) : request(target, onAnswer);
    outgoing.on('error', reject).end();
  });
}
