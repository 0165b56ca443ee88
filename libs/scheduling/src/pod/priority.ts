/** Pod priority as corev1helpers.PodPriority reads it: admission resolved priorityClassName into spec.priority. */
import type { Pod } from '@kubelab/api';

/** spec.priority, or 0 when the pod has none. */
export function podPriority(pod: Pod): number {
  const priority = pod.spec?.priority;
  return typeof priority === 'number' ? priority : 0;
}

/** util.MoreImportantPod: higher priority first, then the one that started earlier. */
export function moreImportantFirst(a: Pod, b: Pod): number {
  const byPriority = podPriority(b) - podPriority(a);
  if (byPriority !== 0) return byPriority;
  return startTimeOf(a) - startTimeOf(b);
}

/** status.startTime in ms; a pod that has not started sorts as starting now (last). */
export function startTimeOf(pod: Pod): number {
  const parsed = Date.parse(pod.status?.startTime ?? '');
  return Number.isNaN(parsed) ? Number.MAX_SAFE_INTEGER : parsed;
}
