/**
 * equality.Semantic.DeepEqual for PolicyRules: an absent list and an empty one are the
 * same rule, which is how the aggregation controller compares rules before writing.
 */
import type { PolicyRule } from './types.js';

const fields = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;

/** True when both rules hold the same lists in the same order. */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return fields.every((field) => sameList(a[field], b[field]));
}

/** True when both rule lists are the same rules in the same order (absent = empty). */
export function sameRules(a: readonly PolicyRule[] | undefined | null, b: readonly PolicyRule[] | undefined | null): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((rule, i) => sameRule(rule, right[i]));
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((value, i) => value === right[i]);
}
