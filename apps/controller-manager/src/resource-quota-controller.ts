/**
 * The resource quota controller's shell: a quota that comes or changes queues itself; an
 * object of a counted kind that comes, changes or goes queues every quota of its
 * namespace (the replenishment upstream's monitors do); a full resync every
 * resource-quota-sync-period (5 min, scaled) catches what no event announces, such as a
 * pod whose deletion grace ran out. Custom kinds count too, once their CRD's cache is
 * synced. A sync lists the kinds `countedGroupResources` names, asks
 * `reconcileResourceQuota` for the status and writes it.
 */
import { resourceTypes, type GroupResource, type KubeObject, type ResourceType } from '@kubelab/api';
import { countedGroupResources, groupResourceKey, reconcileResourceQuota } from '@kubelab/controllers';
import { keyOf, refs, seqOf, splitKey, type ControllerContext, type KindInformer } from './controller-context.js';
import type { CustomKindInformers } from './custom-kind-informers.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

const resyncPeriodSeconds = 5 * 60;

export class ResourceQuotaController extends QueueController {
  private timer: NodeJS.Timeout | undefined;
  /** The storage type of each custom kind whose cache is synced, by groupResourceKey. */
  private readonly customTypes = new Map<string, ResourceType>();

  constructor(ctx: ControllerContext, customKinds: CustomKindInformers) {
    super('resourcequota-controller', ctx);
    const { resourceQuotas } = ctx.informers;
    resourceQuotas.onChange((type, quota) => type !== 'DELETED' && this.queue.add(keyOf(quota), seqOf(quota)));
    for (const informer of Object.values(ctx.informers)) if (informer !== resourceQuotas) this.replenishFrom(informer);
    customKinds.listen({
      starting: (informer) => this.replenishFrom(informer),
      synced: (storage) => {
        this.customTypes.set(groupResourceKey({ group: storage.group, resource: storage.plural }), storage);
        this.queueQuotas(() => true, undefined);
      },
      stopped: () => undefined,
    });
  }

  /** A namespaced object that comes, changes or goes queues the quotas of its namespace. */
  private replenishFrom(informer: Pick<KindInformer<KubeObject>, 'onChange'>): void {
    informer.onChange((_type, object) => object.metadata.namespace && this.queueQuotas((q) => q.metadata.namespace === object.metadata.namespace, seqOf(object)));
  }

  override start(): void {
    super.start();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.queueQuotas(() => true, undefined), (resyncPeriodSeconds * 1000) / this.ctx.config.timeScale);
  }

  override pause(): void {
    clearInterval(this.timer);
    super.pause();
  }

  override stop(): void {
    clearInterval(this.timer);
    super.stop();
  }

  /** Queues the quotas `which` picks (those of one namespace, or all on a resync). */
  private queueQuotas(which: (quota: KubeObject) => boolean, cause: number | undefined): void {
    for (const quota of this.ctx.informers.resourceQuotas.list()) if (which(quota)) this.queue.add(keyOf(quota), cause);
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const quota = this.ctx.informers.resourceQuotas.get(namespace, name);
    if (!quota) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.resourceQuotas.resourceVersion)) return { requeueAfterMs: 10 };
    const objects = new Map<string, KubeObject[]>();
    for (const groupResource of countedGroupResources(quota)) {
      const listed = await this.listObjects(groupResource, namespace);
      if (listed) objects.set(groupResourceKey(groupResource), listed);
    }
    for (const action of reconcileResourceQuota(quota, objects, this.ctx.clock().now)) {
      await this.writeStatus(key, refs.resourceQuotas, quota, action.status, cause);
    }
  }

  /** The namespace's objects of a kind: from the shared cache when there is one, else listed; undefined when not served. */
  private async listObjects(groupResource: GroupResource, namespace: string): Promise<KubeObject[] | undefined> {
    const cached = Object.entries(refs).find(([, ref]) => ref.group === groupResource.group && ref.plural === groupResource.resource);
    if (cached) return (this.ctx.informers[cached[0] as keyof typeof refs] as KindInformer<KubeObject>).byIndex('namespace', namespace);
    const served = resourceTypes.find((t) => t.group === groupResource.group && t.plural === groupResource.resource && t.namespaced && t.verbs.includes('list'))
      ?? this.customTypes.get(groupResourceKey(groupResource));
    if (!served) return undefined;
    const listed = await this.client.list({ group: served.group, version: served.version, plural: served.plural }, namespace).catch((e: { code?: number }) => {
      if (e.code === 404) return undefined;
      throw e;
    });
    return listed?.items;
  }
}
