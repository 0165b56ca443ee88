/**
 * What the disruption controller and the eviction subresource share
 * (pkg/apis/policy/helper's UpdateDisruptionAllowedCondition, and which budgets
 * guard a pod): the DisruptionAllowed condition follows disruptionsAllowed.
 */
import type { Condition } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import type { KubeObject } from '../object.js';
import type { PodDisruptionBudget } from '../typed-objects.js';
import { labelSelectorFromObject, matchesLabels } from '../selectors/index.js';
import { kubeTime } from './meta.js';

/** PodDisruptionBudget status with its DisruptionAllowed condition set (meta.SetStatusCondition). */
export function withDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, now: Date): PodDisruptionBudgetStatus {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  const wanted = { status: allowed ? 'True' : 'False', reason: allowed ? 'SufficientPods' : 'InsufficientPods' };
  const conditions: Condition[] = (status.conditions ?? []).map((c) => ({ ...c }));
  const old = conditions.find((c) => c.type === 'DisruptionAllowed');
  const condition = {
    type: 'DisruptionAllowed', status: wanted.status, observedGeneration: status.observedGeneration ?? 0,
    lastTransitionTime: old && old.status === wanted.status ? old.lastTransitionTime : kubeTime(now), reason: wanted.reason, message: '',
  };
  return { ...status, conditions: old ? conditions.map((c) => (c === old ? condition : c)) : [...conditions, condition] };
}

/**
 * The budgets that guard `pod` when it is evicted: same namespace, a selector that
 * matches its labels. A budget with an empty or unusable selector guards nothing here.
 */
export function budgetsGuarding(pod: KubeObject, budgets: readonly KubeObject[]): KubeObject[] {
  return budgets.filter((pdb) => {
    const selector = (pdb as PodDisruptionBudget).spec?.selector;
    if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) return false;
    try {
      return matchesLabels(labelSelectorFromObject(selector), pod.metadata.labels ?? {});
    } catch {
      return false;
    }
  });
}

const statusFields = ['observedGeneration', 'disruptedPods', 'disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods', 'conditions'];

/** A PodDisruptionBudget status with its fields in the order the API writes them. */
export function inBudgetStatusOrder(status: PodDisruptionBudgetStatus): PodDisruptionBudgetStatus {
  const fields: Record<string, unknown> = { ...status };
  const known = statusFields.filter((k) => k in fields).map((k) => [k, fields[k]] as const);
  return Object.fromEntries([...known, ...Object.entries(fields).filter(([k]) => !statusFields.includes(k))]) as unknown as PodDisruptionBudgetStatus;
}
