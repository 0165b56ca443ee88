/**
 * The clusterrole-aggregation controller's shell: any ClusterRole added, changed or
 * deleted may change what the aggregating ClusterRoles gather, so all of those are
 * queued (as upstream's handlers do); a sync asks `aggregateClusterRole` and writes the
 * rules back, so `kubectl get clusterrole admin -o yaml` shows them.
 */
import { aggregateClusterRole, aggregatingClusterRoles } from '@kubelab/controllers';
import { refs, seqOf, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class ClusterRoleAggregationController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('clusterrole-aggregation-controller', ctx);
    ctx.informers.clusterRoles.onChange((_type, role) => {
      // While the informer lists, its cache is not filled yet: the role itself is what is sure to be known.
      for (const name of aggregatingClusterRoles([role, ...ctx.informers.clusterRoles.list()])) this.queue.add(name, seqOf(role));
    });
  }

  protected async sync(name: string, cause: number | undefined): Promise<SyncResult> {
    const clusterRoles = this.ctx.informers.clusterRoles;
    if (!this.expectations.satisfied(name, clusterRoles.resourceVersion)) return { requeueAfterMs: 10 };
    const action = aggregateClusterRole(clusterRoles.get('', name), clusterRoles.list());
    if (!action) return;
    const written = await this.client.update(refs.clusterRoles, '', action.clusterRole, cause);
    this.expectations.expect(name, seqOf(written));
  }
}
