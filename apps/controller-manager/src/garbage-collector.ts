/**
 * The garbage collector's shell: an index of owners and dependents kept from the
 * informers; when an object comes, changes or goes, it and its owners and dependents
 * are queued by uid, and `collectGarbageFor` says what follows: delete dependents
 * whose owners are gone (background), cascade a foreground deletion, orphan the
 * dependents of an owner deleted with propagationPolicy Orphan, then drop the
 * owner's finalizer. Custom resources are objects like any other: the informers of the
 * custom kinds feed the same index as they come and go with their CRDs.
 */
import { groupVersionOf, resourceTypeForKind, type KubeObject, type ResourceType } from '@kubelab/api';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { collectGarbageFor, OwnerIndex, type GcAction } from '@kubelab/controllers';
import { ignoreGone, type ControllerContext, type KindInformer } from './controller-context.js';
import type { CustomKindInformers } from './custom-kind-informers.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

const ownerUids = (o: KubeObject): string[] => (o.metadata.ownerReferences ?? []).map((r) => r.uid);

export class GarbageCollector extends QueueController {
  private readonly index = new OwnerIndex();

  constructor(ctx: ControllerContext, private readonly customKinds: CustomKindInformers) {
    super('garbage-collector', ctx);
    // Every kind the process watches can own or be owned (a StatefulSet's pods and revisions, a CronJob's Jobs, a Service's slices).
    for (const informer of Object.values(ctx.informers)) this.follow(informer);
    customKinds.listen({
      starting: (informer) => this.follow(informer),
      synced: (_storage, served) => this.recheckDependentsOf(served),
      stopped: (informer) => informer.list().forEach((obj) => this.index.remove(obj)),
    });
  }

  private follow(informer: Pick<KindInformer<KubeObject>, 'onChange'>): void {
    informer.onChange((type, obj, event) => {
      const uid = obj.metadata.uid!;
      if (type === 'DELETED') this.index.remove(obj);
      else this.index.upsert(obj);
      // An owner's change short of its deletion leaves what its dependents see of it as it was (there, not being
      // deleted): as the graph builder's processTransitions, only its coming, its deletion and its going queue them.
      const ownerTransition = type !== 'MODIFIED' || obj.metadata.deletionTimestamp;
      const related = [uid, ...ownerUids(obj), ...(ownerTransition ? this.index.dependentsOf(uid).map((d) => d.metadata.uid!) : [])];
      for (const key of related) this.queue.add(key, event?.seq);
    });
  }

  /**
   * A newly cached custom kind: objects naming an owner of it were judged while it was
   * unknown (never dangling), so they are judged again, as the real GC retries references
   * its RESTMapper could not resolve.
   */
  private recheckDependentsOf(served: readonly ResourceType[]): void {
    const ofKind = (ref: OwnerReference) => served.some((t) => t.kind === ref.kind && groupVersionOf(t) === ref.apiVersion);
    for (const obj of this.index.all()) if ((obj.metadata.ownerReferences ?? []).some(ofKind)) this.queue.add(obj.metadata.uid!, undefined);
  }

  /** A built-in type, or a custom one whose cache is synced. */
  private typeFor(apiVersion: string, kind: string): ResourceType | undefined {
    return resourceTypeForKind(apiVersion, kind) ?? this.customKinds.typeFor(apiVersion, kind);
  }

  private readonly knowsKind = (apiVersion: string, kind: string): boolean => this.typeFor(apiVersion, kind) !== undefined;

  protected async sync(uid: string, cause: number | undefined): Promise<SyncResult> {
    for (const action of collectGarbageFor(this.index, this.knowsKind, uid)) await this.carryOut(action, cause);
  }

  private async carryOut(action: GcAction, cause: number | undefined): Promise<void> {
    const obj = action.object;
    const type = this.typeFor(obj.apiVersion!, obj.kind!);
    if (!type) return;
    const ns = obj.metadata.namespace ?? '';
    switch (action.type) {
      case 'DeleteDependent':
        if (await this.hasLiveOwner(obj)) return;
        await this.client.delete(type, ns, obj.metadata.name!, undefined, cause, action.propagationPolicy).catch(ignoreGone);
        return;
      case 'RemoveOwnerReferences': {
        const kept = (obj.metadata.ownerReferences ?? []).filter((r) => !action.ownerUids.includes(r.uid));
        // An emptied list is dropped, as Go's omitempty does on a real cluster.
        const { ownerReferences: _dropped, ...metadata } = obj.metadata;
        await this.client.update(type, ns, { ...obj, metadata: kept.length ? { ...metadata, ownerReferences: kept } : metadata }, cause).catch(ignoreGone);
        return;
      }
      case 'RemoveFinalizer': {
        const finalizers = (obj.metadata.finalizers ?? []).filter((f: string) => f !== action.finalizer);
        await this.client.update(type, ns, { ...obj, metadata: { ...obj.metadata, finalizers } }, cause).catch(ignoreGone);
        return;
      }
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * Asks the api-server, not the cache, before deleting: an owner that exists (and is
   * not being deleted) keeps its dependent, whatever a lagging cache says.
   */
  private async hasLiveOwner(obj: KubeObject): Promise<boolean> {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const type = this.typeFor(ref.apiVersion, ref.kind);
      if (!type) continue;
      const owner = await this.client.get(type, type.namespaced ? obj.metadata.namespace! : '', ref.name).catch(() => undefined);
      if (owner?.metadata.uid === ref.uid && !owner.metadata.deletionTimestamp) return true;
    }
    return false;
  }
}
