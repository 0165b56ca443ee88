/**
 * Where the dashboard server sends a request: the page's own files, the api-server
 * (Kubernetes API and the event log), the supervisor's control API (chaos and
 * process status), or the scenario in progress (its status and hints, which the
 * server works out itself), so the page talks to one origin.
 */
import { languages, type Lang } from '@kubelab/learn';
import type { Door } from './doors.js';

export type Route =
  | { to: 'file'; file: string; contentType: string }
  | { to: 'api' }
  | { to: 'control' }
  | { to: 'healthz' }
  /** The login link `kubelab up` prints: the lab's secret as a token, traded for the session cookie. */
  | { to: 'login'; token: string }
  | { to: 'learn-status'; lang: Lang }
  | { to: 'learn-hint'; n: number; lang: Lang }
  /** A known path with a query it cannot answer; the message says what to change. */
  | { to: 'bad-request'; message: string };

/** The page's files: the name the server reads, under public/ or the browser bundle (app.js, and app.css: the CSS it imports, xterm.js's). */
const files: Record<string, { file: string; contentType: string }> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/style.css': { file: 'style.css', contentType: 'text/css; charset=utf-8' },
  '/app.js': { file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', contentType: 'text/css; charset=utf-8' },
};

const apiPrefixes = ['/api/', '/apis/', '/kubelab/'];
const controlPrefixes = ['/chaos/'];

/** /learn/status?lang=ko and /learn/hint?n=2&lang=ko: the language (English unless given) and the hint's number, from 1. */
function learnRoute(path: string, query: URLSearchParams): Route {
  const lang = query.get('lang') ?? 'en';
  if (!(languages as readonly string[]).includes(lang)) return { to: 'bad-request', message: `lang must be one of ${languages.join(', ')}, got "${lang}"` };
  if (path === '/learn/status') return { to: 'learn-status', lang: lang as Lang };
  const n = query.get('n') ?? '';
  if (!/^[1-9]\d{0,2}$/.test(n)) return { to: 'bad-request', message: `n must be the hint's number, from 1, got "${n}"` };
  return { to: 'learn-hint', n: Number(n), lang: lang as Lang };
}

/** The route of a request path (query string included or not); undefined for none (404). */
export function routeOf(url: string): Route | undefined {
  const [path, query = ''] = url.split('?', 2);
  if (path === '/learn/status' || path === '/learn/hint') return learnRoute(path, new URLSearchParams(query));
  if (path === '/healthz') return { to: 'healthz' };
  if (path === '/login') return { to: 'login', token: new URLSearchParams(query).get('token') ?? '' };
  const file = files[path];
  if (file) return { to: 'file', ...file };
  if (path === '/api' || path === '/apis' || apiPrefixes.some((p) => path.startsWith(p))) return { to: 'api' };
  if (path === '/status' || controlPrefixes.some((p) => path.startsWith(p))) return { to: 'control' };
  return undefined;
}

/**
 * What a route asks of a request: /healthz (the supervisor's and compose's probe, which
 * says only "ok") and /login (whose token is the proof) a Host the dashboard accepts;
 * everything else, unknown paths included, the signed-in page's session as well.
 */
export const doorOf = (route: Route | undefined): Door => (route?.to === 'healthz' || route?.to === 'login' ? 'host' : 'session');

/** A pod's exec or attach, the only streams a terminal needs; its segments are names, never `.` or `..` (the resolved path is checked). */
const podStream = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(exec|attach)$/;

/**
 * Whether the dashboard passes this WebSocket upgrade to the api-server: only a pod's
 * exec or attach, so a page on the dashboard's origin can open a terminal and nothing
 * else (no watch, no port-forward, no proxy to a Service) becomes a stream through it.
 */
export function passesUpgrade(url: string): boolean {
  const resolved = new URL(url, 'http://dashboard');
  return podStream.test(resolved.pathname) && url.split('?')[0] === resolved.pathname;
}
