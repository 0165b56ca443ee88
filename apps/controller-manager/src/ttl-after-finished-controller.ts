/**
 * The TTL-after-finished controller's shell: a Job that changes is queued; a sync asks
 * `expireFinishedJob` whether its ttlSecondsAfterFinished has run out, and if so reads the
 * Job afresh from the api-server (its TTL may have been changed meanwhile), asks again and
 * deletes it with foreground propagation, as pkg/controller/ttlafterfinished does.
 */
import type { Job } from '@kubelab/api';
import { expireFinishedJob } from '@kubelab/controllers';
import { ignoreGone, keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class TtlAfterFinishedController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('ttl-after-finished-controller', ctx);
    ctx.informers.jobs.onChange((type, job) => type !== 'DELETED' && this.queue.add(keyOf(job), seqOf(job)));
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const cached = this.ctx.informers.jobs.get(namespace, name);
    if (!cached) return;
    const expiry = expireFinishedJob(cached, this.ctx.clock());
    if (!expiry.deleteJob) return expiry.requeueAfterMs !== undefined ? { requeueAfterMs: expiry.requeueAfterMs } : undefined;
    const fresh = (await this.client.get(refs.jobs, namespace, name).catch(ignoreGone)) as Job | undefined;
    if (!fresh) return;
    const freshExpiry = expireFinishedJob(fresh, this.ctx.clock());
    if (!freshExpiry.deleteJob) return freshExpiry.requeueAfterMs !== undefined ? { requeueAfterMs: freshExpiry.requeueAfterMs } : undefined;
    await this.client.delete(refs.jobs, namespace, name, undefined, cause, 'Foreground').catch(ignoreGone);
  }
}
