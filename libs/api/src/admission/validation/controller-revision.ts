/**
 * ControllerRevision validation (ValidateControllerRevision / ValidateControllerRevisionUpdate):
 * the snapshot a StatefulSet or DaemonSet rolls back to has data and a non-negative revision,
 * and its data never changes.
 */
import type { ControllerRevision } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidRendered, required } from '../../field-errors.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { semanticEqual } from './semantic-equal.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };

/** Checks a ControllerRevision being created. */
export function validateControllerRevisionCreate(revision: ControllerRevision): FieldError[] {
  const errors = validateObjectMeta(revision.metadata, META);
  if (revision.data === undefined || revision.data === null) errors.push(required('data', 'data is mandatory'));
  errors.push(...validateNonNegative(revision.revision, 'revision'));
  return errors;
}

/** Checks a ControllerRevision update: only metadata (owners, labels) may change. */
export function validateControllerRevisionUpdate(revision: ControllerRevision, old: ControllerRevision): FieldError[] {
  const errors = [...validateObjectMetaUpdate(revision.metadata, old.metadata, META), ...validateControllerRevisionCreate(revision)];
  if (!semanticEqual(revision.data, old.data)) errors.push(invalidRendered('data', `runtime.RawExtension{Raw:[]uint8(${JSON.stringify(JSON.stringify(revision.data ?? null))}), Object:runtime.Object(nil)}`, FIELD_IMMUTABLE));
  return errors;
}
