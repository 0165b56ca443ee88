/**
 * One TCP connection to an emulated server, as bytes: what `kubectl port-forward`
 * carries. The emulated processes answer HTTP by path (the catalog's answers), so
 * this parses HTTP/1.x requests out of the byte stream — pipelined, keep-alive,
 * with bodies by Content-Length or chunked — and writes real responses back.
 * Whatever is not HTTP gets no answer, as a server that waits for its own
 * protocol would; a malformed request gets 400 and the connection closes, as
 * nginx does.
 */
/** A server's answer: text (sent as UTF-8) or bytes (a file served as it is). */
export interface HttpReply {
  readonly status: number;
  readonly body: string | Uint8Array;
  readonly contentType?: string;
}

/** What the server says for a request: its method, its target as sent (path and query), the Host header if any. */
export type HttpAnswerer = (method: string, target: string, host: string | undefined) => HttpReply | undefined;

const reasons: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request',
  401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};
const maxHeaderBytes = 64 * 1024;
const headerEnd = Buffer.from('\r\n\r\n');

export interface ConnectionOutput {
  /** Bytes toward the client. */
  write(bytes: Uint8Array): Promise<void>;
  /** The server closes the connection. */
  close(): void;
}

interface Request {
  method: string;
  path: string;
  host: string | undefined;
  version: string;
  keepAlive: boolean;
}

/** Feeds client bytes in, writes responses out, in order. */
export class HttpConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private request?: Request & { remaining: number; chunked: boolean };
  private closed = false;
  private replies: Promise<void> = Promise.resolve();

  constructor(private readonly answer: HttpAnswerer, private readonly output: ConnectionOutput, private readonly serverName: string) {}

  /** More bytes from the client. Resolves when the answers they asked for are written. */
  feed(bytes: Uint8Array): Promise<void> {
    if (this.closed) return this.replies;
    this.buffer = this.buffer.length === 0 ? Buffer.from(bytes) : Buffer.concat([this.buffer, bytes]);
    while (!this.closed && this.step());
    return this.replies;
  }

  /** Takes one unit (headers or body bytes) from the buffer; false when more bytes are needed. */
  private step(): boolean {
    if (this.request) return this.consumeBody();
    const end = this.buffer.indexOf(headerEnd);
    if (end < 0) {
      if (this.buffer.length > maxHeaderBytes) this.fail();
      return false;
    }
    const head = this.buffer.subarray(0, end).toString('latin1');
    this.buffer = this.buffer.subarray(end + 4);
    const [line, ...headerLines] = head.split('\r\n');
    const match = /^([A-Z]+) (\S+) HTTP\/(1\.[01])$/.exec(line);
    if (!match) {
      this.fail();
      return false;
    }
    const headers = new Map<string, string>();
    for (const h of headerLines) {
      const colon = h.indexOf(':');
      if (colon > 0) headers.set(h.slice(0, colon).trim().toLowerCase(), h.slice(colon + 1).trim());
    }
    const connection = headers.get('connection')?.toLowerCase();
    const keepAlive = match[3] === '1.1' ? connection !== 'close' : connection === 'keep-alive';
    const chunked = headers.get('transfer-encoding')?.toLowerCase().includes('chunked') ?? false;
    const length = Number(headers.get('content-length') ?? 0);
    if (!Number.isInteger(length) || length < 0) {
      this.fail();
      return false;
    }
    this.request = { method: match[1], path: match[2], host: headers.get('host'), version: match[3], keepAlive, remaining: chunked ? 0 : length, chunked };
    return true;
  }

  /** Skips the request body (the emulated servers answer by path alone), then answers. */
  private consumeBody(): boolean {
    const request = this.request!;
    if (request.chunked) {
      const terminator = this.buffer.indexOf('0\r\n\r\n');
      if (terminator < 0) return false;
      this.buffer = this.buffer.subarray(terminator + 5);
    } else {
      const taken = Math.min(request.remaining, this.buffer.length);
      request.remaining -= taken;
      this.buffer = this.buffer.subarray(taken);
      if (request.remaining > 0) return false;
    }
    this.request = undefined;
    this.respond(request);
    return true;
  }

  private respond(request: Request): void {
    const answer = this.answer(request.method, request.path, request.host) ?? { status: 404, body: '' };
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : Buffer.from(answer.body);
    const head = [
      `HTTP/1.1 ${answer.status} ${reasons[answer.status] ?? 'Unknown'}`,
      `Server: ${this.serverName}`,
      `Date: ${new Date().toUTCString()}`,
      `Content-Type: ${answer.contentType ?? 'text/plain; charset=utf-8'}`,
      `Content-Length: ${body.length}`,
      `Connection: ${request.keepAlive ? 'keep-alive' : 'close'}`,
      '', '',
    ].join('\r\n');
    const bytes = request.method === 'HEAD' ? Buffer.from(head) : Buffer.concat([Buffer.from(head), body]);
    this.send(bytes);
    if (!request.keepAlive) this.shut();
  }

  private send(bytes: Uint8Array): void {
    this.replies = this.replies.then(() => this.output.write(bytes));
  }

  private fail(): void {
    const body = '<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n</body>\r\n</html>\r\n';
    this.send(Buffer.from(`HTTP/1.1 400 Bad Request\r\nServer: ${this.serverName}\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`));
    this.shut();
  }

  private shut(): void {
    this.closed = true;
    this.buffer = Buffer.alloc(0);
    this.replies = this.replies.then(() => this.output.close());
  }
}
