/**
 * updateDaemonSetStatus (daemon_controller.go): per node that should run the daemon,
 * whether it has a pod and whether the oldest is ready, available and up to date;
 * pods on nodes that should not run it are misscheduled.
 */
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { isPodReady, msUntilAvailable } from '../replicaset/pod-state.js';
import { daemonPodHash } from './daemon-pod.js';
import { oldestFirst, podsOn, type DaemonView } from './daemon-nodes.js';

/** The new status, and wall ms until a ready pod becomes available (if one will). */
export interface DaemonSetStatusDecision {
  status: DaemonSetStatus;
  nextAvailableInMs?: number;
}

/** The status of the DaemonSet in `view`, omitempty as the API writes it. */
export function daemonSetStatus(view: DaemonView, collisionCount: number): DaemonSetStatusDecision {
  const { ds } = view;
  const minReadySeconds = Number(ds.spec?.minReadySeconds ?? 0);
  const counts = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0 };
  const pending: number[] = [];
  for (const { node, placement } of view.nodes) {
    const pods = podsOn(view, node);
    if (!placement.shouldRun) {
      if (pods.length > 0) counts.numberMisscheduled++;
      continue;
    }
    counts.desiredNumberScheduled++;
    if (pods.length === 0) continue;
    counts.currentNumberScheduled++;
    const [pod] = [...pods].sort(oldestFirst);
    if (isPodReady(pod)) {
      counts.numberReady++;
      const untilAvailable = msUntilAvailable(pod, minReadySeconds, view.clock);
      if (untilAvailable !== undefined && untilAvailable <= 0) counts.numberAvailable++;
      else if (untilAvailable !== undefined) pending.push(untilAvailable);
    }
    if (daemonPodHash(pod) === view.hash) counts.updatedNumberScheduled++;
  }
  const { updatedNumberScheduled, numberAvailable, ...required } = counts;
  const status: DaemonSetStatus = { ...required };
  if (ds.metadata.generation) status.observedGeneration = ds.metadata.generation;
  const optional = { updatedNumberScheduled, numberAvailable, numberUnavailable: counts.desiredNumberScheduled - numberAvailable };
  for (const [field, value] of Object.entries(optional) as [keyof typeof optional, number][]) if (value !== 0) status[field] = value;
  if (collisionCount > 0) status.collisionCount = collisionCount;
  if (ds.status?.conditions?.length) status.conditions = ds.status.conditions;
  const decision: DaemonSetStatusDecision = { status };
  return pending.length > 0 ? { ...decision, nextAvailableInMs: Math.min(...pending) } : decision;
}
