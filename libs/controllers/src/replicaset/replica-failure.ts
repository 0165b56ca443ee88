/**
 * The ReplicaFailure condition (calculateStatus in replica_set.go): when a sync could not
 * create the pods it meant to, the status it writes says why, with the api-server's
 * refusal as the message. A condition already there is kept as it is, so its
 * lastTransitionTime tells when the trouble began; the next clean sync drops it.
 */
import type { KubeObject } from '@kubelab/api';

/** The status to write after a refused create: `computed` (this pass's status, or the current one) with the condition. */
export function statusAfterFailedCreate(rs: KubeObject, computed: Record<string, any> | undefined, refusal: string, now: Date): Record<string, any> {
  const base: Record<string, any> = { ...(computed ?? rs.status ?? {}) };
  const others = (base.conditions ?? []).filter((c: { type?: string }) => c.type !== 'ReplicaFailure');
  const existing = (rs.status?.conditions ?? []).find((c: { type?: string }) => c.type === 'ReplicaFailure');
  const condition = existing ?? {
    type: 'ReplicaFailure', status: 'True', lastTransitionTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), reason: 'FailedCreate', message: refusal,
  };
  return { ...base, conditions: [...others, condition] };
}
