/**
 * flowcontrol.apiserver.k8s.io/v1 FlowSchema and PriorityLevelConfiguration validation
 * (ValidateFlowSchema / ValidatePriorityLevelConfiguration, as served through v1): path-segment
 * names, a precedence of 1–10000 (1 only for `exempt`), a referenced priority level, subjects and
 * resource or non-resource rules; `Exempt` exactly for the level named `exempt`, limited levels
 * with shares, lendable and borrowing percentages and a queue or reject response.
 */
import type * as flowcontrol from 'kubernetes-types/flowcontrol/v1';
import type { Typed } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { duplicate, forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringSlice } from './go-syntax.js';
import { isValidPathSegmentName, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

type FlowSchema = Typed<flowcontrol.FlowSchema>;
type PriorityLevelConfiguration = Typed<flowcontrol.PriorityLevelConfiguration>;

const META: MetaRules = { namespaced: false, name: nameIsPathSegment, kubeFinalizers: true };
const MAX_MATCHING_PRECEDENCE = 10000;
const MAX_QUEUES = 10 * 1000 * 1000;
const MAX_HASH_BITS = 60;
const DISTINGUISHER_METHODS = ['ByNamespace', 'ByUser'];
const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'proxy', 'update', 'watch'];
const SUBJECT_KINDS = ['Group', 'ServiceAccount', 'User'];
const LEVEL_TYPES = ['Exempt', 'Limited'];
const LIMIT_RESPONSE_TYPES = ['Queue', 'Reject'];
/** The members of a subject that name who it is, one per kind. */
type SubjectField = 'serviceAccount' | 'user' | 'group';
const NAMESPACE_INTRO = "each member of this list must be '*' or a DNS-1123 label; ";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map((item) => String(item ?? '')) : []);

function validateVerbs(verbs: string[], path: string): FieldError[] {
  if (verbs.length === 0) return [required(path, 'verbs must contain at least one value')];
  if (verbs.includes('*')) return verbs.length > 1 ? [invalidRendered(path, goStringSlice(verbs), "if '*' is present, must not specify other verbs")] : [];
  return verbs.every((verb) => VERBS.includes(verb)) ? [] : [{ ...notSupported(path, '', VERBS), message: `Unsupported value: ${goStringSlice(verbs)}: supported values: ${VERBS.map((v) => JSON.stringify(v)).join(', ')}` }];
}

function nonResourceUrlError(url: string, path: string): FieldError | undefined {
  if (!url) return invalidValue(path, url, 'must not be empty');
  if (url === '/') return undefined;
  if (!url.startsWith('/')) return invalidValue(path, url, 'must start with slash');
  if (url.includes(' ')) return invalidValue(path, url, 'must not contain white-space');
  if (url.includes('//')) return invalidValue(path, url, 'must not contain double slash');
  const wildcards = url.split('*').length - 1;
  if (wildcards > 1 || (wildcards === 1 && !url.endsWith('/*'))) return invalidValue(path, url, 'wildcard can only do suffix matching');
  return undefined;
}

function validateResourceRule(rule: flowcontrol.ResourcePolicyRule | undefined, path: string): FieldError[] {
  const errors = validateVerbs(strings(rule?.verbs), child(path, 'verbs'));
  const groups = strings(rule?.apiGroups);
  if (groups.length === 0) errors.push(required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  else if (groups.length > 1 && groups.includes('*')) errors.push(invalidRendered(child(path, 'apiGroups'), goStringSlice(groups), "if '*' is present, must not specify other api groups"));
  const resources = strings(rule?.resources);
  if (resources.length === 0) errors.push(required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  else if (resources.length > 1 && resources.includes('*')) errors.push(invalidRendered(child(path, 'resources'), goStringSlice(resources), "if '*' is present, must not specify other resources"));
  const namespaces = strings(rule?.namespaces);
  if (namespaces.length === 0 && rule?.clusterScope !== true) {
    errors.push(required(child(path, 'namespaces'), 'resource rules that are not cluster scoped must supply at least one namespace'));
  } else if (namespaces.includes('*')) {
    if (namespaces.length > 1) errors.push(invalidRendered(child(path, 'namespaces'), goStringSlice(namespaces), "if '*' is present, must not specify other namespaces"));
  } else {
    namespaces.forEach((namespace, i) => {
      errors.push(...nameIsDNSLabel(namespace, false).map((message) => invalidValue(index(child(path, 'namespaces'), i), namespace, NAMESPACE_INTRO + message)));
    });
  }
  return errors;
}

function validateNonResourceRule(rule: flowcontrol.NonResourcePolicyRule | undefined, path: string): FieldError[] {
  const errors = validateVerbs(strings(rule?.verbs), child(path, 'verbs'));
  const urls = strings(rule?.nonResourceURLs);
  const urlsPath = child(path, 'nonResourceURLs');
  if (urls.length === 0) errors.push(required(urlsPath, 'nonResourceURLs must contain at least one value'));
  else if (urls.includes('*')) {
    if (urls.length > 1) errors.push(invalidRendered(urlsPath, goStringSlice(urls), "if '*' is present, must not specify other non-resource URLs"));
  } else {
    urls.forEach((url, i) => {
      const error = nonResourceUrlError(url, index(urlsPath, i));
      if (error) errors.push(error);
    });
  }
  return errors;
}

const OTHER_SUBJECT_FIELDS: Record<string, [SubjectField, string][]> = {
  ServiceAccount: [['user', "user is forbidden when subject kind is not 'User'"], ['group', "group is forbidden when subject kind is not 'Group'"]],
  User: [['serviceAccount', "serviceAccount is forbidden when subject kind is not 'ServiceAccount'"], ['group', "group is forbidden when subject kind is not 'Group'"]],
  Group: [['serviceAccount', "serviceAccount is forbidden when subject kind is not 'ServiceAccount'"], ['user', "user is forbidden when subject kind is not 'User'"]],
};

function validateSubject(subject: flowcontrol.Subject | undefined, path: string): FieldError[] {
  const kind = subject?.kind;
  if (subject === undefined || kind === undefined || !Object.hasOwn(OTHER_SUBJECT_FIELDS, kind)) return [notSupported(child(path, 'kind'), kind ?? '', SUBJECT_KINDS)];
  const errors: FieldError[] = [];
  const own = kind === 'ServiceAccount' ? 'serviceAccount' : kind === 'User' ? 'user' : 'group';
  const body: { name?: string; namespace?: string } | undefined = subject[own];
  if (!isStruct(body)) errors.push(required(child(path, own), `${own} is required when subject kind is '${kind}'`));
  else {
    const name = String(body.name ?? '');
    if (!name) errors.push(required(child(path, own, 'name')));
    else if (kind === 'ServiceAccount' && name !== '*') errors.push(...nameIsDNSSubdomain(name, false).map((message) => invalidValue(child(path, own, 'name'), name, message)));
    if (kind === 'ServiceAccount') {
      const namespace = String(body.namespace ?? '');
      if (!namespace) errors.push(required(child(path, own, 'namespace'), 'must specify namespace for service account'));
      else errors.push(...nameIsDNSLabel(namespace, false).map((message) => invalidValue(child(path, own, 'namespace'), namespace, message)));
    }
  }
  for (const [other, message] of OTHER_SUBJECT_FIELDS[kind]) if (subject[other] != null) errors.push(forbiddenField(child(path, other), message));
  return errors;
}

function validateRulesWithSubjects(rule: flowcontrol.PolicyRulesWithSubjects | undefined, path: string): FieldError[] {
  const subjects = listOf(rule?.subjects);
  const errors: FieldError[] = subjects.length === 0 ? [required(child(path, 'subjects'), 'subjects must contain at least one value')] : [];
  subjects.forEach((subject, i) => errors.push(...validateSubject(subject, index(child(path, 'subjects'), i))));
  const resourceRules = listOf(rule?.resourceRules);
  const nonResourceRules = listOf(rule?.nonResourceRules);
  if (resourceRules.length === 0 && nonResourceRules.length === 0) errors.push(required(path, 'at least one of resourceRules and nonResourceRules has to be non-empty'));
  resourceRules.forEach((r, i) => errors.push(...validateResourceRule(r, index(child(path, 'resourceRules'), i))));
  nonResourceRules.forEach((r, i) => errors.push(...validateNonResourceRule(r, index(child(path, 'nonResourceRules'), i))));
  return errors;
}

function validateConditions(status: flowcontrol.FlowSchemaStatus | flowcontrol.PriorityLevelConfigurationStatus | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  listOf<flowcontrol.FlowSchemaCondition | flowcontrol.PriorityLevelConfigurationCondition>(status?.conditions).forEach((condition, i) => {
    const type = String(condition?.type ?? '');
    if (seen.has(type)) errors.push(duplicate(child(index('status.conditions', i), 'type'), type));
    seen.add(type);
    if (!type) errors.push(required(child(index('status.conditions', i), 'type'), 'must not be empty'));
  });
  return errors;
}

function validateFlowSchema(flowSchema: FlowSchema): FieldError[] {
  const spec: Partial<flowcontrol.FlowSchemaSpec> = flowSchema.spec ?? {};
  const errors = validateObjectMeta(flowSchema.metadata, META);
  const precedence = Number(spec.matchingPrecedence ?? 0);
  if (precedence <= 0) errors.push(invalidValue('spec.matchingPrecedence', precedence, 'must be a positive value'));
  if (precedence > MAX_MATCHING_PRECEDENCE) errors.push(invalidValue('spec.matchingPrecedence', precedence, `must not be greater than ${MAX_MATCHING_PRECEDENCE}`));
  if (precedence === 1 && flowSchema.metadata?.name !== 'exempt') errors.push(invalidValue('spec.matchingPrecedence', precedence, "only the schema named 'exempt' may have matchingPrecedence 1"));
  const method = spec.distinguisherMethod;
  if (isStruct(method) && !DISTINGUISHER_METHODS.includes(method.type)) {
    const rendered = `flowcontrol.FlowDistinguisherMethod{Type:${JSON.stringify(String(method.type ?? ''))}}`;
    errors.push({ type: 'FieldValueNotSupported', field: 'spec.distinguisherMethod.type', message: `Unsupported value: ${rendered}: supported values: ${DISTINGUISHER_METHODS.map((m) => JSON.stringify(m)).join(', ')}` });
  }
  const level = String(spec.priorityLevelConfiguration?.name ?? '');
  if (!level) errors.push(required('spec.priorityLevelConfiguration.name', 'must reference a priority level'));
  else errors.push(...isValidPathSegmentName(level).map((message) => invalidValue('spec.priorityLevelConfiguration.name', level, message)));
  listOf(spec.rules).forEach((rule, i) => errors.push(...validateRulesWithSubjects(rule, index('spec.rules', i))));
  return [...errors, ...validateConditions(flowSchema.status)];
}

function validateQueuing(queuing: flowcontrol.QueuingConfiguration, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const queueLengthLimit = Number(queuing.queueLengthLimit ?? 0);
  const queues = Number(queuing.queues ?? 0);
  const handSize = Number(queuing.handSize ?? 0);
  if (queueLengthLimit <= 0) errors.push(invalidValue(child(path, 'queueLengthLimit'), queueLengthLimit, 'must be positive'));
  if (queues <= 0) errors.push(invalidValue(child(path, 'queues'), queues, 'must be positive'));
  else if (queues > MAX_QUEUES) errors.push(invalidValue(child(path, 'queues'), queues, `must not be greater than ${MAX_QUEUES}`));
  if (handSize <= 0) errors.push(invalidValue(child(path, 'handSize'), handSize, 'must be positive'));
  else if (handSize > queues) errors.push(invalidValue(child(path, 'handSize'), handSize, `should not be greater than queues (${queues})`));
  else if (Math.ceil(Math.log2(queues) * handSize) > MAX_HASH_BITS) {
    errors.push(invalidValue(child(path, 'handSize'), handSize, `required entropy bits of deckSize ${queues} and handSize ${handSize} should not be greater than ${MAX_HASH_BITS}`));
  }
  return errors;
}

function validateLimitResponse(response: flowcontrol.LimitResponse | undefined, path: string): FieldError[] {
  switch (response?.type) {
    case 'Reject':
      return response.queuing != null ? [forbiddenField(child(path, 'queuing'), 'must be nil if limited.limitResponse.type is not Limited')] : [];
    case 'Queue':
      return isStruct(response.queuing) ? validateQueuing(response.queuing, child(path, 'queuing')) : [required(child(path, 'queuing'), 'must not be empty if limited.limitResponse.type is Limited')];
    default:
      return [notSupported(child(path, 'type'), response?.type ?? '', LIMIT_RESPONSE_TYPES)];
  }
}

function validateLendablePercent(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && (value < 0 || value > 100) ? [invalidValue(path, value, 'must be between 0 and 100, inclusive')] : [];
}

function validateLimited(limited: flowcontrol.LimitedPriorityLevelConfiguration, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const shares = Number(limited.nominalConcurrencyShares ?? 0);
  if (shares < 0) errors.push(invalidValue(child(path, 'nominalConcurrencyShares'), shares, 'must be a non-negative integer'));
  errors.push(...validateLimitResponse(limited.limitResponse, child(path, 'limitResponse')));
  errors.push(...validateLendablePercent(limited.lendablePercent, child(path, 'lendablePercent')));
  if (typeof limited.borrowingLimitPercent === 'number' && limited.borrowingLimitPercent < 0) {
    errors.push(invalidValue(child(path, 'borrowingLimitPercent'), limited.borrowingLimitPercent, 'if specified, must be a non-negative integer'));
  }
  return errors;
}

function validateExempt(exempt: flowcontrol.ExemptPriorityLevelConfiguration, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof exempt.nominalConcurrencyShares === 'number' && exempt.nominalConcurrencyShares < 0) {
    errors.push(invalidValue(child(path, 'nominalConcurrencyShares'), exempt.nominalConcurrencyShares, 'must be a non-negative number'));
  }
  return [...errors, ...validateLendablePercent(exempt.lendablePercent, child(path, 'lendablePercent'))];
}

function validatePriorityLevel(level: PriorityLevelConfiguration): FieldError[] {
  const spec: Partial<flowcontrol.PriorityLevelConfigurationSpec> = level.spec ?? {};
  const errors = validateObjectMeta(level.metadata, META);
  if ((level.metadata?.name === 'exempt') !== (spec.type === 'Exempt')) errors.push(invalidValue('spec.type', spec.type ?? '', "type must be 'Exempt' if and only if name is 'exempt'"));
  if (spec.type === 'Exempt') {
    if (spec.limited != null) errors.push(forbiddenField('spec.limited', 'must be nil if the type is not Limited'));
    if (isStruct(spec.exempt)) errors.push(...validateExempt(spec.exempt, 'spec.exempt'));
  } else if (spec.type === 'Limited') {
    if (spec.exempt != null) errors.push(forbiddenField('spec.exempt', 'must be nil if the type is Limited'));
    if (!isStruct(spec.limited)) errors.push(required('spec.limited', 'must not be empty when type is Limited'));
    else errors.push(...validateLimited(spec.limited, 'spec.limited'));
  } else {
    errors.push(notSupported('spec.type', spec.type ?? '', LEVEL_TYPES));
  }
  return [...errors, ...validateConditions(level.status)];
}

/** Checks a FlowSchema being created. */
export function validateFlowSchemaCreate(flowSchema: FlowSchema): FieldError[] {
  return validateFlowSchema(flowSchema);
}

/** Checks a FlowSchema update (the create rules again). */
export function validateFlowSchemaUpdate(flowSchema: FlowSchema, old: FlowSchema): FieldError[] {
  return [...validateObjectMetaUpdate(flowSchema.metadata, old.metadata, META), ...validateFlowSchema(flowSchema)];
}

/** Checks a PriorityLevelConfiguration being created. */
export function validatePriorityLevelConfigurationCreate(level: PriorityLevelConfiguration): FieldError[] {
  return validatePriorityLevel(level);
}

/** Checks a PriorityLevelConfiguration update (the create rules again). */
export function validatePriorityLevelConfigurationUpdate(level: PriorityLevelConfiguration, old: PriorityLevelConfiguration): FieldError[] {
  return [...validateObjectMetaUpdate(level.metadata, old.metadata, META), ...validatePriorityLevel(level)];
}
