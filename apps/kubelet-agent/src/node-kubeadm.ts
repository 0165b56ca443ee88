/**
 * The cluster as kubeadm on a node reaches it: what it reads (kubeadm-config's ClusterConfiguration, the Nodes' kubelet
 * versions, kube-system's bootstrap tokens, the cluster CA its join pins) from the agent's informers; on the
 * control-plane node, `upgrade apply`'s and `token create`'s writes, which the api-server makes with the admin's
 * credentials only for that node's agent; and on a machine that has not joined, the files `kubeadm join` leaves.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { ConfigMap, Node, Secret } from '@kubelab/api';
import type { ApiClient, KubeadmTokenReply } from '@kubelab/bus';
import type { BootstrapToken, NodeKubeadm } from '@kubelab/shell';

/** What the agent knows of the cluster that kubeadm reads. */
export interface KubeadmView {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secrets(namespace: string): readonly Secret[];
  nodes(): readonly Node[];
  /** The cluster CA (PEM), once known. */
  clusterCa(): string | undefined;
  /** The API's address as a node's kubelet.conf names it (https://HOST:PORT). */
  apiServer: string;
  /** The files `kubeadm join` leaves for the kubelet. */
  joinFiles(): Record<string, string>;
}

const bootstrapTokenType = 'bootstrap.kubernetes.io/token';
const groups = ['system:bootstrappers:kubeadm:default-node-token'];
const usages = ['authentication', 'signing'];

/** kubeadm's discovery hash of a CA: sha256 of its certificate's SubjectPublicKeyInfo. */
export function caCertHash(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`;
}

/** A bootstrap token Secret as `kubeadm token list` shows it; undefined for any other Secret, or one past its expiration. */
function bootstrapToken(secret: Secret, now: Date): BootstrapToken | undefined {
  const field = (key: string) => (secret.data?.[key] === undefined ? undefined : Buffer.from(secret.data[key], 'base64').toString('utf8'));
  const id = field('token-id');
  const tokenSecret = field('token-secret');
  const expiration = field('expiration');
  if (secret.type !== bootstrapTokenType || !id || !tokenSecret || (expiration && new Date(expiration) <= now)) return undefined;
  const description = field('description');
  return {
    token: `${id}.${tokenSecret}`, ...(expiration ? { expiration } : {}), ...(description ? { description } : {}),
    usages: usages.filter((u) => field(`usage-bootstrap-${u}`) === 'true'), groups: field('auth-extra-groups')?.split(',') ?? [],
  };
}

export function nodeKubeadm(view: KubeadmView, client: ApiClient): NodeKubeadm {
  return {
    cluster() {
      const config = view.configMap('kube-system', 'kubeadm-config')?.data?.ClusterConfiguration;
      const version = config === undefined ? undefined : /^kubernetesVersion:\s*(\S+)\s*$/m.exec(config)?.[1];
      if (version === undefined) return undefined;
      return { version, kubelets: Object.fromEntries(view.nodes().map((n) => [n.metadata?.name ?? '', n.status?.nodeInfo?.kubeletVersion ?? ''])) };
    },
    upgrade: (version, cause) => client.kubeadm<void>({ op: 'upgrade', version }, cause),
    async createToken({ ttlSeconds, description }, cause) {
      const reply = await client.kubeadm<KubeadmTokenReply>({ op: 'token', ttlSeconds, ...(description ? { description } : {}) }, cause);
      return { ...reply, ...(description ? { description } : {}), usages, groups };
    },
    tokens: () => view.secrets('kube-system').flatMap((s) => bootstrapToken(s, new Date()) ?? []).sort((a, b) => a.token.localeCompare(b.token)),
    discovery() {
      const ca = view.clusterCa();
      return ca === undefined ? undefined : { endpoint: view.apiServer.replace(/^https:\/\//, ''), caCertHash: caCertHash(ca) };
    },
    join: async () => view.joinFiles(),
  };
}
