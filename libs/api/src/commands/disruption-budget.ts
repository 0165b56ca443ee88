/**
 * What the disruption controller and the eviction subresource share
 * (pkg/apis/policy/helper's UpdateDisruptionAllowedCondition, and which budgets
 * guard a pod): the DisruptionAllowed condition follows disruptionsAllowed.
 */
import type { KubeObject } from '../object.js';
import { labelSelectorFromObject, matchesLabels } from '../selectors/index.js';
import { kubeTime } from './meta.js';

/** PodDisruptionBudget status with its DisruptionAllowed condition set (meta.SetStatusCondition). */
export function withDisruptionAllowedCondition(status: Record<string, any>, now: Date): Record<string, any> {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  const wanted = { status: allowed ? 'True' : 'False', reason: allowed ? 'SufficientPods' : 'InsufficientPods' };
  const conditions: any[] = (status.conditions ?? []).map((c: any) => ({ ...c }));
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
    const selector = pdb.spec?.selector;
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
export function inBudgetStatusOrder(status: Record<string, any>): Record<string, any> {
  const known = statusFields.filter((k) => k in status).map((k) => [k, status[k]] as const);
  return Object.fromEntries([...known, ...Object.entries(status).filter(([k]) => !statusFields.includes(k))]);
}
