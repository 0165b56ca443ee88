/**
 * Whether one PolicyRule allows a request, as the RBAC authorizer's RuleAllows and the
 * rbac/v1 helpers (VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches,
 * NonResourceURLMatches) decide it: "*" matches anything, a resource may be written
 * "resource/subresource" or "*\/subresource", a non-resource URL ending in "*" is a prefix.
 */
import type { PolicyRule, RequestAttributes } from './types.js';

const ALL = '*';

/** True when the rule grants the request. */
export function ruleAllows(attrs: RequestAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, attrs.verb)) return false;
  if (!attrs.resourceRequest) return nonResourceURLMatches(rule, attrs.path);
  const subresource = attrs.subresource ?? '';
  const combined = subresource ? `${attrs.resource}/${subresource}` : attrs.resource;
  return apiGroupMatches(rule, attrs.apiGroup)
    && resourceMatches(rule, combined, subresource)
    && resourceNameMatches(rule, attrs.name ?? '');
}

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === ALL || v === verb);
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some((r) => r === ALL || r === combined
    || (subresource !== '' && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)));
}

function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((url) => url === ALL || url === path
    || (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))));
}
