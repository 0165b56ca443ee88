/**
 * core/v1 PersistentVolume validation (ValidatePersistentVolume / ...Update): access
 * modes, a storage-only positive capacity, a reclaim policy, exactly one volume source
 * (with the required fields of the common ones), and a source and volumeMode that never
 * change after creation.
 */
import type { PersistentVolumeSpec } from 'kubernetes-types/core/v1';
import type { PersistentVolume } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, key } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { semanticEqual } from './semantic-equal.js';
import { specDiff } from './spec-diff.js';
import { specPath, validateAccessModes, validateClassName, validatePositiveQuantity, validateVolumeMode } from './storage-common.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: true };
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];

/** The members of a PersistentVolumeSpec that are volume sources (the rest describe the volume). */
type SourceField = Exclude<
  keyof PersistentVolumeSpec,
  'accessModes' | 'capacity' | 'claimRef' | 'mountOptions' | 'nodeAffinity' | 'persistentVolumeReclaimPolicy' | 'storageClassName' | 'volumeAttributesClassName' | 'volumeMode'
>;
/** The volume sources in the order ValidatePersistentVolumeSpec counts them, with the path it reports inner errors under. */
const SOURCES: [field: SourceField, innerPath: string][] = [
  ['hostPath', 'hostPath'],
  ['gcePersistentDisk', 'persistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['nfs', 'nfs'],
  ['rbd', 'rbd'],
  ['quobyte', 'quobyte'],
  ['cephfs', 'cephfs'],
  ['iscsi', 'iscsi'],
  ['cinder', 'cinder'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['scaleIO', 'scaleIO'],
  ['local', 'local'],
  ['storageos', 'storageos'],
  ['csi', 'csi'],
];
/** The names some sources are reported under when they are one too many. */
const EXTRA_SOURCE_PATH: Record<string, string> = { cephfs: 'cephFS' };
const SOURCE_FIELDS: ReadonlySet<string> = new Set(SOURCES.map(([field]) => field));

function requireFields<T>(source: T | undefined, path: string, fields: (keyof T & string)[]): FieldError[] {
  return fields.filter((name) => !source?.[name]).map((name) => required(child(path, name)));
}

function validatePathNoBacksteps(value: string, path: string): FieldError[] {
  return value.split('/').includes('..') ? [invalidValue(path, value, "must not contain '..'")] : [];
}

function validateCSIDriverName(driver: unknown, path: string): FieldError[] {
  const name = String(driver ?? '');
  const errors: FieldError[] = [];
  if (!name) errors.push(required(path));
  if (name.length > 63) errors.push({ type: 'FieldValueTooLong', field: path, message: 'Too long: may not be more than 63 bytes' });
  errors.push(...isDNS1123Subdomain(name.toLowerCase()).map((message) => invalidValue(path, name, message)));
  return errors;
}

/** The checks of the sources a cluster emulator sees most; the others only need to be present. */
function validateSource(fieldName: SourceField, spec: PersistentVolumeSpec, path: string): FieldError[] {
  switch (fieldName) {
    case 'hostPath':
    case 'local': {
      const source = spec[fieldName];
      if (!source?.path) return [required(child(path, 'path'))];
      return validatePathNoBacksteps(String(source.path), child(path, 'path'));
    }
    case 'nfs': {
      const source = spec.nfs;
      const errors = requireFields(source, path, ['server', 'path']);
      if (source?.path && !String(source.path).startsWith('/')) errors.push(invalidValue(child(path, 'path'), source.path, 'must be an absolute path'));
      return errors;
    }
    case 'csi':
      return [...validateCSIDriverName(spec.csi?.driver, child(path, 'driver')), ...requireFields(spec.csi, path, ['volumeHandle'])];
    default:
      return [];
  }
}

function validateSources(spec: PersistentVolumeSpec): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const [fieldName, innerPath] of SOURCES) {
    if (spec[fieldName] === undefined || spec[fieldName] === null) continue;
    if (count > 0 && fieldName !== 'flexVolume') {
      errors.push(forbiddenField(specPath(EXTRA_SOURCE_PATH[fieldName] ?? fieldName), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errors.push(...validateSource(fieldName, spec, specPath(innerPath)));
    if (fieldName === 'local' && !isStruct(spec.nodeAffinity?.required)) {
      errors.push(required(specPath('nodeAffinity'), 'Local volume requires node affinity'));
    }
  }
  if (count === 0) errors.push(required('spec', 'must specify a volume type'));
  return errors;
}

function validateCapacity(capacity: Record<string, string> | undefined): FieldError[] {
  const list = isStruct(capacity) ? capacity : {};
  const errors: FieldError[] = [];
  if (Object.keys(list).length === 0) errors.push(required(specPath('capacity')));
  if (!('storage' in list) || Object.keys(list).length > 1) {
    const rendered = Object.entries(list).map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(String(value))}`);
    errors.push({ type: 'FieldValueNotSupported', field: specPath('capacity'), message: `Unsupported value: core.ResourceList{${rendered.join(', ')}}: supported values: "storage"` });
  }
  for (const [name, value] of Object.entries(list)) errors.push(...validatePositiveQuantity(name, value, key(specPath('capacity'), name)));
  return errors;
}

function validateSpec(spec: PersistentVolumeSpec): FieldError[] {
  const errors: FieldError[] = [];
  const modes = listOf(spec.accessModes);
  if (modes.length === 0) errors.push(required(specPath('accessModes')));
  errors.push(...validateAccessModes(modes, specPath('accessModes')));
  errors.push(...validateCapacity(spec.capacity));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !RECLAIM_POLICIES.includes(policy)) errors.push(notSupported(specPath('persistentVolumeReclaimPolicy'), policy, RECLAIM_POLICIES));
  if (isStruct(spec.nodeAffinity) && !isStruct(spec.nodeAffinity.required)) {
    errors.push(required(specPath('nodeAffinity', 'required'), 'must specify required node constraints'));
  }
  errors.push(...validateSources(spec));
  const hostPath = spec.hostPath;
  const hostRoot = isStruct(hostPath) && String(hostPath.path ?? '').replace(/\/+$/, '') === '';
  if (hostRoot && hostPath.path && policy === 'Recycle') {
    errors.push(forbiddenField(specPath('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  errors.push(...validateClassName(spec.storageClassName, specPath('storageClassName')));
  errors.push(...validateVolumeMode(spec.volumeMode, specPath('volumeMode')));
  return errors;
}

/** Checks a PersistentVolume being created. */
export function validatePersistentVolumeCreate(volume: PersistentVolume): FieldError[] {
  return [...validateObjectMeta(volume.metadata, META), ...validateSpec(isStruct(volume.spec) ? volume.spec : {})];
}

function volumeSource(spec: PersistentVolumeSpec | undefined): Record<string, unknown> {
  const s = isStruct(spec) ? spec : {};
  return Object.fromEntries(Object.entries(s).filter(([name]) => SOURCE_FIELDS.has(name)));
}

/** Checks a PersistentVolume update: the source and volumeMode are fixed (a CSI volume may gain a controllerExpandSecretRef). */
export function validatePersistentVolumeUpdate(volume: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errors = [...validateObjectMetaUpdate(volume.metadata, old.metadata, META), ...validatePersistentVolumeCreate(volume)];
  const next = volumeSource(volume.spec);
  const previous = volumeSource(old.spec);
  const csi = volume.spec?.csi;
  const previousCSI = old.spec?.csi;
  if (isStruct(csi) && csi.controllerExpandSecretRef && isStruct(previousCSI) && !previousCSI.controllerExpandSecretRef) {
    next.csi = { ...csi, controllerExpandSecretRef: undefined };
  }
  if (!semanticEqual(next, previous)) {
    const diff = specDiff('core.PersistentVolumeSource', previous, next);
    errors.push(forbiddenField('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${diff}`));
  }
  if ((volume.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) {
    errors.push(invalidRendered('volumeMode', volume.spec?.volumeMode === undefined ? 'null' : JSON.stringify(volume.spec?.volumeMode), FIELD_IMMUTABLE));
  }
  return errors;
}
