/**
 * Expansion's shells, both acting as the expand-controller ServiceAccount (its role patches volumes
 * and claims' status): the expand controller (persistentvolume-expander-controller, reporting as
 * volume_expand) looks at a bound claim whose request or capacity changed and says an external
 * controller must expand it; the lab's external resizer of kubelab.dev/shared volumes (reporting as
 * `external-resizer kubelab.dev/shared`, as a CSI driver's sidecar does) grows the volume and the claim.
 */
import { kubeTime, SHARED_PROVISIONER, type PersistentVolumeClaim } from '@kubelab/api';
import { expansionEvent, resizeSharedVolume } from '@kubelab/controllers';
import { keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

const sizes = (claim: PersistentVolumeClaim) => `${claim.spec?.resources?.requests?.storage ?? ''}|${claim.status?.capacity?.storage ?? ''}`;

export class ExpandController extends QueueController {
  /** The request and capacity each bound claim had when last looked at: only a change is worth a look. */
  private readonly seen = new Map<string, string>();

  constructor(ctx: ControllerContext) {
    super('persistentvolume-expander-controller', ctx, { actor: 'expand-controller', eventComponent: 'volume_expand' });
    ctx.informers.persistentVolumeClaims.onChange((type, claim) => {
      const key = keyOf(claim);
      if (type === 'DELETED') {
        this.seen.delete(key);
        return this.events.forget(claim.metadata.uid!);
      }
      if (claim.status?.phase !== 'Bound' || this.seen.get(key) === sizes(claim)) return;
      this.seen.set(key, sizes(claim));
      this.queue.add(key, seqOf(claim));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const claim = this.ctx.informers.persistentVolumeClaims.get(namespace, name);
    if (!claim?.spec?.volumeName) return;
    const event = expansionEvent(claim, this.ctx.informers.persistentVolumes.get('', claim.spec.volumeName));
    if (event) await this.events.record(claim, { type: event.eventType, reason: event.reason, message: event.message }, undefined, cause);
  }
}

export class SharedVolumeResizer extends QueueController {
  constructor(ctx: ControllerContext) {
    super('shared-volume-resizer', ctx, { actor: 'expand-controller', eventComponent: `external-resizer ${SHARED_PROVISIONER}` });
    ctx.informers.persistentVolumeClaims.onChange((type, claim) => {
      if (type === 'DELETED') return this.events.forget(claim.metadata.uid!);
      if (claim.status?.phase === 'Bound') this.queue.add(keyOf(claim), seqOf(claim));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { persistentVolumeClaims, persistentVolumes } = this.ctx.informers;
    if (!this.expectations.satisfied(key, Math.min(persistentVolumeClaims.resourceVersion, persistentVolumes.resourceVersion))) return { requeueAfterMs: 10 };
    const { namespace, name } = splitKey(key);
    const claim = persistentVolumeClaims.get(namespace, name);
    if (!claim?.spec?.volumeName) return;
    const volume = persistentVolumes.get('', claim.spec.volumeName);
    for (const step of resizeSharedVolume(claim, volume, kubeTime(this.ctx.clock().now))) {
      const written = step.type === 'PatchVolume'
        ? await this.client.patch(refs.persistentVolumes, '', volume!.metadata.name!, step.patch, 'merge', cause)
        : await this.client.patchStatus(refs.persistentVolumeClaims, namespace, name, step.patch, cause);
      this.expectations.expect(key, seqOf(written));
      if (step.type === 'PatchClaimStatus' && step.event) {
        await this.events.record(claim, { type: step.event.eventType, reason: step.event.reason, message: step.event.message }, undefined, cause);
      }
    }
  }
}
