/**
 * core/v1 PersistentVolumeClaim validation (ValidatePersistentVolumeClaim /
 * ValidatePersistentVolumeClaimUpdate): access modes, a positive storage request, class
 * and data source references; after creation the spec is frozen except a bound claim's
 * storage request (expansion) and the volumeName the binder fills once.
 */
import type { KubeObject } from '../../object.js';
import { cloneJson, isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, invalidValue, required } from '../../field-errors.js';
import { compareQuantities, quantityError } from '../quantity.js';
import { child, key } from './field-path.js';
import { validateLabelSelector } from './label-selector.js';
import { isDNS1123Subdomain, nameIsDNSLabel, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { semanticEqual } from './semantic-equal.js';
import { specDiff } from './spec-diff.js';
import { storageOf, validateAccessModes, validateClassName, validatePositiveQuantity, validateVolumeMode } from './storage-common.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

function validateDataSource(source: any, path: string, allowNamespace: boolean): FieldError[] {
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

function validateDataSources(spec: any, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (isPlainObject(spec.dataSource)) errors.push(...validateDataSource(spec.dataSource, child(path, 'dataSource'), false));
  if (isPlainObject(spec.dataSourceRef)) errors.push(...validateDataSource(spec.dataSourceRef, child(path, 'dataSourceRef'), true));
  const source = spec.dataSource;
  const ref = spec.dataSourceRef;
  if (isPlainObject(ref) && ref.namespace) {
    if (isPlainObject(source)) errors.push(invalidValue(path, child(path, 'dataSource'), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (isPlainObject(source) && isPlainObject(ref)) {
    const same = (source.apiGroup ?? null) === (ref.apiGroup ?? null) && source.kind === ref.kind && source.name === ref.name;
    if (!same) errors.push(invalidValue(path, child(path, 'dataSource'), 'must match dataSourceRef'));
  }
  return errors;
}

/** ValidatePersistentVolumeClaimSpec at `path` (also used by claim templates). */
export function validatePersistentVolumeClaimSpec(spec: any, path: string): FieldError[] {
  const s = isPlainObject(spec) ? spec : {};
  const errors: FieldError[] = [];
  const modes = Array.isArray(s.accessModes) ? s.accessModes : [];
  if (modes.length === 0) errors.push(required(child(path, 'accessModes'), 'at least 1 access mode is required'));
  if (isPlainObject(s.selector)) errors.push(...validateLabelSelector(s.selector, child(path, 'selector')));
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
export function validatePersistentVolumeClaimCreate(claim: KubeObject): FieldError[] {
  return [...validateObjectMeta(claim.metadata, META), ...validatePersistentVolumeClaimSpec(claim.spec, 'spec')];
}

/** The spec with what an update may change put back to its old value. */
function comparableSpecs(claim: KubeObject, old: KubeObject): { next: any; previous: any } {
  const next = cloneJson(isPlainObject(claim.spec) ? claim.spec : {});
  const previous = cloneJson(isPlainObject(old.spec) ? old.spec : {});
  if (!previous.volumeName) previous.volumeName = next.volumeName;
  const oldAnnotation = old.metadata?.annotations?.[STORAGE_CLASS_ANNOTATION];
  if (previous.storageClassName === undefined && next.storageClassName !== undefined && (oldAnnotation === undefined || oldAnnotation === next.storageClassName)) {
    previous.storageClassName = next.storageClassName;
  }
  if (claim.status?.phase === 'Bound' && isPlainObject(next.resources?.requests)) {
    next.resources.requests.storage = old.spec?.resources?.requests?.storage;
    if (next.volumeAttributesClassName !== undefined) next.volumeAttributesClassName = previous.volumeAttributesClassName;
  }
  return { next, previous };
}

function shrinkErrors(claim: KubeObject, old: KubeObject): FieldError[] {
  const newSize = storageOf(claim.spec?.resources?.requests);
  const oldSize = storageOf(old.spec?.resources?.requests);
  if ([newSize, oldSize].some((size) => size === undefined || quantityError(size) !== undefined)) return [];
  if (compareQuantities(newSize as string, oldSize as string) >= 0) return [];
  const statusSize = storageOf(old.status?.capacity) ?? 0;
  if (quantityError(statusSize) !== undefined || compareQuantities(newSize as string, statusSize as string) > 0) return [];
  return [forbiddenField('spec.resources.requests.storage', 'field can not be less than status.capacity')];
}

/** Checks a PersistentVolumeClaim update. */
export function validatePersistentVolumeClaimUpdate(claim: KubeObject, old: KubeObject): FieldError[] {
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
    errors.push(invalidRendered('volumeMode', claim.spec?.volumeMode === undefined ? 'null' : JSON.stringify(claim.spec.volumeMode), FIELD_IMMUTABLE));
  }
  return errors;
}
