/**
 * The disruption controller (pkg/controller/disruption/disruption.go, trySync) as one
 * pure decision: a PodDisruptionBudget's status from the pods it selects. Healthy
 * pods are Ready ones not being deleted and not just evicted (an eviction is trusted
 * for two minutes of Kubernetes time, DeletionTimeout); disruptionsAllowed is what is healthy beyond
 * the desired count. When the count cannot be worked out, the budget fails safe.
 */
import { kubeTime, labelSelectorFromObject, matchesLabels, withDisruptionAllowedCondition, type Pod, type PodDisruptionBudget } from '@kubelab/api';
import { isPodReady } from '../replicaset/pod-state.js';
import { scaledMs, type WorkloadClock } from '../replicaset/workload-clock.js';
import type { PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { expectedPods, type Workload } from './expected-pods.js';

/** How long (Kubernetes seconds) an eviction keeps its pod out of the healthy count while the pod is not yet being deleted. */
export const DELETION_TIMEOUT_SECONDS = 2 * 60;

/** An Event the disruption controller records about the budget. */
export interface DisruptionBudgetEvent {
  eventType: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** The budget's new status (only when it differs), its events, and when (wall time) to look again for an expiring eviction. */
export interface DisruptionBudgetDecision {
  /** The status to write; a budget whose pods cannot be counted keeps its counts as they were. */
  status?: Partial<PodDisruptionBudgetStatus>;
  events: DisruptionBudgetEvent[];
  recheckAt?: Date;
}

/** getPodsForPdb: a missing selector selects nothing, an empty one every pod of the namespace. */
function selectedPods(pdb: PodDisruptionBudget, pods: readonly Pod[]): Pod[] {
  const selector = pdb.spec?.selector;
  if (!selector) return [];
  try {
    const requirements = labelSelectorFromObject(selector);
    return pods.filter((p) => p.metadata.namespace === pdb.metadata.namespace && matchesLabels(requirements, p.metadata.labels ?? {}));
  } catch {
    return [];
  }
}

/** buildDisruptedPodMap: evictions still awaited, and the earliest moment one expires. */
function awaitedEvictions(pdb: PodDisruptionBudget, pods: readonly Pod[], clock: WorkloadClock): { disrupted: Record<string, string>; recheckAt?: Date } {
  const recorded = pdb.status?.disruptedPods ?? {};
  const disrupted: Record<string, string> = {};
  let recheckAt: Date | undefined;
  for (const pod of pods) {
    const at = recorded[pod.metadata.name!];
    if (pod.metadata.deletionTimestamp || at === undefined) continue;
    const expires = new Date(Date.parse(at) + scaledMs(DELETION_TIMEOUT_SECONDS, clock));
    if (expires.getTime() < clock.now.getTime()) continue;
    disrupted[pod.metadata.name!] = at;
    if (!recheckAt || expires < recheckAt) recheckAt = expires;
  }
  return recheckAt ? { disrupted, recheckAt } : { disrupted };
}

/** failSafe: no disruptions, and the DisruptionAllowed condition says why. */
function failSafe(pdb: PodDisruptionBudget, error: string, now: Date): Partial<PodDisruptionBudgetStatus> {
  const status: Partial<PodDisruptionBudgetStatus> = { ...pdb.status, disruptionsAllowed: 0 };
  const conditions = status.conditions ?? [];
  const old = conditions.find((c) => c.type === 'DisruptionAllowed');
  const condition = {
    type: 'DisruptionAllowed', status: 'False', observedGeneration: status.observedGeneration ?? 0,
    lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : kubeTime(now), reason: 'SyncFailed', message: error,
  };
  return { ...status, conditions: old ? conditions.map((c) => (c === old ? condition : c)) : [...conditions, condition] };
}

/** One sync of `pdb` given the pods and workloads (ReplicaSets, Deployments, ReplicationControllers, StatefulSets) of its namespace. */
export function reconcileDisruptionBudget(pdb: PodDisruptionBudget, pods: readonly Pod[], workloads: readonly Workload[], clock: WorkloadClock): DisruptionBudgetDecision {
  const { now } = clock;
  const selected = selectedPods(pdb, pods);
  const events: DisruptionBudgetEvent[] = selected.length === 0 ? [{ eventType: 'Normal', reason: 'NoPods', message: 'No matching pods found' }] : [];
  const expected = expectedPods(pdb, selected, workloads);
  if ('error' in expected) {
    events.push({ eventType: 'Warning', reason: 'CalculateExpectedPodCountFailed', message: `Failed to calculate the number of expected pods: ${expected.error}` });
    const status = failSafe(pdb, expected.error, now);
    return JSON.stringify(status) === JSON.stringify(pdb.status ?? {}) ? { events } : { status, events };
  }
  const { disrupted, recheckAt } = awaitedEvictions(pdb, selected, clock);
  const currentHealthy = selected.filter((p) => !p.metadata.deletionTimestamp && disrupted[p.metadata.name!] === undefined && isPodReady(p)).length;
  const allowed = currentHealthy - expected.desiredHealthy;
  const status = withDisruptionAllowedCondition({
    observedGeneration: pdb.metadata.generation ?? 0,
    ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
    disruptionsAllowed: expected.expectedCount <= 0 || allowed <= 0 ? 0 : allowed,
    currentHealthy,
    desiredHealthy: expected.desiredHealthy,
    expectedPods: expected.expectedCount,
    conditions: pdb.status?.conditions ?? [],
  }, now);
  const changed = JSON.stringify(status) !== JSON.stringify(pdb.status ?? {});
  return { ...(changed ? { status } : {}), events, ...(recheckAt ? { recheckAt } : {}) };
}
