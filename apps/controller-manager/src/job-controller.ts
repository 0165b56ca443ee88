/**
 * The Job controller's shell: a Job or one of its pods changes → the Job is queued;
 * a sync asks `reconcileJob` (pods to start or stop, back-off, deadlines, counts and
 * conditions) and carries it out. Finished Jobs' TTL is ttl-after-finished-controller.ts's.
 */
import type { Job, Pod } from '@kubelab/api';
import { reconcileJob, releaseOrphanedPods, trackingFinalizerRemovalPatch, type JobAction } from '@kubelab/controllers';
import { controllerOf, ignoreGone, keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class JobController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('job-controller', ctx);
    // A deleted Job is queued too: its pods must be released from the tracking finalizer.
    ctx.informers.jobs.onChange((_type, job) => this.queue.add(keyOf(job), seqOf(job)));
    ctx.informers.pods.onChange((_type, pod) => {
      const owner = controllerOf(pod);
      if (owner?.kind === 'Job') this.queue.add(`${pod.metadata.namespace}/${owner.name}`, seqOf(pod));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const job = this.ctx.informers.jobs.get(namespace, name);
    if (!this.expectations.satisfied(key, this.ctx.informers.pods.resourceVersion)) return { requeueAfterMs: 10 };
    const pods = this.ctx.informers.pods.byIndex('namespace', namespace);
    for (const pod of releaseOrphanedPods(name, job, pods)) await this.releasePod(key, pod, cause);
    if (!job) return;
    const { actions, requeueAfterMs } = reconcileJob(job, pods, this.ctx.clock());
    for (const action of actions) await this.carryOut(key, job, action, cause);
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  private async carryOut(key: string, job: Job, action: JobAction, cause: number | undefined): Promise<void> {
    switch (action.type) {
      case 'CreatePods':
        return this.createPods(key, job, action.pod, action.count, cause, (pod) =>
          void this.events.record(job, { type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}` }, undefined, cause),
        );
      case 'DeletePods':
        return this.deletePods(key, action.pods, cause, (pod) =>
          void this.events.record(job, { type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}` }, undefined, cause),
        );
      case 'RemovePodFinalizer':
        return this.releasePod(key, action.pod, cause);
      case 'UpdateStatus':
        return this.writeStatus(key, refs.jobs, job, action.status, cause);
      case 'RecordEvent':
        return void this.events.record(job, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }

  private async releasePod(key: string, pod: Pod, cause: number | undefined): Promise<void> {
    const patched = await this.client.patch(refs.pods, pod.metadata.namespace!, pod.metadata.name!, trackingFinalizerRemovalPatch(), 'strategic', cause).catch(ignoreGone);
    this.expectations.expect(key, patched && seqOf(patched));
  }
}
