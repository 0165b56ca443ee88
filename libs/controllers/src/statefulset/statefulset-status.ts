/**
 * The StatefulSet's status (updateStatefulSet's counting and completeRollingUpdate):
 * counts of the pods it owns by readiness and revision, the two revision names, and,
 * once every pod runs the update revision and is ready, the update made current.
 */
import type { Pod, StatefulSet } from '@kubelab/api';
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import { msUntilAvailable } from '../replicaset/pod-state.js';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import { podRevision } from './stateful-pod-identity.js';
import { isRunningAndReady, isTerminating } from './stateful-pod-state.js';

/** The new status, and wall ms until a ready pod becomes available (if one will). */
export interface StatefulSetStatusDecision {
  status: StatefulSetStatus;
  nextAvailableInMs?: number;
}

/** The revisions a status names. */
export interface StatusRevisions {
  current: string;
  update: string;
  collisionCount: number;
}

/**
 * Status of `set` owning `pods` (terminating ones included in replicas, as Kubernetes
 * counts them), omitempty as the API writes it; conditions are kept as they are.
 */
export function statefulSetStatus(set: StatefulSet, pods: readonly Pod[], revisions: StatusRevisions, clock: WorkloadClock): StatefulSetStatusDecision {
  const minReadySeconds = Number(set.spec?.minReadySeconds ?? 0);
  const untilAvailable = pods.filter(isRunningAndReady).map((pod) => msUntilAvailable(pod, minReadySeconds, clock) ?? Infinity);
  const live = pods.filter((pod) => !isTerminating(pod));
  const counts = {
    replicas: pods.length,
    readyReplicas: untilAvailable.length,
    currentReplicas: live.filter((pod) => podRevision(pod) === revisions.current).length,
    updatedReplicas: live.filter((pod) => podRevision(pod) === revisions.update).length,
  };
  const rolledOut = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    counts.updatedReplicas === counts.replicas && counts.readyReplicas === counts.replicas;
  if (rolledOut) counts.currentReplicas = counts.updatedReplicas;
  const status: StatefulSetStatus = { ...(set.metadata.generation ? { observedGeneration: set.metadata.generation } : {}), replicas: counts.replicas };
  for (const [field, value] of Object.entries(counts) as [keyof typeof counts, number][]) if (value !== 0 || field === 'replicas') status[field] = value;
  status.currentRevision = rolledOut ? revisions.update : revisions.current;
  status.updateRevision = revisions.update;
  status.collisionCount = revisions.collisionCount;
  if (set.status?.conditions?.length) status.conditions = set.status.conditions;
  status.availableReplicas = untilAvailable.filter((ms) => ms <= 0).length;
  const pending = untilAvailable.filter((ms) => ms > 0 && ms !== Infinity);
  return pending.length > 0 ? { status, nextAvailableInMs: Math.min(...pending) } : { status };
}
