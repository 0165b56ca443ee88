/**
 * A pod's inter-pod affinity terms read into matchable form (framework.AffinityTerm):
 * the label selector with matchLabelKeys / mismatchLabelKeys folded in, the
 * namespaces it names (its own when it names none and has no namespaceSelector), and
 * the namespaceSelector, matched against the label every namespace carries,
 * kubernetes.io/metadata.name (the scheduler does not watch Namespaces; an empty
 * selector selects them all). A term whose selector does not parse matches no pods.
 */
import { labelSelectorFromObject, matchesLabels, type LabelRequirement, type Pod } from '@kubelab/api';
import type { PodAffinityTerm } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export interface AffinityTerm {
  topologyKey: string;
  requirements: LabelRequirement[] | undefined;
  namespaces: ReadonlySet<string>;
  /** undefined: no namespaceSelector (or one that does not parse). */
  namespaceSelector: LabelRequirement[] | undefined;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** What a term is matched against: a pod's namespace and labels (a BoundPod, or the incoming pod's). */
export interface LabelledPod {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function selectorOf(raw: LabelSelector | undefined): LabelRequirement[] | undefined {
  try {
    return raw ? labelSelectorFromObject(raw) : undefined;
  } catch {
    return undefined;
  }
}

function termOf(raw: PodAffinityTerm | undefined, pod: Pod): AffinityTerm {
  const podLabels: Record<string, string> = pod.metadata.labels ?? {};
  const requirements = selectorOf(raw?.labelSelector);
  for (const key of raw?.matchLabelKeys ?? []) if (key in podLabels) requirements?.push({ key, operator: 'in', values: [podLabels[key]] });
  for (const key of raw?.mismatchLabelKeys ?? []) if (key in podLabels) requirements?.push({ key, operator: 'notin', values: [podLabels[key]] });
  const named = raw?.namespaces ?? [];
  const namespaceSelector = raw?.namespaceSelector;
  const hasNamespaceSelector = namespaceSelector !== undefined && namespaceSelector !== null;
  return {
    topologyKey: String(raw?.topologyKey ?? ''),
    requirements,
    namespaces: new Set(named.length || hasNamespaceSelector ? named : [pod.metadata.namespace ?? 'default']),
    namespaceSelector: hasNamespaceSelector ? selectorOf(namespaceSelector) : undefined,
  };
}

type AffinityKind = 'podAffinity' | 'podAntiAffinity';

/** The required terms of one kind. */
export function requiredTerms(pod: Pod, kind: AffinityKind): AffinityTerm[] {
  return (pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => termOf(t, pod));
}

/** The preferred terms of one kind, with their weights. */
export function preferredTerms(pod: Pod, kind: AffinityKind): WeightedAffinityTerm[] {
  return (pod.spec?.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) => ({ ...termOf(p?.podAffinityTerm, pod), weight: Number(p?.weight) || 0 }));
}

/** Whether the term selects a pod with these labels in this namespace. */
export function termMatches(term: AffinityTerm, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  if (!term.requirements) return false;
  const inNamespace = term.namespaces.has(namespace) || (term.namespaceSelector !== undefined && matchesLabels(term.namespaceSelector, { [NAMESPACE_NAME_LABEL]: namespace }));
  return inNamespace && matchesLabels(term.requirements, labels);
}

/** Whether the term selects the pod (a bound one, as counted on a node). */
export const termMatchesPod = (term: AffinityTerm, entry: LabelledPod) => termMatches(term, entry.namespace, entry.labels);

/** True when the pod has any inter-pod affinity at all. */
export function hasPodAffinity(pod: Pod): boolean {
  const affinity = pod.spec?.affinity ?? {};
  return Boolean(affinity.podAffinity || affinity.podAntiAffinity);
}
