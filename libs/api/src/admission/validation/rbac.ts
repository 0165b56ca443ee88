/**
 * rbac.authorization.k8s.io/v1 validation (pkg/apis/rbac/validation): path-segment names;
 * rules with verbs and either resources with API groups or non-resource URLs (cluster
 * roles only); bindings to a Role or ClusterRole of the RBAC group, whose roleRef never
 * changes, for ServiceAccount, User and Group subjects.
 */
import type { KubeObject } from '../../object.js';
import { isPlainObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { goStringSlice } from './go-syntax.js';
import { isConvertibleSelector, validateLabelSelector } from './label-selector.js';
import { isValidPathSegmentName, nameIsDNSSubdomain, nameIsPathSegment } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const NAMESPACED: MetaRules = { namespaced: true, name: nameIsPathSegment, kubeFinalizers: true };
const CLUSTER: MetaRules = { namespaced: false, name: nameIsPathSegment, kubeFinalizers: true };

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** ValidatePolicyRule. */
function validateRule(rule: any, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (list(rule?.verbs).length === 0) errors.push(required(child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls = list(rule?.nonResourceURLs);
  if (urls.length > 0) {
    const rendered = goStringSlice(urls);
    if (namespaced) errors.push(invalidRendered(child(path, 'nonResourceURLs'), rendered, 'namespaced rules cannot apply to non-resource URLs'));
    if (list(rule.apiGroups).length > 0 || list(rule.resources).length > 0 || list(rule.resourceNames).length > 0) {
      errors.push(invalidRendered(child(path, 'nonResourceURLs'), rendered, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errors;
  }
  if (list(rule?.apiGroups).length === 0) errors.push(required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (list(rule?.resources).length === 0) errors.push(required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errors;
}

function validateRules(rules: unknown, namespaced: boolean): FieldError[] {
  return list(rules).flatMap((rule, i) => validateRule(rule, namespaced, index('rules', i)));
}

function validateAggregationRule(aggregation: unknown): FieldError[] {
  if (!isPlainObject(aggregation)) return [];
  const path = 'aggregationRule.clusterRoleSelectors';
  const selectors = list(aggregation.clusterRoleSelectors);
  if (selectors.length === 0) return [required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil')];
  return selectors.flatMap((selector, i) => {
    const errors = validateLabelSelector(selector, index(path, i));
    if (!isConvertibleSelector(selector)) errors.push(invalidRendered(index(path, i), 'null', 'invalid label selector.'));
    return errors;
  });
}

/** ValidateRoleBindingSubject. */
function validateSubject(subject: any, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = String(subject?.name ?? '');
  const apiGroup = String(subject?.apiGroup ?? '');
  if (!name) errors.push(required(child(path, 'name')));
  switch (subject?.kind) {
    case 'ServiceAccount':
      if (name) errors.push(...nameIsDNSSubdomain(name, false).map((message) => invalidValue(child(path, 'name'), name, message)));
      if (apiGroup) errors.push(notSupported(child(path, 'apiGroup'), apiGroup, ['']));
      if (!namespaced && !subject.namespace) errors.push(required(child(path, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errors.push(notSupported(child(path, 'apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errors.push(notSupported(child(path, 'kind'), subject?.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errors;
}

function validateBinding(binding: KubeObject, namespaced: boolean): FieldError[] {
  const ref: any = isPlainObject(binding.roleRef) ? binding.roleRef : {};
  const errors = validateObjectMeta(binding.metadata, namespaced ? NAMESPACED : CLUSTER);
  if (ref.apiGroup !== RBAC_GROUP) errors.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errors.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  const name = String(ref.name ?? '');
  if (!name) errors.push(required('roleRef.name'));
  else errors.push(...isValidPathSegmentName(name).map((message) => invalidValue('roleRef.name', name, message)));
  list(binding.subjects).forEach((subject, i) => errors.push(...validateSubject(subject, namespaced, index('subjects', i))));
  return errors;
}

/** rbac.RoleRef as `%#v` prints it. */
function goRoleRef(ref: any): string {
  const q = (value: unknown) => JSON.stringify(String(value ?? ''));
  return `rbac.RoleRef{APIGroup:${q(ref?.apiGroup)}, Kind:${q(ref?.kind)}, Name:${q(ref?.name)}}`;
}

function validateBindingUpdate(binding: KubeObject, old: KubeObject, namespaced: boolean): FieldError[] {
  const errors = [...validateBinding(binding, namespaced), ...validateObjectMetaUpdate(binding.metadata, old.metadata, namespaced ? NAMESPACED : CLUSTER)];
  const ref = binding.roleRef ?? {};
  const oldRef = old.roleRef ?? {};
  if (ref.apiGroup !== oldRef.apiGroup || ref.kind !== oldRef.kind || ref.name !== oldRef.name) errors.push(invalidRendered('roleRef', goRoleRef(ref), 'cannot change roleRef'));
  return errors;
}

/** Checks a Role being created. */
export function validateRoleCreate(role: KubeObject): FieldError[] {
  return [...validateObjectMeta(role.metadata, NAMESPACED), ...validateRules(role.rules, true)];
}

/** Checks a Role update. */
export function validateRoleUpdate(role: KubeObject, old: KubeObject): FieldError[] {
  return [...validateRoleCreate(role), ...validateObjectMetaUpdate(role.metadata, old.metadata, NAMESPACED)];
}

/** Checks a ClusterRole being created. */
export function validateClusterRoleCreate(role: KubeObject): FieldError[] {
  return [...validateObjectMeta(role.metadata, CLUSTER), ...validateRules(role.rules, false), ...validateAggregationRule(role.aggregationRule)];
}

/** Checks a ClusterRole update. */
export function validateClusterRoleUpdate(role: KubeObject, old: KubeObject): FieldError[] {
  return [...validateClusterRoleCreate(role), ...validateObjectMetaUpdate(role.metadata, old.metadata, CLUSTER)];
}

/** Checks a RoleBinding being created. */
export function validateRoleBindingCreate(binding: KubeObject): FieldError[] {
  return validateBinding(binding, true);
}

/** Checks a RoleBinding update: roleRef is fixed. */
export function validateRoleBindingUpdate(binding: KubeObject, old: KubeObject): FieldError[] {
  return validateBindingUpdate(binding, old, true);
}

/** Checks a ClusterRoleBinding being created. */
export function validateClusterRoleBindingCreate(binding: KubeObject): FieldError[] {
  return validateBinding(binding, false);
}

/** Checks a ClusterRoleBinding update: roleRef is fixed. */
export function validateClusterRoleBindingUpdate(binding: KubeObject, old: KubeObject): FieldError[] {
  return validateBindingUpdate(binding, old, false);
}
