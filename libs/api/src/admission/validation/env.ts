/**
 * Container environment validation (ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom):
 * variable names, exactly one value source, and well-formed downward API references.
 */
import type { ConfigMapEnvSource, ConfigMapKeySelector, EnvFromSource, EnvVar, ObjectFieldSelector, ResourceFieldSelector, SecretEnvSource, SecretKeySelector } from 'kubernetes-types/core/v1';
import type { FieldError } from '../../status.js';
import { invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct } from './fields.js';
import { isConfigMapKey, isEnvVarName, isQualifiedName, nameIsDNSSubdomain } from './name-formats.js';

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
].sort();
const CONVERTIBLE_FIELD_PATHS = new Set([
  ...ENV_FIELD_PATHS,
  'metadata.annotations',
  'metadata.labels',
  'spec.restartPolicy',
  'spec.schedulerName',
  'status.phase',
]);
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const SUBSCRIPTED = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/;

function validateFieldRef(ref: ObjectFieldSelector, path: string): FieldError[] {
  if (!ref.apiVersion) return [required(child(path, 'apiVersion'))];
  if (!ref.fieldPath) return [required(child(path, 'fieldPath'))];
  const fieldPath = String(ref.fieldPath);
  if (ref.apiVersion !== 'v1') {
    return [invalidValue(child(path, 'fieldPath'), fieldPath, `error converting fieldPath: unsupported pod version: ${ref.apiVersion}`)];
  }
  const subscripted = SUBSCRIPTED.exec(fieldPath);
  if (subscripted) {
    const subscript = subscripted[1] === 'metadata.annotations' ? subscripted[2].toLowerCase() : subscripted[2];
    return isQualifiedName(subscript).map((message) => invalidValue(path, subscript, message));
  }
  if (!CONVERTIBLE_FIELD_PATHS.has(fieldPath)) {
    return [invalidValue(child(path, 'fieldPath'), fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
  }
  return ENV_FIELD_PATHS.includes(fieldPath) ? [] : [notSupported(child(path, 'fieldPath'), fieldPath, ENV_FIELD_PATHS)];
}

function validateResourceFieldRef(ref: ResourceFieldSelector, path: string): FieldError[] {
  if (!ref.resource) return [required(child(path, 'resource'))];
  const resource = String(ref.resource);
  if (RESOURCE_FIELD_PATHS.includes(resource) || /^(requests|limits)\.hugepages-/.test(resource)) return [];
  return [notSupported(child(path, 'resource'), resource, RESOURCE_FIELD_PATHS)];
}

function validateKeySelector(selector: ConfigMapKeySelector | SecretKeySelector, path: string): FieldError[] {
  const name = String(selector.name ?? '');
  const errors = nameIsDNSSubdomain(name, false).map((message) => invalidValue(child(path, 'name'), name, message));
  if (!selector.key) errors.push(required(child(path, 'key')));
  else errors.push(...isConfigMapKey(String(selector.key)).map((message) => invalidValue(child(path, 'key'), String(selector.key), message)));
  return errors;
}

function validateValueFrom(variable: Partial<EnvVar>, path: string): FieldError[] {
  const source = variable.valueFrom;
  if (!isStruct(source)) return [];
  const errors: FieldError[] = [];
  let sources = 0;
  if (isStruct(source.fieldRef)) {
    sources++;
    errors.push(...validateFieldRef(source.fieldRef, child(path, 'fieldRef')));
  }
  if (isStruct(source.resourceFieldRef)) {
    sources++;
    errors.push(...validateResourceFieldRef(source.resourceFieldRef, child(path, 'resourceFieldRef')));
  }
  for (const selector of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const keySelector = source[selector];
    if (!isStruct(keySelector)) continue;
    sources++;
    errors.push(...validateKeySelector(keySelector, child(path, selector)));
  }
  if (sources === 0) {
    errors.push(invalidValue(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (variable.value) {
    errors.push(invalidValue(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errors.push(invalidValue(path, '', 'may not have more than one field specified at a time'));
  }
  return errors;
}

/** Checks a container's `env` list. */
export function validateEnv(env: EnvVar[] | undefined, path: string): FieldError[] {
  if (!Array.isArray(env)) return [];
  return env.flatMap((variable, i) => {
    const itemPath = index(path, i);
    const name = String(variable?.name ?? '');
    const errors = name ? isEnvVarName(name).map((message) => invalidValue(child(itemPath, 'name'), name, message)) : [required(child(itemPath, 'name'))];
    return [...errors, ...validateValueFrom(variable ?? {}, child(itemPath, 'valueFrom'))];
  });
}

function validateEnvSource(source: ConfigMapEnvSource | SecretEnvSource, path: string): FieldError[] {
  const name = String(source.name ?? '');
  if (!name) return [required(child(path, 'name'))];
  return nameIsDNSSubdomain(name, true).map((message) => invalidValue(child(path, 'name'), name, message));
}

/** Checks a container's `envFrom` list. */
export function validateEnvFrom(envFrom: EnvFromSource[] | undefined, path: string): FieldError[] {
  if (!Array.isArray(envFrom)) return [];
  return envFrom.flatMap((source, i) => {
    const itemPath = index(path, i);
    const errors: FieldError[] = [];
    if (source?.prefix) errors.push(...isEnvVarName(String(source.prefix)).map((message) => invalidValue(child(itemPath, 'prefix'), String(source.prefix), message)));
    const refs = (['configMapRef', 'secretRef'] as const).flatMap((ref) => {
      const reference = source?.[ref];
      return isStruct(reference) ? [{ ref, reference }] : [];
    });
    refs.forEach(({ ref, reference }) => errors.push(...validateEnvSource(reference, child(itemPath, ref))));
    if (refs.length === 0) errors.push(invalidValue(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (refs.length > 1) errors.push(invalidValue(path, '', 'may not have more than one field specified at a time'));
    return errors;
  });
}
