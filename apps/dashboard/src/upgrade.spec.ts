import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createCa, issueServingCertificate, type KeyPairPem } from '@kubelab/pki';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { dashboardServer } from './server.js';
import { signedIn, testDoors } from './test-doors.js';

const v5 = 'v5.channel.k8s.io';
const execPath = '/api/v1/namespaces/default/pods/web/exec?command=sh&stdin=true&stdout=true&tty=true&container=nginx';

/** What the fake api-server saw: the upgrade requests and each frame a session sent it. */
interface Upstream {
  url: string;
  requests: IncomingMessage[];
  frames: Buffer[];
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * An api-server's exec as v5 speaks it: stdin comes back on stdout, closing stdin
 * ([255, 0]) ends the session with a Success status on channel 3. A pod named
 * `missing` is answered with a 404 Status instead of an upgrade.
 */
async function fakeApiServer(tls?: KeyPairPem): Promise<Upstream> {
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }) : createHttpServer();
  const sockets = new WebSocketServer({ noServer: true, handleProtocols: (offered) => (offered.has(v5) ? v5 : false) });
  const requests: IncomingMessage[] = [];
  const frames: Buffer[] = [];
  let closedSession: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (closedSession = resolve));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    requests.push(req);
    if (req.url?.includes('/pods/missing/')) {
      const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'pods "missing" not found', reason: 'NotFound', code: 404 });
      socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (session) => {
      session.on('close', () => closedSession());
      session.on('message', (data: RawData) => {
        const frame = data as Buffer;
        frames.push(frame);
        if (frame[0] === 0) session.send(Buffer.concat([Buffer.from([1]), frame.subarray(1)]));
        if (frame[0] === 255 && frame[1] === 0) {
          session.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify({ metadata: {}, status: 'Success' }))]));
          session.close(1000);
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, requests, frames, closed,
    close: () => new Promise((resolve) => {
      for (const client of sockets.clients) client.terminate();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Opens a v5 session through the dashboard as its signed-in page would (`headers` change that), or the HTTP answer that refused it. */
function connect(dashboard: string, path: string, headers: Record<string, string> = {}): Promise<{ session: WebSocket } | { status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const session = new WebSocket(`ws://${dashboard}${path}`, [v5], { headers: Object.fromEntries(Object.entries({ ...signedIn(dashboard), ...headers }).filter(([, value]) => value !== '')) });
    session.once('open', () => resolve({ session }));
    session.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
    });
    session.once('error', reject);
  });
}

/** The next message of a session, as bytes. */
const nextFrame = (session: WebSocket) => new Promise<Buffer>((resolve) => session.once('message', (data) => resolve(data as Buffer)));
const frame = (channel: number, text: string) => Buffer.concat([Buffer.from([channel]), Buffer.from(text)]);

describe('the dashboard passes a pod exec upgrade to the api-server', () => {
  let ca: KeyPairPem;
  let serving: KeyPairPem;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    ca = await createCa(new Date());
    serving = await issueServingCertificate(ca, { dns: ['localhost'], ips: ['127.0.0.1'] }, new Date());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function lab(tls: boolean) {
    const upstream = await fakeApiServer(tls ? serving : undefined);
    cleanups.push(() => upstream.close());
    const server = dashboardServer({ apiUrl: upstream.url, apiTls: tls ? { ca: ca.cert } : undefined, publicDir: '/nonexistent', bundleDir: '/nonexistent', doors: testDoors });
    const dashboard = await listening(server);
    cleanups.push(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
    return { upstream, server, dashboard };
  }

  it.each([['http', false], ['https trusting the lab CA', true]])('over %s: stdin echoed on stdout, a resize passed on, the status at the end', async (_name, tls) => {
    const { upstream, dashboard } = await lab(tls);
    const opened = await connect(dashboard, execPath);
    if (!('session' in opened)) throw new Error(`refused: ${JSON.stringify(opened)}`);
    const { session } = opened;
    expect(session.protocol).toBe(v5);

    const echoed = nextFrame(session);
    session.send(frame(0, 'ls\r'));
    expect((await echoed).toString()).toBe('\x01ls\r');
    session.send(frame(4, JSON.stringify({ Width: 120, Height: 40 })));
    const status = nextFrame(session);
    const closed = new Promise<number>((resolve) => session.once('close', resolve));
    session.send(Buffer.from([255, 0]));
    expect(JSON.parse((await status).subarray(1).toString())).toEqual({ metadata: {}, status: 'Success' });
    expect(await closed).toBe(1000);
    expect(upstream.frames.map((f) => f[0])).toEqual([0, 4, 255]);
    expect(JSON.parse(upstream.frames[1].subarray(1).toString())).toEqual({ Width: 120, Height: 40 });
    expect(upstream.requests[0].url).toBe(execPath);
  });

  it.each([
    '/api/v1/namespaces/default/pods/web/portforward?ports=80',
    '/api/v1/namespaces/default/pods/web/proxy/',
    '/api/v1/pods?watch=true',
    '/api/v1/namespaces/default/pods/../exec?command=sh',
    '/api/v1/namespaces/default/pods/%2e%2e/exec?command=sh',
    '/',
  ])('refuses %s with a 403 Status and never reaches the api-server', async (path) => {
    const { upstream, dashboard } = await lab(false);
    const refused = await connect(dashboard, path);
    expect(refused).toMatchObject({ status: 403, body: { kind: 'Status', reason: 'Forbidden', code: 403 } });
    expect(upstream.requests).toHaveLength(0);
  });

  it.each([
    ['a page of another origin (a WebSocket is not bound by the same-origin policy)', { Origin: 'https://elsewhere.example' }, 'the dashboard takes streams only from its own page'],
    ['a rebinding Origin with a loopback Host', { Origin: `http://evil.example:${6480}` }, 'the dashboard takes streams only from its own page'],
    ['no Origin', { Origin: '' }, 'not from a request without an Origin'],
    ['no session', { Cookie: '' }, 'this request has no session'],
    ['a forged session', { Cookie: `${signedIn('x').Cookie.split('=')[0]}=forged` }, 'the session cookie is not this lab\'s'],
    ['a foreign Host', { Host: 'evil.example' }, 'not Host "evil.example"'],
  ])('refuses %s with a 403 Status and never reaches the api-server', async (_name, headers, message) => {
    const { upstream, dashboard } = await lab(false);
    const refused = await connect(dashboard, execPath, headers);
    expect(refused).toMatchObject({ status: 403, body: { kind: 'Status', reason: 'Forbidden', message: expect.stringContaining(message) } });
    expect(upstream.requests).toHaveLength(0);
  });

  it('passes no cookie of the dashboard\'s on to the api-server', async () => {
    const { upstream, dashboard } = await lab(false);
    expect('session' in await connect(dashboard, execPath)).toBe(true);
    expect(upstream.requests[0].headers.cookie).toBeUndefined();
  });

  it('passes the api-server\'s refusal back as it answered it', async () => {
    const { dashboard } = await lab(false);
    const refused = await connect(dashboard, '/api/v1/namespaces/default/pods/missing/exec?command=sh&stdout=true');
    expect(refused).toMatchObject({ status: 404, body: { kind: 'Status', reason: 'NotFound', message: 'pods "missing" not found' } });
  });

  it('answers 502 with a Status when the api-server does not answer', async () => {
    const server = dashboardServer({ apiUrl: 'http://127.0.0.1:1', publicDir: '/nonexistent', bundleDir: '/nonexistent', doors: testDoors });
    const dashboard = await listening(server);
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const refused = await connect(dashboard, execPath);
    expect(refused).toMatchObject({ status: 502, body: { kind: 'Status', reason: 'ServiceUnavailable', code: 502 } });
  });

  it('ends the upstream session when the browser goes, and open sessions when the dashboard stops', async () => {
    const { upstream, server, dashboard } = await lab(false);
    const first = await connect(dashboard, execPath);
    if (!('session' in first)) throw new Error('refused');
    first.session.terminate();
    await upstream.closed;

    const second = await connect(dashboard, execPath);
    if (!('session' in second)) throw new Error('refused');
    const ended = new Promise<void>((resolve) => second.session.once('close', () => resolve()));
    server.closeAllConnections();
    await ended;
  });
});
