/**
 * The dashboard's doors on the run's shared lab, as a page of another site or another
 * local process would knock: a foreign Host (what DNS rebinding sends) gets 403 from
 * every route; a cross-site text/plain POST to /chaos/kill kills nothing; a WebSocket
 * upgrade with a rebinding Origin, a missing or a forged session cookie are refused; the
 * control API refuses a caller without the lab's secret; and a seeded probe of random
 * Host, Origin, cookie, content type and method on every route never gets a 2xx without
 * every credential, never a 5xx, and leaves every process of the lab as it was.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { seededRandom } from '@kubelab/scheduling';
import { sharedLab, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request as any client may send it: a Host of its choosing (an empty one: none at all), any headers and body. */
function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { Host: host, ...rest } = headers;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: host ? { Host: host, ...rest } : rest, setHost: false, timeout: 20_000 }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The answer to a WebSocket upgrade: 101 when it opened, else the refusal's status. */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, ['v5.channel.k8s.io'], { headers });
    socket.once('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

describe('who gets in to the dashboard', () => {
  let lab: TestLab;
  let port: number;
  let hostPort: string;
  let session: string;
  const processes = async () => {
    const res = await fetch(`${lab.state().controlUrl}/status`, { headers: { Authorization: `Bearer ${lab.secret()}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { processes: { name: string; pid: number; state: string; restarts: number }[] }).processes;
  };

  beforeAll(async () => {
    lab = await sharedLab('dashboard-doors');
    const url = new URL(lab.state().dashboardUrl!);
    port = Number(url.port);
    hostPort = url.host;
    const signIn = await send(port, 'GET', new URL(lab.dashboardLogin()).pathname + new URL(lab.dashboardLogin()).search, { Host: hostPort });
    expect(signIn.status).toBe(303);
    session = signIn.headers['set-cookie']![0].split(';')[0];
  }, 120_000);

  afterAll(() => lab?.stop());

  const routes = (ns: string): [string, string, string | undefined][] => [
    ['GET', '/', undefined], ['GET', '/app.js', undefined], ['GET', '/style.css', undefined], ['GET', '/healthz', undefined],
    ['GET', `/api/v1/namespaces/kube-system/secrets`, undefined], ['POST', `/api/v1/namespaces/${ns}/configmaps`, JSON.stringify({ metadata: { name: 'probe' }, data: { a: 'b' } })],
    ['GET', '/apis/apps/v1/deployments', undefined], ['GET', '/kubelab/v1/events?limit=1', undefined],
    ['POST', '/chaos/kill', '{"service":"scheduler"}'], ['GET', '/status', undefined], ['GET', '/learn/status', undefined], ['GET', '/nowhere', undefined],
  ];

  it('gives a foreign Host 403 on every route, signed in or not, and a Status that says how to open the dashboard', async () => {
    for (const [method, path, body] of [...routes(lab.namespace), ['GET', `/login?token=${lab.secret()}`, undefined] as [string, string, undefined]]) {
      const res = await send(port, method, path, { Host: `evil.example:${port}`, Cookie: session, Origin: `http://evil.example:${port}`, 'Content-Type': 'application/json' }, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 403, reason: 'Forbidden', message: expect.stringContaining('open the login URL that `kubelab up` printed') });
    }
  });

  it('kills nothing on a cross-site text/plain POST to /chaos/kill: the scheduler keeps running', async () => {
    const before = (await processes()).find((p) => p.name === 'scheduler')!;
    const knocks: Record<string, string>[] = [
      { Host: hostPort, Origin: 'http://evil.example', 'Content-Type': 'text/plain;charset=UTF-8' },
      { Host: hostPort, Cookie: session, Origin: 'http://evil.example', 'Content-Type': 'text/plain;charset=UTF-8' },
      { Host: hostPort, Cookie: session, Origin: `http://${hostPort}`, 'Content-Type': 'text/plain;charset=UTF-8' },
      { Host: hostPort, Cookie: session, Origin: `http://${hostPort}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    ];
    for (const headers of knocks) {
      const res = await send(port, 'POST', '/chaos/kill', headers, '{"service":"scheduler"}');
      expect([403, 415], JSON.stringify(headers)).toContain(res.status);
    }
    expect((await processes()).find((p) => p.name === 'scheduler')).toEqual(before);
    expect(before.state).toBe('running');
  });

  it('refuses a WebSocket upgrade with a rebinding Origin, without a session or with a forged one', async () => {
    const exec = `ws://${hostPort}/api/v1/namespaces/${lab.namespace}/pods/none/exec?command=sh&stdin=true&stdout=true`;
    expect(await upgrade(exec, { Cookie: session, Origin: `http://evil.example:${port}` })).toBe(403);
    expect(await upgrade(exec, { Origin: `http://${hostPort}` })).toBe(403);
    expect(await upgrade(exec, { Cookie: `${session.split('=')[0]}=${'f'.repeat(64)}`, Origin: `http://${hostPort}` })).toBe(403);
    // The signed-in page's own upgrade gets past the doors, to the api-server's answer: no such pod.
    expect(await upgrade(exec, { Cookie: session, Origin: `http://${hostPort}` })).toBe(404);
  });

  it('refuses a missing or forged session cookie on the API proxy, and passes the signed-in page', async () => {
    const path = `/api/v1/namespaces/${lab.namespace}/configmaps`;
    expect((await send(port, 'GET', path, { Host: hostPort })).status).toBe(403);
    expect((await send(port, 'GET', path, { Host: hostPort, Cookie: `${session.split('=')[0]}=forged` })).status).toBe(403);
    expect((await send(port, 'GET', path, { Host: hostPort, Cookie: session })).status).toBe(200);
  });

  it('has the control API refuse a caller without the lab\'s secret', async () => {
    const control = lab.state().controlUrl;
    const status = await fetch(`${control}/status`);
    expect(status.status).toBe(401);
    expect(((await status.json()) as { message: string }).message).toContain('no lab secret');
    const kill = await fetch(`${control}/chaos/kill`, { method: 'POST', headers: { Authorization: 'Bearer guess' }, body: '{"service":"scheduler"}' });
    expect(kill.status).toBe(401);
    expect(new URL(control).hostname).toBe('127.0.0.1');
  });

  it('probes every route with random Host, Origin, cookie, content type and method: 2xx only with every credential, no 5xx, nothing killed', async () => {
    const before = await processes();
    const random = seededRandom(31);
    const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)];
    const hosts = [hostPort, `localhost:${port}`, `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, '', `[::1]:${port}`];
    const origins = [undefined, `http://${hostPort}`, `http://evil.example:${port}`, 'null', `http://127.0.0.1:${port + 1}`, `https://${hostPort}`];
    const cookies = [undefined, session, `${session.split('=')[0]}=${'0'.repeat(64)}`, 'kubelab-session-00000000=abc'];
    const types = [undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
    // The chaos body names no service of the lab, so even a request with every credential kills nothing.
    const targets = routes(lab.namespace).map(([, path]) => path);
    for (let i = 0; i < 300; i++) {
      const host = pick(hosts);
      const origin = pick(origins);
      const cookie = pick(cookies);
      const type = pick(types);
      const method = pick(methods);
      const path = pick(targets);
      const body = method === 'GET' || method === 'DELETE' ? undefined : path === '/chaos/kill' ? '{"service":"no-such-service"}' : '{"metadata":{"name":"probe-x"}}';
      const headers = Object.fromEntries(Object.entries({ Host: host, Origin: origin, Cookie: cookie, 'Content-Type': type }).filter(([, v]) => v !== undefined)) as Record<string, string>;
      const res = await send(port, method, path, headers, body);
      const knock = `${method} ${path} ${JSON.stringify(headers)}: ${res.status} ${res.body.slice(0, 200)}`;
      expect(res.status, knock).toBeLessThan(500);
      if (res.status >= 200 && res.status < 300) {
        expect([hostPort, `localhost:${port}`, `[::1]:${port}`], knock).toContain(host);
        // /healthz asks only for a Host: it says "ok" and nothing else.
        if (path !== '/healthz') expect(cookie, knock).toBe(session);
        if (path !== '/healthz' && method !== 'GET') {
          expect(origin, knock).toBe(`http://${host}`);
          expect(type === undefined || type === 'application/json', knock).toBe(true);
        }
      }
    }
    const after = await processes();
    expect(after.map(({ name, pid, state, restarts }) => ({ name, pid, state, restarts }))).toEqual(before.map(({ name, pid, state, restarts }) => ({ name, pid, state, restarts })));
  });
});
