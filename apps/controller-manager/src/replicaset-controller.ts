/**
 * The ReplicaSet controller's shell: a pod or ReplicaSet change queues the
 * ReplicaSet; a sync reads the cache, asks `reconcileReplicaSet` what to do and
 * carries it out (syncReplicaSet in replica_set.go, top to bottom).
 */
import type { KubeObject } from '@kubelab/api';
import { reconcileReplicaSet, type ReplicaSetAction } from '@kubelab/controllers';
import { keyOf, ownerKeysOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class ReplicaSetController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('replicaset-controller', ctx);
    const { replicaSets, pods } = ctx.informers;
    replicaSets.onChange((type, rs) => type !== 'DELETED' && this.queue.add(keyOf(rs), seqOf(rs)));
    pods.onChange((_type, pod) => {
      for (const key of ownerKeysOf(pod, 'ReplicaSet', replicaSets)) this.queue.add(key, seqOf(pod));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const rs = this.ctx.informers.replicaSets.get(namespace, name);
    if (!rs) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.pods.resourceVersion)) return { requeueAfterMs: 10 };
    const pods = this.ctx.informers.pods.list().filter((p) => p.metadata.namespace === namespace);
    const { actions, requeueAfterMs } = reconcileReplicaSet(rs, pods, this.ctx.clock());
    for (const action of actions) await this.carryOut(key, rs, action, cause);
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  private async carryOut(key: string, rs: KubeObject, action: ReplicaSetAction, cause: number | undefined): Promise<void> {
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
      case 'ReleasePod': {
        const updated = await this.client.update(refs.pods, action.pod.metadata.namespace!, action.pod, cause);
        return this.expectations.expect(key, seqOf(updated));
      }
      case 'UpdateStatus':
        return this.writeStatus(key, refs.replicaSets, rs, action.status, cause);
      case 'RecordEvent':
        return void this.events.record(rs, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }
}
