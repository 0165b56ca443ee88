/**
 * Validation and defaulting of a CustomResourceDefinition as apiextensions-apiserver does
 * it (pkg/apis/apiextensions/validation and the v1 defaults): names, group, scope, one
 * storage version, printer columns, scale paths, and a structural schema for every
 * version, with its field paths (`spec.versions[0].schema.openAPIV3Schema.properties[spec].type`).
 */
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from '../admission/validation/object-meta.js';
import { isDNS1035Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../admission/validation/name-formats.js';
import { forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../field-errors.js';
import type {
  CustomResourceDefinitionNames,
  CustomResourceDefinitionSpec,
  CustomResourceDefinitionVersion,
} from 'kubernetes-types/apiextensions/v1';
import { isPlainObject, type KubeObject } from '../object.js';
import type { FieldError } from '../status.js';
import type { CustomResourceDefinition } from '../typed-objects.js';
import type { JSONSchemaProps } from './types.js';

const metaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: false };
const columnTypes = ['boolean', 'date', 'integer', 'number', 'string'];
const columnFormats = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'name', 'password'];
const schemaTypes = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/** The v1 defaults: singular and listKind from the kind, conversion strategy None. */
export function defaultCrd(crd: KubeObject): KubeObject {
  const spec: Partial<CustomResourceDefinitionSpec> = (crd as CustomResourceDefinition).spec ?? {};
  const names: Partial<CustomResourceDefinitionNames> = spec.names ?? {};
  return {
    ...crd,
    spec: {
      ...spec,
      names: { ...names, ...(names.kind && !names.singular ? { singular: String(names.kind).toLowerCase() } : {}), ...(names.kind && !names.listKind ? { listKind: `${names.kind}List` } : {}) },
      conversion: spec.conversion ?? { strategy: 'None' },
    },
  };
}

/** A new CRD's status: empty, with the storage version recorded as stored (PrepareForCreate). */
export function initialCrdStatus(crd: KubeObject): Record<string, unknown> {
  const storage = ((crd as CustomResourceDefinition).spec?.versions ?? []).find((v) => v.storage)?.name;
  return { conditions: [], acceptedNames: { plural: '', kind: '' }, storedVersions: storage ? [storage] : [] };
}

/** How Go prints the versions slice in "must have exactly one version marked as storage version". */
function renderVersions(versions: CustomResourceDefinitionVersion[]): string {
  const items = versions.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(String(v?.name ?? ''))}, Served:${Boolean(v?.served)}, Storage:${Boolean(v?.storage)}}`);
  return `[]apiextensions.CustomResourceDefinitionVersion{${items.join(', ')}}`;
}

function validateNames(names: Partial<CustomResourceDefinitionNames>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['plural', 'singular', 'kind', 'listKind'] as const) if (!names[field]) errors.push(required(`${path}.${field}`));
  const label = (value: unknown, field: string, mixedCase = false) => {
    if (typeof value !== 'string' || value === '') return;
    const problems = isDNS1035Label(mixedCase ? value.toLowerCase() : value);
    if (problems.length > 0) errors.push(invalidValue(field, value, `${mixedCase ? 'may have mixed case, but should otherwise match: ' : ''}${problems.join(',')}`));
  };
  label(names.plural, `${path}.plural`);
  label(names.singular, `${path}.singular`);
  label(names.kind, `${path}.kind`, true);
  label(names.listKind, `${path}.listKind`, true);
  (names.shortNames ?? []).forEach((s, i) => label(s, `${path}.shortNames[${i}]`));
  if (names.kind && names.kind === names.listKind) errors.push(invalidValue(`${path}.listKind`, names.listKind, 'kind and listKind may not be the same'));
  (names.categories ?? []).forEach((c, i) => label(c, `${path}.categories[${i}]`));
  return errors;
}

/** The structural-schema rules (apiextensions-apiserver pkg/apiserver/schema/validation.go) and the static checks on each node. */
function validateSchemaNode(s: JSONSchemaProps, path: string, position: 'root' | 'property' | 'items' | 'additional'): FieldError[] {
  const errors: FieldError[] = [];
  const untyped = !s.type && !s['x-kubernetes-int-or-string'] && !s['x-kubernetes-preserve-unknown-fields'];
  if (position === 'root') {
    if (!s.type) errors.push(required(`${path}.type`, 'must not be empty at the root'));
    else if (s.type !== 'object') errors.push(invalidValue(`${path}.type`, s.type, 'must be object at the root'));
  } else if (untyped) {
    errors.push(required(`${path}.type`, position === 'items' ? 'must not be empty for specified array items' : 'must not be empty for specified object fields'));
  }
  if (s.type && !schemaTypes.includes(s.type)) errors.push(notSupported(`${path}.type`, s.type, schemaTypes));
  if (s.type === 'array' && !s.items) errors.push(required(`${path}.items`, 'must be specified'));
  if (s['x-kubernetes-int-or-string'] && s.type) errors.push(invalidValue(`${path}.type`, s.type, 'must be empty if x-kubernetes-int-or-string is true'));
  if (s['x-kubernetes-embedded-resource'] && s.type !== 'object') errors.push(invalidValue(`${path}.type`, s.type ?? '', 'must be object if x-kubernetes-embedded-resource is true'));
  if (s.uniqueItems === true) errors.push(forbiddenField(`${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  if (s.pattern !== undefined) {
    try {
      new RegExp(s.pattern, 'u');
    } catch {
      errors.push(invalidValue(`${path}.pattern`, s.pattern, 'must be a valid regular expression'));
    }
  }
  const props = s.properties ?? {};
  if (s.additionalProperties !== undefined && Object.keys(props).length > 0 && s.additionalProperties !== true) {
    errors.push(forbiddenField(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
  }
  for (const [name, child] of Object.entries(props)) {
    const childPath = `${path}.properties[${name}]`;
    if (!isPlainObject(child)) continue;
    if (position === 'root' && name === 'metadata') errors.push(...validateRootMetadata(child, childPath));
    else errors.push(...validateSchemaNode(child, childPath, 'property'));
  }
  if (isPlainObject(s.items)) errors.push(...validateSchemaNode(s.items, `${path}.items`, 'items'));
  if (isPlainObject(s.additionalProperties)) errors.push(...validateSchemaNode(s.additionalProperties as JSONSchemaProps, `${path}.additionalProperties`, 'additional'));
  return errors;
}

/** At the root, metadata may only restrict name and generateName (it is ObjectMeta). */
function validateRootMetadata(s: JSONSchemaProps, path: string): FieldError[] {
  const extra = Object.keys(s.properties ?? {}).filter((k) => k !== 'name' && k !== 'generateName');
  const errors = s.type && s.type !== 'object' ? [invalidValue(`${path}.type`, s.type, 'must be object')] : [];
  if (extra.length > 0) errors.push(forbiddenField(path, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  return errors;
}

function validateVersion(v: CustomResourceDefinitionVersion, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const schema = v?.schema?.openAPIV3Schema;
  if (!isPlainObject(schema)) errors.push(required(`${path}.schema.openAPIV3Schema`, 'schemas are required'));
  else errors.push(...validateSchemaNode(schema as JSONSchemaProps, `${path}.schema.openAPIV3Schema`, 'root'));
  const scale = v?.subresources?.scale;
  if (isPlainObject(scale)) {
    const scalePath = `${path}.subresources.scale`;
    if (!scale.specReplicasPath) errors.push(required(`${scalePath}.specReplicasPath`));
    else if (!String(scale.specReplicasPath).startsWith('.spec.')) errors.push(invalidValue(`${scalePath}.specReplicasPath`, scale.specReplicasPath, 'should be a json path under .spec'));
    if (!scale.statusReplicasPath) errors.push(required(`${scalePath}.statusReplicasPath`));
    else if (!String(scale.statusReplicasPath).startsWith('.status.')) errors.push(invalidValue(`${scalePath}.statusReplicasPath`, scale.statusReplicasPath, 'should be a json path under .status'));
    if (scale.labelSelectorPath && !/^\.(spec|status)\./.test(scale.labelSelectorPath)) {
      errors.push(invalidValue(`${scalePath}.labelSelectorPath`, scale.labelSelectorPath, 'should be a json path under either .spec or .status'));
    }
  }
  (v?.additionalPrinterColumns ?? []).forEach((c, i) => {
    const at = `${path}.additionalPrinterColumns[${i}]`;
    if (!c.name) errors.push(required(`${at}.name`));
    if (!c.type) errors.push(required(`${at}.type`, `must be one of ${columnTypes.join(',')}`));
    else if (!columnTypes.includes(c.type)) errors.push(invalidValue(`${at}.type`, c.type, `must be one of ${columnTypes.join(',')}`));
    if (c.format && !columnFormats.includes(c.format)) errors.push(invalidValue(`${at}.format`, c.format, `must be one of ${columnFormats.join(',')}`));
    if (!c.jsonPath) errors.push(required(`${at}.jsonPath`));
  });
  return errors;
}

function validateSpec(spec: Partial<CustomResourceDefinitionSpec>): FieldError[] {
  const errors: FieldError[] = [];
  if (!spec.group) errors.push(required('spec.group'));
  else {
    errors.push(...isDNS1123Subdomain(spec.group).map((m) => invalidValue('spec.group', spec.group, m)));
    if (String(spec.group).split('.').length < 2) errors.push(invalidValue('spec.group', spec.group, 'should be a domain with at least one dot'));
  }
  if (!spec.scope) errors.push(required('spec.scope'));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errors.push(notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const at = `spec.versions[${i}]`;
    if (seen.has(v?.name)) unique = false;
    seen.add(v?.name);
    const problems = isDNS1035Label(String(v?.name ?? ''));
    if (problems.length > 0) errors.push(invalidValue(`${at}.name`, v?.name ?? '', problems.join(',')));
    errors.push(...validateVersion(v, at));
  });
  if (!unique) errors.push(invalidRendered('spec.versions', renderVersions(versions), 'must contain unique version names'));
  if (versions.filter((v) => v?.storage).length !== 1) errors.push(invalidRendered('spec.versions', renderVersions(versions), 'must have exactly one version marked as storage version'));
  if (versions.length > 0 && !versions.some((v) => v?.served)) errors.push(invalidRendered('spec.versions', renderVersions(versions), 'must have at least one version marked as served'));
  errors.push(...validateNames(spec.names ?? {}, 'spec.names'));
  const strategy = spec.conversion?.strategy;
  if (strategy !== 'None' && strategy !== 'Webhook') errors.push(strategy ? notSupported('spec.conversion.strategy', strategy, ['None', 'Webhook']) : required('spec.conversion.strategy'));
  return errors;
}

function validateCrdName(crd: CustomResourceDefinition): FieldError[] {
  const spec = crd.spec ?? {};
  const expected = `${spec.names?.plural ?? ''}.${spec.group ?? ''}`;
  const name = crd.metadata.name ?? '';
  if (name && name !== expected) return [invalidValue('metadata.name', name, 'must be spec.names.plural+"."+spec.group')];
  return [];
}

/** Kubernetes' own groups need the approval annotation (KEP 1111). */
function validateProtectedGroup(crd: CustomResourceDefinition): FieldError[] {
  const group = String(crd.spec?.group ?? '');
  const protectedGroup = group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
  if (!protectedGroup || crd.metadata.annotations?.['api-approved.kubernetes.io']) return [];
  return [required('metadata.annotations[api-approved.kubernetes.io]', 'protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111')];
}

/** Field errors of a new CRD (after defaulting); empty when valid. */
export function validateCrdCreate(given: KubeObject): FieldError[] {
  const crd = given as CustomResourceDefinition;
  return [...validateObjectMeta(crd.metadata, metaRules), ...validateCrdName(crd), ...validateProtectedGroup(crd), ...validateSpec(crd.spec ?? {})];
}

/** Field errors of a CRD update: the create rules, plus group and plural (and, once established, scope and kind) immutable. */
export function validateCrdUpdate(given: KubeObject, stored: KubeObject): FieldError[] {
  const crd = given as CustomResourceDefinition;
  const old = stored as CustomResourceDefinition;
  const errors = [...validateObjectMetaUpdate(crd.metadata, old.metadata, metaRules), ...validateCrdName(crd), ...validateProtectedGroup(crd), ...validateSpec(crd.spec ?? {})];
  const immutable = (path: string, next: unknown, before: unknown) => {
    if (JSON.stringify(next) !== JSON.stringify(before)) errors.push(invalidValue(path, next, FIELD_IMMUTABLE));
  };
  const established = (old.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
  if (established) {
    immutable('spec.scope', crd.spec?.scope, old.spec?.scope);
    immutable('spec.names.kind', crd.spec?.names?.kind, old.spec?.names?.kind);
  }
  immutable('spec.group', crd.spec?.group, old.spec?.group);
  immutable('spec.names.plural', crd.spec?.names?.plural, old.spec?.names?.plural);
  return errors;
}
