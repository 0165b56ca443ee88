/**
 * The part of Node's ServerResponse that KubeHttp writes to, kept in memory: how a request that
 * did not come through the HTTPS listener (one a container sent over the emulated network) is
 * answered by the very same handler, its status, headers and body then sent back as a message.
 */
import { EventEmitter } from 'node:events';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

export class CapturedResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  private readonly headers = new Map<string, string | string[]>();
  private readonly chunks: Buffer[] = [];
  private finished!: () => void;
  /** Settles once the handler ended the response. */
  readonly ended = new Promise<void>((resolve) => (this.finished = resolve));

  /** This object where KubeHttp expects a ServerResponse (it uses only what is defined here). */
  get asServerResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.headers.set(name.toLowerCase(), Array.isArray(value) ? [...value] : String(value));
    return this;
  }

  writeHead(code: number, headers: OutgoingHttpHeaders = {}): this {
    this.statusCode = code;
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value as string | string[]);
    this.headersSent = true;
    return this;
  }

  flushHeaders(): void {
    this.headersSent = true;
  }

  write(chunk: string | Uint8Array): boolean {
    this.headersSent = true;
    this.chunks.push(Buffer.from(chunk));
    return true;
  }

  end(chunk?: string | Uint8Array): this {
    if (this.writableEnded) return this;
    if (chunk !== undefined) this.write(chunk);
    this.headersSent = true;
    this.writableEnded = true;
    this.finished();
    this.emit('finish');
    return this;
  }

  /** The client went away: a stream still open (a watch) stops, as it does when a connection closes. */
  close(): void {
    this.emit('close');
    this.end();
  }

  /** The headers as sent, one pair per value, names in lower case. */
  headerPairs(): [string, string][] {
    return [...this.headers].flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value] as [string, string]]));
  }

  get body(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
