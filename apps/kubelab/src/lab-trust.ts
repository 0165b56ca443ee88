/**
 * The lab's api-server serves HTTPS with a certificate from the lab's own CA, which
 * no system trusts, and answers only whom it can authenticate. The kubelab CLI and the
 * supervisor talk to one lab each, as its admin, so they make every fetch of their
 * process trust that CA and show the admin's client certificate from the same folder
 * (fetch has no per-call TLS option).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkServerIdentity, type TLSSocket } from 'node:tls';
import type { buildConnector as BuildConnector } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import buildConnector from 'undici/lib/core/connect.js';
import { setGlobalDispatcher } from 'undici/lib/global.js';

let trusted: string | undefined;

/** OpenSSL's words for a certificate that is sound but out of its dates. */
const outOfDate = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/**
 * How the lab's own tools reach the api-server: its certificate must be the lab CA's and name the host, as for any
 * client, but its dates are not held against it, since the api-server serves one out of date while `kubelab clock`
 * has moved the machines past their node's certificate (kubectl refuses it then, as on a cluster; the supervisor and
 * the CLI go on).
 */
function labConnector(ca: string, cert: string, key: string): BuildConnector.connector {
  const authority = new X509Certificate(ca);
  // No resumed sessions: each connection shows its certificate, which is checked here.
  const connect = buildConnector({ ca, cert, key, rejectUnauthorized: false, maxCachedSessions: 0 });
  return (options, callback) => connect(options, (err, socket) => {
    if (err) return callback(err, null);
    const tls = socket as TLSSocket;
    if (options.protocol !== 'https:' || tls.authorized) return callback(null, socket);
    const why = outOfDateProblem(tls, authority, options.servername || options.hostname);
    if (why === undefined) return callback(null, socket);
    tls.destroy();
    callback(new Error(`the api-server's certificate is refused: ${why}`), null);
  });
}

/** Why a connection's certificate is refused although only its dates may be wrong; undefined when it is the lab CA's, for `host`. */
function outOfDateProblem(tls: TLSSocket, authority: X509Certificate, host: string): string | undefined {
  const problem = String(tls.authorizationError);
  if (!outOfDate.has(problem)) return problem;
  const peer = tls.getPeerCertificate();
  if (!peer.raw) return 'it showed none';
  const served = new X509Certificate(peer.raw);
  if (!served.checkIssued(authority) || !served.verify(authority.publicKey)) return 'it is not from the lab\'s CA';
  return checkServerIdentity(host, peer)?.message;
}

/** Makes this process's fetch trust the CA in `caFile` and show the admin certificate beside it; false while the api-server has not written them yet. */
export function trustLabCa(caFile: string): boolean {
  const certFile = join(dirname(caFile), 'admin.crt');
  const keyFile = join(dirname(caFile), 'admin.key');
  if (![caFile, certFile, keyFile].every(existsSync)) return false;
  const [ca, cert, key] = [caFile, certFile, keyFile].map((f) => readFileSync(f, 'utf8'));
  if (`${ca}${cert}` !== trusted) {
    setGlobalDispatcher(new Agent({ connect: labConnector(ca, cert, key) }));
    trusted = `${ca}${cert}`;
  }
  return true;
}

/** Makes this process's fetch trust a kubeconfig's CA and present its client certificate (the compose lab's kubeconfig). */
export function trustKubeconfig(credentials: { ca?: string; cert?: string; key?: string }): void {
  setGlobalDispatcher(new Agent({ connect: { ca: credentials.ca, cert: credentials.cert, key: credentials.key } }));
  trusted = `${credentials.ca}${credentials.cert}`;
}
