/**
 * networking.k8s.io/v1 Ingress validation (ValidateIngressCreate / ...Update): a default
 * backend or rules; DNS (or `*.` wildcard) hosts that are not IPs; paths with a pathType
 * (absolute and clean for Exact and Prefix); backends naming a service with a port name
 * or number, or a resource, never both; TLS hosts and secret names; the class annotation
 * agreeing with ingressClassName.
 */
import type { TypedLocalObjectReference } from 'kubernetes-types/core/v1';
import type { HTTPIngressPath, IngressBackend, IngressRule, IngressSpec, IngressTLS } from 'kubernetes-types/networking/v1';
import type { Ingress } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { isIPv4, isIPv6 } from './ip.js';
import {
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
} from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

interface IngressOptions {
  allowInvalidSecretName: boolean;
  allowInvalidWildcardHostRule: boolean;
}

/** validateIngressTypedLocalObjectReference (resource backends). */
function validateResourceReference(ref: TypedLocalObjectReference, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const apiGroup = ref?.apiGroup;
  if (typeof apiGroup === 'string') errors.push(...isDNS1123Subdomain(apiGroup).map((message) => invalidValue(child(path, 'apiGroup'), apiGroup, message)));
  for (const fieldName of ['kind', 'name'] as const) {
    const value = String(ref?.[fieldName] ?? '');
    if (!value) errors.push(required(child(path, fieldName)));
    else errors.push(...isValidPathSegmentName(value).map((message) => invalidValue(child(path, fieldName), value, message)));
  }
  return errors;
}

function validateBackend(backend: IngressBackend | undefined, path: string): FieldError[] {
  const resource = backend?.resource;
  const hasResource = isStruct(resource);
  const service = backend?.service;
  if (hasResource && isStruct(service)) return [invalidValue(path, '', 'cannot set both resource and service backends')];
  if (hasResource) return validateResourceReference(resource, child(path, 'resource'));
  if (!isStruct(service)) return [invalidValue(path, '', 'resource or service backend is required')];
  const errors: FieldError[] = [];
  const name = String(service.name ?? '');
  if (!name) errors.push(required(child(path, 'service', 'name')));
  else errors.push(...nameIsDNS1035Label(name, false).map((message) => invalidValue(child(path, 'service', 'name'), name, message)));
  const portName = String(service.port?.name ?? '');
  const portNumber = Number(service.port?.number ?? 0);
  if (portName && portNumber) errors.push(invalidValue(path, '', 'cannot set both port name & port number'));
  else if (portName) errors.push(...isValidPortName(portName).map((message) => invalidValue(child(path, 'service', 'port', 'name'), portName, message)));
  else if (portNumber) errors.push(...isValidPortNum(portNumber).map((message) => invalidValue(child(path, 'service', 'port', 'number'), portNumber, message)));
  else errors.push(required(path, 'port name or number is required'));
  return errors;
}

function validatePath(ingressPath: HTTPIngressPath | undefined, path: string): FieldError[] {
  const type = ingressPath?.pathType;
  if (type === undefined || type === null) return [required(child(path, 'pathType'), 'pathType must be specified')];
  const value = String(ingressPath?.path ?? '');
  const errors: FieldError[] = [];
  if (type === 'Exact' || type === 'Prefix') {
    if (!value.startsWith('/')) errors.push(invalidValue(child(path, 'path'), value, 'must be an absolute path'));
    for (const sequence of INVALID_SEQUENCES) if (value.includes(sequence)) errors.push(invalidValue(child(path, 'path'), value, `must not contain '${sequence}'`));
    for (const suffix of INVALID_SUFFIXES) if (value.endsWith(suffix)) errors.push(invalidValue(child(path, 'path'), value, `cannot end with '${suffix}'`));
  } else if (type === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errors.push(invalidValue(child(path, 'path'), value, 'must be an absolute path'));
  } else {
    errors.push(notSupported(child(path, 'pathType'), type, PATH_TYPES));
  }
  return [...errors, ...validateBackend(ingressPath?.backend, child(path, 'backend'))];
}

function validateRuleValue(rule: IngressRule | undefined, path: string): FieldError[] {
  const http = rule?.http;
  if (!isStruct(http)) return [];
  const paths = listOf(http.paths);
  const errors = paths.length === 0 ? [required(child(path, 'http', 'paths'))] : [];
  return [...errors, ...paths.flatMap((p, i) => validatePath(p, index(child(path, 'http', 'paths'), i)))];
}

function hostErrors(host: string): string[] {
  return host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
}

function validateRules(rules: IngressRule[], options: IngressOptions): FieldError[] {
  return rules.flatMap((rule, i) => {
    const path = index('spec.rules', i);
    const host = String(rule?.host ?? '');
    const errors: FieldError[] = [];
    if (host) {
      if (isIPv4(host) || isIPv6(host)) errors.push(invalidValue(child(path, 'host'), host, 'must be a DNS name, not an IP address'));
      errors.push(...hostErrors(host).map((message) => invalidValue(child(path, 'host'), host, message)));
    }
    if (!host.includes('*') || !options.allowInvalidWildcardHostRule) errors.push(...validateRuleValue(rule, path));
    return errors;
  });
}

function validateTLS(tls: IngressTLS[], options: IngressOptions): FieldError[] {
  return tls.flatMap((entry, i) => {
    const path = index('spec.tls', i);
    const hosts = listOf(entry?.hosts);
    const errors = hosts.flatMap((host, j) => hostErrors(String(host)).map((message) => invalidValue(index(child(path, 'hosts'), j), String(host), message)));
    const secretName = String(entry?.secretName ?? '');
    if (secretName && !options.allowInvalidSecretName) {
      errors.push(...nameIsDNSSubdomain(secretName, false).map((message) => invalidValue(child(path, 'secretName'), secretName, message)));
    }
    return errors;
  });
}

function validateSpec(spec: IngressSpec, options: IngressOptions): FieldError[] {
  const rules = listOf(spec.rules);
  const errors: FieldError[] = [];
  if (rules.length === 0 && !isStruct(spec.defaultBackend)) {
    errors.push(invalidRendered('spec', Array.isArray(spec.rules) ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)', 'either `defaultBackend` or `rules` must be specified'));
  }
  if (isStruct(spec.defaultBackend)) errors.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  errors.push(...validateRules(rules, options));
  errors.push(...validateTLS(listOf(spec.tls), options));
  const className = spec.ingressClassName;
  if (typeof className === 'string') {
    errors.push(...nameIsDNSSubdomain(className, false).map((message) => invalidValue('spec.ingressClassName', className, message)));
  }
  return errors;
}

/** Checks an Ingress being created. */
export function validateIngressCreate(ingress: Ingress): FieldError[] {
  const spec: IngressSpec = isStruct(ingress.spec) ? ingress.spec : {};
  const errors = [...validateObjectMeta(ingress.metadata, META), ...validateSpec(spec, { allowInvalidSecretName: false, allowInvalidWildcardHostRule: false })];
  const annotation = ingress.metadata?.annotations?.[CLASS_ANNOTATION];
  if (annotation !== undefined && typeof spec.ingressClassName === 'string' && annotation !== spec.ingressClassName) {
    errors.push(invalidValue(child('annotations', CLASS_ANNOTATION), annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errors;
}

/** Checks an Ingress update; invalid secret names and wildcard rules already stored stay allowed. */
export function validateIngressUpdate(ingress: Ingress, old: Ingress): FieldError[] {
  const oldSpec: IngressSpec = isStruct(old.spec) ? old.spec : {};
  const oldTLS = listOf(oldSpec.tls);
  const oldRules = listOf(oldSpec.rules);
  const options: IngressOptions = {
    allowInvalidSecretName: oldTLS.some((entry) => entry?.secretName && nameIsDNSSubdomain(String(entry.secretName), false).length > 0),
    allowInvalidWildcardHostRule: oldRules.some((rule) => String(rule?.host ?? '').includes('*') && validateRuleValue(rule, '').length > 0),
  };
  return [...validateObjectMetaUpdate(ingress.metadata, old.metadata, META), ...validateSpec(isStruct(ingress.spec) ? ingress.spec : {}, options)];
}
