/**
 * metadata validation (apimachinery ValidateObjectMeta / ValidateObjectMetaUpdate plus
 * the core group's finalizer rule): the checks every kind shares on create and update.
 */
import type { ObjectMeta } from '../../object.js';
import { isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, invalidValue, required, tooLong } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { goStringSlice, goTime } from './go-syntax.js';
import type { NameValidator } from './name-formats.js';
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel } from './name-formats.js';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);
/** Kubernetes' detail for a changed immutable field. */
export const FIELD_IMMUTABLE = 'field is immutable';

/** How a kind's metadata is checked. */
export interface MetaRules {
  namespaced: boolean;
  name: NameValidator;
  /** The core and workload groups also require finalizers to be standard or fully qualified. */
  kubeFinalizers: boolean;
}

/** Label keys and values (also used for selectors' matchLabels and nodeSelector). */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isPlainObject(labels)) return [];
  return Object.entries(labels).flatMap(([k, v]) => [
    ...isQualifiedName(k).map((message) => invalidValue(path, k, message)),
    ...isValidLabelValue(String(v)).map((message) => invalidValue(path, String(v), message)),
  ]);
}

/** Annotation keys (case-insensitive qualified names) and the 256 KiB total size. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isPlainObject(annotations)) return [];
  const errors = Object.keys(annotations).flatMap((k) => isQualifiedName(k.toLowerCase()).map((message) => invalidValue(path, k, message)));
  const size = Object.entries(annotations).reduce((total, [k, v]) => total + k.length + String(v).length, 0);
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errors.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errors;
}

function validateOwnerReferences(references: unknown, path: string): FieldError[] {
  if (!Array.isArray(references)) return [];
  const errors: FieldError[] = [];
  let firstController = '';
  for (const reference of references) {
    const apiVersion = String(reference?.apiVersion ?? '');
    const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
    if (!version) errors.push(invalidValue(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!reference?.kind) errors.push(invalidValue(child(path, 'kind'), reference?.kind ?? '', 'kind must not be empty'));
    if (!reference?.name) errors.push(invalidValue(child(path, 'name'), reference?.name ?? '', 'name must not be empty'));
    if (!reference?.uid) errors.push(invalidValue(child(path, 'uid'), reference?.uid ?? '', 'uid must not be empty'));
    if (apiVersion === 'v1' && reference?.kind === 'Event') {
      errors.push(invalidValue(path, reference, '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (reference?.controller === true) {
      const current = `${reference.kind}/${reference.name}`;
      if (firstController) {
        errors.push(
          invalidValue(path, references, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errors;
}

function validateFinalizers(finalizers: unknown, path: string, kubeFinalizers: boolean): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errors = finalizers.flatMap((name) => isQualifiedName(String(name)).map((message) => invalidValue(path, String(name), message)));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errors.push(invalidRendered(path, goStringSlice(finalizers), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  if (kubeFinalizers) {
    finalizers.forEach((name, i) => {
      if (!String(name).includes('/') && !STANDARD_FINALIZERS.has(String(name))) {
        errors.push(invalidValue(index(path, i), String(name), 'name is neither a standard finalizer name nor is it fully qualified'));
      }
    });
  }
  return errors;
}

function validateGeneration(meta: ObjectMeta, path: string): FieldError[] {
  const generation = meta.generation ?? 0;
  return generation < 0 ? [invalidValue(child(path, 'generation'), generation, 'must be greater than or equal to 0')] : [];
}

/** Checks an object's metadata on create: name (or generateName), namespace, labels, annotations, owners, finalizers. */
export function validateObjectMeta(meta: ObjectMeta | undefined, rules: MetaRules, path = 'metadata'): FieldError[] {
  const m: ObjectMeta = meta ?? {};
  const errors: FieldError[] = [];
  if (m.generateName) {
    errors.push(...rules.name(m.generateName, true).map((message) => invalidValue(child(path, 'generateName'), m.generateName, message)));
  }
  if (!m.name) errors.push(required(child(path, 'name'), 'name or generateName is required'));
  else errors.push(...rules.name(m.name, false).map((message) => invalidValue(child(path, 'name'), m.name, message)));
  if (rules.namespaced) {
    if (!m.namespace) errors.push(required(child(path, 'namespace')));
    else errors.push(...nameIsDNSLabel(m.namespace, false).map((message) => invalidValue(child(path, 'namespace'), m.namespace, message)));
  } else if (m.namespace) {
    errors.push(forbiddenField(child(path, 'namespace'), 'not allowed on this type'));
  }
  errors.push(...validateGeneration(m, path));
  errors.push(...validateLabels(m.labels, child(path, 'labels')));
  errors.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  errors.push(...validateOwnerReferences(m.ownerReferences, child(path, 'ownerReferences')));
  errors.push(...validateFinalizers(m.finalizers, child(path, 'finalizers'), rules.kubeFinalizers));
  return errors;
}

function immutableString(path: string, newValue: string | undefined, oldValue: string | undefined): FieldError[] {
  return (newValue ?? '') === (oldValue ?? '') ? [] : [invalidValue(path, newValue ?? '', FIELD_IMMUTABLE)];
}

function newFinalizersWhileDeleting(newMeta: ObjectMeta, oldMeta: ObjectMeta, path: string): FieldError[] {
  if (!oldMeta.deletionTimestamp) return [];
  const old = new Set(oldMeta.finalizers ?? []);
  const added = [...new Set(newMeta.finalizers ?? [])].filter((name) => !old.has(name)).sort();
  if (added.length === 0) return [];
  return [
    forbiddenField(
      child(path, 'finalizers'),
      `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added)}`,
    ),
  ];
}

/** Checks a metadata update: identity fields are immutable, generation never decreases. */
export function validateObjectMetaUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined, rules: MetaRules, path = 'metadata'): FieldError[] {
  const n: ObjectMeta = newMeta ?? {};
  const o: ObjectMeta = oldMeta ?? {};
  const errors = newFinalizersWhileDeleting(n, o, path);
  if ((n.generation ?? 0) < (o.generation ?? 0)) errors.push(invalidValue(child(path, 'generation'), n.generation ?? 0, 'must not be decremented'));
  errors.push(...immutableString(child(path, 'name'), n.name, o.name));
  errors.push(...immutableString(child(path, 'namespace'), n.namespace, o.namespace));
  errors.push(...immutableString(child(path, 'uid'), n.uid, o.uid));
  if ((n.creationTimestamp ?? '') !== (o.creationTimestamp ?? '')) {
    errors.push(invalidRendered(child(path, 'creationTimestamp'), goTime(n.creationTimestamp), FIELD_IMMUTABLE));
  }
  errors.push(...validateLabels(n.labels, child(path, 'labels')));
  errors.push(...validateAnnotations(n.annotations, child(path, 'annotations')));
  errors.push(...validateOwnerReferences(n.ownerReferences, child(path, 'ownerReferences')));
  if (rules.kubeFinalizers) {
    (n.finalizers ?? []).forEach((name, i) => {
      if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
        errors.push(invalidValue(index(child(path, 'finalizers'), i), name, 'name is neither a standard finalizer name nor is it fully qualified'));
      }
    });
  }
  return errors;
}
