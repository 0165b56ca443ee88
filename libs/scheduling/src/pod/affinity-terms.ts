/**
 * A pod's inter-pod affinity terms read into matchable form (framework.AffinityTerm):
 * the label selector with matchLabelKeys / mismatchLabelKeys folded in, the
 * namespaces it looks in (its own when none are named; every namespace for an empty
 * namespaceSelector), and the topology key. A term whose selector does not parse
 * matches no pods.
 */
import { labelSelectorFromObject, matchesLabels, type KubeObject, type LabelRequirement } from '@kubelab/api';
import type { BoundPod } from '../snapshot/bound-pod.js';

export interface AffinityTerm {
  topologyKey: string;
  requirements: LabelRequirement[] | undefined;
  /** undefined: every namespace. */
  namespaces: ReadonlySet<string> | undefined;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

function termOf(raw: any, pod: KubeObject): AffinityTerm {
  const podLabels: Record<string, string> = pod.metadata.labels ?? {};
  let requirements: LabelRequirement[] | undefined;
  try {
    requirements = raw?.labelSelector ? labelSelectorFromObject(raw.labelSelector) : undefined;
    for (const key of (raw?.matchLabelKeys ?? []) as string[]) if (key in podLabels) requirements?.push({ key, operator: 'in', values: [podLabels[key]] });
    for (const key of (raw?.mismatchLabelKeys ?? []) as string[]) if (key in podLabels) requirements?.push({ key, operator: 'notin', values: [podLabels[key]] });
  } catch {
    requirements = undefined;
  }
  const selector = raw?.namespaceSelector;
  const everyNamespace = selector !== undefined && selector !== null && !selector.matchLabels && !(selector.matchExpressions ?? []).length;
  const named: string[] = raw?.namespaces ?? [];
  return {
    topologyKey: String(raw?.topologyKey ?? ''),
    requirements,
    namespaces: everyNamespace ? undefined : new Set(named.length ? named : [pod.metadata.namespace ?? 'default']),
  };
}

type AffinityKind = 'podAffinity' | 'podAntiAffinity';

/** The required terms of one kind. */
export function requiredTerms(pod: KubeObject, kind: AffinityKind): AffinityTerm[] {
  return ((pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as any[]).map((t) => termOf(t, pod));
}

/** The preferred terms of one kind, with their weights. */
export function preferredTerms(pod: KubeObject, kind: AffinityKind): WeightedAffinityTerm[] {
  return ((pod.spec?.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as any[])
    .map((p) => ({ ...termOf(p?.podAffinityTerm, pod), weight: Number(p?.weight) || 0 }));
}

/** Whether the term selects a pod with these labels in this namespace. */
export function termMatches(term: AffinityTerm, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  if (!term.requirements) return false;
  if (term.namespaces && !term.namespaces.has(namespace)) return false;
  return matchesLabels(term.requirements, labels);
}

/** Whether the term selects the pod (a bound one, as counted on a node). */
export const termMatchesPod = (term: AffinityTerm, entry: BoundPod) => termMatches(term, entry.namespace, entry.labels);

/** True when the pod has any inter-pod affinity at all. */
export function hasPodAffinity(pod: KubeObject): boolean {
  const affinity = pod.spec?.affinity ?? {};
  return Boolean(affinity.podAffinity || affinity.podAntiAffinity);
}
