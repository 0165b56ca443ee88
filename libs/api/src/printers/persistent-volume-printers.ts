/**
 * `kubectl get persistentvolumes`: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM
 * STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE; and `kubectl get
 * persistentvolumeclaims`: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
 * VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { quantityCell } from './quantity-cells.js';

/** The storage class annotation that still wins over spec.storageClassName. */
const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

const accessModeAbbreviations: readonly [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** `RWO,ROX`: the modes present, always in RWO, ROX, RWX, RWOP order, each once. */
export function accessModesCell(modes: readonly string[] | undefined): string {
  const present = new Set(modes ?? []);
  return accessModeAbbreviations
    .filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** A phase, or "Terminating" once the object is being deleted. */
function phaseCell(obj: PersistentVolume | PersistentVolumeClaim): string {
  return obj.metadata?.deletionTimestamp ? 'Terminating' : (obj.status?.phase ?? '');
}

/** `<unset>` for an unset optional name or mode. */
function unsetOr(value: string | undefined): string {
  return value ?? '<unset>';
}

/** Prints PersistentVolumes. */
export const persistentVolumePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Capacity', 'capacity is the description of the persistent volume\'s resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity'),
    column('Access Modes', 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes'),
    column('Reclaim Policy', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming'),
    column('Status', 'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase'),
    column('Claim', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding'),
    column('StorageClass', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    column('Reason', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    ageColumn,
    wideColumn('VolumeMode', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.'),
  ],
  print(obj, now) {
    const volume = obj as PersistentVolume;
    const claim = volume.spec?.claimRef;
    const annotations = volume.metadata?.annotations ?? {};
    const storageClass = Object.hasOwn(annotations, betaStorageClassAnnotation)
      ? annotations[betaStorageClassAnnotation]
      : (volume.spec?.storageClassName ?? '');
    return {
      cells: [
        volume.metadata?.name ?? '',
        quantityCell(volume.spec?.capacity?.storage),
        accessModesCell(volume.spec?.accessModes),
        volume.spec?.persistentVolumeReclaimPolicy ?? '',
        phaseCell(volume),
        claim ? `${claim.namespace ?? ''}/${claim.name ?? ''}` : '',
        storageClass,
        unsetOr(volume.spec?.volumeAttributesClassName),
        volume.status?.reason ?? '',
        ageSince(volume.metadata?.creationTimestamp, now),
        unsetOr(volume.spec?.volumeMode),
      ],
    };
  },
};

/** Prints PersistentVolumeClaims; capacity and access modes are the bound volume's, blank until bound. */
export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'phase represents the current phase of PersistentVolumeClaim.'),
    column('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    column('Capacity', 'capacity represents the actual resources of the underlying volume.'),
    column('Access Modes', 'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1'),
    column('StorageClass', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    wideColumn('VolumeMode', 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.'),
  ],
  print(obj, now) {
    const claim = obj as PersistentVolumeClaim;
    const bound = Boolean(claim.spec?.volumeName);
    const annotations = claim.metadata?.annotations ?? {};
    const storageClass = Object.hasOwn(annotations, betaStorageClassAnnotation)
      ? annotations[betaStorageClassAnnotation]
      : (claim.spec?.storageClassName ?? '');
    return {
      cells: [
        claim.metadata?.name ?? '',
        phaseCell(claim),
        claim.spec?.volumeName ?? '',
        bound ? quantityCell(claim.status?.capacity?.storage) : '',
        bound ? accessModesCell(claim.status?.accessModes) : '',
        storageClass,
        unsetOr(claim.spec?.volumeAttributesClassName),
        ageSince(claim.metadata?.creationTimestamp, now),
        unsetOr(claim.spec?.volumeMode),
      ],
    };
  },
};
