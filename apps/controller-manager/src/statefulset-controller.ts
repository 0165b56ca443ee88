/**
 * The StatefulSet controller's shell: a StatefulSet, one of its pods or revisions
 * changes → the set is queued; a sync asks `reconcileStatefulSet` (ordinal pods,
 * revisions, rolling update, status) and carries the steps out in order. While the
 * set waits for an old pod to be gone before it recreates that identity (a lost
 * node's pod stays Terminating), an Event on the pod says so once, for `kubectl
 * describe` and `kubelab why`.
 */
import type { KubeObject } from '@kubelab/api';
import { failedStatefulPodEvent, reconcileStatefulSet, type StatefulSetAction } from '@kubelab/controllers';
import { controllerOf, keyOf, ownerKeysOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class StatefulSetController extends QueueController {
  /** What each set last said it waits for, so that the Event is written once per wait. */
  private readonly waits = new Map<string, string>();

  constructor(ctx: ControllerContext) {
    super('statefulset-controller', ctx);
    const { statefulSets, pods, controllerRevisions } = ctx.informers;
    statefulSets.onChange((type, set) => {
      if (type === 'DELETED') this.waits.delete(keyOf(set));
      else this.queue.add(keyOf(set), seqOf(set));
    });
    pods.onChange((_type, pod) => {
      for (const key of ownerKeysOf(pod, 'StatefulSet', statefulSets)) this.queue.add(key, seqOf(pod));
    });
    controllerRevisions.onChange((_type, revision) => {
      const owner = controllerOf(revision);
      if (owner?.kind === 'StatefulSet') this.queue.add(`${revision.metadata.namespace}/${owner.name}`, seqOf(revision));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const set = this.ctx.informers.statefulSets.get(namespace, name);
    if (!set) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.pods.resourceVersion)) return { requeueAfterMs: 10 };
    const inNamespace = (o: KubeObject) => o.metadata.namespace === namespace;
    const { actions, waitingFor, heldBy, requeueAfterMs } = reconcileStatefulSet(
      set, this.ctx.informers.pods.list().filter(inNamespace), this.ctx.informers.controllerRevisions.list().filter(inNamespace), this.ctx.clock(),
    );
    for (const action of actions) await this.carryOut(key, set, action, cause);
    await this.reportWait(key, set, heldBy, waitingFor, cause);
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  private async reportWait(key: string, set: KubeObject, heldBy: string | undefined, waitingFor: string | undefined, cause: number | undefined): Promise<void> {
    // Only the wait a real cluster leaves unexplained: an identity held by a Terminating pod whose node is gone.
    const pod = heldBy ? this.ctx.informers.pods.get(set.metadata.namespace!, heldBy) : undefined;
    const node = pod ? this.ctx.informers.nodes.get('', pod.spec?.nodeName ?? '') : undefined;
    const nodeReady = node?.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
    const held = pod && !nodeReady ? waitingFor : undefined;
    if (this.waits.get(key) === held) return;
    if (held === undefined || !pod) return void this.waits.delete(key);
    this.waits.set(key, held);
    const message = `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is ${held}: its node ${pod.spec?.nodeName} is not Ready; `
      + `the pod goes when the node comes back, or with kubectl delete pod ${heldBy} --force --grace-period=0`;
    await this.events.record(pod, { type: 'Normal', reason: 'WaitingForPod', message }, undefined, cause);
  }

  private async carryOut(key: string, set: KubeObject, action: StatefulSetAction, cause: number | undefined): Promise<void> {
    const ns = set.metadata.namespace!;
    switch (action.type) {
      case 'AdoptPod':
      case 'ReleasePod':
        return this.claim(key, refs.pods, set, action.pod, action.type === 'AdoptPod', cause);
      case 'CreatePod': {
        const created = await this.client.create(refs.pods, ns, action.pod, cause).catch(async (e: Error) => {
          const event = failedStatefulPodEvent('Create', action.pod.metadata.name ?? '', set, e.message);
          await this.events.record(set, { type: event.eventType, reason: event.reason, message: event.message }, undefined, cause);
          throw e;
        });
        return this.expectations.expect(key, seqOf(created));
      }
      case 'DeletePod':
        return this.deletePods(key, [action.pod], cause, () => undefined);
      case 'UpdateStatus':
        return this.writeStatus(key, refs.statefulSets, set, action.status, cause);
      case 'CreateControllerRevision':
      case 'UpdateControllerRevision':
      case 'DeleteControllerRevision':
        return this.writeRevision(key, action, cause);
      case 'RecordEvent':
        return void this.events.record(set, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }
}
