/**
 * calculateStatus of replica_set_utils.go: the ReplicaSet's counts from the pods it
 * owns, and when the next pod will cross minReadySeconds so the status can follow.
 */
import { matchesLabels, labelSelectorFromObject, type Pod, type ReplicaSet } from '@kubelab/api';
import type { ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { isPodReady, msUntilAvailable } from './pod-state.js';
import type { WorkloadClock } from './workload-clock.js';

/** The new status, and wall ms until a ready pod becomes available (if one will). */
export interface ReplicaSetStatusDecision {
  status: ReplicaSetStatus;
  nextAvailableInMs?: number;
}

/** Whether a pod carries every label of the ReplicaSet's template (the selector is parsed once, not once a pod). */
function templateLabelsMatch(rs: ReplicaSet): (pod: Pod) => boolean {
  const requirements = labelSelectorFromObject({ matchLabels: rs.spec?.template?.metadata?.labels ?? {} });
  return (pod) => matchesLabels(requirements, pod.metadata.labels ?? {});
}

/**
 * Status of `rs` owning the active pods `pods`, field order and omitempty as the API
 * writes it. An existing ReplicaFailure condition is dropped: this pass found nothing
 * wrong (the shell reports create/delete failures itself).
 */
export function replicaSetStatus(rs: ReplicaSet, pods: readonly Pod[], clock: WorkloadClock): ReplicaSetStatusDecision {
  const minReadySeconds = Number(rs.spec?.minReadySeconds ?? 0);
  const untilAvailable = pods.map((pod) => msUntilAvailable(pod, minReadySeconds, clock));
  const counts = {
    fullyLabeledReplicas: pods.filter(templateLabelsMatch(rs)).length,
    readyReplicas: pods.filter(isPodReady).length,
    availableReplicas: untilAvailable.filter((ms) => ms !== undefined && ms <= 0).length,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  const status: ReplicaSetStatus = { replicas: pods.length };
  for (const [field, value] of Object.entries(counts) as [keyof typeof counts, number][]) if (value !== 0) status[field] = value;
  const conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  if (conditions.length > 0) status.conditions = conditions;
  const pending = untilAvailable.filter((ms): ms is number => ms !== undefined && ms > 0);
  return pending.length > 0 ? { status, nextAvailableInMs: Math.min(...pending) } : { status };
}
