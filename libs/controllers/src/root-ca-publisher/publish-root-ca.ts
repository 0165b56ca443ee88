/**
 * kube-controller-manager's root-CA publisher, as a decision: every namespace holds
 * the ConfigMap `kube-root-ca.crt` whose `ca.crt` is the cluster CA, so pods can
 * verify the api-server at kubernetes.default.svc. It is created for a new
 * namespace, created again when deleted, and put back when its data or description
 * annotation changed (pkg/controller/certificates/rootcacertpublisher/publisher.go).
 */
import type { ConfigMap, Namespace } from '@kubelab/api';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
/** kube-controller-manager's own wording, which users find on the object. */
export const ROOT_CA_DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. '
  + 'No other usage is guaranteed across distributions of Kubernetes clusters.';

export type RootCaAction =
  | { type: 'CreateConfigMap'; configMap: ConfigMap }
  | { type: 'UpdateConfigMap'; configMap: ConfigMap };

/**
 * What the namespace's `kube-root-ca.crt` needs: nothing when it is right or the
 * namespace is gone or terminating; otherwise created, or updated from what is stored
 * (its other labels and annotations kept, resourceVersion carried for the conflict check).
 */
export function publishRootCa(namespace: Namespace | undefined, existing: ConfigMap | undefined, rootCa: string): RootCaAction | undefined {
  if (!namespace || namespace.status?.phase === 'Terminating' || namespace.metadata.deletionTimestamp) return undefined;
  const data = { 'ca.crt': rootCa };
  if (!existing) {
    return {
      type: 'CreateConfigMap',
      configMap: {
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace: namespace.metadata.name, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
        data,
      },
    };
  }
  const dataMatches = JSON.stringify(existing.data ?? {}) === JSON.stringify(data) && !existing.binaryData;
  if (dataMatches && existing.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return undefined;
  return {
    type: 'UpdateConfigMap',
    configMap: {
      ...existing,
      metadata: { ...existing.metadata, annotations: { ...existing.metadata.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
      data,
      binaryData: undefined,
    },
  };
}
