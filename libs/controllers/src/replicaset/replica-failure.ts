/**
 * The ReplicaFailure condition (calculateStatus in replica_set.go): when a sync could not
 * create the pods it meant to, the status it writes says why, with the api-server's
 * refusal as the message. A condition already there is kept as it is, so its
 * lastTransitionTime tells when the trouble began; the next clean sync drops it.
 */
import type { ReplicaSet, ReplicationController } from '@kubelab/api';
import type { ReplicaSetStatus } from 'kubernetes-types/apps/v1';

/** The status to write after a refused create: `computed` (this pass's status, or the current one) with the condition. */
export function statusAfterFailedCreate(rs: ReplicaSet | ReplicationController, computed: ReplicaSetStatus | undefined, refusal: string, now: Date): Partial<ReplicaSetStatus> {
  const base: Partial<ReplicaSetStatus> = { ...(computed ?? rs.status) };
  const others = (base.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  const existing = (rs.status?.conditions ?? []).find((c) => c.type === 'ReplicaFailure');
  const condition = existing ?? {
    type: 'ReplicaFailure', status: 'True', lastTransitionTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), reason: 'FailedCreate', message: refusal,
  };
  return { ...base, conditions: [...others, condition] };
}
