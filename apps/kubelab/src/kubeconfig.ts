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

interface KubeconfigDoc {
  users: { name: string; user: Record<string, string> }[];
  contexts: { name: string; context: Record<string, string> }[];
  [key: string]: unknown;
}

/** The kubeconfig in `file` as YAML data, or undefined when there is none to read. */
function readDoc(file: string): KubeconfigDoc | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const doc = parse(readFileSync(file, 'utf8')) as KubeconfigDoc | null;
    return Array.isArray(doc?.users) && Array.isArray(doc?.contexts) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the lab's kubeconfig; the users `kubelab user add` put in an earlier one, and their contexts, stay. */
export function writeKubeconfig(file: string, server: string, credentials?: LabCredentials): void {
  const fresh = parse(kubeconfigYaml(server, credentials)) as KubeconfigDoc;
  const added = readDoc(file);
  if (added) {
    fresh.users.push(...added.users.filter((u) => u.name !== 'kubelab'));
    fresh.contexts.push(...added.contexts.filter((c) => c.name !== 'kubelab' && c.context?.cluster === 'kubelab'));
  }
  writeFileSync(file, stringify(fresh), { mode: 0o600 });
}

/** Adds (or replaces) a user with this client certificate, and a context of the same name on the lab's cluster, to the kubeconfig in `file`. */
export function addKubeconfigUser(file: string, name: string, pair: { cert: string; key: string }): void {
  const doc = readDoc(file);
  if (!doc) throw new Error(`${file} is not the lab's kubeconfig`);
  doc.users = [...doc.users.filter((u) => u.name !== name), { name, user: { 'client-certificate-data': base64(pair.cert), 'client-key-data': base64(pair.key) } }];
  doc.contexts = [...doc.contexts.filter((c) => c.name !== name), { name, context: { cluster: 'kubelab', user: name, namespace: 'default' } }];
  writeFileSync(file, stringify(doc), { mode: 0o600 });
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
