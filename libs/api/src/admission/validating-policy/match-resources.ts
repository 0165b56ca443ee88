/**
 * Whether a request falls under a policy's matchConstraints or a binding's matchResources, as
 * kube-apiserver's matching.Matcher decides: the namespace selector (not for cluster-scoped
 * kinds other than Namespace), the object selector (on the object or the old object), the
 * exclude rules, then the resource rules (group, version, operation, `resource/subresource`
 * with `*`, scope, resourceNames). A binding without resource rules matches every resource
 * the policy matches. matchPolicy Equivalent also tries the other served versions of the same
 * stored resource.
 */
import type { KubeObject } from '../../object.js';
import { findResourceType, servedTypes, storeKindOf } from '../../registry.js';
import { labelSelectorFromObject, matchesLabels, type LabelSelector } from '../../selectors/index.js';
import type { AdmissionRequest } from './admission-request.js';

/** admissionregistration/v1 NamedRuleWithOperations, as stored. */
interface NamedRule {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
  scope?: string;
  resourceNames?: string[];
}

/** admissionregistration/v1 MatchResources, as stored (defaults applied). */
export interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: NamedRule[];
  excludeResourceRules?: NamedRule[];
  matchPolicy?: 'Exact' | 'Equivalent';
}

type Resource = AdmissionRequest['resource'];

const exactOrWildcard = (items: readonly string[] | undefined, requested: string) => (items ?? []).some((item) => item === '*' || item === requested);

const isNamespaceResource = (r: Resource) => r.group === '' && r.resource === 'namespaces';

function scopeMatches(rule: NamedRule, request: AdmissionRequest, resource: Resource): boolean {
  if (!rule.scope || rule.scope === '*') return true;
  const clusterScoped = isNamespaceResource(resource) || request.namespace === '';
  return rule.scope === 'Cluster' ? clusterScoped : !clusterScoped;
}

function resourceMatches(rule: NamedRule, request: AdmissionRequest, resource: Resource): boolean {
  return (rule.resources ?? []).some((entry) => {
    const slash = entry.indexOf('/');
    const [res, sub] = slash < 0 ? [entry, ''] : [entry.slice(0, slash), entry.slice(slash + 1)];
    return (res === '*' || res === resource.resource) && (sub === '*' || sub === request.subresource);
  });
}

function ruleMatches(rule: NamedRule, request: AdmissionRequest, resource: Resource): boolean {
  return scopeMatches(rule, request, resource)
    && (rule.operations ?? []).some((op) => op === '*' || op === request.operation)
    && exactOrWildcard(rule.apiGroups, resource.group)
    && exactOrWildcard(rule.apiVersions, resource.version)
    && resourceMatches(rule, request, resource)
    && ((rule.resourceNames ?? []).length === 0 || rule.resourceNames!.includes(request.name));
}

/** The request's resource in the other served versions of the same stored kind (EquivalentResourcesFor). */
function equivalents(resource: Resource): Resource[] {
  const served = findResourceType(resource.group, resource.version, resource.resource);
  if (!served) return [];
  const kind = storeKindOf(served);
  return servedTypes()
    .filter((t) => t !== served && t.storage !== 'none' && storeKindOf(t) === kind)
    .map((t) => ({ group: t.group, version: t.version, resource: t.plural }));
}

function rulesMatch(rules: readonly NamedRule[] | undefined, policy: MatchResources['matchPolicy'], request: AdmissionRequest): boolean {
  if ((rules ?? []).some((rule) => ruleMatches(rule, request, request.resource))) return true;
  if (policy !== 'Equivalent') return false;
  return equivalents(request.resource).some((resource) => (rules ?? []).some((rule) => ruleMatches(rule, request, resource)));
}

const selects = (selector: LabelSelector | undefined, object: KubeObject | null) =>
  object !== null && matchesLabels(labelSelectorFromObject(selector ?? {}), object.metadata?.labels);

const isEmptySelector = (selector: LabelSelector | undefined) =>
  !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);

/**
 * True when the request falls under `match`. `namespaceLabels` are the labels of the request's
 * namespace (of the Namespace being written, for a Namespace); undefined when it does not exist.
 */
export function matchesResources(match: MatchResources, request: AdmissionRequest, namespaceLabels: Record<string, string> | undefined, isBinding: boolean): boolean {
  const clusterScoped = request.namespace === '' && !isNamespaceResource(request.resource);
  if (!clusterScoped && !isEmptySelector(match.namespaceSelector)) {
    if (!matchesLabels(labelSelectorFromObject(match.namespaceSelector!), namespaceLabels ?? {})) return false;
  }
  if (!isEmptySelector(match.objectSelector) && !selects(match.objectSelector, request.object) && !selects(match.objectSelector, request.oldObject)) return false;
  if (rulesMatch(match.excludeResourceRules, match.matchPolicy, request)) return false;
  if (isBinding && match.resourceRules === undefined) return true;
  return rulesMatch(match.resourceRules, match.matchPolicy, request);
}
