/**
 * The pieces admissionregistration.k8s.io validation shares between webhooks and
 * ValidatingAdmissionPolicies: rules with operations, match resources, selectors of
 * namespaces and objects, webhook URLs and service references, with kube's messages.
 */
import type { MatchResources, NamedRuleWithOperations, ServiceReference } from 'kubernetes-types/admissionregistration/v1';
import type { FieldError } from '../../status.js';
import { duplicate, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringSlice } from './go-syntax.js';
import { isDNS1123Subdomain, isValidPathSegmentName, isValidPortNum } from './name-formats.js';
import { validateLabelSelector } from './label-selector.js';

const SCOPES = ['*', 'Cluster', 'Namespaced'];
const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
/** failurePolicy values of webhooks and policies. */
export const FAILURE_POLICIES = ['Fail', 'Ignore'];
/** matchPolicy values of webhooks and match resources. */
export const MATCH_POLICIES = ['Equivalent', 'Exact'];

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map((item) => String(item ?? '')) : []);
/** A typed string slice as Go's %#v prints it (`[]admissionregistration.OperationType{"*"}`). */
export const goTypedSlice = (type: string, values: string[]) => goStringSlice(values).replace(/^\[\]string/, `[]admissionregistration.${type}`);

function validateResources(resources: string[], path: string): FieldError[] {
  const errors: FieldError[] = resources.length === 0 ? [required(path)] : [];
  const wildcardSubresources = new Set<string>();
  const wildcardResources = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let plainResource = false;
  resources.forEach((resource, i) => {
    if (resource === '') {
      errors.push(required(index(path, i)));
      return;
    }
    if (resource === '*/*') doubleWildcard = true;
    if (resource === '*') singleWildcard = true;
    const slash = resource.indexOf('/');
    if (slash < 0) {
      plainResource = resource !== '*';
      return;
    }
    const [res, sub] = [resource.slice(0, slash), resource.slice(slash + 1)];
    if (wildcardSubresources.has(res)) errors.push(invalidValue(index(path, i), resource, `if '${res}/*' is present, must not specify ${resource}`));
    if (wildcardResources.has(sub)) errors.push(invalidValue(index(path, i), resource, `if '*/${sub}' is present, must not specify ${resource}`));
    if (sub === '*') wildcardSubresources.add(res);
    if (res === '*') wildcardResources.add(sub);
  });
  if (resources.length > 1 && doubleWildcard) errors.push(invalidRendered(path, goStringSlice(resources), "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && plainResource) errors.push(invalidRendered(path, goStringSlice(resources), "if '*' is present, must not specify other resources without subresources"));
  return errors;
}

/**
 * A rule of a webhook or a policy's match resources: kubernetes-types leaves out the
 * resources and scope that RuleWithOperations embeds from Rule.
 */
export interface AdmissionRule extends NamedRuleWithOperations {
  resources?: string[];
  scope?: string;
}

/** validateRuleWithOperations: operations, API groups and versions, resources and scope of one rule. */
export function validateRuleWithOperations(rule: AdmissionRule | undefined, path: string): FieldError[] {
  const operations = strings(rule?.operations);
  const errors: FieldError[] = operations.length === 0 ? [required(child(path, 'operations'))] : [];
  if (operations.length > 1 && operations.includes('*')) {
    errors.push(invalidRendered(child(path, 'operations'), goTypedSlice('OperationType', operations), "if '*' is present, must not specify other operations"));
  }
  operations.forEach((operation, i) => !OPERATIONS.includes(operation) && errors.push(notSupported(index(child(path, 'operations'), i), operation, OPERATIONS)));
  const groups = strings(rule?.apiGroups);
  if (groups.length === 0) errors.push(required(child(path, 'apiGroups')));
  if (groups.length > 1 && groups.includes('*')) errors.push(invalidRendered(child(path, 'apiGroups'), goStringSlice(groups), "if '*' is present, must not specify other API groups"));
  const versions = strings(rule?.apiVersions);
  if (versions.length === 0) errors.push(required(child(path, 'apiVersions')));
  if (versions.length > 1 && versions.includes('*')) errors.push(invalidRendered(child(path, 'apiVersions'), goStringSlice(versions), "if '*' is present, must not specify other API versions"));
  versions.forEach((version, i) => version === '' && errors.push(required(index(child(path, 'apiVersions'), i))));
  errors.push(...validateResources(strings(rule?.resources), child(path, 'resources')));
  if (rule?.scope !== undefined && rule.scope !== null && !SCOPES.includes(rule.scope)) errors.push(notSupported(child(path, 'scope'), rule.scope, SCOPES));
  return errors;
}

function validateNamedRule(rule: AdmissionRule | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  strings(rule?.resourceNames).forEach((name, i) => {
    errors.push(...isValidPathSegmentName(name).map((message) => invalidValue(index(child(path, 'resourceNames'), i), name, message)));
    if (seen.has(name)) errors.push(duplicate(index(child(path, 'resourceNames'), i), name));
    seen.add(name);
  });
  return [...errors, ...validateRuleWithOperations(rule, path)];
}

/** validateMatchResources: a defaulted match policy and selectors, then each included and excluded rule. */
export function validateMatchResources(match: MatchResources | undefined, path: string): FieldError[] {
  if (!isStruct(match)) return [];
  const m = match;
  const errors: FieldError[] = [];
  if (m.matchPolicy === undefined || m.matchPolicy === null) errors.push(required(child(path, 'matchPolicy')));
  else if (!MATCH_POLICIES.includes(m.matchPolicy)) errors.push(notSupported(child(path, 'matchPolicy'), m.matchPolicy, MATCH_POLICIES));
  for (const selector of ['namespaceSelector', 'objectSelector'] as const) {
    const labelSelector = m[selector];
    if (!isStruct(labelSelector)) errors.push(required(child(path, selector)));
    else errors.push(...validateLabelSelector(labelSelector, child(path, selector)));
  }
  listOf(m.resourceRules).forEach((rule, i) => errors.push(...validateNamedRule(rule, index(child(path, 'resourceRules'), i))));
  listOf(m.excludeResourceRules).forEach((rule, i) => {
    errors.push(...validateNamedRule(rule, index(child(path, 'excludeResourceRules'), i)));
  });
  return errors;
}

/** The parts of a URL Go's url.Parse gives (lenient: a string without a scheme is a path). */
function parseUrl(url: string): { scheme: string; host: string; user?: string; query: string; fragment: string } {
  let rest = url;
  const hash = rest.indexOf('#');
  const fragment = hash < 0 ? '' : rest.slice(hash + 1);
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const query = question < 0 ? '' : rest.slice(question + 1);
  if (question >= 0) rest = rest.slice(0, question);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest)?.[1] ?? '';
  if (scheme) rest = rest.slice(scheme.length + 1);
  if (!rest.startsWith('//')) return { scheme: scheme.toLowerCase(), host: '', query, fragment };
  const authority = rest.slice(2).split('/')[0];
  const at = authority.lastIndexOf('@');
  return { scheme: scheme.toLowerCase(), host: at < 0 ? authority : authority.slice(at + 1), user: at < 0 ? undefined : authority.slice(0, at), query, fragment };
}

/** ValidateWebhookURL with https required. */
export function validateWebhookUrl(url: string, path: string): FieldError[] {
  const form = '; desired format: https://host[/path]';
  const u = parseUrl(url);
  const errors: FieldError[] = [];
  if (u.scheme !== 'https') errors.push(invalidValue(path, u.scheme, `'https' is the only allowed URL scheme${form}`));
  if (!u.host) errors.push(invalidValue(path, u.host, `host must be specified${form}`));
  if (u.user !== undefined) errors.push(invalidValue(path, u.user, 'user information is not permitted in the URL'));
  if (u.fragment) errors.push(invalidValue(path, u.fragment, 'fragments are not permitted in the URL'));
  if (u.query) errors.push(invalidValue(path, u.query, 'query parameters are not permitted in the URL'));
  return errors;
}

/** ValidateWebhookService: a named service in a namespace, a valid port, and a path of DNS subdomain segments. */
export function validateWebhookService(service: ServiceReference | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!service?.name) errors.push(required(child(path, 'name')));
  if (!service?.namespace) errors.push(required(child(path, 'namespace')));
  const port = service?.port ?? 0;
  const portErrors = isValidPortNum(port);
  if (portErrors.length > 0) errors.push(invalidValue(child(path, 'port'), port, `port is not valid: ${portErrors.join(', ')}`));
  const urlPath = service?.path;
  if (typeof urlPath !== 'string' || urlPath === '' || urlPath === '/') return errors;
  const pathField = child(path, 'path');
  if (urlPath === '//') return [...errors, invalidValue(pathField, urlPath, 'segment[0] may not be empty')];
  if (!urlPath.startsWith('/')) errors.push(invalidValue(pathField, urlPath, "must start with a '/'"));
  let toCheck = urlPath.slice(1);
  if (toCheck.endsWith('/')) toCheck = toCheck.slice(0, -1);
  toCheck.split('/').forEach((step, i) => {
    if (!step) errors.push(invalidValue(pathField, urlPath, `segment[${i}] may not be empty`));
    else errors.push(...isDNS1123Subdomain(step).map((failure) => invalidValue(pathField, urlPath, `segment[${i}]: ${failure}`)));
  });
  return errors;
}
