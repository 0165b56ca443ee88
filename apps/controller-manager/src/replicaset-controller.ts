/**
 * The ReplicaSet controller's shell: a pod or ReplicaSet change queues the
 * ReplicaSet; a sync reads the cache, asks `reconcileReplicaSet` what to do and
 * carries it out (syncReplicaSet in replica_set.go, top to bottom). The same shell
 * runs the replication controller for ReplicationControllers, as
 * kube-controller-manager does (pkg/controller/replication).
 */
import type { Pod, ReplicaSet, ReplicationController } from '@kubelab/api';
import type { ResourceRef } from '@kubelab/bus';
import { reconcileReplicaSet, reconcileReplicationController, statusAfterFailedCreate, type ReplicaSetReconcileResult, type WorkloadClock } from '@kubelab/controllers';
import { keyOf, ownerKeysOf, refs, seqOf, splitKey, type ControllerContext, type KindInformer } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

/** What differs between the ReplicaSet and the replication controller. */
interface ReplicaKind<T extends ReplicaSet | ReplicationController> {
  controller: string;
  kind: string;
  ref: ResourceRef;
  owners: (ctx: ControllerContext) => KindInformer<T>;
  reconcile: (owner: T, pods: readonly Pod[], clock: WorkloadClock) => ReplicaSetReconcileResult;
}

/** The ReplicaSet controller's kind. */
export const replicaSetKind: ReplicaKind<ReplicaSet> = {
  controller: 'replicaset-controller', kind: 'ReplicaSet', ref: refs.replicaSets, owners: (ctx) => ctx.informers.replicaSets, reconcile: reconcileReplicaSet,
};

/** The replication controller's kind. */
export const replicationControllerKind: ReplicaKind<ReplicationController> = {
  controller: 'replication-controller', kind: 'ReplicationController', ref: refs.replicationControllers,
  owners: (ctx) => ctx.informers.replicationControllers, reconcile: reconcileReplicationController,
};

export class ReplicaSetController<T extends ReplicaSet | ReplicationController> extends QueueController {
  private readonly owners: KindInformer<T>;

  constructor(ctx: ControllerContext, private readonly replicaKind: ReplicaKind<T>) {
    super(replicaKind.controller, ctx);
    const owners = (this.owners = replicaKind.owners(ctx));
    owners.onChange((type, rs) => type !== 'DELETED' && this.queue.add(keyOf(rs), seqOf(rs)));
    ctx.informers.pods.onChange((_type, pod) => {
      for (const key of ownerKeysOf(pod, replicaKind.kind, owners)) this.queue.add(key, seqOf(pod));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const rs = this.owners.get(namespace, name);
    if (!rs) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.pods.resourceVersion)) return { requeueAfterMs: 10 };
    // The pods it may claim: its own, and the namespace's orphans it may adopt (another controller's it leaves alone).
    const { pods: podCache } = this.ctx.informers;
    const pods = [...podCache.byIndex('controller', rs.metadata.uid!), ...podCache.byIndex('orphans', namespace)];
    const clock = this.ctx.clock();
    const { actions, requeueAfterMs } = this.replicaKind.reconcile(rs, pods, clock);
    for (const action of actions) {
      try {
        await this.carryOut(key, rs, action, cause);
      } catch (e) {
        if (action.type === 'CreatePods') await this.reportFailedCreate(key, rs, actions, (e as Error).message, clock.now, cause);
        throw e;
      }
    }
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  /** A refused create still writes this pass's status, with the ReplicaFailure condition; the sync then retries. */
  private async reportFailedCreate(key: string, rs: T, actions: ReplicaSetReconcileResult['actions'], refusal: string, now: Date, cause: number | undefined): Promise<void> {
    const computed = actions.find((a) => a.type === 'UpdateStatus');
    const status = statusAfterFailedCreate(rs, computed?.type === 'UpdateStatus' ? computed.status : undefined, refusal, now);
    await this.writeStatus(key, this.replicaKind.ref, rs, status, cause);
  }

  private async carryOut(key: string, rs: T, action: ReplicaSetReconcileResult['actions'][number], cause: number | undefined): Promise<void> {
    switch (action.type) {
      case 'CreatePods':
        return this.createPods(key, rs, action.pod, action.count, cause, (pod) =>
          void this.events.record(rs, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}` }, undefined, cause),
        );
      case 'DeletePods':
        return this.deletePods(key, action.pods, cause, (pod) =>
          void this.events.record(rs, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}` }, undefined, cause),
        );
      case 'AdoptPod':
      case 'ReleasePod':
        return this.claim(key, refs.pods, rs, action.pod, action.type === 'AdoptPod', cause);
      case 'UpdateStatus':
        return this.writeStatus(key, this.replicaKind.ref, rs, action.status, cause);
      case 'RecordEvent':
        return void this.events.record(rs, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }
}
