/**
 * The lab's api-server serves HTTPS with a certificate from the lab's own CA, which
 * no system trusts. The kubelab CLI and the supervisor talk to one lab each, so they
 * make every fetch of their process trust that CA (fetch has no per-call CA option).
 */
import { existsSync, readFileSync } from 'node:fs';
import { Agent, setGlobalDispatcher } from 'undici';

let trusted: string | undefined;

/** Makes this process's fetch trust the CA in `caFile`; false while the api-server has not written it yet. */
export function trustLabCa(caFile: string): boolean {
  if (!existsSync(caFile)) return false;
  const pem = readFileSync(caFile, 'utf8');
  if (pem !== trusted) {
    setGlobalDispatcher(new Agent({ connect: { ca: pem } }));
    trusted = pem;
  }
  return true;
}

/** Makes this process's fetch trust a kubeconfig's CA and present its client certificate (the compose lab's kubeconfig). */
export function trustKubeconfig(credentials: { ca?: string; cert?: string; key?: string }): void {
  setGlobalDispatcher(new Agent({ connect: { ca: credentials.ca, cert: credentials.cert, key: credentials.key } }));
  trusted = credentials.ca;
}
