/**
 * podMatchesScopeFunc: the quota scopes a pod falls in. Terminating pods have an
 * activeDeadlineSeconds; BestEffort ones declare no cpu or memory; PriorityClass selects
 * by spec.priorityClassName as a label selector would; CrossNamespacePodAffinity catches
 * affinity terms that reach other namespaces.
 */
import type { PodAffinity, PodAffinityTerm, PodAntiAffinity } from 'kubernetes-types/core/v1';
import type { Pod } from '../../typed-objects.js';
import { qosClassOf } from '../qos.js';
import type { ScopeRequirement } from './evaluator.js';

const isTerminating = (pod: Pod) => typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;

/** The label-selector reading of a PriorityClass requirement, against {PriorityClass: name} (empty when unset). */
function matchesPriorityClass(requirement: ScopeRequirement, className: string): boolean {
  const present = className !== '';
  switch (requirement.operator) {
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'In':
      return present && requirement.values.includes(className);
    case 'NotIn':
      return !present || !requirement.values.includes(className);
    default:
      return false;
  }
}

const reachesOtherNamespaces = (term: PodAffinityTerm | undefined) => (Array.isArray(term?.namespaces) && term.namespaces.length > 0) || (term?.namespaceSelector !== undefined && term?.namespaceSelector !== null);

function affinityTerms(affinity: PodAffinity | PodAntiAffinity | undefined): (PodAffinityTerm | undefined)[] {
  const required = Array.isArray(affinity?.requiredDuringSchedulingIgnoredDuringExecution) ? affinity.requiredDuringSchedulingIgnoredDuringExecution : [];
  const preferred = Array.isArray(affinity?.preferredDuringSchedulingIgnoredDuringExecution) ? affinity.preferredDuringSchedulingIgnoredDuringExecution : [];
  return [...required, ...preferred.map((weighted) => weighted?.podAffinityTerm)];
}

function usesCrossNamespacePodAffinity(pod: Pod): boolean {
  const affinity = pod.spec?.affinity;
  return [...affinityTerms(affinity?.podAffinity), ...affinityTerms(affinity?.podAntiAffinity)].some(reachesOtherNamespaces);
}

/** Whether a pod falls within one scope requirement of a quota; unknown scopes match nothing. */
export function podMatchesScope(requirement: ScopeRequirement, pod: Pod): boolean {
  switch (requirement.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return qosClassOf(pod) === 'BestEffort';
    case 'NotBestEffort':
      return qosClassOf(pod) !== 'BestEffort';
    case 'PriorityClass':
      return matchesPriorityClass(requirement, typeof pod.spec?.priorityClassName === 'string' ? pod.spec.priorityClassName : '');
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(pod);
    default:
      return false;
  }
}
