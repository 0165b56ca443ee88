/**
 * FindMatchingVolume on the scheduler's path (a node given, delayed binding): the volume
 * already promised to the claim if the node can reach it, else the smallest Available
 * volume of the claim's class that is big enough, of the same volume mode, selected by
 * the claim's selector, reachable from the node and offering every access mode asked.
 * VolumeAttributesClass is off in 1.32: a claim or a volume naming one never matches.
 */
import { claimClass, isVolumeBoundToClaim, type LabelRequirement, labelSelectorFromObject, matchesLabels, type PersistentVolume, type PersistentVolumeClaim, volumeClass } from '@kubelab/api';
import { wholeOf } from '../resources/quantity.js';
import { volumeNodeAffinityMatches } from './pv-helpers.js';

/** The storage a claim requests or a volume offers, in bytes (0 when absent). */
export function storageOf(resources: Record<string, unknown> | undefined): number {
  return wholeOf(resources?.storage);
}

/** The claim's selector, or null when it selects every volume; undefined when it cannot be read (matches none). */
function selectorOf(claim: PersistentVolumeClaim): LabelRequirement[] | null | undefined {
  if (!claim.spec?.selector) return null;
  try {
    return labelSelectorFromObject(claim.spec.selector);
  } catch {
    return undefined;
  }
}

const volumeMode = (spec: { volumeMode?: string } | undefined): string => spec?.volumeMode ?? 'Filesystem';

function offersAccessModes(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const offered = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((mode) => offered.has(mode));
}

/** The volume to bind `claim` to on a node labelled `nodeLabels`, skipping those in `excluded`; undefined when none fits. */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  nodeLabels: Readonly<Record<string, string>>,
  excluded: ReadonlySet<string>,
): PersistentVolume | undefined {
  if (claim.spec?.volumeAttributesClassName) return undefined;
  const selector = selectorOf(claim);
  const requested = storageOf(claim.spec?.resources?.requests);
  const requestedClass = claimClass(claim);
  let smallest: PersistentVolume | undefined;
  let smallestSize = 0;
  for (const volume of volumes) {
    if (excluded.has(volume.metadata.name!)) continue;
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const size = storageOf(volume.spec?.capacity);
    if (size < requested || volumeMode(claim.spec) !== volumeMode(volume.spec) || volume.spec?.volumeAttributesClassName) continue;
    if (volume.metadata.deletionTimestamp) continue;
    const reachable = volumeNodeAffinityMatches(volume, nodeLabels);
    if (isVolumeBoundToClaim(volume, claim)) return reachable ? volume : undefined;
    if (volume.status?.phase !== 'Available') continue;
    if (selector === undefined || (selector && !matchesLabels(selector, volume.metadata.labels ?? {}))) continue;
    if (volumeClass(volume) !== requestedClass || !reachable || !offersAccessModes(claim, volume)) continue;
    if (!smallest || smallestSize > size) {
      smallest = volume;
      smallestSize = size;
    }
  }
  return smallest;
}
