/**
 * The replication controller, as kube-controller-manager runs it
 * (pkg/controller/replication): the ReplicaSet controller, handed each
 * ReplicationController seen as a ReplicaSet (conversion.go). Its selector is a
 * plain label map (defaulted from the template's labels), and what it creates or
 * adopts names it as kind ReplicationController, apiVersion v1.
 */
import type { Pod, ReplicaSet, ReplicationController } from '@kubelab/api';
import type { ReplicaSetSpec } from 'kubernetes-types/apps/v1';
import { reconcileReplicaSet, type ReplicaSetReconcileResult, type WorkloadClock } from '../replicaset/index.js';

/** The ReplicationController in a ReplicaSet's shape; apiVersion, kind and status stay its own. */
export function asReplicaSet(rc: ReplicationController): ReplicaSet {
  const spec = rc.spec ?? {};
  const labels = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : spec.template?.metadata?.labels;
  // Without a selector nor template labels the ReplicaSet has none either, and reconcileReplicaSet leaves it alone.
  const selector = (labels ? { matchLabels: labels } : undefined) as ReplicaSetSpec['selector'];
  return { ...rc, spec: { ...spec, selector } };
}

/** One sync of `rc` given every pod of its namespace: reconcileReplicaSet's actions and requeue. */
export function reconcileReplicationController(rc: ReplicationController, pods: readonly Pod[], clock: WorkloadClock): ReplicaSetReconcileResult {
  return reconcileReplicaSet(asReplicaSet(rc), pods, clock);
}
