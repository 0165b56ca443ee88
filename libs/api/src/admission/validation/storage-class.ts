/**
 * storage.k8s.io/v1 StorageClass validation (ValidateStorageClass / ...Update): a
 * qualified provisioner name, bounded parameters, a known reclaim policy and binding
 * mode, and provisioner, parameters, reclaimPolicy and volumeBindingMode fixed for life.
 */
import type { TopologySelectorTerm } from 'kubernetes-types/core/v1';
import type { StorageClass } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, notSupported, required, tooLong } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { isQualifiedName, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { semanticEqual } from './semantic-equal.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: true };
const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function validateProvisioner(provisioner: unknown): FieldError[] {
  const name = String(provisioner ?? '');
  if (!name) return [required('provisioner')];
  return isQualifiedName(name.toLowerCase()).map((message) => invalidValue('provisioner', name.toLowerCase(), message));
}

function validateParameters(parameters: Record<string, string> | undefined): FieldError[] {
  const entries = Object.entries(isStruct(parameters) ? parameters : {});
  if (entries.length > MAX_PARAMETERS) {
    return [{ type: 'FieldValueTooLong', field: 'parameters', message: `Too long: may not be more than ${MAX_PARAMETERS} bytes` }];
  }
  const size = entries.reduce((total, [k, v]) => total + k.length + String(v).length, 0);
  return size > MAX_PARAMETERS_SIZE ? [tooLong('parameters', MAX_PARAMETERS_SIZE)] : [];
}

function validateAllowedTopologies(topologies: TopologySelectorTerm[] | undefined): FieldError[] {
  return listOf(topologies).flatMap((term, i) => {
    const path = child(index('allowedTopologies', i), 'matchLabelExpressions');
    const expressions = listOf(term?.matchLabelExpressions);
    if (expressions.length === 0) return [required(path, 'must have at least one label requirement')];
    return expressions.flatMap((expression, j) => {
      const itemPath = index(path, j);
      const errors = isQualifiedName(String(expression?.key ?? '')).map((message) => invalidValue(child(itemPath, 'key'), expression?.key ?? '', message));
      const values = listOf(expression?.values);
      if (values.length === 0) errors.push(required(child(itemPath, 'values'), 'must specify as least one value'));
      return errors;
    });
  });
}

/** Checks a StorageClass being created. */
export function validateStorageClassCreate(storageClass: StorageClass): FieldError[] {
  const errors = [...validateObjectMeta(storageClass.metadata, META), ...validateProvisioner(storageClass.provisioner), ...validateParameters(storageClass.parameters)];
  const policy = storageClass.reclaimPolicy;
  if (policy && !RECLAIM_POLICIES.includes(policy)) errors.push(notSupported('reclaimPolicy', policy, RECLAIM_POLICIES));
  const mode = storageClass.volumeBindingMode;
  if (mode === undefined || mode === null) errors.push(required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(mode)) errors.push(notSupported('volumeBindingMode', mode, BINDING_MODES));
  errors.push(...validateAllowedTopologies(storageClass.allowedTopologies));
  return errors;
}

/** Checks a StorageClass update (the create rules, then): only metadata, allowVolumeExpansion, mountOptions and allowedTopologies may change. */
export function validateStorageClassUpdate(storageClass: StorageClass, old: StorageClass): FieldError[] {
  const errors = [...validateStorageClassCreate(storageClass), ...validateObjectMetaUpdate(storageClass.metadata, old.metadata, META)];
  if (!semanticEqual(storageClass.parameters, old.parameters)) errors.push(forbiddenField('parameters', 'updates to parameters are forbidden.'));
  if ((storageClass.provisioner ?? '') !== (old.provisioner ?? '')) errors.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'));
  if (storageClass.reclaimPolicy !== old.reclaimPolicy) errors.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (storageClass.volumeBindingMode !== old.volumeBindingMode) errors.push(invalidValue('volumeBindingMode', storageClass.volumeBindingMode ?? null, FIELD_IMMUTABLE));
  return errors;
}
