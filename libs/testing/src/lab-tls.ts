/**
 * The lab's API is HTTPS with a certificate from the lab's own CA: what a test needs
 * to talk to it as a client of a real cluster does, without turning verification off.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';

/** The CA to trust and the admin's client certificate and key (PEM), as kubeadm's admin.conf carries them. */
export interface TlsCredentials {
  ca: string;
  cert: string;
  key: string;
}

/** The credentials the api-server wrote to the lab's data dir (its --cert-dir is DATA_DIR/pki). */
export function labCredentials(dataDir: string): TlsCredentials {
  const read = (file: string) => readFileSync(join(dataDir, 'pki', file), 'utf8');
  return { ca: read('ca.crt'), cert: read('admin.crt'), key: read('admin.key') };
}

/** A fetch (undici's) whose connections trust `ca` and show the client certificate when given (the admin's), for tests that call the lab's HTTPS API directly. */
export function fetchTrusting(credentials: { ca: string; cert?: string; key?: string }): typeof fetch {
  const dispatcher = new Agent({ connect: credentials });
  return (input, init) => fetch(input, { ...init, dispatcher });
}
