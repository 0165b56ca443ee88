/** controller.GetPodFromTemplate: the pod a ReplicaSet creates, before the server names it. */
import { cloneJson, type KubeObject, type Pod } from '@kubelab/api';
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { controllerRefTo } from './owner-refs.js';

/** What pods are made from: an owner whose spec carries a pod template (a ReplicaSet, a StatefulSet, a DaemonSet). */
export type TemplateOwner = KubeObject & { spec?: { template?: PodTemplateSpec } };

/**
 * A Pod built from the ReplicaSet's template: generateName "<rs>-", the template's
 * labels, annotations and finalizers, the rs as controller, and the template's spec.
 */
export function podFromTemplate(rs: TemplateOwner): Pod & { spec: PodSpec } {
  const template = rs.spec?.template ?? {};
  const metadata = template.metadata ?? {};
  const pod: Pod & { spec: PodSpec } = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      ownerReferences: [controllerRefTo(rs)],
    },
    // A template without a spec (validation refuses it) gives an empty one, for the api-server to refuse.
    spec: cloneJson(template.spec ?? ({} as PodSpec)),
  };
  if (metadata.labels) pod.metadata.labels = { ...metadata.labels };
  if (metadata.annotations) pod.metadata.annotations = { ...metadata.annotations };
  if (metadata.finalizers) pod.metadata.finalizers = [...metadata.finalizers];
  return pod;
}
