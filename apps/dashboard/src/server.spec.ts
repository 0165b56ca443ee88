import { writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readScenario } from '@kubelab/learn';
import { tempDir } from '@kubelab/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyLimit } from './proxy.js';
import { dashboardServer, type DashboardOptions } from './server.js';
import { signedIn, testDoors } from './test-doors.js';

describe('dashboardServer without a supervisor (docker compose)', () => {
  const server = dashboardServer({ apiUrl: 'http://127.0.0.1:1', publicDir: '/nonexistent', bundleDir: '/nonexistent', doors: testDoors });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['POST', '/chaos/kill-agent'],
    ['POST', '/chaos/crash'],
    ['GET', '/status'],
  ])('%s %s answers 503 with a Status that gives the drill command for the compose lab', async (method, path) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`http://${hostPort}${path}`, { method, headers: { ...signedIn(hostPort), 'Content-Type': 'application/json' } });
    expect(res.status).toBe(503);
    const status = await res.json() as { message: string };
    expect(status).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    expect(status.message).toContain('kubelab up');
    expect(status.message).toContain(path === '/chaos/crash' ? 'crash goes to the pod\'s agent over NATS, which the compose lab does not publish to the host: pod drills need kubelab up'
      : `npx kubelab chaos ${path === '/status' ? 'kill-agent' : path.slice('/chaos/'.length)} … --engine compose`);
  });
});

describe('dashboardServer: the scenario in progress', () => {
  const scenariosDir = fileURLToPath(new URL('../../../libs/learn/scenarios', import.meta.url));
  const dataDir = tempDir('data');
  writeFileSync(join(dataDir, 'learn.json'), JSON.stringify({ current: 'first-pod', scenarios: { 'first-pod': { state: 'in-progress', startSeq: 1, startedAt: '2026-11-23T10:00:00Z', uids: [], objects: [], hints: 0 } } }));
  const servers: Server[] = [];
  afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));
  const get = async (learn: DashboardOptions['learn'], path: string) => {
    const server = dashboardServer({ apiUrl: 'http://127.0.0.1:1', publicDir: '/nonexistent', bundleDir: '/nonexistent', learn, doors: testDoors });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`http://${hostPort}${path}`, { headers: signedIn(hostPort) });
    return { code: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const learn = { dataDir, scenariosDir, timeScale: 1 };

  it('is none without a data dir (docker compose), and its hints say why', async () => {
    expect(await get(undefined, '/learn/status')).toEqual({ code: 200, body: { scenario: null } });
    expect(await get(undefined, '/learn/hint?n=1')).toMatchObject({ code: 404, body: { reason: 'NotFound', message: expect.stringContaining('kubelab learn on a lab of kubelab up') } });
  });

  it('gives the current scenario\'s hints by number and language', async () => {
    expect((await get(learn, '/learn/hint?n=1&lang=ko')).body).toEqual({ hint: readScenario(scenariosDir, 'first-pod').hints[0].ko });
    expect(await get(learn, '/learn/hint?n=9')).toMatchObject({ code: 404, body: { message: 'no hint 9: no scenario is in progress, or it has fewer hints' } });
  });

  it('answers a bad query with 400 and an api-server it cannot reach with 502, as Statuses', async () => {
    expect(await get(learn, '/learn/status?lang=fr')).toMatchObject({ code: 400, body: { kind: 'Status', reason: 'BadRequest', message: 'lang must be one of en, ko, got "fr"' } });
    const unreachable = await get(learn, '/learn/status');
    expect(unreachable).toMatchObject({ code: 502, body: { kind: 'Status', reason: 'ServiceUnavailable' } });
    expect(unreachable.body.message).toContain('the dashboard could not check the scenario against http://127.0.0.1:1: ');
  });
});

/** One request as a client of any kind sends it (a Host of its choosing, any body), and the answer. */
function send(port: number, o: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers: o.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

/** A control API that records what reaches it and answers every drill. */
async function fakeControl(): Promise<{ url: string; seen: IncomingMessage[]; server: Server }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true,"message":"done"}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('dashboardServer: who gets in', () => {
  const publicDir = fileURLToPath(new URL('./public', import.meta.url));
  const servers: Server[] = [];
  afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  }))));
  const start = async (extra: Partial<DashboardOptions> = {}) => {
    const control = await fakeControl();
    const server = dashboardServer({ apiUrl: control.url, controlUrl: control.url, publicDir, bundleDir: '/nonexistent', doors: testDoors, ...extra });
    servers.push(server, control.server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return { port, hostPort: `127.0.0.1:${port}`, control };
  };
  const everyRoute = [
    ['GET', '/'], ['GET', '/index.html'], ['GET', '/style.css'], ['GET', '/app.js'], ['GET', '/healthz'], ['GET', `/login?token=${testDoors.secret}`],
    ['GET', '/api/v1/namespaces/kube-system/secrets'], ['POST', '/api/v1/namespaces/default/configmaps'], ['GET', '/apis/apps/v1/deployments'], ['GET', '/kubelab/v1/events'],
    ['POST', '/chaos/kill'], ['GET', '/status'], ['GET', '/learn/status'], ['GET', '/learn/hint?n=1'], ['GET', '/nowhere'],
  ];

  it.each(everyRoute)('a foreign Host gets 403 from %s %s, even signed in, and nothing reaches upstream', async (method, path) => {
    const { port, hostPort, control } = await start();
    const res = await send(port, { method, path, headers: { ...signedIn(hostPort), Host: `evil.example:${port}`, 'Content-Type': 'application/json' }, body: method === 'POST' ? '{"service":"scheduler"}' : undefined });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403, message: expect.stringContaining(`not Host "evil.example:${port}": open the login URL`) });
    expect(control.seen).toHaveLength(0);
  });

  it('signs in through the login link: a SameSite=Strict, HttpOnly cookie and a redirect to the clean URL', async () => {
    const { port, hostPort } = await start();
    const signIn = await send(port, { path: `/login?token=${testDoors.secret}`, headers: { Host: hostPort } });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/');
    expect(signIn.headers['set-cookie']).toEqual([`${signedIn(hostPort).Cookie}; Path=/; HttpOnly; SameSite=Strict`]);
    const page = await send(port, { path: '/', headers: { Host: hostPort, Cookie: signedIn(hostPort).Cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>kubelab dashboard</title>');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const wrong = await send(port, { path: '/login?token=guess', headers: { Host: hostPort } });
    expect(wrong).toMatchObject({ status: 403, body: expect.stringContaining('That token is not this lab\'s.') });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('shows the page without a session as how to sign in, and refuses the rest with a Status that says how', async () => {
    const { port, hostPort, control } = await start();
    const page = await send(port, { path: '/', headers: { Host: hostPort } });
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<form action="/login" method="get">');
    for (const [method, path] of everyRoute.filter(([, path]) => !['/', '/index.html', '/healthz'].includes(path) && !path.startsWith('/login'))) {
      const res = await send(port, { method, path, headers: { Host: hostPort, Origin: `http://${hostPort}`, 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.parse(res.body).message).toContain('this request has no session: open the login URL that `kubelab up` printed');
    }
    expect((await send(port, { path: '/healthz', headers: { Host: hostPort } })).body).toBe('ok');
    expect(control.seen).toHaveLength(0);
  });

  it('refuses a cross-site text/plain or form POST to a chaos route, and passes the page\'s own with the lab\'s secret', async () => {
    const { port, hostPort, control } = await start();
    const crossSite = { ...signedIn(hostPort), Host: hostPort, Origin: 'http://evil.example' };
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await send(port, { method: 'POST', path: '/chaos/kill', headers: { ...crossSite, 'Content-Type': type }, body: '{"service":"scheduler"}' });
      expect(res.status).toBe(403);
    }
    const plain = await send(port, { method: 'POST', path: '/chaos/kill', headers: { ...signedIn(hostPort), Host: hostPort, 'Content-Type': 'text/plain' }, body: '{"service":"scheduler"}' });
    expect(plain.status).toBe(415);
    expect(control.seen).toHaveLength(0);
    const own = await send(port, { method: 'POST', path: '/chaos/kill', headers: { ...signedIn(hostPort), Host: hostPort, 'Content-Type': 'application/json' }, body: '{"service":"scheduler"}' });
    expect(own).toMatchObject({ status: 200, body: '{"ok":true,"message":"done"}' });
    expect(control.seen[0].headers.authorization).toBe(`Bearer ${testDoors.secret}`);
    expect(control.seen[0].headers.cookie).toBeUndefined();
  });

  it('cuts a body over 3 MiB with 413, whether it says its length or comes in chunks', async () => {
    const { port, hostPort, control } = await start();
    const headers = { ...signedIn(hostPort), Host: hostPort, 'Content-Type': 'application/json' };
    const big = 'x'.repeat(bodyLimit + 1);
    const declared = await send(port, { method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers, body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413 });
    expect(control.seen).toHaveLength(0);
    const chunked = await send(port, { method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: { ...headers, 'Transfer-Encoding': 'chunked' }, body: big });
    expect(chunked.status).toBe(413);
  });

  it('closes on a client that sends its headers too slowly (a slowloris) with 408', async () => {
    const { port } = await start({ timeouts: { headersMs: 200, requestMs: 400, checkEveryMs: 50 } });
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});
