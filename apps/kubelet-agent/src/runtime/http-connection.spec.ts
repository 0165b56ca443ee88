import { describe, expect, it } from 'vitest';
import { HttpConnection, type HttpAnswerer } from './http-connection.js';

const answer: HttpAnswerer = (_method, path) => (path === '/' ? { status: 200, body: 'hello\n', contentType: 'text/html' } : undefined);

function connect() {
  const out: Buffer[] = [];
  let closed = false;
  const connection = new HttpConnection(answer, { write: async (b) => void out.push(Buffer.from(b)), close: () => (closed = true) }, 'nginx/1.27.3');
  return { connection, text: () => Buffer.concat(out).toString('latin1'), closed: () => closed };
}

describe('HttpConnection', () => {
  it('answers pipelined keep-alive requests in order, split across packets', async () => {
    const c = connect();
    const requests = 'GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\n\r\n';
    await c.connection.feed(Buffer.from(requests.slice(0, 10)));
    expect(c.text()).toBe('');
    await c.connection.feed(Buffer.from(requests.slice(10)));
    const text = c.text();
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.3\r\n/);
    expect(text).toContain('Content-Type: text/html\r\nContent-Length: 6\r\nConnection: keep-alive\r\n\r\nhello\n');
    expect(text.indexOf('HTTP/1.1 404 Not Found')).toBeGreaterThan(text.indexOf('hello'));
    expect(c.closed()).toBe(false);
  });

  it('skips request bodies by length and chunks, and closes after Connection: close', async () => {
    const c = connect();
    await c.connection.feed(Buffer.from('POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcdePOST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'));
    await c.connection.feed(Buffer.from('GET / HTTP/1.1\r\nConnection: close\r\n\r\n'));
    expect(c.text().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    expect(c.text()).toContain('Connection: close');
    expect(c.closed()).toBe(true);
  });

  it('gives the server the request target with its query, and the Host asked for', async () => {
    const asked: [string, string, string | undefined][] = [];
    const out: Buffer[] = [];
    const connection = new HttpConnection((method, target, host) => {
      asked.push([method, target, host]);
      return { status: 200, body: 'ok' };
    }, { write: async (b) => void out.push(Buffer.from(b)), close: () => undefined }, 'whoami');
    await connection.feed(Buffer.from('GET /echo?msg=hi HTTP/1.1\r\nHost: localhost:8080\r\n\r\nGET / HTTP/1.0\r\n\r\n'));
    expect(asked).toEqual([['GET', '/echo?msg=hi', 'localhost:8080'], ['GET', '/', undefined]]);
  });

  it('answers HEAD without a body and garbage with 400 and a close', async () => {
    const head = connect();
    await head.connection.feed(Buffer.from('HEAD / HTTP/1.0\r\n\r\n'));
    expect(head.text()).toMatch(/Content-Length: 6\r\nConnection: close\r\n\r\n$/);
    const bad = connect();
    await bad.connection.feed(Buffer.from('\x16\x03\x01 not http\r\n\r\n'));
    expect(bad.text()).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(bad.closed()).toBe(true);
  });
});
