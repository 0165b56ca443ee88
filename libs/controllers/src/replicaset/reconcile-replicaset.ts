/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go, syncReplicaSet)
 * as one pure, level-triggered decision: claim pods, create or delete the difference
 * to spec.replicas, and report status.
 */
import { labelSelectorFromObject, type LabelRequirement, type Pod, type ReplicaSet } from '@kubelab/api';
import { claimObjects } from './claim-objects.js';
import { podsInDeletionOrder } from './deletion-order.js';
import { podFromTemplate } from './pod-from-template.js';
import { isPodActive } from './pod-state.js';
import type { ReplicaSetAction, ReplicaSetReconcileResult } from './replicaset-actions.js';
import { replicaSetStatus } from './replicaset-status.js';
import { semanticEqual } from './semantic-equal.js';
import type { WorkloadClock } from './workload-clock.js';

/** Kubernetes' burstReplicas: at most this many creations or deletions per sync. */
const BURST_REPLICAS = 500;

function selectorOf(rs: ReplicaSet): LabelRequirement[] | undefined {
  try {
    return rs.spec?.selector ? labelSelectorFromObject(rs.spec.selector) : undefined;
  } catch {
    return undefined;
  }
}

/** manageReplicas: create the missing pods or delete the surplus, most deletable first. */
function manageReplicas(rs: ReplicaSet, pods: readonly Pod[], clock: WorkloadClock): ReplicaSetAction[] {
  const diff = pods.length - Number(rs.spec?.replicas ?? 1);
  if (diff < 0) return [{ type: 'CreatePods', count: Math.min(-diff, BURST_REPLICAS), pod: podFromTemplate(rs) }];
  if (diff > 0) return [{ type: 'DeletePods', pods: podsInDeletionOrder(pods, clock).slice(0, Math.min(diff, BURST_REPLICAS)) }];
  return [];
}

/**
 * One sync of `rs` given the pods of its namespace it may claim (at least its own and the orphans; others' pods
 * it skips). Counted pods are the active ones it
 * controls (a pod being deleted is replaced at once); matching orphans are adopted and
 * owned pods that stopped matching are released. A ReplicaSet being deleted only
 * reports status. Requeues when a ready pod will become available (minReadySeconds).
 */
export function reconcileReplicaSet(rs: ReplicaSet, pods: readonly Pod[], clock: WorkloadClock): ReplicaSetReconcileResult {
  const selector = selectorOf(rs);
  if (!selector) return { actions: [] };
  const claim = claimObjects(rs, selector, pods.filter(isPodActive));
  const actions: ReplicaSetAction[] = [
    ...claim.adopted.map((pod): ReplicaSetAction => ({ type: 'AdoptPod', pod })),
    ...claim.released.map((pod): ReplicaSetAction => ({ type: 'ReleasePod', pod })),
  ];
  const owned = [...claim.owned, ...claim.adopted];
  if (!rs.metadata.deletionTimestamp) actions.push(...manageReplicas(rs, owned, clock));
  const { status, nextAvailableInMs } = replicaSetStatus(rs, owned, clock);
  if (!semanticEqual(status, rs.status ?? {})) actions.push({ type: 'UpdateStatus', status });
  return nextAvailableInMs === undefined ? { actions } : { actions, requeueAfterMs: nextAvailableInMs };
}
