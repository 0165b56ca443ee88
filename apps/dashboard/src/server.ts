/**
 * The dashboard's HTTP server: the page (index.html and style.css from public/, the
 * browser bundle app.js and app.css), /healthz, and the proxies to the api-server and
 * the supervisor's control API (without a supervisor, as under docker compose, the
 * control routes answer 503 with a Status that says why); WebSocket upgrades for a
 * pod's exec and attach (the page's terminal) pass to the api-server. The scenario in
 * progress (/learn/status, /learn/hint) is read from the lab's data dir and checked
 * here, as `kubelab learn status` does; without a data dir there is none.
 * Every request passes the doors first (doors.ts): a Host the dashboard accepts, and
 * but for /healthz and /login the signed-in page's session (and its own Origin for a
 * change or a stream). Slow clients and oversized bodies are cut off.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { learnHint, learnStatus, ScenarioError, type LabFetch } from '@kubelab/learn';
import { bearer, sameSecret } from '@kubelab/bus';
import { howToSignIn, refusal, sessionCookie, sessionOf, type Knock, type Refusal } from './doors.js';
import { get, proxy, type ApiTls } from './proxy.js';
import { doorOf, routeOf } from './routes.js';
import { proxyUpgrade, refuseUpgrade } from './upgrade.js';

export interface DashboardOptions {
  apiUrl: string;
  /** The lab CA (PEM) the api-server's certificate chains to, when it serves HTTPS. */
  apiTls?: ApiTls;
  /** The supervisor's control API; none when the lab runs without `kubelab up`. */
  controlUrl?: string;
  /** Where index.html and style.css are. */
  publicDir: string;
  /** Where the browser bundle (app.js and the CSS it imports, app.css) is. */
  bundleDir: string;
  /** The lab's data dir (its learn.json), the scenarios and the lab's time scale; none under docker compose, where no scenario runs. */
  learn?: { dataDir: string; scenariosDir: string; timeScale: number };
  /** Who may come in: the Hosts it answers to (--accept-hosts) and the lab's secret (the login token, the session's key, the control API's bearer). */
  doors: { acceptHosts: readonly RegExp[]; secret: string };
  /** How long a client may take to send its headers, and its whole request; shorter in tests. */
  timeouts?: { headersMs: number; requestMs: number; checkEveryMs: number };
}

/** A client that sends its headers or its request this slowly holds a connection for nothing (a slowloris): 408 and closed. */
const defaultTimeouts = { headersMs: 10_000, requestMs: 60_000, checkEveryMs: 1000 };

/** The page's answers may not be framed by another site (a chaos button clicked through an invisible frame). */
const pageHeaders = { 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Content-Security-Policy': 'frame-ancestors \'none\'' };

/** The page a browser gets without a session: how to sign in, and a field for the token. */
const signInPage = (why: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kubelab dashboard: sign in</title></head>
<body style="font-family: sans-serif; max-width: 42rem; margin: 3rem auto">
<h1>kubelab dashboard</h1>
<p>${why}</p>
<p>The dashboard acts as the lab's admin, so it opens only for the learner who started the lab: ${howToSignIn.replaceAll('`', '')}.</p>
<form action="/login" method="get"><label>or paste the token (DIR/lab-secret): <input name="token" type="password" autocomplete="off"></label> <button>Sign in</button></form>
</body></html>
`;

const knockOf = (req: IncomingMessage): Knock => ({
  method: req.method ?? 'GET', host: req.headers.host, origin: req.headers.origin, cookie: req.headers.cookie, contentType: req.headers['content-type'],
  upgrade: req.headers.upgrade !== undefined,
});

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  res.writeHead(code, { 'Content-Type': 'application/json' })
    .end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

const json = (res: ServerResponse, body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));

function notFound(url: string) {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `the dashboard serves no ${url}`, reason: 'NotFound', code: 404 });
}

/** The answer to a chaos button where no supervisor runs: the drill's command on the host instead, or why there is none. */
const noSupervisor = (path: string) => {
  const action = /^\/chaos\/([a-z-]+)/.exec(path)?.[1] ?? 'kill-agent';
  const instead = ['crash', 'oom', 'unhealthy'].includes(action)
    ? `${action} goes to the pod's agent over NATS, which the compose lab does not publish to the host: pod drills need kubelab up`
    : `Run the drill from the host: npx kubelab chaos ${action} … --engine compose (or start the lab with kubelab up)`;
  return JSON.stringify({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'ServiceUnavailable', code: 503,
    message: 'chaos drills are carried out by the process that holds the lab\'s processes: the supervisor of kubelab up, or the container engine ' +
      `in compose, which this dashboard's container cannot reach (it has no engine socket, by design). ${instead}`,
  });
};

export function dashboardServer(o: DashboardOptions): Server {
  const apiFetch: LabFetch = (url) => get(url, o.apiTls);
  const learnFailed = (res: ServerResponse) => (e: Error) => {
    if (e instanceof ScenarioError) status(res, 500, 'InternalError', e.message);
    else status(res, 502, 'ServiceUnavailable', `the dashboard could not check the scenario against ${o.apiUrl}: ${(e.cause as Error | undefined)?.message ?? e.message}`);
  };
  const session = sessionOf(o.doors.secret);
  const timeouts = o.timeouts ?? defaultTimeouts;
  const refused = (res: ServerResponse, no: Refusal, page: boolean) => {
    if (page && no.lacks === 'session') res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', ...pageHeaders }).end(signInPage(no.message));
    else status(res, no.code, no.reason, no.message);
  };
  const server = createServer({ headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: timeouts.checkEveryMs }, (req, res) => {
    const route = routeOf(req.url ?? '/');
    const no = refusal(knockOf(req), doorOf(route), o.doors.acceptHosts, session);
    if (no) {
      refused(res, no, route?.to === 'file' && route.file === 'index.html');
      return;
    }
    switch (route?.to) {
      case 'login':
        if (sameSecret(route.token, o.doors.secret)) {
          res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(session), 'Referrer-Policy': 'no-referrer', ...pageHeaders }).end();
        } else {
          res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Referrer-Policy': 'no-referrer', ...pageHeaders }).end(signInPage('That token is not this lab\'s.'));
        }
        return;
      case 'healthz':
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
        return;
      case 'api':
        proxy(req, res, o.apiUrl, o.apiTls);
        return;
      case 'control':
        if (o.controlUrl) proxy(req, res, o.controlUrl, undefined, bearer(o.doors.secret));
        else res.writeHead(503, { 'Content-Type': 'application/json' }).end(noSupervisor(req.url ?? '/'));
        return;
      case 'file': {
        const dir = route.file.startsWith('app.') ? o.bundleDir : o.publicDir;
        readFile(join(dir, route.file)).then(
          (body) => res.writeHead(200, { 'Content-Type': route.contentType, ...pageHeaders }).end(body),
          (e: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`the dashboard cannot read ${route.file}: ${e.message}`),
        );
        return;
      }
      case 'learn-status':
        if (!o.learn) json(res, { scenario: null });
        else learnStatus({ ...o.learn, apiUrl: o.apiUrl }, route.lang, apiFetch).then((body) => json(res, body), learnFailed(res));
        return;
      case 'learn-hint': {
        let hint: string | undefined;
        try {
          hint = o.learn && learnHint(o.learn, route.n, route.lang);
        } catch (e) {
          learnFailed(res)(e as Error);
          return;
        }
        if (hint === undefined) status(res, 404, 'NotFound', o.learn ? `no hint ${route.n}: no scenario is in progress, or it has fewer hints` : 'this dashboard has no lab data dir: scenarios run with kubelab learn on a lab of kubelab up');
        else json(res, { hint });
        return;
      }
      case 'bad-request':
        status(res, 400, 'BadRequest', route.message);
        return;
      case undefined:
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(notFound(req.url ?? '/'));
        return;
      default: {
        const never: never = route;
        return never;
      }
    }
  });
  // An upgraded socket is no longer the server's HTTP connection: closeAllConnections
  // would leave open terminals behind, and server.close would wait for them to end.
  const streams = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const no = refusal(knockOf(req), 'session', o.doors.acceptHosts, session);
    if (no) {
      socket.on('error', () => socket.destroy());
      refuseUpgrade(socket, no.code, no.reason, no.message);
      return;
    }
    proxyUpgrade(req, socket, head, o.apiUrl, o.apiTls, (stream) => {
      streams.add(stream);
      stream.on('close', () => streams.delete(stream));
    });
  });
  const closeHttpConnections = server.closeAllConnections.bind(server);
  server.closeAllConnections = () => {
    closeHttpConnections();
    for (const stream of streams) stream.destroy();
  };
  return server;
}
