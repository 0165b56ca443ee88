/**
 * rbac.authorization.k8s.io/v1 validation (pkg/apis/rbac/validation): path-segment names;
 * rules with verbs and either resources with API groups or non-resource URLs (cluster
 * roles only); bindings to a Role or ClusterRole of the RBAC group, whose roleRef never
 * changes, for ServiceAccount, User and Group subjects.
 */
import type { AggregationRule, PolicyRule, RoleRef, Subject } from 'kubernetes-types/rbac/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringSlice } from './go-syntax.js';
import { isConvertibleSelector, validateLabelSelector } from './label-selector.js';
import { isValidPathSegmentName, nameIsDNSSubdomain, nameIsPathSegment } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const NAMESPACED: MetaRules = { namespaced: true, name: nameIsPathSegment, kubeFinalizers: true };
const CLUSTER: MetaRules = { namespaced: false, name: nameIsPathSegment, kubeFinalizers: true };

/** ValidatePolicyRule. */
function validateRule(rule: PolicyRule | undefined, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (listOf(rule?.verbs).length === 0) errors.push(required(child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls = listOf(rule?.nonResourceURLs);
  if (urls.length > 0) {
    const rendered = goStringSlice(urls);
    if (namespaced) errors.push(invalidRendered(child(path, 'nonResourceURLs'), rendered, 'namespaced rules cannot apply to non-resource URLs'));
    if (listOf(rule?.apiGroups).length > 0 || listOf(rule?.resources).length > 0 || listOf(rule?.resourceNames).length > 0) {
      errors.push(invalidRendered(child(path, 'nonResourceURLs'), rendered, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errors;
  }
  if (listOf(rule?.apiGroups).length === 0) errors.push(required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (listOf(rule?.resources).length === 0) errors.push(required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errors;
}

function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  return listOf(rules).flatMap((rule, i) => validateRule(rule, namespaced, index('rules', i)));
}

function validateAggregationRule(aggregation: AggregationRule | undefined): FieldError[] {
  if (!isStruct(aggregation)) return [];
  const path = 'aggregationRule.clusterRoleSelectors';
  const selectors = listOf(aggregation.clusterRoleSelectors);
  if (selectors.length === 0) return [required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil')];
  return selectors.flatMap((selector, i) => {
    const errors = validateLabelSelector(selector, index(path, i));
    if (!isConvertibleSelector(selector)) errors.push(invalidRendered(index(path, i), 'null', 'invalid label selector.'));
    return errors;
  });
}

/** ValidateRoleBindingSubject. */
function validateSubject(subject: Subject | undefined, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = String(subject?.name ?? '');
  const apiGroup = String(subject?.apiGroup ?? '');
  if (!name) errors.push(required(child(path, 'name')));
  switch (subject?.kind) {
    case 'ServiceAccount':
      if (name) errors.push(...nameIsDNSSubdomain(name, false).map((message) => invalidValue(child(path, 'name'), name, message)));
      if (apiGroup) errors.push(notSupported(child(path, 'apiGroup'), apiGroup, ['']));
      if (!namespaced && !subject?.namespace) errors.push(required(child(path, 'namespace')));
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

function validateBinding(binding: RoleBinding | ClusterRoleBinding, namespaced: boolean): FieldError[] {
  const ref: Partial<RoleRef> = isStruct(binding.roleRef) ? binding.roleRef : {};
  const errors = validateObjectMeta(binding.metadata, namespaced ? NAMESPACED : CLUSTER);
  if (ref.apiGroup !== RBAC_GROUP) errors.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind ?? '')) errors.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  const name = String(ref.name ?? '');
  if (!name) errors.push(required('roleRef.name'));
  else errors.push(...isValidPathSegmentName(name).map((message) => invalidValue('roleRef.name', name, message)));
  listOf(binding.subjects).forEach((subject, i) => errors.push(...validateSubject(subject, namespaced, index('subjects', i))));
  return errors;
}

/** rbac.RoleRef as `%#v` prints it. */
function goRoleRef(ref: Partial<RoleRef>): string {
  const q = (value: unknown) => JSON.stringify(String(value ?? ''));
  return `rbac.RoleRef{APIGroup:${q(ref?.apiGroup)}, Kind:${q(ref?.kind)}, Name:${q(ref?.name)}}`;
}

function validateBindingUpdate(binding: RoleBinding | ClusterRoleBinding, old: RoleBinding | ClusterRoleBinding, namespaced: boolean): FieldError[] {
  const errors = [...validateBinding(binding, namespaced), ...validateObjectMetaUpdate(binding.metadata, old.metadata, namespaced ? NAMESPACED : CLUSTER)];
  const ref: Partial<RoleRef> = binding.roleRef ?? {};
  const oldRef: Partial<RoleRef> = old.roleRef ?? {};
  if (ref.apiGroup !== oldRef.apiGroup || ref.kind !== oldRef.kind || ref.name !== oldRef.name) errors.push(invalidRendered('roleRef', goRoleRef(ref), 'cannot change roleRef'));
  return errors;
}

/** Checks a Role being created. */
export function validateRoleCreate(role: Role): FieldError[] {
  return [...validateObjectMeta(role.metadata, NAMESPACED), ...validateRules(role.rules, true)];
}

/** Checks a Role update. */
export function validateRoleUpdate(role: Role, old: Role): FieldError[] {
  return [...validateRoleCreate(role), ...validateObjectMetaUpdate(role.metadata, old.metadata, NAMESPACED)];
}

/** Checks a ClusterRole being created. */
export function validateClusterRoleCreate(role: ClusterRole): FieldError[] {
  return [...validateObjectMeta(role.metadata, CLUSTER), ...validateRules(role.rules, false), ...validateAggregationRule(role.aggregationRule)];
}

/** Checks a ClusterRole update. */
export function validateClusterRoleUpdate(role: ClusterRole, old: ClusterRole): FieldError[] {
  return [...validateClusterRoleCreate(role), ...validateObjectMetaUpdate(role.metadata, old.metadata, CLUSTER)];
}

/** Checks a RoleBinding being created. */
export function validateRoleBindingCreate(binding: RoleBinding): FieldError[] {
  return validateBinding(binding, true);
}

/** Checks a RoleBinding update: roleRef is fixed. */
export function validateRoleBindingUpdate(binding: RoleBinding, old: RoleBinding): FieldError[] {
  return validateBindingUpdate(binding, old, true);
}

/** Checks a ClusterRoleBinding being created. */
export function validateClusterRoleBindingCreate(binding: ClusterRoleBinding): FieldError[] {
  return validateBinding(binding, false);
}

/** Checks a ClusterRoleBinding update: roleRef is fixed. */
export function validateClusterRoleBindingUpdate(binding: ClusterRoleBinding, old: ClusterRoleBinding): FieldError[] {
  return validateBindingUpdate(binding, old, false);
}
