/**
 * A pod's topologySpreadConstraints read into matchable form, with matchLabelKeys
 * folded into the selector as kube-scheduler does. A constraint without a
 * labelSelector (or with one that does not parse) matches no pods.
 */
import { labelSelectorFromObject, matchesLabels, type LabelRequirement, type Pod } from '@kubelab/api';
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';

/** One constraint, ready for counting. */
export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  /** undefined: the selector matches nothing. */
  requirements: LabelRequirement[] | undefined;
  minDomains: number;
  /** Whether the incoming pod itself matches the selector (it adds one to its domain). */
  selfMatch: boolean;
}

function requirementsOf(constraint: TopologySpreadConstraint, podLabels: Record<string, string>): LabelRequirement[] | undefined {
  if (!constraint.labelSelector) return undefined;
  try {
    const requirements = labelSelectorFromObject(constraint.labelSelector);
    for (const key of constraint.matchLabelKeys ?? []) {
      if (key in podLabels) requirements.push({ key, operator: 'in', values: [podLabels[key]] });
    }
    return requirements;
  } catch {
    return undefined;
  }
}

/** The pod's constraints with the given whenUnsatisfiable (DoNotSchedule or ScheduleAnyway). */
export function spreadConstraints(pod: Pod, whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const podLabels = pod.metadata.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c?.whenUnsatisfiable === whenUnsatisfiable && typeof c.topologyKey === 'string')
    .map((c) => {
      const requirements = requirementsOf(c, podLabels);
      return {
        maxSkew: Number(c.maxSkew) || 1,
        topologyKey: c.topologyKey,
        requirements,
        minDomains: Number(c.minDomains) || 1,
        selfMatch: requirements !== undefined && matchesLabels(requirements, podLabels),
      };
    });
}

