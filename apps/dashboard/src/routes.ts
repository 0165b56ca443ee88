/**
 * Where the dashboard server sends a request: the page's own files, the api-server
 * (Kubernetes API and the event log), or the supervisor's control API (chaos and
 * process status), so the page talks to one origin.
 */
export type Route =
  | { to: 'file'; file: string; contentType: string }
  | { to: 'api' }
  | { to: 'control' }
  | { to: 'healthz' };

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

/** The route of a request path (query string included or not); undefined for none (404). */
export function routeOf(url: string): Route | undefined {
  const path = url.split('?')[0];
  if (path === '/healthz') return { to: 'healthz' };
  const file = files[path];
  if (file) return { to: 'file', ...file };
  if (path === '/api' || path === '/apis' || apiPrefixes.some((p) => path.startsWith(p))) return { to: 'api' };
  if (path === '/status' || controlPrefixes.some((p) => path.startsWith(p))) return { to: 'control' };
  return undefined;
}

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
