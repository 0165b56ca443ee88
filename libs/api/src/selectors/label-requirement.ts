/**
 * One clause of a label selector, shaped like apimachinery's labels.Requirement so
 * parsing, matching and formatting all speak the same operators Kubernetes does.
 */

/** The operators of k8s.io/apimachinery/pkg/selection, spelled as Kubernetes spells them. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** `key <operator> values`; `exists` and `!` carry no values, the exact-match operators one. */
export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** A metav1.LabelSelector as it appears in Deployment, ReplicaSet and Job specs. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Orders requirements by key, as labels.Parse and Selector.Add do, keeping ties in input order. */
export function sortByKey(requirements: LabelRequirement[]): LabelRequirement[] {
  return [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
