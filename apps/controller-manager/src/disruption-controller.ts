/**
 * The disruption controller's shell: a budget, or a pod or workload of its namespace,
 * that changes queues the namespace's budgets; a sync asks `reconcileDisruptionBudget`
 * for the status and events and writes them, and looks again when a recorded eviction expires.
 */
import type { KubeObject } from '@kubelab/api';
import { reconcileDisruptionBudget } from '@kubelab/controllers';
import { keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class DisruptionController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('disruption-controller', ctx);
    const { podDisruptionBudgets, pods, replicaSets, deployments, replicationControllers, statefulSets } = ctx.informers;
    podDisruptionBudgets.onChange((type, pdb) => type !== 'DELETED' && this.queue.add(keyOf(pdb), seqOf(pdb)));
    for (const informer of [pods, replicaSets, deployments, replicationControllers, statefulSets]) {
      informer.onChange((_type, obj) => this.queueBudgetsOf(obj));
    }
  }

  private queueBudgetsOf(obj: KubeObject): void {
    for (const pdb of this.ctx.informers.podDisruptionBudgets.list()) {
      if (pdb.metadata.namespace === obj.metadata.namespace) this.queue.add(keyOf(pdb), seqOf(obj));
    }
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const pdb = this.ctx.informers.podDisruptionBudgets.get(namespace, name);
    if (!pdb) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.podDisruptionBudgets.resourceVersion)) return { requeueAfterMs: 10 };
    const { replicaSets, deployments, replicationControllers, statefulSets, pods } = this.ctx.informers;
    const workloads = [
      ...replicaSets.byIndex('namespace', namespace), ...deployments.byIndex('namespace', namespace),
      ...replicationControllers.byIndex('namespace', namespace), ...statefulSets.byIndex('namespace', namespace),
    ];
    const clock = this.ctx.clock();
    const { status, events, recheckAt } = reconcileDisruptionBudget(pdb, pods.byIndex('namespace', namespace), workloads, clock);
    for (const e of events) void this.events.record(pdb, { type: e.eventType, reason: e.reason, message: e.message }, undefined, cause);
    if (status) await this.writeStatus(key, refs.podDisruptionBudgets, pdb, status, cause);
    return recheckAt ? { requeueAfterMs: recheckAt.getTime() - clock.now.getTime() } : undefined;
  }
}
