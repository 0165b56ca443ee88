/**
 * core/v1 ConfigMap and Secret validation (ValidateConfigMap, ValidateSecret and their
 * updates): config keys, a key in both data and binaryData, at most 1 MiB of data,
 * the keys each Secret type requires, and `immutable` (nor the data, nor the flag
 * itself, nor a Secret's type may change once set).
 */
import type { ConfigMap, Secret } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, required, tooLong } from '../../field-errors.js';
import { key as keyPath } from './field-path.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { nameIsDNSSubdomain } from './name-formats.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: false };
const MAX_SIZE = 1024 * 1024;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** IsConfigMapKey. */
function configKeyErrors(k: string): string[] {
  const errors: string[] = [];
  if (k.length > 253) errors.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(k)) {
    errors.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  }
  if (k === '.') errors.push("must not be '.'");
  else if (k === '..') errors.push("must not be '..'");
  else if (k.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

const entries = (bag: unknown): [string, unknown][] => (bag && typeof bag === 'object' ? Object.entries(bag) : []);
const decodedLength = (value: unknown) => Buffer.from(String(value ?? ''), 'base64').length;

function validateKeys(bag: unknown, path: string): FieldError[] {
  return entries(bag).flatMap(([k]) => configKeyErrors(k).map((message) => invalidValue(keyPath(path, k), k, message)));
}

function validateConfigMapData(cm: ConfigMap): FieldError[] {
  const errors = [...validateKeys(cm.data, 'data'), ...validateKeys(cm.binaryData, 'binaryData')];
  for (const [k] of entries(cm.data)) {
    if (cm.binaryData && Object.hasOwn(cm.binaryData, k)) errors.push(invalidValue(keyPath('data', k), k, 'duplicate of key present in binaryData'));
  }
  const size = entries(cm.data).reduce((sum, [, v]) => sum + Buffer.byteLength(String(v ?? '')), 0) + entries(cm.binaryData).reduce((sum, [, v]) => sum + decodedLength(v), 0);
  if (size > MAX_SIZE) errors.push(tooLong('', MAX_SIZE));
  return errors;
}

/** The keys each well-known Secret type must carry. */
const REQUIRED_KEYS: Record<string, string[][]> = {
  'kubernetes.io/dockercfg': [['.dockercfg']],
  'kubernetes.io/dockerconfigjson': [['.dockerconfigjson']],
  'kubernetes.io/ssh-auth': [['ssh-privatekey']],
  'kubernetes.io/tls': [['tls.crt'], ['tls.key']],
  'kubernetes.io/basic-auth': [['username', 'password']],
};

function validateSecretData(secret: Secret): FieldError[] {
  const errors = validateKeys(secret.data, 'data');
  const data = secret.data ?? {};
  for (const anyOf of REQUIRED_KEYS[secret.type ?? ''] ?? []) {
    if (!anyOf.some((k) => decodedLength(data[k]) > 0)) errors.push(...anyOf.map((k) => required(keyPath('data', k))));
  }
  const size = entries(secret.data).reduce((sum, [, v]) => sum + decodedLength(v), 0);
  if (size > MAX_SIZE) errors.push(tooLong('data', MAX_SIZE));
  return errors;
}

/** `immutable`: once true, the data bags and the flag itself stay as they are. */
function validateImmutable<T extends ConfigMap | Secret>(obj: T, old: T, bags: (keyof T & string)[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (obj.immutable !== true) errors.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
  for (const bag of bags) {
    if (JSON.stringify(obj[bag] ?? {}) !== JSON.stringify(old[bag] ?? {})) errors.push(forbiddenField(bag, 'field is immutable when `immutable` is set'));
  }
  return errors;
}

export function validateConfigMapCreate(cm: ConfigMap): FieldError[] {
  return [...validateObjectMeta(cm.metadata, META), ...validateConfigMapData(cm)];
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  return [...validateObjectMetaUpdate(cm.metadata, old.metadata, META), ...validateImmutable(cm, old, ['data', 'binaryData']), ...validateConfigMapData(cm)];
}

export function validateSecretCreate(secret: Secret): FieldError[] {
  return [...validateObjectMeta(secret.metadata, META), ...validateSecretData(secret)];
}

export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const typeChanged = secret.type !== old.type ? [invalidValue('type', secret.type, 'field is immutable')] : [];
  return [...validateObjectMetaUpdate(secret.metadata, old.metadata, META), ...typeChanged, ...validateImmutable(secret, old, ['data']), ...validateSecretData(secret)];
}
