/**
 * What kubeadm on the control-plane node writes through the API with the admin's credentials. `upgrade apply vX.Y.Z`,
 * once the control plane's manifests are its own (its upload-config and addon phases): kubeadm-config's
 * ClusterConfiguration at the new kubernetesVersion, and kube-proxy's DaemonSet on the new release's image, which rolls
 * it out node by node (a kube-proxy DaemonSet the learner deleted is left gone: the lab's addon phase only moves what is
 * there). `token create`: a bootstrap token Secret in kube-system, as kubeadm's bootstraptoken phase stores one.
 */
import { randomInt } from 'node:crypto';
import { badRequest, notFound, storedTypeOf, type ConfigMap, type DaemonSet, type UserInfo } from '@kubelab/api';
import type { KubeadmRequest, KubeadmTokenReply } from '@kubelab/bus';
import type { ApiService } from './api.service.js';

/** The user kubeadm acts as: admin.conf's, in kubeadm's cluster-admins group. */
const kubeadmAdmin: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** Moves the cluster's configuration and kube-proxy to `version` (vX.Y.Z); throws when kubeadm-config is not there to move. */
export async function upgradeClusterConfiguration(api: ApiService, version: string, cause: number | null): Promise<void> {
  if (!/^v\d+\.\d+\.\d+$/.test(version)) throw badRequest(`"${version}" is not a Kubernetes release (vX.Y.Z)`);
  const configMaps = storedTypeOf('ConfigMap')!;
  const config = api.tryGet(configMaps, 'kube-system', 'kubeadm-config')?.object as ConfigMap | undefined;
  const text = config?.data?.ClusterConfiguration;
  if (text === undefined) throw notFound(configMaps, 'kubeadm-config');
  const options = { fieldManager: 'kubeadm', fieldValidation: 'Strict' as const };
  await api.execute({
    type: 'Patch', resource: configMaps, namespace: 'kube-system', name: 'kubeadm-config', patchType: 'merge', options,
    patch: { data: { ClusterConfiguration: text.replace(/^kubernetesVersion: .*$/m, `kubernetesVersion: ${version}`) } },
  }, 'kubeadm', cause, kubeadmAdmin);
  const daemonSets = storedTypeOf('DaemonSet')!;
  const proxy = api.tryGet(daemonSets, 'kube-system', 'kube-proxy')?.object as DaemonSet | undefined;
  const container = proxy?.spec?.template.spec?.containers.find((c) => c.name === 'kube-proxy');
  if (!container?.image) return;
  await api.execute({
    type: 'Patch', resource: daemonSets, namespace: 'kube-system', name: 'kube-proxy', patchType: 'strategic', options,
    patch: { spec: { template: { spec: { containers: [{ name: 'kube-proxy', image: container.image.replace(/:[^:/]+$/, `:${version}`) }] } } } },
  }, 'kubeadm', cause, kubeadmAdmin);
}

const tokenAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomWord = (length: number) => Array.from({ length }, () => tokenAlphabet[randomInt(tokenAlphabet.length)]).join('');
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Stores a new bootstrap token valid for `ttlSeconds` (0: forever), as `kubeadm token create` does; returns it and when it expires. */
export async function createBootstrapToken(api: ApiService, ttlSeconds: number, description: string | undefined, cause: number | null): Promise<KubeadmTokenReply> {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0) throw badRequest(`a token's ttl must be a whole number of seconds, got ${ttlSeconds}`);
  const id = randomWord(6);
  const token = `${id}.${randomWord(16)}`;
  const expiration = ttlSeconds > 0 ? new Date(Date.now() + ttlSeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
  const data: Record<string, string> = {
    'token-id': id, 'token-secret': token.slice(7), 'usage-bootstrap-authentication': 'true', 'usage-bootstrap-signing': 'true',
    'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token', ...(expiration ? { expiration } : {}), ...(description ? { description } : {}),
  };
  await api.execute({
    type: 'Create', resource: storedTypeOf('Secret')!, namespace: 'kube-system', options: { fieldManager: 'kubeadm', fieldValidation: 'Strict' },
    body: {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token',
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64(v)])),
    },
  }, 'kubeadm', cause, kubeadmAdmin);
  return { token, ...(expiration ? { expiration } : {}) };
}

/** Answers a kubeadm request of the control-plane node's agent. */
export async function answerKubeadm(api: ApiService, request: KubeadmRequest, cause: number | null): Promise<unknown> {
  switch (request.op) {
    case 'upgrade':
      await upgradeClusterConfiguration(api, request.version, cause);
      return {};
    case 'token':
      return createBootstrapToken(api, request.ttlSeconds, request.description, cause);
    default:
      throw badRequest(`kubeadm cannot ${(request as { op: string }).op}`);
  }
}
