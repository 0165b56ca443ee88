/**
 * The replication controller, as kube-controller-manager runs it
 * (pkg/controller/replication): the ReplicaSet controller, handed each
 * ReplicationController seen as a ReplicaSet (conversion.go). Its selector is a
 * plain label map (defaulted from the template's labels), and what it creates or
 * adopts names it as kind ReplicationController, apiVersion v1.
 */
import type { KubeObject } from '@kubelab/api';
import { reconcileReplicaSet, type ReplicaSetReconcileResult, type WorkloadClock } from '../replicaset/index.js';

/** The ReplicationController in a ReplicaSet's shape; apiVersion, kind and status stay its own. */
export function asReplicaSet(rc: KubeObject): KubeObject {
  const spec = rc.spec ?? {};
  const labels: Record<string, string> | undefined = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : spec.template?.metadata?.labels;
  return { ...rc, spec: { ...spec, selector: labels ? { matchLabels: labels } : undefined } };
}

/** One sync of `rc` given every pod of its namespace: reconcileReplicaSet's actions and requeue. */
export function reconcileReplicationController(rc: KubeObject, pods: readonly KubeObject[], clock: WorkloadClock): ReplicaSetReconcileResult {
  return reconcileReplicaSet(asReplicaSet(rc), pods, clock);
}
