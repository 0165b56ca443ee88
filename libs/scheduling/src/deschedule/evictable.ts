/**
 * The descheduler's default evictor rules: which pods it may move at all. Mirror
 * (static) pods, DaemonSet pods, pods nothing would recreate, system-critical pods,
 * pods with local storage and pods already terminating are left alone.
 */
import type { Pod } from '@kubelab/api';
import { controllerOwner } from '../pod/controller-owner.js';
import { podPriority } from '../pod/priority.js';

/** scheduling.SystemCriticalPriority: pods at or above it are never evicted. */
export const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

const criticalClasses = new Set(['system-cluster-critical', 'system-node-critical']);

/** Why the pod may not be evicted, or undefined when it may. */
export function notEvictableBecause(pod: Pod): string | undefined {
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return 'mirror pod';
  const owner = controllerOwner(pod);
  if (!owner) return 'no controller owner';
  if (owner.kind === 'DaemonSet') return 'DaemonSet pod';
  if (criticalClasses.has(pod.spec?.priorityClassName ?? '') || podPriority(pod) >= SYSTEM_CRITICAL_PRIORITY) return 'system-critical pod';
  if ((pod.spec?.volumes ?? []).some((v) => v?.emptyDir || v?.hostPath)) return 'pod with local storage';
  if (pod.metadata.deletionTimestamp) return 'already terminating';
  return undefined;
}
