/**
 * The serviceaccounts-controller's shell: a namespace that comes or changes, or a
 * ServiceAccount that goes, queues the namespace; a sync creates the ServiceAccounts
 * `missingServiceAccounts` names (kube-controller-manager's syncNamespace).
 */
import { missingServiceAccounts } from '@kubelab/controllers';
import { refs, seqOf, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class ServiceAccountsController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('service-account-controller', ctx);
    const { namespaces, serviceAccounts } = ctx.informers;
    namespaces.onChange((type, ns) => type !== 'DELETED' && this.queue.add(ns.metadata.name!, seqOf(ns)));
    serviceAccounts.onChange((type, sa) => type === 'DELETED' && this.queue.add(sa.metadata.namespace!, seqOf(sa)));
  }

  protected async sync(namespace: string, cause: number | undefined): Promise<SyncResult> {
    const ns = this.ctx.informers.namespaces.get('', namespace);
    if (!ns) return;
    if (!this.expectations.satisfied(namespace, this.ctx.informers.serviceAccounts.resourceVersion)) return { requeueAfterMs: 10 };
    for (const sa of missingServiceAccounts(ns, this.ctx.informers.serviceAccounts.list())) {
      const created = await this.client.create(refs.serviceAccounts, namespace, sa, cause).catch((e: { code?: number }) => {
        // Someone else made it first, or the namespace began terminating: nothing left to do.
        if (e.code === 409 || e.code === 403 || e.code === 404) return undefined;
        throw e;
      });
      if (created) this.expectations.expect(namespace, seqOf(created));
    }
  }
}
