/**
 * The pod as the lifecycle reads it, on lab time. The status is the one the worker last computed (converting its own
 * report back from wall-clock time would round its timestamps, and every round would look like a change); conditions
 * others own (readiness gates) come from the stored pod.
 */
import type { Pod } from '@kubelab/api';
import type { KubeletPod, KubeletPodStatus } from '@kubelab/pod-lifecycle';
import type { LabTime } from '../runtime/lab-time.js';

/** `pod` with the status the lifecycle continues from. */
export function labPod(pod: Pod, lastLabStatus: KubeletPodStatus | undefined, time: LabTime): KubeletPod {
  if (!lastLabStatus) return { ...pod, status: time.convert(pod.status, 'toLab') };
  const gates = new Set((pod.spec?.readinessGates ?? []).map((g) => g.conditionType));
  const foreign = (pod.status?.conditions ?? []).filter((c) => gates.has(c.type));
  const own = (lastLabStatus.conditions ?? []).filter((c) => !gates.has(c.type));
  return { ...pod, status: { ...lastLabStatus, conditions: [...own, ...time.convert(foreign, 'toLab')] } };
}
