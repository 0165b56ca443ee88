/** Pod priority as corev1helpers.PodPriority reads it: admission resolved priorityClassName into spec.priority. */
import type { KubeObject } from '@kubelab/api';

/** spec.priority, or 0 when the pod has none. */
export function podPriority(pod: KubeObject): number {
  const priority = pod.spec?.priority;
  return typeof priority === 'number' ? priority : 0;
}

/** util.MoreImportantPod: higher priority first, then the one that started earlier. */
export function moreImportantFirst(a: KubeObject, b: KubeObject): number {
  const byPriority = podPriority(b) - podPriority(a);
  if (byPriority !== 0) return byPriority;
  return startTimeOf(a) - startTimeOf(b);
}

/** status.startTime in ms; a pod that has not started sorts as starting now (last). */
export function startTimeOf(pod: KubeObject): number {
  const parsed = Date.parse(pod.status?.startTime ?? '');
  return Number.isNaN(parsed) ? Number.MAX_SAFE_INTEGER : parsed;
}
