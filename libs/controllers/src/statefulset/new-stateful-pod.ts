/**
 * newStatefulSetPod (stateful_set_utils.go): the pod at one ordinal, from one
 * revision's template, with its stable identity (name, hostname, subdomain, labels)
 * and a volume per volumeClaimTemplate naming the claim "<template>-<set>-<ordinal>".
 */
import type { Pod, StatefulSet } from '@kubelab/api';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { podFromTemplate } from '../replicaset/pod-from-template.js';
import { statefulClaimName } from './stateful-claims.js';
import { CONTROLLER_REVISION_HASH_LABEL, POD_INDEX_LABEL, POD_NAME_LABEL, statefulPodName } from './stateful-pod-identity.js';

function claimVolumes(set: StatefulSet, ordinal: number): { name: string; persistentVolumeClaim: { claimName: string } }[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((claim) => ({
    name: claim.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: statefulClaimName(claim, set, ordinal) },
  }));
}

/** The pod `set` runs at `ordinal`, made from `template` of the revision named `revisionName`. */
export function newStatefulSetPod(set: StatefulSet, template: PodTemplateSpec, ordinal: number, revisionName: string): Pod {
  const pod = podFromTemplate({ ...set, spec: { ...set.spec, template } });
  const name = statefulPodName(set, ordinal);
  pod.metadata.name = name;
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [CONTROLLER_REVISION_HASH_LABEL]: revisionName,
  };
  pod.spec.hostname = name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const claims = claimVolumes(set, ordinal);
  if (claims.length > 0) {
    const claimed = new Set(claims.map((v) => v.name));
    pod.spec.volumes = [...claims, ...(pod.spec.volumes ?? []).filter((v) => !claimed.has(v.name ?? ''))];
  }
  return pod;
}
