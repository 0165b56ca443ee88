/**
 * The Deployment controller's shell: changes to a Deployment, its ReplicaSets or
 * their pods queue the Deployment; a sync asks `reconcileDeployment` for the rollout
 * step (new ReplicaSet, scale up/down, history cleanup, status) and carries it out.
 */
import type { Deployment, ReplicaSet } from '@kubelab/api';
import { reconcileDeployment, type DeploymentAction } from '@kubelab/controllers';
import { controllerOf, keyOf, refs, selects, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class DeploymentController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('deployment-controller', ctx);
    const { deployments, replicaSets, pods } = ctx.informers;
    deployments.onChange((type, d) => type !== 'DELETED' && this.queue.add(keyOf(d), seqOf(d)));
    replicaSets.onChange((_type, rs) => {
      for (const key of this.deploymentsFor(rs)) this.queue.add(key, seqOf(rs));
    });
    // Only a Recreate rollout reads pods (it waits until the old ones are gone), as deployment_controller.go's pod
    // handler only looks for Recreate Deployments; a rolling one learns of its pods through its ReplicaSets' status.
    pods.onChange((_type, pod) => {
      const owner = controllerOf(pod);
      if (owner?.kind !== 'ReplicaSet') return;
      const rs = replicaSets.get(pod.metadata.namespace!, owner.name);
      const deployment = rs && controllerOf(rs);
      if (deployment?.kind !== 'Deployment') return;
      if (deployments.get(pod.metadata.namespace!, deployment.name)?.spec?.strategy?.type === 'Recreate') this.queue.add(`${pod.metadata.namespace}/${deployment.name}`, seqOf(pod));
    });
  }

  private deploymentsFor(rs: ReplicaSet): string[] {
    const owner = controllerOf(rs);
    const ns = rs.metadata.namespace!;
    if (owner) return owner.kind === 'Deployment' ? [`${ns}/${owner.name}`] : [];
    return this.ctx.informers.deployments.list().filter((d) => d.metadata.namespace === ns && selects(d, rs)).map(keyOf);
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const deployment = this.ctx.informers.deployments.get(namespace, name);
    if (!deployment) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.replicaSets.resourceVersion)) return { requeueAfterMs: 10 };
    const replicaSets = this.ctx.informers.replicaSets.byIndex('namespace', namespace);
    // The pods a rollout reads are those of the Deployment's own ReplicaSets.
    const pods = this.ctx.informers.replicaSets.byIndex('controller', deployment.metadata.uid!).flatMap((rs) => this.ctx.informers.pods.byIndex('controller', rs.metadata.uid!));
    const { actions, requeueAfterMs } = reconcileDeployment(deployment, replicaSets, pods, this.ctx.clock());
    let current = deployment;
    for (const action of actions) current = (await this.carryOut(key, current, action, cause)) ?? current;
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  /** Carries out one step; returns the Deployment as a write of it left it (the next step writes on top of that). */
  private async carryOut(key: string, deployment: Deployment, action: DeploymentAction, cause: number | undefined): Promise<Deployment | void> {
    const ns = deployment.metadata.namespace!;
    switch (action.type) {
      case 'CreateReplicaSet': {
        const created = await this.client.create(refs.replicaSets, ns, action.replicaSet, cause).catch((e: { code?: number }) => {
          if (e.code === 409) return undefined;
          throw e;
        });
        return this.expectations.expect(key, created && seqOf(created));
      }
      case 'AdoptReplicaSet':
      case 'ReleaseReplicaSet':
        return this.claim(key, refs.replicaSets, deployment, action.replicaSet, action.type === 'AdoptReplicaSet', cause);
      case 'UpdateReplicaSet': {
        const updated = await this.client.update(refs.replicaSets, ns, action.replicaSet, cause);
        return this.expectations.expect(key, seqOf(updated));
      }
      case 'DeleteReplicaSet': {
        const deleted = await this.client.delete(refs.replicaSets, ns, action.replicaSet.metadata.name!, undefined, cause);
        return this.expectations.expect(key, seqOf(deleted));
      }
      case 'UpdateStatus': {
        const written = (await this.client.updateStatus(refs.deployments, ns, { ...deployment, status: action.status }, cause)) as Deployment;
        this.expectations.expect(key, seqOf(written));
        return written;
      }
      case 'UpdateAnnotations': {
        const annotations = { ...deployment.metadata.annotations, ...action.annotations };
        return (await this.client.update(refs.deployments, ns, { ...deployment, metadata: { ...deployment.metadata, annotations } }, cause)) as Deployment;
      }
      case 'RecordEvent':
        return void this.events.record(deployment, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }
}
