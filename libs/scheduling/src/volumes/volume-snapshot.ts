/**
 * The scheduler's storage objects: claims, volumes and classes as the informers last
 * delivered them, with kube-scheduler's assume cache over claims and volumes. Once a pod
 * is assumed on a node, its claims carry the selected node and the volumes chosen for it
 * their claimRef here, before any API write, so the next decision does not hand the same
 * volume to another claim; an informer update newer than the assumption replaces it, and
 * a failed binding restores what the API said.
 */
import { volumeClass, type KubeObject, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from '@kubelab/api';
import { claimKey } from './pv-helpers.js';

interface Assumable<T> {
  /** The object as the API last said. */
  api: T;
  /** The assumed object, or the API's when nothing is assumed. */
  latest: T;
}

const versionOf = (o: KubeObject): number => Number(o.metadata.resourceVersion) || 0;

/** AssumeCache: an informer's objects, each possibly overlaid by an assumed newer self. */
class AssumeCache<T extends KubeObject> {
  private readonly objects = new Map<string, Assumable<T>>();

  /** An informer add or update: taken unless it is not newer than what is held (assumed or not). */
  upsert(key: string, object: T): void {
    const known = this.objects.get(key);
    if (known && versionOf(object) <= versionOf(known.latest)) return;
    this.objects.set(key, { api: object, latest: object });
  }

  remove(key: string): void {
    this.objects.delete(key);
  }

  latest(key: string): T | undefined {
    return this.objects.get(key)?.latest;
  }

  api(key: string): T | undefined {
    return this.objects.get(key)?.api;
  }

  assume(key: string, object: T): void {
    const known = this.objects.get(key);
    if (known) known.latest = object;
  }

  restore(key: string): void {
    const known = this.objects.get(key);
    if (known) known.latest = known.api;
  }

  *values(): Iterable<T> {
    for (const { latest } of this.objects.values()) yield latest;
  }
}

/** Claims (by namespace/name), volumes and storage classes (by name), with assumptions. */
export class VolumeSnapshot {
  private readonly claims = new AssumeCache<PersistentVolumeClaim>();
  private readonly volumes = new AssumeCache<PersistentVolume>();
  private readonly classes = new Map<string, StorageClass>();

  upsertClaim(claim: PersistentVolumeClaim): void {
    this.claims.upsert(claimKey(claim.metadata.namespace!, claim.metadata.name!), claim);
  }

  removeClaim(claim: PersistentVolumeClaim): void {
    this.claims.remove(claimKey(claim.metadata.namespace!, claim.metadata.name!));
  }

  upsertVolume(volume: PersistentVolume): void {
    this.volumes.upsert(volume.metadata.name!, volume);
  }

  removeVolume(volume: PersistentVolume): void {
    this.volumes.remove(volume.metadata.name!);
  }

  upsertClass(storageClass: StorageClass): void {
    this.classes.set(storageClass.metadata.name!, storageClass);
  }

  removeClass(storageClass: StorageClass): void {
    this.classes.delete(storageClass.metadata.name!);
  }

  /** The claim as the scheduler assumes it to be. */
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.claims.latest(claimKey(namespace, name));
  }

  /** The claim as the API last said (the lister's view). */
  apiClaim(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.claims.api(claimKey(namespace, name));
  }

  /** The volume as the scheduler assumes it to be. */
  volume(name: string): PersistentVolume | undefined {
    return this.volumes.latest(name);
  }

  /** The volume as the API last said. */
  apiVolume(name: string): PersistentVolume | undefined {
    return this.volumes.api(name);
  }

  /** Every volume of a class (ListPVs), as assumed. */
  volumesOfClass(className: string): PersistentVolume[] {
    const found: PersistentVolume[] = [];
    for (const volume of this.volumes.values()) if (volumeClass(volume) === className) found.push(volume);
    return found;
  }

  storageClass(name: string): StorageClass | undefined {
    return this.classes.get(name);
  }

  /** Assumes the claim as given (a selected node annotated on it). */
  assumeClaim(claim: PersistentVolumeClaim): void {
    this.claims.assume(claimKey(claim.metadata.namespace!, claim.metadata.name!), claim);
  }

  /** Assumes the volume as given (bound to a claim). */
  assumeVolume(volume: PersistentVolume): void {
    this.volumes.assume(volume.metadata.name!, volume);
  }

  restoreClaim(namespace: string, name: string): void {
    this.claims.restore(claimKey(namespace, name));
  }

  restoreVolume(name: string): void {
    this.volumes.restore(name);
  }
}
