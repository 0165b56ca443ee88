/**
 * The StatefulSet controller's shell: a StatefulSet, one of its pods, revisions or
 * claims changes → the set is queued; a sync asks `reconcileStatefulSet` (claims and
 * ordinal pods, revisions, rolling update, retention of claims, status) and carries the
 * steps out in order. While the set waits for an old pod to be gone before it recreates
 * that identity (a lost node's pod stays Terminating), an Event on the pod says so once,
 * for `kubectl describe` and `kubelab why`.
 */
import type { StatefulSet } from '@kubelab/api';
import { ApiRequestError } from '@kubelab/bus';
import {
  aggregateErrors, failedStatefulPodEvent, reconcileStatefulSet, statefulClaimEvent, type StatefulSetAction, type StatefulSetEvent,
} from '@kubelab/controllers';
import { controllerOf, keyOf, ownerKeysOf, refs, selects, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class StatefulSetController extends QueueController {
  /** What each set last said it waits for, so that the Event is written once per wait. */
  private readonly waits = new Map<string, string>();

  constructor(ctx: ControllerContext) {
    super('statefulset-controller', ctx);
    const { statefulSets, pods, controllerRevisions, persistentVolumeClaims } = ctx.informers;
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
    // A claim carries its set's selector labels: a set waiting for one to go (or come back) hears of it at once.
    persistentVolumeClaims.onChange((_type, claim) => {
      for (const set of statefulSets.list()) {
        if (set.metadata.namespace === claim.metadata.namespace && selects(set, claim)) this.queue.add(keyOf(set), seqOf(claim));
      }
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const set = this.ctx.informers.statefulSets.get(namespace, name);
    if (!set) return;
    const { pods, controllerRevisions, persistentVolumeClaims } = this.ctx.informers;
    if (!this.expectations.satisfied(key, Math.min(pods.resourceVersion, persistentVolumeClaims.resourceVersion))) return { requeueAfterMs: 10 };
    const { actions, waitingFor, heldBy, requeueAfterMs } = reconcileStatefulSet(
      set, pods.byIndex('namespace', namespace), controllerRevisions.byIndex('namespace', namespace), this.ctx.clock(),
      persistentVolumeClaims.byIndex('namespace', namespace),
    );
    for (const action of actions) await this.carryOut(key, set, action, cause);
    await this.reportWait(key, set, heldBy, waitingFor, cause);
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  private async reportWait(key: string, set: StatefulSet, heldBy: string | undefined, waitingFor: string | undefined, cause: number | undefined): Promise<void> {
    // Only the wait a real cluster leaves unexplained: an identity held by a Terminating pod whose node is gone.
    const pod = heldBy ? this.ctx.informers.pods.get(set.metadata.namespace!, heldBy) : undefined;
    const node = pod ? this.ctx.informers.nodes.get('', pod.spec?.nodeName ?? '') : undefined;
    const nodeReady = node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const held = pod && !nodeReady ? waitingFor : undefined;
    if (this.waits.get(key) === held) return;
    if (held === undefined || !pod) return void this.waits.delete(key);
    this.waits.set(key, held);
    const message = `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is ${held}: its node ${pod.spec?.nodeName} is not Ready; `
      + `the pod goes when the node comes back, or with kubectl delete pod ${heldBy} --force --grace-period=0`;
    await this.events.record(pod, { type: 'Normal', reason: 'WaitingForPod', message }, undefined, cause);
  }

  private async carryOut(key: string, set: StatefulSet, action: StatefulSetAction, cause: number | undefined): Promise<void> {
    const ns = set.metadata.namespace!;
    switch (action.type) {
      case 'AdoptPod':
      case 'ReleasePod':
        return this.claim(key, refs.pods, set, action.pod, action.type === 'AdoptPod', cause);
      case 'CreateClaims':
        return this.createClaims(key, set, action, cause);
      case 'UpdateClaim': {
        const updated = await this.client.update(refs.persistentVolumeClaims, ns, action.claim, cause).catch(async (e: Error) => {
          const error = `could not update claim ${action.claim.metadata.name} for delete policy ownerRefs: ${e.message}`;
          if (action.reportFailure) await this.record(set, failedStatefulPodEvent('Update', action.pod.metadata.name ?? '', set, error), cause);
          throw new Error(error);
        });
        return this.expectations.expect(key, seqOf(updated));
      }
      case 'CreatePod': {
        const created = await this.client.create(refs.pods, ns, action.pod, cause).catch(async (e: Error) => {
          await this.record(set, failedStatefulPodEvent('Create', action.pod.metadata.name ?? '', set, e.message), cause);
          throw e;
        });
        return this.expectations.expect(key, seqOf(created));
      }
      case 'UpdatePod': {
        const updated = await this.client.update(refs.pods, ns, action.pod, cause).catch(async (e: Error) => {
          // A conflict: the pod changed meanwhile; the next sync finds its claims already right and writes nothing (RetryOnConflict's outcome).
          if (!(e instanceof ApiRequestError && e.code === 409)) await this.record(set, failedStatefulPodEvent('Update', action.pod.metadata.name ?? '', set, e.message), cause);
          throw e;
        });
        return this.expectations.expect(key, seqOf(updated));
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
        return void this.record(set, action, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * createPersistentVolumeClaims: creates each missing claim, recording an event per claim
   * (none for one that already exists); a refused creation or a claim being deleted fails the
   * step with the errors together, reported as FailedCreate of the pod when it was being created.
   */
  private async createClaims(key: string, set: StatefulSet, action: Extract<StatefulSetAction, { type: 'CreateClaims' }>, cause: number | undefined): Promise<void> {
    const podName = action.pod.metadata.name ?? '';
    const errors = [...action.problems];
    for (const claim of action.claims) {
      const name = claim.metadata.name ?? '';
      try {
        const created = await this.client.create(refs.persistentVolumeClaims, set.metadata.namespace!, claim, cause);
        this.expectations.expect(key, seqOf(created));
        await this.record(set, statefulClaimEvent(name, podName, set), cause);
      } catch (e) {
        errors.push(`failed to create PVC ${name}: ${(e as Error).message}`);
        const exists = e instanceof ApiRequestError && e.status.reason === 'AlreadyExists';
        if (!exists) await this.record(set, statefulClaimEvent(name, podName, set, (e as Error).message), cause);
      }
    }
    if (errors.length === 0) return;
    const error = aggregateErrors(errors);
    if (action.creatingPod) await this.record(set, failedStatefulPodEvent('Create', podName, set, error), cause);
    throw new Error(error);
  }

  private record(set: StatefulSet, event: StatefulSetEvent, cause: number | undefined): Promise<unknown> {
    return this.events.record(set, { type: event.eventType, reason: event.reason, message: event.message }, undefined, cause);
  }
}
