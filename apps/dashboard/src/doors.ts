/**
 * Who the dashboard lets in. It forwards requests with the lab admin's identity, so a
 * request must (1) name the dashboard by a Host it accepts (kubectl proxy's
 * --accept-hosts: a page that reached 127.0.0.1 by DNS rebinding still sends its own
 * name), (2) carry the signed-in page's session cookie (HttpOnly, SameSite=Strict, set
 * by /login?token=<the lab's secret>), and, for anything that changes state and every
 * stream upgrade, (3) come from a page of the dashboard's own origin, with a body no
 * cross-site form can send without a preflight. Pure: the server asks, then acts.
 */
import { createHmac } from 'node:crypto';
import { sameSecret } from '@kubelab/bus';

/** kubectl proxy's default --accept-hosts: loopback by name and address. */
export const defaultAcceptHosts = '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$';

/** A comma-separated list of regular expressions, as kubectl proxy's --accept-hosts takes them; throws with the one that does not compile. */
export function parseAcceptHosts(list: string): RegExp[] {
  return list.split(',').filter((part) => part !== '').map((part) => {
    try {
      return new RegExp(part);
    } catch (e) {
      throw new Error(`--accept-hosts: "${part}" is not a regular expression: ${(e as Error).message}`);
    }
  });
}

/** The hosts a dashboard listening on `listenHost` accepts: the list given, plus that address itself unless it is every address (0.0.0.0, ::). */
export function acceptedHosts(listenHost: string, list = defaultAcceptHosts): RegExp[] {
  const everyAddress = ['0.0.0.0', '::', '[::]'].includes(listenHost);
  const named = listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost;
  const escaped = named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const accepted = parseAcceptHosts(list);
  const own = `^${escaped}$`;
  return everyAddress || accepted.some((re) => re.source === own) ? accepted : [...accepted, new RegExp(own)];
}

/** A Host header's name without its port: `[::1]:6480` → `[::1]` (kept in brackets, as the default list names it). */
export function hostName(host: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d*)?$/.exec(host);
  if (bracketed) return bracketed[1];
  return host.replace(/:\d*$/, '');
}

/** The dashboard's session, worked out from the lab's secret: the same after a restart of the dashboard, so the page stays signed in. */
export interface Session {
  /** Named after the lab: two labs on one machine (cookies do not tell ports apart) keep their own. */
  cookieName: string;
  cookieValue: string;
  secret: string;
}

const derive = (secret: string, purpose: string) => createHmac('sha256', secret).update(purpose).digest('hex');

/** The session of a lab with this secret; the cookie holds a value derived from it, never the secret itself. */
export function sessionOf(secret: string): Session {
  return { cookieName: `kubelab-session-${derive(secret, 'cookie-name').slice(0, 8)}`, cookieValue: derive(secret, 'dashboard-session'), secret };
}

/** The Set-Cookie of a signed-in page: script cannot read it, and no other site's request carries it. */
export const sessionCookie = (session: Session) => `${session.cookieName}=${session.cookieValue}; Path=/; HttpOnly; SameSite=Strict`;

/** The value of cookie `name` in a Cookie header, if it is there. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** What the doors look at in a request. */
export interface Knock {
  method: string;
  host?: string;
  origin?: string;
  cookie?: string;
  contentType?: string;
  /** A WebSocket upgrade: a stream, as able to change things as a POST. */
  upgrade: boolean;
}

/** What a route asks for: a Host only (/healthz, /login, whose token is the proof), or the signed-in page's session. */
export type Door = 'host' | 'session';

/** A refused request's answer, as a Kubernetes Status. */
export interface Refusal {
  /** What the request lacked: the page shows a sign-in form for a missing or stale session. */
  lacks: 'host' | 'session' | 'origin' | 'json';
  code: 403 | 415;
  reason: 'Forbidden' | 'UnsupportedMediaType';
  message: string;
}

/** The content types a page of another site can send in a POST without a preflight (the Fetch standard's CORS-safelisted ones). */
const formTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** How to get in, said in every refusal. */
export const howToSignIn = 'open the login URL that `kubelab up` printed (`kubelab status` prints it again; for the compose lab, `docker compose logs kubeconfig`)';

const forbidden = (lacks: Refusal['lacks'], message: string): Refusal => ({ lacks, code: 403, reason: 'Forbidden', message });

/** Why `knock` may not pass `door`, or undefined when it may. */
export function refusal(knock: Knock, door: Door, accepted: readonly RegExp[], session: Session): Refusal | undefined {
  const name = hostName(knock.host ?? '');
  if (!accepted.some((re) => re.test(name))) {
    return forbidden('host', `the dashboard answers only requests addressed to it as ${accepted.map((re) => re.source).join(', ')} (its --accept-hosts), not Host "${knock.host ?? ''}": ${howToSignIn}`);
  }
  if (door === 'host') return undefined;
  const cookie = cookieValue(knock.cookie, session.cookieName);
  if (cookie === undefined) return forbidden('session', `the dashboard acts as the lab's admin only for a signed-in page, and this request has no session: ${howToSignIn}`);
  if (!sameSecret(cookie, session.cookieValue)) return forbidden('session', `the session cookie is not this lab's (a lab started anew, or a forged one): ${howToSignIn}`);
  if (!knock.upgrade && (knock.method === 'GET' || knock.method === 'HEAD')) return undefined;
  const origin = originHost(knock.origin);
  if (origin === undefined || origin !== knock.host || !accepted.some((re) => re.test(hostName(origin)))) {
    return forbidden('origin', `the dashboard takes ${knock.upgrade ? 'streams' : 'changes'} only from its own page (Origin http://${knock.host ?? ''}), not from ${knock.origin || 'a request without an Origin'}`);
  }
  const type = (knock.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (formTypes.includes(type)) return { lacks: 'json', code: 415, reason: 'UnsupportedMediaType', message: `the dashboard takes no ${type} body: its page sends JSON (application/json)` };
  return undefined;
}

/** The host:port of an http:// Origin; undefined for none, "null" or another scheme. */
function originHost(origin: string | undefined): string | undefined {
  if (origin === undefined || !URL.canParse(origin)) return undefined;
  const url = new URL(origin);
  return url.protocol === 'http:' && url.pathname === '/' ? url.host : undefined;
}
