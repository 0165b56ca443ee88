/**
 * core/v1 PersistentVolumeClaim validation (ValidatePersistentVolumeClaim /
 * ValidatePersistentVolumeClaimUpdate): access modes, a positive storage request, class
 * and data source references; after creation the spec is frozen except a bound claim's
 * storage request (expansion) and the volumeName the binder fills once.
 */
import type { PersistentVolumeClaimSpec, TypedObjectReference } from 'kubernetes-types/core/v1';
import { cloneJson } from '../../object.js';
import type { PersistentVolumeClaim } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, invalidValue, required } from '../../field-errors.js';
import { compareQuantities, quantityError } from '../quantity.js';
import { child, key } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { validateLabelSelector } from './label-selector.js';
import { isDNS1123Subdomain, nameIsDNSLabel, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { semanticEqual } from './semantic-equal.js';
import { specDiff } from './spec-diff.js';
import { storageOf, validateAccessModes, validateClassName, validatePositiveQuantity, validateVolumeMode } from './storage-common.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

function validateDataSource(source: Partial<TypedObjectReference>, path: string, allowNamespace: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!source.name) errors.push(required(child(path, 'name')));
  if (!source.kind) errors.push(required(child(path, 'kind')));
  const apiGroup = String(source.apiGroup ?? '');
  if (!apiGroup && source.kind !== 'PersistentVolumeClaim') {
    errors.push(invalidValue(path, source.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (apiGroup) errors.push(...isDNS1123Subdomain(apiGroup).map((message) => invalidValue(child(path, 'apiGroup'), apiGroup, message)));
  if (allowNamespace && source.namespace) {
    errors.push(...nameIsDNSLabel(source.namespace, false).map((message) => invalidValue(child(path, 'namespace'), source.namespace, message)));
  }
  return errors;
}

function validateDataSources(spec: PersistentVolumeClaimSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const source = spec.dataSource;
  const ref = spec.dataSourceRef;
  if (isStruct(source)) errors.push(...validateDataSource(source, child(path, 'dataSource'), false));
  if (isStruct(ref)) errors.push(...validateDataSource(ref, child(path, 'dataSourceRef'), true));
  if (isStruct(ref) && ref.namespace) {
    if (isStruct(source)) errors.push(invalidValue(path, child(path, 'dataSource'), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (isStruct(source) && isStruct(ref)) {
    const same = (source.apiGroup ?? null) === (ref.apiGroup ?? null) && source.kind === ref.kind && source.name === ref.name;
    if (!same) errors.push(invalidValue(path, child(path, 'dataSource'), 'must match dataSourceRef'));
  }
  return errors;
}

/** ValidatePersistentVolumeClaimSpec at `path` (also used by claim templates). */
export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec | undefined, path: string): FieldError[] {
  const s: PersistentVolumeClaimSpec = isStruct(spec) ? spec : {};
  const errors: FieldError[] = [];
  const modes = listOf(s.accessModes);
  if (modes.length === 0) errors.push(required(child(path, 'accessModes'), 'at least 1 access mode is required'));
  if (isStruct(s.selector)) errors.push(...validateLabelSelector(s.selector, child(path, 'selector')));
  errors.push(...validateAccessModes(modes, child(path, 'accessModes')));
  const storage = storageOf(s.resources?.requests);
  const storagePath = key(child(path, 'resources'), 'storage');
  if (storage === undefined || storage === null) errors.push(required(storagePath));
  else errors.push(...validatePositiveQuantity('storage', storage, storagePath));
  errors.push(...validateClassName(s.storageClassName, child(path, 'storageClassName')));
  errors.push(...validateVolumeMode(s.volumeMode, child(path, 'volumeMode')));
  errors.push(...validateDataSources(s, path));
  return errors;
}

/** Checks a PersistentVolumeClaim being created. */
export function validatePersistentVolumeClaimCreate(claim: PersistentVolumeClaim): FieldError[] {
  return [...validateObjectMeta(claim.metadata, META), ...validatePersistentVolumeClaimSpec(claim.spec, 'spec')];
}

/** The spec with what an update may change put back to its old value. */
function comparableSpecs(claim: PersistentVolumeClaim, old: PersistentVolumeClaim): { next: PersistentVolumeClaimSpec; previous: PersistentVolumeClaimSpec } {
  const next: PersistentVolumeClaimSpec = cloneJson(isStruct(claim.spec) ? claim.spec : {});
  const previous: PersistentVolumeClaimSpec = cloneJson(isStruct(old.spec) ? old.spec : {});
  if (!previous.volumeName) previous.volumeName = next.volumeName;
  const oldAnnotation = old.metadata?.annotations?.[STORAGE_CLASS_ANNOTATION];
  if (previous.storageClassName === undefined && next.storageClassName !== undefined && (oldAnnotation === undefined || oldAnnotation === next.storageClassName)) {
    previous.storageClassName = next.storageClassName;
  }
  const requests: Record<string, string | undefined> | undefined = next.resources?.requests;
  if (claim.status?.phase === 'Bound' && isStruct(requests)) {
    requests.storage = old.spec?.resources?.requests?.storage;
    if (next.volumeAttributesClassName !== undefined) next.volumeAttributesClassName = previous.volumeAttributesClassName;
  }
  return { next, previous };
}

function shrinkErrors(claim: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const newSize = storageOf(claim.spec?.resources?.requests);
  const oldSize = storageOf(old.spec?.resources?.requests);
  if ([newSize, oldSize].some((size) => size === undefined || quantityError(size) !== undefined)) return [];
  if (compareQuantities(newSize as string, oldSize as string) >= 0) return [];
  const statusSize = storageOf(old.status?.capacity) ?? 0;
  if (quantityError(statusSize) !== undefined || compareQuantities(newSize as string, statusSize as string) > 0) return [];
  return [forbiddenField('spec.resources.requests.storage', 'field can not be less than status.capacity')];
}

/** Checks a PersistentVolumeClaim update. */
export function validatePersistentVolumeClaimUpdate(claim: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errors = [...validateObjectMetaUpdate(claim.metadata, old.metadata, META), ...validatePersistentVolumeClaimCreate(claim)];
  const oldAnnotation = old.metadata?.annotations?.[STORAGE_CLASS_ANNOTATION];
  const newAnnotation = claim.metadata?.annotations?.[STORAGE_CLASS_ANNOTATION];
  if ((oldAnnotation ?? '') !== (newAnnotation ?? '')) {
    errors.push(invalidValue(child('metadata', 'annotations', STORAGE_CLASS_ANNOTATION), newAnnotation ?? '', FIELD_IMMUTABLE));
  }
  const { next, previous } = comparableSpecs(claim, old);
  if (!semanticEqual(next, previous)) {
    const diff = specDiff('core.PersistentVolumeClaimSpec', previous, next);
    errors.push(forbiddenField('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diff}`));
  }
  errors.push(...shrinkErrors(claim, old));
  if ((claim.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) {
    errors.push(invalidRendered('volumeMode', claim.spec?.volumeMode === undefined ? 'null' : JSON.stringify(claim.spec?.volumeMode), FIELD_IMMUTABLE));
  }
  return errors;
}
