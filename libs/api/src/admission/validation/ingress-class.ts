/**
 * networking.k8s.io/v1 IngressClass validation (ValidateIngressClass / ...Update): a
 * domain-prefixed controller name (fixed once set) and a well-formed parameters reference.
 */
import type { IngressClassParametersReference } from 'kubernetes-types/networking/v1';
import type { IngressClass } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, notSupported, required } from '../../field-errors.js';
import { child } from './field-path.js';
import { isStruct } from './fields.js';
import { domainPrefixedPathErrors, isDNS1123Subdomain, isValidPathSegmentName, nameIsDNSLabel, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: true };
const MAX_CONTROLLER_LENGTH = 250;
const SCOPES = ['Cluster', 'Namespace'];

function validateController(controller: unknown): FieldError[] {
  const path = 'spec.controller';
  const value = String(controller ?? '');
  if (!value) return [required(path)];
  const errors: FieldError[] = [];
  if (value.length > MAX_CONTROLLER_LENGTH) errors.push({ type: 'FieldValueTooLong', field: path, message: `Too long: may not be more than ${MAX_CONTROLLER_LENGTH} bytes` });
  errors.push(...domainPrefixedPathErrors(value).map((error) => invalidValue(path, error.value, error.message)));
  return errors;
}

function validateParameters(parameters: IngressClassParametersReference | undefined): FieldError[] {
  if (!isStruct(parameters)) return [];
  const path = 'spec.parameters';
  const p = parameters;
  const errors: FieldError[] = [];
  if (typeof p.apiGroup === 'string') errors.push(...isDNS1123Subdomain(p.apiGroup).map((message) => invalidValue(child(path, 'apiGroup'), p.apiGroup, message)));
  for (const fieldName of ['kind', 'name'] as const) {
    const value = String(p[fieldName] ?? '');
    if (!value) errors.push(required(child(path, fieldName)));
    else errors.push(...isValidPathSegmentName(value).map((message) => invalidValue(child(path, fieldName), value, message)));
  }
  if (p.scope === undefined || p.scope === null) return [...errors, required(child(path, 'scope'))];
  if (!SCOPES.includes(p.scope)) return [...errors, notSupported(child(path, 'scope'), p.scope, SCOPES)];
  if (p.scope === 'Namespace') {
    if (p.namespace === undefined || p.namespace === null) errors.push(required(child(path, 'namespace'), "`parameters.scope` is set to 'Namespace'"));
    else errors.push(...nameIsDNSLabel(String(p.namespace), false).map((message) => invalidValue(child(path, 'namespace'), p.namespace, message)));
  }
  if (p.scope === 'Cluster' && p.namespace !== undefined && p.namespace !== null) {
    errors.push(forbiddenField(child(path, 'namespace'), "`parameters.scope` is set to 'Cluster'"));
  }
  return errors;
}

/** Checks an IngressClass being created. */
export function validateIngressClassCreate(ingressClass: IngressClass): FieldError[] {
  return [...validateObjectMeta(ingressClass.metadata, META), ...validateController(ingressClass.spec?.controller), ...validateParameters(ingressClass.spec?.parameters)];
}

/** Checks an IngressClass update: the controller never changes. */
export function validateIngressClassUpdate(ingressClass: IngressClass, old: IngressClass): FieldError[] {
  const errors = validateObjectMetaUpdate(ingressClass.metadata, old.metadata, META);
  const controller = ingressClass.spec?.controller ?? '';
  if (controller !== (old.spec?.controller ?? '')) errors.push(invalidValue('spec.controller', controller, FIELD_IMMUTABLE));
  return [...errors, ...validateIngressClassCreate(ingressClass)];
}
