/** controller.GetPodFromTemplate: the pod a ReplicaSet creates, before the server names it. */
import { cloneJson, type KubeObject } from '@kubelab/api';
import { controllerRefTo } from './owner-refs.js';

/**
 * A Pod built from the ReplicaSet's template: generateName "<rs>-", the template's
 * labels, annotations and finalizers, the rs as controller, and the template's spec.
 */
export function podFromTemplate(rs: KubeObject): KubeObject {
  const template = rs.spec?.template ?? {};
  const metadata = template.metadata ?? {};
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      ownerReferences: [controllerRefTo(rs)],
    },
    spec: cloneJson(template.spec ?? {}),
  };
  if (metadata.labels) pod.metadata.labels = { ...metadata.labels };
  if (metadata.annotations) pod.metadata.annotations = { ...metadata.annotations };
  if (metadata.finalizers) pod.metadata.finalizers = [...metadata.finalizers];
  return pod;
}
