/**
 * How an escalation refusal lists the missing permissions (rbac/validation CompactRules
 * and rbacv1helpers.CompactString): pieces on the same group, resource and name are
 * merged back into one rule with their verbs, each is written as
 * `{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}`, and the lines are sorted.
 */
import { quote } from '../selectors/label-validation.js';
import type { PolicyRule } from './types.js';

/** The missing rules, one sorted, de-duplicated line each. */
export function describeMissingRules(missing: readonly PolicyRule[]): string[] {
  const lines = new Set(compactRules(missing).map(compactString));
  return [...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go's %q for a []string: `["a" "b"]`. */
export function quoteList(values: readonly string[]): string {
  return `[${values.map(quote).join(' ')}]`;
}

function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const key = simpleResourceKey(rule);
    if (key === undefined) {
      compacted.push(rule);
      continue;
    }
    const existing = simple.get(key);
    if (existing) existing.verbs = [...(existing.verbs ?? []), ...(rule.verbs ?? [])];
    else simple.set(key, { ...rule, verbs: [...(rule.verbs ?? [])] });
  }
  return [...compacted, ...simple.values()];
}

/** A key for a rule on one group and one resource (and at most one name) with nothing else; undefined otherwise. */
function simpleResourceKey(rule: PolicyRule): string | undefined {
  if ((rule.resourceNames?.length ?? 0) > 1 || (rule.nonResourceURLs?.length ?? 0) > 0) return undefined;
  if (rule.apiGroups?.length !== 1 || rule.resources?.length !== 1) return undefined;
  return JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames?.[0] ?? null]);
}

function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if (rule.apiGroups?.length) parts.push(`APIGroups:${quoteList(rule.apiGroups)}`);
  if (rule.resources?.length) parts.push(`Resources:${quoteList(rule.resources)}`);
  if (rule.nonResourceURLs?.length) parts.push(`NonResourceURLs:${quoteList(rule.nonResourceURLs)}`);
  if (rule.resourceNames?.length) parts.push(`ResourceNames:${quoteList(rule.resourceNames)}`);
  if (rule.verbs?.length) parts.push(`Verbs:${quoteList(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}
