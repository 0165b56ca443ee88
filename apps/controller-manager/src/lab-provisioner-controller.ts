/**
 * The shell of one of the lab's dynamic provisioners (rancher.io/local-path, kubelab.dev/shared),
 * run inside the controller-manager as the persistent-volume-binder ServiceAccount (whose role may
 * create and delete volumes), reporting as `<provisioner>_<instance>` as sig-storage's provisioner
 * library does. A claim asked of it is provisioned (events Provisioning, then ProvisioningSucceeded
 * or ProvisioningFailed, retried with a back-off from 15 s); a released volume of its own whose
 * policy is Delete is deleted.
 */
import { randomUUID } from 'node:crypto';
import { claimClass, type PersistentVolume, type PersistentVolumeClaim } from '@kubelab/api';
import { provisionClaim, shouldDeleteVolume, type LabProvisioner } from '@kubelab/controllers';
import { ignoreGone, keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

const claimPrefix = 'claim:';
const volumePrefix = 'volume:';
/** The provisioner library's retry back-off for a failed claim: 15 s doubling up to 1000 s (lab time). */
const firstRetrySeconds = 15;
const lastRetrySeconds = 1000;

export class LabProvisionerController extends QueueController {
  private readonly failures = new Map<string, number>();

  constructor(ctx: ControllerContext, private readonly provisioner: LabProvisioner) {
    super(`${provisioner}-provisioner`, ctx, { actor: 'persistent-volume-binder', eventComponent: `${provisioner}_${ctx.config.identity}_${randomUUID()}` });
    const { persistentVolumeClaims, persistentVolumes, storageClasses } = ctx.informers;
    persistentVolumeClaims.onChange((type, claim) => {
      const key = `${claimPrefix}${keyOf(claim)}`;
      if (type !== 'DELETED') return this.queue.add(key, seqOf(claim));
      this.failures.delete(key);
      this.events.forget(claim.metadata.uid!);
    });
    persistentVolumes.onChange((type, volume) => type !== 'DELETED' && this.queue.add(`${volumePrefix}${volume.metadata.name}`, seqOf(volume)));
    storageClasses.onChange((type, storageClass) => {
      if (type === 'DELETED' || storageClass.provisioner !== provisioner) return;
      for (const claim of persistentVolumeClaims.list()) if (claimClass(claim) === storageClass.metadata.name) this.queue.add(`${claimPrefix}${keyOf(claim)}`, seqOf(storageClass));
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { persistentVolumeClaims, persistentVolumes } = this.ctx.informers;
    if (!this.expectations.satisfied(key, Math.min(persistentVolumeClaims.resourceVersion, persistentVolumes.resourceVersion))) return { requeueAfterMs: 10 };
    if (key.startsWith(volumePrefix)) {
      const volume = persistentVolumes.get('', key.slice(volumePrefix.length));
      if (volume && shouldDeleteVolume(this.provisioner, volume)) await this.deleteVolume(volume, cause);
      return;
    }
    const { namespace, name } = splitKey(key.slice(claimPrefix.length));
    const claim = persistentVolumeClaims.get(namespace, name);
    const view = { classes: this.ctx.informers.storageClasses.list(), nodes: this.ctx.informers.nodes.list(), volumes: persistentVolumes.list() };
    const outcome = claim && provisionClaim(this.provisioner, claim, view);
    if (!claim || !outcome) return void this.failures.delete(key);
    for (const e of outcome.events) await this.events.record(claim, { type: e.eventType, reason: e.reason, message: e.message }, undefined, cause);
    if (outcome.reschedule) {
      const written = await this.client.update(refs.persistentVolumeClaims, namespace, outcome.reschedule, cause);
      this.expectations.expect(key, seqOf(written));
    }
    if (outcome.volume) await this.createVolume(key, claim, outcome.volume, cause);
    if (!outcome.retry) return void this.failures.delete(key);
    const failures = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    const seconds = Math.min(lastRetrySeconds, firstRetrySeconds * 2 ** (failures - 1));
    return { requeueAfterMs: (seconds * 1000) / this.ctx.config.timeScale };
  }

  /** Stores the provisioned volume (one already there is this provisioner's earlier work) and says so on the claim. */
  private async createVolume(key: string, claim: PersistentVolumeClaim, volume: PersistentVolume, cause: number | undefined): Promise<void> {
    const created = await this.client.create(refs.persistentVolumes, '', volume, cause).catch((e: { code?: number }) => {
      if (e.code !== 409) throw e;
      return undefined;
    });
    if (created) this.expectations.expect(key, seqOf(created));
    this.ctx.log.debug({ provisioner: this.provisioner, claim: keyOf(claim), volume: volume.metadata.name }, 'volume provisioned');
    await this.events.record(claim, { type: 'Normal', reason: 'ProvisioningSucceeded', message: `Successfully provisioned volume ${volume.metadata.name}` }, undefined, cause);
  }

  /** Deletes a released volume of its own; the node's directory of a local-path volume is the node's to clean up. */
  private async deleteVolume(volume: PersistentVolume, cause: number | undefined): Promise<void> {
    await this.client.delete(refs.persistentVolumes, '', volume.metadata.name!, undefined, cause).catch(ignoreGone);
    this.events.forget(volume.metadata.uid!);
    this.ctx.log.debug({ provisioner: this.provisioner, volume: volume.metadata.name }, 'volume deleted');
  }
}
