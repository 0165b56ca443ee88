/**
 * The dashboard process of a lab: `--port`, `--api-url`, `--api-ca-file` (the lab
 * CA, to trust the api-server's HTTPS certificate), `--api-cert-file` and `--api-key-file`
 * (the client certificate it shows the api-server: the lab's admin), `--control-url` (none
 * under docker compose: no chaos drills then), `--root` (the workspace, where the
 * page's files, the browser bundle and the scenarios are), `--data-dir` (the lab's,
 * where `kubelab learn` keeps the scenario in progress; none under docker compose:
 * no scenario panel then), `--time-scale` (the lab's, which the scenarios' checks
 * count in), `--host` (127.0.0.1 unless given), `--secret-file` (the lab's secret, DIR/lab-secret:
 * the login token, and what the control API asks; made there when missing, as under docker
 * compose) and `--accept-hosts` (kubectl proxy's: the Host names it answers besides --host).
 * Listens until SIGTERM or SIGINT, or until the `kubelab up` that started it is gone (`kubelab up` runs it as a thread of
 * its thread host: libs/bus hosted-thread.ts).
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exitSaying, readOrCreateSecret, watchSupervisor } from '@kubelab/bus';
import { acceptedHosts, defaultAcceptHosts } from './doors.js';
import { dashboardServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' }, 'api-url': { type: 'string' }, 'api-ca-file': { type: 'string' }, 'api-cert-file': { type: 'string' }, 'api-key-file': { type: 'string' }, 'control-url': { type: 'string' },
    root: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, 'time-scale': { type: 'string' },
    'secret-file': { type: 'string' }, 'accept-hosts': { type: 'string' },
  },
});
const port = Number(values.port);
const timeScale = Number(values['time-scale'] ?? 1);
if (!Number.isInteger(port) || !values['api-url'] || !values.root || !(timeScale > 0) || !values['secret-file']) {
  exitSaying('usage: dashboard --port PORT --api-url URL [--api-ca-file FILE [--api-cert-file FILE --api-key-file FILE]] [--control-url URL] --root DIR --secret-file FILE '
    + `[--data-dir DIR] [--time-scale N] [--host 127.0.0.1] [--accept-hosts '${defaultAcceptHosts}']`, 2);
}
const host = values.host ?? '127.0.0.1';
let acceptHosts: RegExp[];
try {
  acceptHosts = acceptedHosts(host, values['accept-hosts']);
} catch (e) {
  exitSaying(`dashboard: ${(e as Error).message}`, 2);
}
const read = (file: string | undefined) => (file ? readFileSync(file, 'utf8') : undefined);
const server = dashboardServer({
  apiUrl: values['api-url'], controlUrl: values['control-url'],
  ...(values['api-ca-file'] ? { apiTls: { ca: readFileSync(values['api-ca-file'], 'utf8'), cert: read(values['api-cert-file']), key: read(values['api-key-file']) } } : {}),
  publicDir: join(values.root, 'apps/dashboard/src/public'), bundleDir: join(values.root, 'dist/dashboard'),
  ...(values['data-dir'] ? { learn: { dataDir: values['data-dir'], scenariosDir: join(values.root, 'libs/learn/scenarios'), timeScale } } : {}),
  doors: { acceptHosts, secret: readOrCreateSecret(values['secret-file']) },
});
const parent = watchSupervisor();
server.once('error', (e: NodeJS.ErrnoException) => {
  exitSaying(`dashboard: ${e.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use: stop what listens there or pick another --port` : e.message}`, 1);
});
// Port 0: the system picks one, and the supervisor learns it from here.
server.listen(port, host, () => {
  const bound = (server.address() as AddressInfo).port;
  process.stdout.write(`dashboard: http://${host}:${bound}\n`);
  parent.listening(bound);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
parent.stopWith(stop);
