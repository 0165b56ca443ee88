/**
 * The Priority admission plugin for pods: a new pod's priority and preemption
 * policy come from its PriorityClass (or the global default), never from the pod.
 */
import type { KubeObject } from '../../object.js';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import type { Pod, PriorityClass } from '../../typed-objects.js';
import { globalDefaultClass } from './global-default.js';

/** The admitted pod, or the reason kube-apiserver forbids it. */
export type PodPriorityAdmission = { pod: KubeObject } | { refusal: string };

interface ResolvedPriority {
  className: string;
  priority: number;
  preemptionPolicy?: string;
}

function resolve(className: string, classes: readonly KubeObject[]): ResolvedPriority | string {
  if (!className) {
    const fallback = globalDefaultClass(classes);
    if (!fallback) return { className: '', priority: 0, preemptionPolicy: 'PreemptLowerPriority' };
    return { className: fallback.metadata.name ?? '', priority: Number(fallback.value ?? 0), preemptionPolicy: fallback.preemptionPolicy };
  }
  const named = (classes as readonly PriorityClass[]).find((c) => c.metadata.name === className);
  if (!named) return `no PriorityClass with name ${className} was found`;
  return { className, priority: Number(named.value ?? 0), preemptionPolicy: named.preemptionPolicy };
}

/**
 * Admits a pod being created: sets spec.priorityClassName (the global default's name when
 * unset), spec.priority and spec.preemptionPolicy; refuses an unknown class and values the
 * pod set itself that disagree with the class.
 */
export function admitPodPriority(pod: KubeObject, classes: readonly KubeObject[]): PodPriorityAdmission {
  const given = (pod as Pod).spec;
  const spec: Partial<PodSpec> = isPlainObject(given) ? given : {};
  const resolved = resolve(typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '', classes);
  if (typeof resolved === 'string') return { refusal: resolved };
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== resolved.priority) {
    return {
      refusal: `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${resolved.priority} from the given PriorityClass name`,
    };
  }
  const policy = resolved.preemptionPolicy;
  if (policy && spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== policy) {
    return {
      refusal: `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    };
  }
  // Only spec's own fields change: a shallow copy of the pod and its spec keeps the input untouched.
  const admitted: Partial<PodSpec> = { ...spec };
  if (resolved.className) admitted.priorityClassName = resolved.className;
  else delete admitted.priorityClassName;
  admitted.priority = resolved.priority;
  if (policy) admitted.preemptionPolicy = policy;
  return { pod: { ...pod, spec: admitted } };
}

/** On update the plugin keeps the priority and preemption policy a replacement body left out. */
export function keepPodPriority(next: KubeObject, current: KubeObject): KubeObject {
  const nextSpec = (next as Pod).spec;
  const currentSpec = (current as Pod).spec;
  if (!isPlainObject(nextSpec) || !isPlainObject(currentSpec)) return next;
  const missingPriority = nextSpec.priority === undefined && currentSpec.priority !== undefined;
  const missingPolicy = nextSpec.preemptionPolicy === undefined && currentSpec.preemptionPolicy !== undefined;
  if (!missingPriority && !missingPolicy) return next;
  const spec = { ...nextSpec };
  if (missingPriority) spec.priority = currentSpec.priority;
  if (missingPolicy) spec.preemptionPolicy = currentSpec.preemptionPolicy;
  return { ...next, spec };
}
