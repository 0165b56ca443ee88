/**
 * The namespace controller's shell: a namespace being deleted is queued (again when
 * anything in it goes); a sync lists every namespaced type in it from the api-server
 * (as the real controller does through discovery), asks `reconcileNamespace` what to
 * do, deletes, writes the conditions and finally PUTs namespaces/NAME/finalize.
 */
import { resourceTypesOfCrd, storedTypes, type Namespace, type ResourceType } from '@kubelab/api';
import { reconcileNamespace, type NamespaceAction, type NamespaceContent } from '@kubelab/controllers';
import { ignoreGone, refs, seqOf, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

/** Namespaced built-in kinds a user can list and delete: what a namespace may hold besides custom resources. */
const builtInContentTypes = storedTypes.filter((t) => t.namespaced && t.verbs.includes('list') && t.verbs.includes('delete'));
const crdRef = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', kind: 'CustomResourceDefinition' };
/** Wall milliseconds between passes while deletions are settling. */
const settleMs = 50;

export class NamespaceController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('namespace-controller', ctx);
    const { namespaces } = ctx.informers;
    namespaces.onChange((type, ns) => type !== 'DELETED' && ns.metadata.deletionTimestamp && this.queue.add(ns.metadata.name!, seqOf(ns)));
    for (const informer of Object.values(ctx.informers)) {
      informer.onChange((type, obj) => {
        const ns = obj.metadata.namespace;
        if (type === 'DELETED' && ns && namespaces.get('', ns)?.metadata.deletionTimestamp) this.queue.add(ns, seqOf(obj));
      });
    }
  }

  protected async sync(name: string, cause: number | undefined): Promise<SyncResult> {
    const ns = this.ctx.informers.namespaces.get('', name);
    if (!ns?.metadata.deletionTimestamp) return;
    const contentTypes = [...builtInContentTypes, ...(await this.customContentTypes())];
    const contents: NamespaceContent[] = await Promise.all(contentTypes.map(async (resource) => ({ resource, objects: (await this.client.list(resource, name)).items })));
    const clock = this.ctx.clock();
    const { actions, recheckAfterSeconds } = reconcileNamespace(ns, contents, clock.now);
    let current = ns;
    for (const action of actions) current = (await this.carryOut(current, action, cause)) ?? current;
    if (recheckAfterSeconds === undefined) return;
    return { requeueAfterMs: Math.max(settleMs, (recheckAfterSeconds * 1000) / clock.timeScale) };
  }

  /** The stored version of every namespaced custom kind the established CRDs serve now (discovery, as the real controller reads it). */
  private async customContentTypes(): Promise<ResourceType[]> {
    const crds = (await this.client.list(crdRef)).items;
    return crds.flatMap(resourceTypesOfCrd).filter((t) => t.namespaced && t.storage === 'log');
  }

  /** Carries out one action; returns the namespace as a write of it left it. */
  private async carryOut(ns: Namespace, action: NamespaceAction, cause: number | undefined): Promise<Namespace | undefined> {
    switch (action.type) {
      case 'DeleteObject': {
        const { object, resource } = action;
        await this.client.delete(resource, object.metadata.namespace!, object.metadata.name!, undefined, cause, 'Background').catch(ignoreGone);
        return undefined;
      }
      case 'UpdateStatus':
        return (await this.client.updateStatus(refs.namespaces, '', { ...ns, status: action.status }, cause).catch(ignoreGone)) as Namespace | undefined;
      case 'Finalize':
        return (await this.client.finalize(refs.namespaces, { ...ns, spec: { ...ns.spec, finalizers: action.finalizers } }, cause).catch(ignoreGone)) as Namespace | undefined;
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }
}
