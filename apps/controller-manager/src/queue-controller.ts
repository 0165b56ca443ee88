/**
 * The shape shared by the queue-driven controllers: handlers add keys, one worker
 * pool syncs them while the process leads, and the writes a controller makes are
 * carried out by the same few steps (create pods in slow-start batches, delete
 * pods, write status only when it changed, record events).
 */
import type { KubeObject } from '@kubelab/api';
import type { ApiClient, EventRecorder, ResourceRef } from '@kubelab/bus';
import { adoptionPatch, failedCreateEvent, releasePatch, slowStartBatches, type RevisionAction } from '@kubelab/controllers';
import { actingAs, Expectations, ignoreGone, refs, seqOf, type Controller, type ControllerContext } from './controller-context.js';
import { WorkQueue, type SyncResult } from './work-queue.js';

/** Who a queue controller acts and reports as, when not simply its name, and how many keys it syncs at once. */
export interface ControllerIdentity {
  actor?: string;
  eventComponent?: string;
  workers?: number;
}

export abstract class QueueController implements Controller {
  protected readonly queue: WorkQueue;
  protected readonly client: ApiClient;
  protected readonly events: EventRecorder;
  protected readonly expectations = new Expectations();

  /**
   * `name` names the controller in logs; it acts as `identity.actor` (its ServiceAccount, by default its name), records
   * events as `identity.eventComponent` (by default the actor) and syncs `identity.workers` keys at once (--concurrent-syncs).
   */
  constructor(readonly name: string, protected readonly ctx: ControllerContext, identity: ControllerIdentity = {}) {
    const actor = identity.actor ?? name;
    ({ client: this.client, events: this.events } = actingAs(ctx, actor, identity.eventComponent));
    this.queue = new WorkQueue(name, (key, cause) => this.sync(key, cause), identity.workers ?? ctx.config.concurrentSyncs, (key, e) =>
      ctx.log.warn({ controller: name, key, err: e.message }, 'sync failed; retrying'),
    );
  }

  protected abstract sync(key: string, cause: number | undefined): Promise<SyncResult>;

  start(): void {
    this.queue.start();
  }

  pause(): void {
    this.queue.pause();
  }

  stop(): void {
    this.queue.shutdown();
  }

  /**
   * Creates `count` copies of `pod` for `owner` in slow-start batches, reporting each refusal
   * on the owner as FailedCreate (PodControl's event); stops at the first batch with a refusal.
   */
  protected async createPods(key: string, owner: KubeObject, pod: KubeObject, count: number, cause: number | undefined, onCreated: (created: KubeObject) => void): Promise<void> {
    const pods = { group: '', version: 'v1', plural: 'pods' };
    for (const size of slowStartBatches(count)) {
      const results = await Promise.allSettled(Array.from({ length: size }, () => this.client.create(pods, owner.metadata.namespace!, pod, cause)));
      for (const r of results) {
        if (r.status === 'fulfilled') {
          this.expectations.expect(key, Number(r.value.metadata.resourceVersion));
          onCreated(r.value);
          continue;
        }
        const event = failedCreateEvent({ code: r.reason?.code, message: String(r.reason?.message ?? r.reason) });
        if (event) void this.events.record(owner, { type: event.eventType, reason: event.reason, message: event.message }, undefined, cause);
      }
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  /** Deletes pods gracefully (each with its own grace period). */
  protected async deletePods(key: string, pods: readonly KubeObject[], cause: number | undefined, onDeleted: (pod: KubeObject) => void): Promise<void> {
    const ref = { group: '', version: 'v1', plural: 'pods' };
    await Promise.all(pods.map(async (pod) => {
      const after = await this.client.delete(ref, pod.metadata.namespace!, pod.metadata.name!, undefined, cause).catch((e: { code?: number }) => {
        if (e.code !== 404) throw e;
        return undefined;
      });
      if (after) this.expectations.expect(key, Number(after.metadata?.resourceVersion) || undefined);
      onDeleted(pod);
    }));
  }

  /**
   * Adopts `dependent` for `owner`, or releases it, with the strategic merge patch of its ownerReferences that
   * kube-controller-manager's ControllerRefManager sends (the controllers' roles grant patch on what they claim, not update).
   */
  protected async claim(key: string, ref: ResourceRef, owner: KubeObject, dependent: KubeObject, adopt: boolean, cause: number | undefined): Promise<void> {
    const patch = adopt ? adoptionPatch(dependent, owner) : releasePatch(dependent, owner);
    const patched = await this.client.patch(ref, dependent.metadata.namespace!, dependent.metadata.name!, patch, 'strategic', cause);
    this.expectations.expect(key, seqOf(patched));
  }

  /** Creates, renumbers or deletes a ControllerRevision (StatefulSet and DaemonSet history). */
  protected async writeRevision(key: string, action: RevisionAction, cause: number | undefined): Promise<void> {
    const { revision } = action;
    const ns = revision.metadata.namespace!;
    const written = action.type === 'CreateControllerRevision' ? await this.client.create(refs.controllerRevisions, ns, revision, cause)
      : action.type === 'UpdateControllerRevision' ? await this.client.update(refs.controllerRevisions, ns, revision, cause)
      : await this.client.delete(refs.controllerRevisions, ns, revision.metadata.name!, undefined, cause).catch(ignoreGone);
    if (written) this.expectations.expect(key, seqOf(written));
  }

  /** Writes `status` unless the object already has it. */
  protected async writeStatus(key: string, ref: ResourceRef, obj: KubeObject, status: unknown, cause: number | undefined): Promise<void> {
    if (JSON.stringify(obj.status ?? {}) === JSON.stringify(status)) return;
    const written = await this.client.updateStatus(ref, obj.metadata.namespace!, { ...obj, status }, cause);
    this.expectations.expect(key, Number(written.metadata.resourceVersion));
  }
}
