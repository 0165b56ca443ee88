/**
 * The PersistentVolume controller's shell (persistentvolume-binder-controller, acting as the
 * persistent-volume-binder ServiceAccount, reporting as persistentvolume-controller): a claim or a
 * volume that changes is queued, and every claim and volume again each sync period (15 s, scaled),
 * as --pvclaimbinder-sync-period does; a sync asks `syncClaim` / `syncVolume` and carries the steps
 * out in order, each write on the object as the previous write of the same sync left it.
 */
import type { KubeObject, PersistentVolume, PersistentVolumeClaim } from '@kubelab/api';
import type { ResourceRef } from '@kubelab/bus';
import { claimRefKey, syncClaim, syncVolume, type VolumeBinderAction } from '@kubelab/controllers';
import { ignoreGone, keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

/** --pvclaimbinder-sync-period: how often every claim and volume is looked at again. */
const syncPeriodSeconds = 15;
const claimPrefix = 'claim:';
const volumePrefix = 'volume:';

export class PersistentVolumeBinderController extends QueueController {
  private timer: NodeJS.Timeout | undefined;

  constructor(ctx: ControllerContext) {
    super('persistentvolume-binder-controller', ctx, { actor: 'persistent-volume-binder', eventComponent: 'persistentvolume-controller', workers: 1 });
    const { persistentVolumeClaims, persistentVolumes } = ctx.informers;
    persistentVolumeClaims.onChange((type, claim) => {
      if (type !== 'DELETED') return this.queue.add(`${claimPrefix}${keyOf(claim)}`, seqOf(claim));
      this.events.forget(claim.metadata.uid!);
      if (claim.spec?.volumeName) this.queue.add(`${volumePrefix}${claim.spec.volumeName}`, seqOf(claim));
    });
    persistentVolumes.onChange((type, volume) => {
      if (type !== 'DELETED') return this.queue.add(`${volumePrefix}${volume.metadata.name}`, seqOf(volume));
      this.events.forget(volume.metadata.uid!);
      const claim = claimRefKey(volume);
      if (claim) this.queue.add(`${claimPrefix}${claim}`, seqOf(volume));
    });
  }

  override start(): void {
    super.start();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.resync(), (syncPeriodSeconds * 1000) / this.ctx.config.timeScale);
  }

  override pause(): void {
    clearInterval(this.timer);
    super.pause();
  }

  override stop(): void {
    clearInterval(this.timer);
    super.stop();
  }

  private resync(): void {
    for (const claim of this.ctx.informers.persistentVolumeClaims.list()) this.queue.add(`${claimPrefix}${keyOf(claim)}`);
    for (const volume of this.ctx.informers.persistentVolumes.list()) this.queue.add(`${volumePrefix}${volume.metadata.name}`);
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { persistentVolumeClaims, persistentVolumes } = this.ctx.informers;
    if (!this.expectations.satisfied(key, Math.min(persistentVolumeClaims.resourceVersion, persistentVolumes.resourceVersion))) return { requeueAfterMs: 10 };
    if (key.startsWith(claimPrefix)) {
      const { namespace, name } = splitKey(key.slice(claimPrefix.length));
      const claim = persistentVolumeClaims.get(namespace, name);
      if (!claim) return;
      const view = {
        volumes: persistentVolumes.list(), classes: this.ctx.informers.storageClasses.list(),
        pods: this.ctx.informers.pods.byIndex('namespace', namespace),
      };
      return this.carryOut(key, syncClaim(claim, view), cause);
    }
    const volume = persistentVolumes.get('', key.slice(volumePrefix.length));
    if (!volume) return;
    return this.carryOut(key, syncVolume(volume, await this.claimOf(volume)), cause);
  }

  /**
   * The claim a volume's claimRef names: from the cache, or (as syncVolume double-checks before releasing a volume) from the
   * api-server when the cache has none or one with another uid, so a claim too new for the cache does not release its volume.
   */
  private async claimOf(volume: PersistentVolume): Promise<PersistentVolumeClaim | undefined> {
    const ref = volume.spec?.claimRef;
    if (!ref?.uid) return undefined;
    const cached = this.ctx.informers.persistentVolumeClaims.get(ref.namespace!, ref.name!);
    const phase = volume.status?.phase;
    const settled = cached ? cached.metadata.uid === ref.uid : phase === 'Released' || phase === 'Failed';
    if (settled) return cached;
    return (await this.client.get(refs.persistentVolumeClaims, ref.namespace!, ref.name!).catch(ignoreGone)) as PersistentVolumeClaim | undefined;
  }

  /** Carries the steps out in order; a write carries forward the resourceVersion an earlier write of this sync left. */
  private async carryOut(key: string, actions: readonly VolumeBinderAction[], cause: number | undefined): Promise<SyncResult> {
    const written = new Map<string, string>();
    const write = async (ref: ResourceRef, object: KubeObject, how: 'update' | 'updateStatus') => {
      const uid = object.metadata.uid!;
      const body = { ...object, metadata: { ...object.metadata, resourceVersion: written.get(uid) ?? object.metadata.resourceVersion } };
      const after = how === 'update' ? await this.client.update(ref, body.metadata.namespace ?? '', body, cause) : await this.client.updateStatus(ref, body.metadata.namespace ?? '', body, cause);
      written.set(uid, after.metadata.resourceVersion!);
      this.expectations.expect(key, seqOf(after));
    };
    for (const action of actions) {
      switch (action.type) {
        case 'UpdateClaim':
          await write(refs.persistentVolumeClaims, action.claim, 'update');
          break;
        case 'UpdateClaimStatus':
          await write(refs.persistentVolumeClaims, action.claim, 'updateStatus');
          break;
        case 'UpdateVolume':
          await write(refs.persistentVolumes, action.volume, 'update');
          break;
        case 'UpdateVolumeStatus':
          await write(refs.persistentVolumes, action.volume, 'updateStatus');
          break;
        case 'DeleteVolume':
          await this.client.delete(refs.persistentVolumes, '', action.volume.metadata.name!, undefined, cause).catch(ignoreGone);
          break;
        case 'SyncClaim':
          this.queue.add(`${claimPrefix}${action.namespace}/${action.name}`, cause);
          break;
        case 'RecordEvent':
          await this.events.record(action.object, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
          break;
        default: {
          const never: never = action;
          throw new Error(`unknown action ${JSON.stringify(never)}`);
        }
      }
    }
  }
}
