/**
 * Renders values the way Go's `%#v` and `String()` print them in kube-apiserver 1.32
 * field errors (`map[string]string{"app":"x"}`, `v1.LabelSelector{...}`), so messages match.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { isPlainObject } from '../../object.js';
import { isStruct } from './fields.js';

const quote = (value: string) => JSON.stringify(value);

/** `map[string]string{"a":"1", "b":"2"}` with sorted keys, or `map[string]string(nil)`. */
export function goStringMap(map: unknown): string {
  if (!isPlainObject(map)) return 'map[string]string(nil)';
  const entries = Object.keys(map)
    .sort()
    .map((k) => `${quote(k)}:${quote(String(map[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** `[]string{"a", "b"}`, or `[]string(nil)`. */
export function goStringSlice(list: unknown): string {
  if (!Array.isArray(list)) return '[]string(nil)';
  return `[]string{${list.map((item) => quote(String(item))).join(', ')}}`;
}

function goRequirement(requirement: LabelSelectorRequirement | undefined): string {
  return `v1.LabelSelectorRequirement{Key:${quote(String(requirement?.key ?? ''))}, Operator:${quote(String(requirement?.operator ?? ''))}, Values:${goStringSlice(requirement?.values)}}`;
}

/** A metav1.LabelSelector as `%#v` prints it, or `null` for none. */
export function goLabelSelector(selector: LabelSelector | undefined): string {
  if (!isStruct(selector)) return 'null';
  const expressions = Array.isArray(selector.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${selector.matchExpressions.map(goRequirement).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${expressions}}`;
}

/** A metav1.Time as its String() prints it: `2024-05-01 10:00:00 +0000 UTC`. */
export function goTime(timestamp: unknown): string {
  const parsed = typeof timestamp === 'string' ? new Date(timestamp) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) return '0001-01-01 00:00:00 +0000 UTC';
  return `${parsed.toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}
