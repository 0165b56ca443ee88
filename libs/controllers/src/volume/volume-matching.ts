/**
 * Which PersistentVolume a claim gets (the PV controller's index.go and component-helpers'
 * FindMatchingVolume): volumes are grouped by their set of access modes; the groups that hold
 * every mode the claim asks for are searched from the fewest modes up, and in a group a volume
 * pre-bound to the claim wins, else the smallest Available one that is big enough, of the
 * claim's class, volume mode and label selector. "" as a class only matches class-less volumes.
 */
import { claimClass, compareQuantities, isVolumeBoundToClaim, labelSelectorFromObject, matchesLabels, volumeClass, type PersistentVolume, type PersistentVolumeClaim } from '@kubelab/api';

const storageOf = (list: Record<string, unknown> | undefined): string => String(list?.storage ?? '0');

/** CheckVolumeModeMismatches: an unset mode is Filesystem on either side. */
export function volumeModeMismatch(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function offersAccessModes(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const offered = new Set<string>(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((mode: string) => offered.has(mode));
}

/** checkVolumeSatisfyClaim: why the volume a claim names cannot serve it, undefined when it can. */
export function volumeUnfitForClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  if (volume.metadata.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  if (compareQuantities(storageOf(volume.spec?.capacity), storageOf(claim.spec?.resources?.requests)) < 0) return 'requested PV is too small';
  if (volumeClass(volume) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, volume)) return 'incompatible volumeMode';
  if (!offersAccessModes(claim, volume)) return 'incompatible accessMode';
  return undefined;
}

/**
 * FindMatchingVolume on the PV controller's path (no node): the volume pre-bound to the claim if big enough,
 * else the smallest fitting Available one; with `delayBinding` (a WaitForFirstConsumer class) only pre-bound ones.
 */
export function findMatchingVolume(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const requested = storageOf(claim.spec?.resources?.requests);
  const requestedClass = claimClass(claim);
  const selector = claim.spec?.selector ? labelSelectorFromObject(claim.spec.selector) : undefined;
  let smallest: PersistentVolume | undefined;
  for (const volume of volumes) {
    if (volumeModeMismatch(claim, volume) || volume.metadata.deletionTimestamp) continue;
    const capacity = storageOf(volume.spec?.capacity);
    if (isVolumeBoundToClaim(volume, claim)) {
      if (compareQuantities(capacity, requested) < 0) continue;
      return volume;
    }
    if (delayBinding) continue;
    if (volume.status?.phase !== 'Available' || volume.spec?.claimRef) continue;
    if (selector && !matchesLabels(selector, volume.metadata.labels ?? {})) continue;
    if (volumeClass(volume) !== requestedClass) continue;
    if (compareQuantities(capacity, requested) < 0) continue;
    if (!smallest || compareQuantities(storageOf(smallest.spec?.capacity), capacity) > 0) smallest = volume;
  }
  return smallest;
}

/** The access-mode index key of a volume: its distinct modes, sorted. */
const modesKey = (modes: readonly string[]): string => [...new Set(modes)].sort().join(',');

/** findBestMatchForClaim: the access-mode groups that hold the claim's modes, fewest modes first, each searched in turn. */
export function findBestMatchForClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const groups = new Map<string, PersistentVolume[]>();
  for (const volume of volumes) {
    const key = modesKey(volume.spec?.accessModes ?? []);
    groups.set(key, [...(groups.get(key) ?? []), volume]);
  }
  const requested: string[] = claim.spec?.accessModes ?? [];
  const candidates = [...groups.keys()]
    .map((key) => ({ key, modes: key === '' ? [] : key.split(',') }))
    .filter(({ modes }) => requested.every((mode) => modes.includes(mode)))
    .sort((a, b) => a.modes.length - b.modes.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { key } of candidates) {
    const found = findMatchingVolume(claim, groups.get(key)!, delayBinding);
    if (found) return found;
  }
  return undefined;
}
