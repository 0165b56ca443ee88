/**
 * Which pods a ReplicaSet deletes first when it scales down: controller.ActivePodsWithRanks
 * with LogarithmicScaleDown (on by default), so the least useful pods go first.
 */
import type { Pod } from '@kubelab/api';
import { isPodReady, podReadySince } from './pod-state.js';
import type { WorkloadClock } from './workload-clock.js';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

type Comparison = number;

function byBoolean(a: boolean, b: boolean): Comparison {
  return Number(a) - Number(b);
}

/** Kubernetes-time nanoseconds since `time`, as a power-of-two bucket (-1 for the future). */
function logBucket(time: number, clock: WorkloadClock): number {
  const elapsedNs = (clock.now.getTime() - time) * clock.timeScale * 1e6;
  return elapsedNs > 0 ? Math.floor(Math.log2(elapsedNs)) : -1;
}

/** Newer first, compared in logarithmic buckets; same bucket: lower uid first. */
function newerFirst(a: Pod, b: Pod, timeA: number | undefined, timeB: number | undefined, clock: WorkloadClock): Comparison {
  if (timeA === timeB) return 0;
  if (timeA === undefined) return -1;
  if (timeB === undefined) return 1;
  const diff = logBucket(timeA, clock) - logBucket(timeB, clock);
  if (diff !== 0) return diff;
  const uidA = a.metadata.uid ?? '';
  const uidB = b.metadata.uid ?? '';
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
}

function maxRestarts(statuses: readonly { name?: string; restartCount?: number }[] | undefined, only?: Set<string>): number {
  return Math.max(0, ...(statuses ?? []).filter((s) => !only || only.has(s.name ?? '')).map((s) => s.restartCount ?? 0));
}

/** More restarts first: regular containers, then restartable (sidecar) init containers. */
function moreRestartsFirst(a: Pod, b: Pod): Comparison {
  const regular = maxRestarts(b.status?.containerStatuses) - maxRestarts(a.status?.containerStatuses);
  if (regular !== 0) return regular;
  const sidecars = (pod: Pod) =>
    new Set<string>((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  return maxRestarts(b.status?.initContainerStatuses, sidecars(b)) - maxRestarts(a.status?.initContainerStatuses, sidecars(a));
}

function creationTime(pod: Pod): number | undefined {
  return pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : undefined;
}

/**
 * `pods` sorted most-deletable first: unassigned < assigned; Pending < Unknown < Running;
 * not ready < ready; more pods of the owner on the same node first; ready for less time
 * first; more restarts first; newer first.
 */
export function podsInDeletionOrder(pods: readonly Pod[], clock: WorkloadClock): Pod[] {
  const onNode = new Map<string, number>();
  for (const pod of pods) onNode.set(pod.spec?.nodeName ?? '', (onNode.get(pod.spec?.nodeName ?? '') ?? 0) + 1);
  const rank = (pod: Pod) => onNode.get(pod.spec?.nodeName ?? '') ?? 0;
  const compare = (a: Pod, b: Pod): Comparison =>
    byBoolean(Boolean(a.spec?.nodeName), Boolean(b.spec?.nodeName)) ||
    (PHASE_ORDER[a.status?.phase ?? ''] ?? 0) - (PHASE_ORDER[b.status?.phase ?? ''] ?? 0) ||
    byBoolean(isPodReady(a), isPodReady(b)) ||
    rank(b) - rank(a) ||
    (isPodReady(a) && isPodReady(b) ? newerFirst(a, b, podReadySince(a), podReadySince(b), clock) : 0) ||
    moreRestartsFirst(a, b) ||
    newerFirst(a, b, creationTime(a), creationTime(b), clock);
  return [...pods].sort(compare);
}
