/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding
 * validation (validateValidatingAdmissionPolicy / ...Binding): a failure policy, a param kind,
 * match constraints with at least one resource rule, named variables, validations or audit
 * annotations, and for bindings a policy name, a param reference and validation actions.
 * CEL expressions must compile (validating-policy/validate-expressions.ts).
 */
import type { AuditAnnotation, ParamKind, ParamRef, ValidatingAdmissionPolicySpec, Validation, Variable } from 'kubernetes-types/admissionregistration/v1';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { duplicate, forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { FAILURE_POLICIES, goTypedSlice, validateMatchResources } from './admission-rules.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { validateLabelSelector } from './label-selector.js';
import { validateMatchConditions } from './match-conditions.js';
import { expressionErrors } from '../validating-policy/index.js';
import { isDNS1035Label, isDNS1123Subdomain, isQualifiedName, isValidPathSegmentName, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: false };
const REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'];
const ACTIONS = ['Audit', 'Deny', 'Warn'];
const PARAMETER_NOT_FOUND_ACTIONS = ['Deny', 'Allow'];
const MAX_AUDIT_ANNOTATIONS = 20;
const MAX_VALUE_EXPRESSION = 5 * 1024;
const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

const blank = (value: unknown) => String(value ?? '').trim() === '';

function validateParamKind(paramKind: ParamKind, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const apiVersion = String(paramKind?.apiVersion ?? '');
  const versionPath = child(path, 'apiVersion');
  if (!apiVersion) errors.push(required(versionPath));
  else if ((apiVersion.match(/\//g) ?? []).length > 1) errors.push(invalidValue(versionPath, apiVersion, `unexpected GroupVersion string: ${apiVersion}`));
  else if (apiVersion !== '/') {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    if (group) {
      const groupErrors = isDNS1123Subdomain(group);
      if (groupErrors.length > 0) errors.push(invalidValue(versionPath, group, groupErrors.join(',')));
    }
    if (!version) errors.push(invalidValue(versionPath, apiVersion, 'version must be specified'));
    else if (isDNS1035Label(version).length > 0) errors.push(invalidValue(versionPath, version, isDNS1035Label(version).join(',')));
  }
  const kind = String(paramKind?.kind ?? '');
  if (!kind) errors.push(required(child(path, 'kind')));
  else if (isDNS1035Label(kind.toLowerCase()).length > 0) {
    errors.push(invalidValue(child(path, 'kind'), kind, `may have mixed case, but should otherwise match: ${isDNS1035Label(kind.toLowerCase()).join(',')}`));
  }
  return errors;
}

function validateVariable(variable: Variable | undefined, hasParams: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = String(variable?.name ?? '');
  if (blank(name)) errors.push(required(child(path, 'name'), 'name is not specified'));
  else if (!CEL_IDENTIFIER.test(name) || CEL_RESERVED.has(name)) errors.push(invalidValue(child(path, 'name'), name, 'name is not a valid CEL identifier'));
  if (blank(variable?.expression)) errors.push(required(child(path, 'expression'), 'expression is not specified'));
  else errors.push(...expressionErrors(String(variable?.expression), hasParams, 'any', child(path, 'expression')));
  return errors;
}

function validateValidation(validation: Validation | undefined, hasParams: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (blank(validation?.expression)) errors.push(required(child(path, 'expression'), 'expression is not specified'));
  else errors.push(...expressionErrors(String(validation?.expression), hasParams, 'bool', child(path, 'expression')));
  const messageExpression = String(validation?.messageExpression ?? '');
  if (messageExpression && blank(messageExpression)) errors.push(invalidValue(child(path, 'messageExpression'), messageExpression, 'must be non-empty if specified'));
  else if (messageExpression) errors.push(...expressionErrors(messageExpression, true, 'string', child(path, 'messageExpression')));
  const message = String(validation?.message ?? '');
  if (message && blank(message)) errors.push(invalidValue(child(path, 'message'), message, 'message must be non-empty if specified'));
  else if (/[\n\r]/.test(message.trim())) errors.push(invalidValue(child(path, 'message'), message, 'message must not contain line breaks'));
  if (validation?.reason != null && !REASONS.includes(validation.reason)) errors.push(notSupported(child(path, 'reason'), validation.reason, REASONS));
  return errors;
}

const goAuditAnnotation = (a: AuditAnnotation | undefined) => `admissionregistration.AuditAnnotation{Key:${JSON.stringify(String(a?.key ?? ''))}, ValueExpression:${JSON.stringify(String(a?.valueExpression ?? ''))}}`;

function validateAuditAnnotations(annotations: AuditAnnotation[], policyName: string, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (annotations.length > MAX_AUDIT_ANNOTATIONS) {
    errors.push(invalidRendered(path, `[]admissionregistration.AuditAnnotation{${annotations.map(goAuditAnnotation).join(', ')}}`, `must not have more than ${MAX_AUDIT_ANNOTATIONS} auditAnnotations`));
  }
  const keys = new Set<string>();
  annotations.forEach((annotation, i) => {
    const itemPath = index(path, i);
    const key = String(annotation?.key ?? '');
    if (policyName) errors.push(...isQualifiedName(`${policyName}/${key}`).map((message) => invalidValue(child(itemPath, 'key'), `${policyName}/${key}`, message)));
    else errors.push(invalidValue(child(itemPath, 'key'), key, 'requires metadata.name be non-empty'));
    const valueExpression = String(annotation?.valueExpression ?? '').trim();
    if (!valueExpression) errors.push(required(child(itemPath, 'valueExpression'), 'valueExpression is not specified'));
    else if (valueExpression.length > MAX_VALUE_EXPRESSION) errors.push(required(child(itemPath, 'valueExpression'), `must not exceed ${MAX_VALUE_EXPRESSION} bytes in length`));
    if (keys.has(key)) errors.push(duplicate(child(itemPath, 'key'), key));
    keys.add(key);
  });
  return errors;
}

function validatePolicySpec(policy: ValidatingAdmissionPolicy): FieldError[] {
  const spec: ValidatingAdmissionPolicySpec = policy.spec ?? {};
  const errors: FieldError[] = [];
  if (spec.failurePolicy == null) errors.push(required('spec.failurePolicy'));
  else if (!FAILURE_POLICIES.includes(spec.failurePolicy)) errors.push(notSupported('spec.failurePolicy', spec.failurePolicy, FAILURE_POLICIES));
  if (isStruct(spec.paramKind)) errors.push(...validateParamKind(spec.paramKind, 'spec.paramKind'));
  if (!isStruct(spec.matchConstraints)) errors.push(required('spec.matchConstraints'));
  else {
    errors.push(...validateMatchResources(spec.matchConstraints, 'spec.matchConstraints'));
    if (listOf(spec.matchConstraints.resourceRules).length === 0) errors.push(required('spec.matchConstraints.resourceRules'));
  }
  const hasParams = isStruct(spec.paramKind);
  errors.push(...validateMatchConditions(spec.matchConditions, 'spec.matchConditions', (expression, field) => expressionErrors(expression, true, 'bool', field)));
  listOf(spec.variables).forEach((variable, i) => errors.push(...validateVariable(variable, hasParams, index('spec.variables', i))));
  const validations = listOf(spec.validations);
  const auditAnnotations = listOf(spec.auditAnnotations);
  if (validations.length === 0 && auditAnnotations.length === 0) {
    errors.push(required('spec.validations', 'validations or auditAnnotations must contain at least one item'));
    errors.push(required('spec.auditAnnotations', 'validations or auditAnnotations must contain at least one item'));
    return errors;
  }
  validations.forEach((validation, i) => errors.push(...validateValidation(validation, hasParams, index('spec.validations', i))));
  errors.push(...validateAuditAnnotations(auditAnnotations, String(policy.metadata?.name ?? ''), 'spec.auditAnnotations'));
  return errors;
}

/** Checks a ValidatingAdmissionPolicy being created. */
export function validateValidatingAdmissionPolicyCreate(policy: ValidatingAdmissionPolicy): FieldError[] {
  return [...validateObjectMeta(policy.metadata, META), ...validatePolicySpec(policy)];
}

/** Checks a ValidatingAdmissionPolicy update: the create rules again (nothing in the spec is immutable). */
export function validateValidatingAdmissionPolicyUpdate(policy: ValidatingAdmissionPolicy, old: ValidatingAdmissionPolicy): FieldError[] {
  return [...validateObjectMetaUpdate(policy.metadata, old.metadata, META), ...validateObjectMeta(policy.metadata, META), ...validatePolicySpec(policy)];
}

function validateParamRef(paramRef: ParamRef | undefined, path: string): FieldError[] {
  if (!isStruct(paramRef)) return [];
  const ref = paramRef;
  const errors: FieldError[] = [];
  const name = String(ref.name ?? '');
  const hasSelector = isStruct(ref.selector);
  if (name) {
    errors.push(...isValidPathSegmentName(name).map((message) => invalidValue(child(path, 'name'), name, message)));
    if (hasSelector) errors.push(forbiddenField(child(path, 'name'), 'name and selector are mutually exclusive'));
  }
  if (hasSelector) {
    errors.push(...validateLabelSelector(ref.selector, child(path, 'selector')));
    if (name) errors.push(forbiddenField(child(path, 'selector'), 'name and selector are mutually exclusive'));
  }
  if (!name && !hasSelector) errors.push(required(path, 'one of name or selector must be specified'));
  const action = ref.parameterNotFoundAction;
  if (!action) errors.push(required(child(path, 'parameterNotFoundAction')));
  else if (!PARAMETER_NOT_FOUND_ACTIONS.includes(action)) errors.push(notSupported(child(path, 'parameterNotFoundAction'), action, PARAMETER_NOT_FOUND_ACTIONS));
  return errors;
}

function validateValidationActions(actions: string[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  actions.forEach((action, i) => {
    if (!ACTIONS.includes(action)) errors.push(notSupported(index(path, i), action, ACTIONS));
    if (seen.has(action)) errors.push(duplicate(index(path, i), action));
    seen.add(action);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    errors.push(invalidRendered(path, goTypedSlice('ValidationAction', actions), 'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'));
  }
  if (seen.size === 0) errors.push(required(path, 'at least one validation action is required'));
  return errors;
}

function validateBindingSpec(binding: ValidatingAdmissionPolicyBinding): FieldError[] {
  const spec = binding.spec ?? {};
  const errors: FieldError[] = [];
  const policyName = String(spec.policyName ?? '');
  if (!policyName) errors.push(required('spec.policyName'));
  else errors.push(...nameIsDNSSubdomain(policyName, false).map((message) => invalidValue('spec.policyName', policyName, message)));
  errors.push(...validateParamRef(spec.paramRef, 'spec.paramRef'));
  // kube-apiserver 1.32 spells this path "matchResouces".
  errors.push(...validateMatchResources(spec.matchResources, 'spec.matchResouces'));
  errors.push(...validateValidationActions(listOf(spec.validationActions).map(String), 'spec.validationActions'));
  return errors;
}

/** Checks a ValidatingAdmissionPolicyBinding being created. */
export function validateValidatingAdmissionPolicyBindingCreate(binding: ValidatingAdmissionPolicyBinding): FieldError[] {
  return [...validateObjectMeta(binding.metadata, META), ...validateBindingSpec(binding)];
}

/** Checks a ValidatingAdmissionPolicyBinding update: the create rules again. */
export function validateValidatingAdmissionPolicyBindingUpdate(binding: ValidatingAdmissionPolicyBinding, old: ValidatingAdmissionPolicyBinding): FieldError[] {
  return [...validateObjectMetaUpdate(binding.metadata, old.metadata, META), ...validateObjectMeta(binding.metadata, META), ...validateBindingSpec(binding)];
}
