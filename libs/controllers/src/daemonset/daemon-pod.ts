/**
 * The pod a DaemonSet runs on one node (util.CreatePodTemplate plus
 * ReplaceDaemonSetPodNodeNameNodeAffinity): the template with the default daemon
 * tolerations and the revision hash label, pinned to its node by a required node
 * affinity on metadata.name, so the scheduler binds it as it binds any pod.
 */
import type { DaemonSet, Pod } from '@kubelab/api';
import type { Affinity, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { podFromTemplate } from '../replicaset/pod-from-template.js';
import { withDaemonTolerations } from './daemon-tolerations.js';

/** The label carrying the hash of the revision a daemon pod was made from. */
export const DAEMON_REVISION_HASH_LABEL = 'controller-revision-hash';

/** A required node affinity that picks exactly `nodeName`, replacing any other required terms. */
function pinnedTo(affinity: Affinity | undefined, nodeName: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  return { ...affinity, nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/** The pod `ds` creates on `nodeName` from `template`, the revision with hash `hash`. */
export function newDaemonPod(ds: DaemonSet, template: PodTemplateSpec, hash: string, nodeName: string): Pod & { spec: PodSpec } {
  const pod = podFromTemplate({ ...ds, spec: { ...ds.spec, template } });
  pod.metadata.labels = { ...pod.metadata.labels, [DAEMON_REVISION_HASH_LABEL]: hash };
  pod.spec.tolerations = withDaemonTolerations(pod.spec.tolerations, Boolean(pod.spec.hostNetwork));
  pod.spec.affinity = pinnedTo(pod.spec.affinity, nodeName);
  return pod;
}

/**
 * util.GetTargetNodeName: the node a daemon pod is bound to, or for one not yet bound,
 * the node its metadata.name affinity names; undefined when it names none.
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In') return field.values?.length === 1 ? field.values[0] : undefined;
    }
  }
  return undefined;
}

/** The hash of the revision the pod was made from ('' when it has none). */
export function daemonPodHash(pod: Pod): string {
  return pod.metadata.labels?.[DAEMON_REVISION_HASH_LABEL] ?? '';
}
