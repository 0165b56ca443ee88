/**
 * The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go): a pod
 * naming no account runs as `default`; and its token mount (mountServiceAccountToken): every new pod that does not opt out gets a projected volume
 * `kube-api-access-XXXXX` (a bound token, the cluster CA, its namespace) mounted read-only at
 * /var/run/secrets/kubernetes.io/serviceaccount in each container and init container that does
 * not mount something there itself. Mirror pods are left alone, as upstream does.
 */
import type { Container, PodSpec, ProjectedVolumeSource } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../object.js';
import type { Pod, ServiceAccount } from '../../typed-objects.js';

/** Where client libraries look for the in-cluster credentials (DefaultAPITokenMountPath). */
const serviceAccountMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The volume's name prefix (ServiceAccountVolumeName); the plugin adds five random characters. */
const serviceAccountVolumePrefix = 'kube-api-access-';

/**
 * The token's lifetime as admission asks it (WarnOnlyBoundTokenExpirationSeconds): an hour and
 * seven seconds, so the api-server can tell a kubelet-rotated token from one a user asked for.
 */
const boundTokenExpirationSeconds = 3607;

/** The projected source of a kube-api-access volume (TokenVolumeSource), defaultMode 0644 spelled out as upstream does. */
function tokenVolumeSource(): ProjectedVolumeSource {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: boundTokenExpirationSeconds, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

/** shouldAutomount: the pod's automountServiceAccountToken wins, then its ServiceAccount's, else true. */
function shouldAutomount(pod: Pod, account: KubeObject | undefined): boolean {
  const own = pod.spec?.automountServiceAccountToken;
  if (typeof own === 'boolean') return own;
  const accounts = (account as ServiceAccount | undefined)?.automountServiceAccountToken;
  return typeof accounts === 'boolean' ? accounts : true;
}

const isMirrorPod = (pod: KubeObject) => pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;

/**
 * The pod running as `default` when it names no account. A mirror pod is left as its manifest says:
 * the plugin skips them, and NodeRestriction refuses a kubelet's mirror pod that names an account.
 */
export function assignServiceAccount(pod: KubeObject): KubeObject {
  const spec = (pod as Pod).spec;
  if (isMirrorPod(pod) || spec?.serviceAccountName) return pod;
  return { ...pod, spec: { ...spec, serviceAccountName: 'default', serviceAccount: 'default' } };
}

/**
 * The pod with its kube-api-access volume and mounts, or the pod unchanged when it is a mirror pod or
 * opts out (itself or through `account`). `suffix` is the five random characters of the volume's name;
 * a volume already named kube-api-access-… is reused, as upstream reuses it.
 */
export function mountServiceAccountToken(pod: KubeObject, account: KubeObject | undefined, suffix: string): KubeObject {
  if (isMirrorPod(pod) || !shouldAutomount(pod as Pod, account)) return pod;
  const spec: Partial<PodSpec> = (pod as Pod).spec ?? {};
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  const existing = volumes.find((v) => typeof v?.name === 'string' && v.name.startsWith(serviceAccountVolumePrefix));
  const name = existing?.name ?? `${serviceAccountVolumePrefix}${suffix}`;
  const mount = { name, readOnly: true, mountPath: serviceAccountMountPath };
  let mounted = false;
  const withMount = (containers: Container[] | undefined) => Array.isArray(containers)
    ? containers.map((c) => {
      const mounts = Array.isArray(c?.volumeMounts) ? c.volumeMounts : [];
      if (mounts.some((m) => m?.mountPath === serviceAccountMountPath)) return c;
      mounted = true;
      return { ...c, volumeMounts: [...mounts, mount] };
    })
    : containers;
  const initContainers = withMount(spec.initContainers);
  const containers = withMount(spec.containers);
  const next: Partial<PodSpec> = { ...spec, containers, ...(spec.initContainers === undefined ? {} : { initContainers }) };
  if (!existing && mounted) next.volumes = [...volumes, { name, projected: tokenVolumeSource() }];
  return { ...pod, spec: next };
}
