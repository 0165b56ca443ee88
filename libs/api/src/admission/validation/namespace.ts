/**
 * Namespace validation (ValidateNamespace / ValidateNamespaceUpdate): DNS-1123 label
 * names, cluster scope, and well-formed spec finalizers.
 */
import type { Namespace } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidValue } from '../../field-errors.js';
import { isQualifiedName, nameIsDNSLabel } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSLabel, kubeFinalizers: true };
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateSpecFinalizers(finalizers: unknown): FieldError[] {
  const path = 'spec.finalizers';
  return (Array.isArray(finalizers) ? finalizers : []).flatMap((finalizer) => {
    const name = String(finalizer);
    const errors = isQualifiedName(name).map((message) => invalidValue(path, name, message));
    if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) errors.push(invalidValue(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
    return errors;
  });
}

/** Checks a Namespace being created. */
export function validateNamespaceCreate(namespace: Namespace): FieldError[] {
  return [...validateObjectMeta(namespace.metadata, META), ...validateSpecFinalizers(namespace.spec?.finalizers)];
}

/** Checks a Namespace update (metadata only, as Kubernetes does). */
export function validateNamespaceUpdate(namespace: Namespace, old: Namespace): FieldError[] {
  return validateObjectMetaUpdate(namespace.metadata, old.metadata, META);
}
