/**
 * The lab's api-server serves HTTPS with a certificate from the lab's own CA, which
 * no system trusts, and answers only whom it can authenticate. The kubelab CLI and the
 * supervisor talk to one lab each, as its admin, so they make every fetch of their
 * process trust that CA and show the admin's client certificate from the same folder
 * (fetch has no per-call TLS option).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Agent, setGlobalDispatcher } from 'undici';

let trusted: string | undefined;

/** Makes this process's fetch trust the CA in `caFile` and show the admin certificate beside it; false while the api-server has not written them yet. */
export function trustLabCa(caFile: string): boolean {
  const certFile = join(dirname(caFile), 'admin.crt');
  const keyFile = join(dirname(caFile), 'admin.key');
  if (![caFile, certFile, keyFile].every(existsSync)) return false;
  const [ca, cert, key] = [caFile, certFile, keyFile].map((f) => readFileSync(f, 'utf8'));
  if (`${ca}${cert}` !== trusted) {
    setGlobalDispatcher(new Agent({ connect: { ca, cert, key } }));
    trusted = `${ca}${cert}`;
  }
  return true;
}

/** Makes this process's fetch trust a kubeconfig's CA and present its client certificate (the compose lab's kubeconfig). */
export function trustKubeconfig(credentials: { ca?: string; cert?: string; key?: string }): void {
  setGlobalDispatcher(new Agent({ connect: { ca: credentials.ca, cert: credentials.cert, key: credentials.key } }));
  trusted = `${credentials.ca}${credentials.cert}`;
}
