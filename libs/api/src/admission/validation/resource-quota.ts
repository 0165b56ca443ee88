/**
 * core/v1 ResourceQuota validation (ValidateResourceQuota / ...Update): quota resource
 * names and non-negative (whole, for counts) quantities in spec.hard and status, scopes
 * that exist, fit the resources they limit and do not contradict each other, and scopes
 * fixed after creation.
 */
import type { ResourceQuotaSpec, ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1';
import type { ResourceQuota } from '../../typed-objects.js';
import { isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { invalidRendered, invalidValue, required } from '../../field-errors.js';
import { child, key } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringSlice } from './go-syntax.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { parseQuantityField, validateQuantityValue } from './resources.js';
import { isHugePageResourceName, validateResourceName } from './resource-names.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
const SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
const POD_COUNT = new Set(['pods']);
const POD_COMPUTE = new Set(['cpu', 'limits.cpu', 'limits.memory', 'memory', 'requests.cpu', 'requests.memory']);
const CONFLICTS = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];
const EXISTS_ONLY = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);

function isStandardQuotaResource(name: string): boolean {
  return QUOTA_RESOURCES.has(name) || isHugePageResourceName(name) || name.startsWith('requests.hugepages-');
}

/** IsResourceQuotaScopeValidForResource. */
function scopeFits(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return POD_COUNT.has(resource);
  if (SCOPES.has(scope)) return POD_COUNT.has(resource) || POD_COMPUTE.has(resource);
  return true;
}

function validateQuotaList(list: unknown, path: string): FieldError[] {
  return Object.entries(isPlainObject(list) ? list : {}).flatMap(([name, value]) => {
    const itemPath = key(path, name);
    const errors = validateResourceName(name, itemPath);
    if (!name.includes('/') && !isStandardQuotaResource(name)) errors.push(invalidValue(itemPath, name, 'must be a standard resource for quota'));
    const quantity = parseQuantityField(value, itemPath, errors);
    if (quantity) errors.push(...validateQuantityValue(name, quantity, itemPath));
    return errors;
  });
}

function validateScopes(spec: ResourceQuotaSpec): FieldError[] {
  const scopes = listOf(spec.scopes);
  if (scopes.length === 0) return [];
  const rendered = goStringSlice(scopes).replace('[]string', '[]core.ResourceQuotaScope');
  const hard = Object.keys(isStruct(spec.hard) ? spec.hard : {}).sort();
  const errors: FieldError[] = [];
  for (const scope of scopes) {
    if (!SCOPES.has(scope)) errors.push(invalidRendered('spec.scopes', rendered, 'unsupported scope'));
    for (const resource of hard) {
      if (isStandardQuotaResource(resource) && !scopeFits(scope, resource)) errors.push(invalidRendered('spec.scopes', rendered, 'unsupported scope applied to resource'));
    }
  }
  for (const pair of CONFLICTS) if (pair.every((scope) => scopes.includes(scope))) errors.push(invalidRendered('spec.scopes', rendered, 'conflicting scopes'));
  return errors;
}

/** A core.ScopeSelector as `%#v` prints it. */
function goScopeSelector(expressions: ScopedResourceSelectorRequirement[]): string {
  const items = expressions.map(
    (r) => `core.ScopedResourceSelectorRequirement{ScopeName:${JSON.stringify(String(r?.scopeName ?? ''))}, Operator:${JSON.stringify(String(r?.operator ?? ''))}, Values:${goStringSlice(r?.values ?? null)}}`,
  );
  return `core.ScopeSelector{MatchExpressions:[]core.ScopedResourceSelectorRequirement{${items.join(', ')}}}`;
}

function validateScopeSelector(spec: ResourceQuotaSpec): FieldError[] {
  if (!isStruct(spec.scopeSelector)) return [];
  const path = 'spec.scopeSelector.matchExpressions';
  const expressions = listOf(spec.scopeSelector.matchExpressions);
  const hard = Object.keys(isStruct(spec.hard) ? spec.hard : {}).sort();
  const errors: FieldError[] = [];
  const names = new Set<string>();
  expressions.forEach((requirement) => {
    const scope = String(requirement?.scopeName ?? '');
    const operator = String(requirement?.operator ?? '');
    const values = listOf(requirement?.values);
    if (!SCOPES.has(scope)) errors.push(invalidValue(child(path, 'scopeName'), scope, 'unsupported scope'));
    for (const resource of hard) {
      if (isStandardQuotaResource(resource) && !scopeFits(scope, resource)) {
        errors.push(invalidRendered(path, goScopeSelector(expressions), 'unsupported scope applied to resource'));
      }
    }
    if (EXISTS_ONLY.has(scope) && operator !== 'Exists') {
      errors.push(
        invalidValue(
          child(path, 'operator'),
          operator,
          "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) errors.push(required(child(path, 'values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) errors.push(invalidRendered(child(path, 'values'), goStringSlice(values), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else {
      errors.push(invalidValue(child(path, 'operator'), operator, 'not a valid selector operator'));
    }
    names.add(scope);
  });
  for (const pair of CONFLICTS) {
    if (pair.every((scope) => names.has(scope))) errors.push(invalidRendered(path, goStringSlice(spec.scopes ?? null).replace('[]string', '[]core.ResourceQuotaScope'), 'conflicting scopes'));
  }
  return errors;
}

function validateSpec(quota: ResourceQuota): FieldError[] {
  const spec: ResourceQuotaSpec = isStruct(quota.spec) ? quota.spec : {};
  return [...validateQuotaList(spec.hard, 'spec.hard'), ...validateScopes(spec), ...validateScopeSelector(spec)];
}

/** Checks a ResourceQuota being created. */
export function validateResourceQuotaCreate(quota: ResourceQuota): FieldError[] {
  return [
    ...validateObjectMeta(quota.metadata, META),
    ...validateSpec(quota),
    ...validateQuotaList(quota.status?.hard, 'status.hard'),
    ...validateQuotaList(quota.status?.used, 'status.used'),
  ];
}

/** Checks a ResourceQuota update: the spec rules, and the same set of scopes. */
export function validateResourceQuotaUpdate(quota: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errors = [...validateObjectMetaUpdate(quota.metadata, old.metadata, META), ...validateSpec(quota)];
  const next = new Set<string>(quota.spec?.scopes ?? []);
  const previous = new Set<string>(old.spec?.scopes ?? []);
  if (next.size !== previous.size || [...next].some((scope) => !previous.has(scope))) {
    errors.push(invalidRendered('spec.scopes', goStringSlice(quota.spec?.scopes ?? null).replace('[]string', '[]core.ResourceQuotaScope'), FIELD_IMMUTABLE));
  }
  return errors;
}
