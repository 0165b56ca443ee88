/**
 * nodeSelector and node affinity terms as component-helpers' nodeaffinity evaluates
 * them: terms are ORed, expressions and fields inside a term ANDed, an empty term
 * matches nothing; matchFields only knows metadata.name.
 */
import { matchesLabels, type LabelOperator, type LabelRequirement } from '@kubelab/api';
import type { NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from 'kubernetes-types/core/v1';

/** A node selector term as written in a pod or a PersistentVolume: matchExpressions on labels, matchFields on fields. */
export type { NodeSelectorTerm };

/** The facts of a node a term is matched against. */
export interface NodeFacts {
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** Matches one node; built once per pod so each node costs only the comparisons. */
export type NodeMatcher = (node: NodeFacts) => boolean;

const operators: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

function toRequirements(expressions: readonly NodeSelectorRequirement[]): LabelRequirement[] | undefined {
  const requirements: LabelRequirement[] = [];
  for (const e of expressions) {
    const operator = operators[e.operator];
    if (!operator) return undefined;
    requirements.push({ key: e.key, operator, values: e.values ?? [] });
  }
  return requirements;
}

function fieldRequirementsHold(fields: readonly NodeSelectorRequirement[], node: NodeFacts): boolean {
  return fields.every((f) => {
    if (f.key !== 'metadata.name') return false;
    if (f.operator === 'In') return (f.values ?? []).includes(node.name);
    if (f.operator === 'NotIn') return !(f.values ?? []).includes(node.name);
    return false;
  });
}

/** A matcher for one term; a term that is empty or uses an unknown operator matches no node. */
export function termMatcher(term: NodeSelectorTerm): NodeMatcher {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  const requirements = toRequirements(expressions);
  if (!requirements || expressions.length + fields.length === 0) return () => false;
  return (node) => matchesLabels(requirements, node.labels) && fieldRequirementsHold(fields, node);
}

/** A matcher for a list of ORed terms (requiredDuringScheduling's nodeSelectorTerms). */
export function termsMatcher(terms: readonly NodeSelectorTerm[]): NodeMatcher {
  const matchers = terms.map(termMatcher);
  return (node) => matchers.some((m) => m(node));
}

/**
 * The pod's hard node constraints together (GetRequiredNodeAffinity): every
 * nodeSelector label, and the required affinity terms when present.
 */
export function requiredNodeMatcher(spec: Pick<PodSpec, 'nodeSelector' | 'affinity'> | undefined): NodeMatcher {
  const selector = Object.entries(spec?.nodeSelector ?? {});
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const affinity = terms ? termsMatcher(terms) : undefined;
  if (selector.length === 0 && !affinity) return () => true;
  return (node) => selector.every(([k, v]) => node.labels[k] === v) && (!affinity || affinity(node));
}
