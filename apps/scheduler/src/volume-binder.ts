/**
 * VolumeBinding's PreBind, the scheduler's only long wait (BindPodVolumes): write each
 * chosen volume with its claimRef and each claim to provision with its selected node
 * (PUTs, as kube-scheduler's system:volume-scheduler role allows), then wait until the
 * PV controller and the provisioners have bound every claim, judging again whenever a
 * claim, volume, pod or node changes, up to the bind timeout (600 s of cluster time).
 * Each pod waits on its own: other pods are scheduled meanwhile.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '@kubelab/api';
import type { ApiClient, Informer } from '@kubelab/bus';
import { BIND_TIMEOUT_ERROR, bindingVolumesError, checkBindings, preBindFailure, type ReservedVolumes, type VolumeSnapshot } from '@kubelab/scheduling';

export const claimsRef = { group: '', version: 'v1', plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' };
export const volumesRef = { group: '', version: 'v1', plural: 'persistentvolumes', kind: 'PersistentVolume' };
export const storageClassesRef = { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', kind: 'StorageClass' };

/** VolumeBindingArgs.bindTimeoutSeconds' default. */
const bindTimeoutSeconds = 600;

/** Why PreBind failed, in the words of kube-scheduler's FailedScheduling. */
export class PreBindError extends Error {}

/** What the waits read: the informers' pods and nodes, and the snapshot's storage objects. */
export interface VolumeBinderSources {
  pods: Informer<Pod>;
  nodes: Informer<Node>;
  volumes: VolumeSnapshot;
}

export class VolumeBinder {
  /** Each waiting pod's check, and its timeout. */
  private readonly waits = new Map<() => void, NodeJS.Timeout>();

  constructor(private readonly client: ApiClient, private readonly sources: VolumeBinderSources, private readonly timeScale: number) {}

  /** Writes what `reserved` plans, then resolves once every claim is bound; throws a PreBindError otherwise. */
  async bindPodVolumes(pod: Pod, nodeName: string, reserved: ReservedVolumes, cause: number | undefined): Promise<void> {
    const written = await this.writeBindings(reserved, cause);
    await this.waitForBindings(pod, nodeName, written);
  }

  /** A claim, volume, pod or node changed: every waiting pod looks again. */
  recheck(): void {
    for (const check of [...this.waits.keys()]) check();
  }

  stop(): void {
    for (const timer of this.waits.values()) clearTimeout(timer);
    this.waits.clear();
  }

  /** bindAPIUpdate: volumes first, then claims; the objects as the api-server returned them, for the wait to compare. */
  private async writeBindings(reserved: ReservedVolumes, cause: number | undefined): Promise<ReservedVolumes> {
    const written: ReservedVolumes = { staticBindings: [], dynamicProvisions: [] };
    try {
      for (const { volume, claim } of reserved.staticBindings) {
        written.staticBindings.push({ volume: await this.client.update<PersistentVolume>(volumesRef, '', volume, cause), claim });
      }
      for (const claim of reserved.dynamicProvisions) {
        written.dynamicProvisions.push(await this.client.update<PersistentVolumeClaim>(claimsRef, claim.metadata.namespace!, claim, cause));
      }
    } catch (e) {
      throw new PreBindError(preBindFailure((e as Error).message));
    }
    return written;
  }

  private waitForBindings(pod: Pod, nodeName: string, written: ReservedVolumes): Promise<void> {
    const { namespace, name } = pod.metadata;
    return new Promise((resolve, reject) => {
      const finish = (error?: string) => {
        clearTimeout(this.waits.get(check));
        this.waits.delete(check);
        if (error === undefined) resolve();
        else reject(new PreBindError(preBindFailure(bindingVolumesError(error))));
      };
      const check = () => {
        const world = { pod: this.sources.pods.get(namespace!, name!), node: this.sources.nodes.get('', nodeName), volumes: this.sources.volumes };
        const progress = checkBindings(world, pod, nodeName, written);
        if (progress.type === 'Bound') finish();
        else if (progress.type === 'Failed') finish(progress.error);
      };
      this.waits.set(check, setTimeout(() => finish(BIND_TIMEOUT_ERROR), (bindTimeoutSeconds * 1000) / this.timeScale));
      check();
    });
  }
}
