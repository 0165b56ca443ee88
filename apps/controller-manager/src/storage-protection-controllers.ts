/**
 * The PVC and PV protection controllers' shells (persistentvolumeclaim-protection-controller as the
 * pvc-protection-controller ServiceAccount, persistentvolume-protection-controller as
 * pv-protection-controller): an object that lacks its finalizer, or is being deleted with it, is
 * queued (a claim also when a pod that used it goes, ends or was never placed); a sync asks
 * `protectClaim` / `protectVolume` and updates the object. Before a claim lets go, the pods of its
 * namespace are listed afresh, as upstream asks the api-server, lest a pod too new for the cache
 * loses its data.
 */
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER, type KubeObject, type Pod } from '@kubelab/api';
import { claimNamesOfPod, isPodTerminated, protectClaim, protectVolume } from '@kubelab/controllers';
import { keyOf, refs, seqOf, splitKey, ignoreGone, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

/** IsDeletionCandidate or NeedToAddFinalizer: whether the object is the protection controller's business now. */
const concerns = (o: KubeObject, finalizer: string) => Boolean(o.metadata.deletionTimestamp) === (o.metadata.finalizers ?? []).includes(finalizer);

export class PvcProtectionController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('persistentvolumeclaim-protection-controller', ctx, { actor: 'pvc-protection-controller' });
    ctx.informers.persistentVolumeClaims.onChange((type, claim) => {
      if (type !== 'DELETED' && concerns(claim, PVC_PROTECTION_FINALIZER)) this.queue.add(keyOf(claim), seqOf(claim));
    });
    ctx.informers.pods.onChange((type, pod) => {
      // Only a pod that can no longer hold a claim can let one go.
      if (type !== 'DELETED' && !isPodTerminated(pod) && pod.spec?.nodeName) return;
      for (const name of claimNamesOfPod(pod)) this.queue.add(`${pod.metadata.namespace}/${name}`, seqOf(pod));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const claim = this.ctx.informers.persistentVolumeClaims.get(namespace, name);
    if (!claim) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.persistentVolumeClaims.resourceVersion)) return { requeueAfterMs: 10 };
    const cached = this.ctx.informers.pods.byIndex('namespace', namespace);
    let write = protectClaim(claim, cached);
    if (write?.type === 'RemoveFinalizer') write = protectClaim(claim, (await this.client.list(refs.pods, namespace)).items as Pod[]);
    if (!write) return;
    const written = await this.client.update(refs.persistentVolumeClaims, namespace, write.object, cause).catch(ignoreGone);
    if (written) this.expectations.expect(key, seqOf(written));
  }
}

export class PvProtectionController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('persistentvolume-protection-controller', ctx, { actor: 'pv-protection-controller' });
    ctx.informers.persistentVolumes.onChange((type, volume) => {
      if (type !== 'DELETED' && concerns(volume, PV_PROTECTION_FINALIZER)) this.queue.add(volume.metadata.name!, seqOf(volume));
    });
  }

  protected async sync(name: string, cause: number | undefined): Promise<SyncResult> {
    const volume = this.ctx.informers.persistentVolumes.get('', name);
    if (!volume) return;
    if (!this.expectations.satisfied(name, this.ctx.informers.persistentVolumes.resourceVersion)) return { requeueAfterMs: 10 };
    const write = protectVolume(volume);
    if (!write) return;
    const written = await this.client.update(refs.persistentVolumes, '', write.object, cause).catch(ignoreGone);
    if (written) this.expectations.expect(name, seqOf(written));
  }
}
