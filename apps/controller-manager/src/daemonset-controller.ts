/**
 * The DaemonSet controller's shell: a DaemonSet, one of its pods or revisions, or
 * any node changes → the sets concerned are queued; a sync asks `reconcileDaemonSet`
 * (one pod per eligible node, rolling update, status) and carries the steps out.
 */
import type { DaemonSet } from '@kubelab/api';
import { reconcileDaemonSet, type DaemonSetAction } from '@kubelab/controllers';
import { controllerOf, keyOf, ownerKeysOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class DaemonSetController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('daemonset-controller', ctx);
    const { daemonSets, pods, nodes, controllerRevisions } = ctx.informers;
    daemonSets.onChange((type, ds) => type !== 'DELETED' && this.queue.add(keyOf(ds), seqOf(ds)));
    pods.onChange((_type, pod) => {
      for (const key of ownerKeysOf(pod, 'DaemonSet', daemonSets)) this.queue.add(key, seqOf(pod));
    });
    // A node that joins, goes, or changes labels or taints may change where every set runs.
    nodes.onChange((_type, node) => {
      for (const ds of daemonSets.list()) this.queue.add(keyOf(ds), seqOf(node));
    });
    controllerRevisions.onChange((_type, revision) => {
      const owner = controllerOf(revision);
      if (owner?.kind === 'DaemonSet') this.queue.add(`${revision.metadata.namespace}/${owner.name}`, seqOf(revision));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const ds = this.ctx.informers.daemonSets.get(namespace, name);
    if (!ds) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.pods.resourceVersion)) return { requeueAfterMs: 10 };
    const { actions, requeueAfterMs } = reconcileDaemonSet(
      ds, this.ctx.informers.nodes.list(), this.ctx.informers.pods.byIndex('namespace', namespace),
      this.ctx.informers.controllerRevisions.byIndex('namespace', namespace), this.ctx.clock(),
    );
    for (const action of actions) await this.carryOut(key, ds, action, cause);
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  private async carryOut(key: string, ds: DaemonSet, action: DaemonSetAction, cause: number | undefined): Promise<void> {
    switch (action.type) {
      case 'AdoptPod':
      case 'ReleasePod':
        return this.claim(key, refs.pods, ds, action.pod, action.type === 'AdoptPod', cause);
      case 'CreatePod':
        return this.createPods(key, ds, action.pod, 1, cause, (pod) =>
          void this.events.record(ds, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}` }, undefined, cause),
        );
      case 'DeletePod':
        return this.deletePods(key, [action.pod], cause, (pod) =>
          void this.events.record(ds, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}` }, undefined, cause),
        );
      case 'UpdateStatus':
        return this.writeStatus(key, refs.daemonSets, ds, action.status, cause);
      case 'CreateControllerRevision':
      case 'UpdateControllerRevision':
      case 'DeleteControllerRevision':
        return this.writeRevision(key, action, cause);
      case 'RecordEvent':
        return void this.events.record(ds, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }
}
