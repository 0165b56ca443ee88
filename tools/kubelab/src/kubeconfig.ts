/**
 * The kubeconfig `kubelab up` writes (and `kubelab kubeconfig` prints), as kubeadm
 * writes admin.conf: the API on loopback, the lab CA embedded, and the admin's client
 * certificate (kubectl asks for a password when an HTTPS cluster comes without a credential).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** PEMs from the api-server's --cert-dir: the CA to trust and the admin's certificate and key. */
export interface LabCredentials {
  ca: string;
  cert: string;
  key: string;
}

const base64 = (pem: string) => Buffer.from(pem).toString('base64');

/** ca.crt, admin.crt and admin.key of a cert dir; undefined until the api-server has written them. */
export function readLabCredentials(certDir: string): LabCredentials | undefined {
  const files = ['ca.crt', 'admin.crt', 'admin.key'].map((f) => join(certDir, f));
  if (!files.every((f) => existsSync(f))) return undefined;
  const [ca, cert, key] = files.map((f) => readFileSync(f, 'utf8'));
  return { ca, cert, key };
}

/** The kubeconfig for a server, as YAML; with credentials, the CA and the client certificate are embedded as *-data. */
export function kubeconfigYaml(server: string, credentials?: LabCredentials): string {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubelab', cluster: { server, ...(credentials ? { 'certificate-authority-data': base64(credentials.ca) } : {}) } }],
    users: [{
      name: 'kubelab',
      user: credentials ? { 'client-certificate-data': base64(credentials.cert), 'client-key-data': base64(credentials.key) } : {},
    }],
    contexts: [{ name: 'kubelab', context: { cluster: 'kubelab', user: 'kubelab', namespace: 'default' } }],
    'current-context': 'kubelab',
    preferences: {},
  };
  return stringify(config);
}

export function writeKubeconfig(file: string, server: string, credentials?: LabCredentials): void {
  writeFileSync(file, kubeconfigYaml(server, credentials), { mode: 0o600 });
}

/** The API a kubeconfig's current context names, with its CA and client certificate; a message saying what is wrong when it names none. */
export function readKubeconfig(file: string): { server: string; credentials?: Partial<LabCredentials> } | string {
  let config: unknown;
  try {
    config = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${file} does not exist` : `${file} is not a kubeconfig (it is not YAML)`;
  }
  const c = config as { 'current-context'?: string; contexts?: { name: string; context?: { cluster?: string; user?: string } }[]; clusters?: { name: string; cluster?: Record<string, string> }[]; users?: { name: string; user?: Record<string, string> }[] } | null;
  const context = c?.contexts?.find((x) => x.name === c['current-context'])?.context;
  const cluster = c?.clusters?.find((x) => x.name === context?.cluster)?.cluster;
  if (!cluster?.server || !URL.canParse(cluster.server)) return `${file} names no API server in its current context`;
  const user = c?.users?.find((x) => x.name === context?.user)?.user ?? {};
  const pem = (data: string | undefined) => (data ? Buffer.from(data, 'base64').toString('utf8') : undefined);
  return { server: cluster.server, credentials: { ca: pem(cluster['certificate-authority-data']), cert: pem(user['client-certificate-data']), key: pem(user['client-key-data']) } };
}
