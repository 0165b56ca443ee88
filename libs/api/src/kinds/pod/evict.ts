/**
 * POST pods/eviction (pkg/registry/core/pod/storage/eviction.go): a graceful delete
 * that a PodDisruptionBudget may refuse. A pod that is not running (Pending, finished)
 * or already going is deleted without asking; otherwise the one budget guarding it
 * must allow a disruption, which the eviction spends (disruptionsAllowed - 1, the pod
 * noted in disruptedPods) in the same decision as the delete. The pod goes marked with
 * the DisruptionTarget condition.
 */
import type { PodCondition } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { checkAdmissionPolicies } from '../../commands/admission-policies.js';
import { modified } from '../../commands/change.js';
import type { DeleteOptions } from '../../commands/command.js';
import { budgetsGuarding, inBudgetStatusOrder, withDisruptionAllowedCondition } from '../../commands/disruption-budget.js';
import { kubeTime } from '../../commands/meta.js';
import type { Change, Decision } from '../../commands/types.js';
import { cloneJson, type KubeObject } from '../../object.js';
import { storedTypeOf } from '../../registry.js';
import { forbidden, internalError, notFound, success, tooManyRequests } from '../../status.js';
import type { Pod, PodDisruptionBudget } from '../../typed-objects.js';
import type { KindWrite, StoreDelete } from '../strategy.js';

/** kube-apiserver's MaxDisruptedPodSize: evictions not yet confirmed by the disruption controller. */
const maxDisruptedPods = 2000;
const refusal = "Cannot evict pod as it would violate the pod's disruption budget.";

function canIgnoreBudget(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || Boolean(pod.metadata.deletionTimestamp);
}

/** checkAndDecrement: the budget as the eviction leaves it, or the refusal. */
function spendDisruption(pdb: PodDisruptionBudget, podName: string, now: Date): KubeObject {
  const status: Partial<PodDisruptionBudgetStatus> = pdb.status ?? {};
  const name = pdb.metadata.name!;
  const cause = (message: string) => [{ reason: 'DisruptionBudget', message }];
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    throw tooManyRequests(refusal, 0, cause(`The disruption budget ${name} is still being processed by the server.`));
  }
  const budgets = storedTypeOf('PodDisruptionBudget')!;
  if ((status.disruptionsAllowed ?? 0) < 0) throw forbidden(budgets, name, 'pdb disruptions allowed is negative');
  if (Object.keys(status.disruptedPods ?? {}).length > maxDisruptedPods) {
    throw forbidden(budgets, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if ((status.disruptionsAllowed ?? 0) === 0) {
    throw tooManyRequests(refusal, 0, cause(`The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`));
  }
  const spent = cloneJson(pdb);
  let next = { ...spent.status, disruptionsAllowed: (status.disruptionsAllowed ?? 0) - 1 } as PodDisruptionBudgetStatus;
  if (next.disruptionsAllowed === 0) next = withDisruptionAllowedCondition(next, now);
  spent.status = inBudgetStatusOrder({ ...next, disruptedPods: { ...(status.disruptedPods ?? {}), [podName]: kubeTime(now) } });
  return spent;
}

/** The pod marked DisruptionTarget (addConditionAndDeletePod) before it is deleted. */
function withDisruptionTarget(pod: Pod, now: Date): KubeObject {
  const marked = cloneJson(pod);
  const conditions: PodCondition[] = marked.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === 'DisruptionTarget');
  const condition = {
    type: 'DisruptionTarget', status: 'True', lastProbeTime: null,
    lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : kubeTime(now), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting',
  };
  return { ...marked, status: { ...marked.status, conditions: old ? conditions.map((c) => (c === old ? condition : c)) : [...conditions, condition] } };
}

/** POST pods/eviction: 201 with a Success Status, or 429 while the budget allows no disruption; the pod goes through `remove`, the store's delete. */
export function evictPod(w: KindWrite, name: string, options: DeleteOptions, remove: StoreDelete): Decision {
  const { resource: t, namespace, view, ctx } = w;
  const pod = view.get('Pod', namespace, name) as Pod | undefined;
  if (!pod) throw notFound(t, name);
  const eviction: KubeObject = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } };
  const warnings = checkAdmissionPolicies(t, {
    operation: 'CREATE', subresource: 'eviction', object: eviction, oldObject: null, name, namespace, kind: { group: 'policy', version: 'v1', kind: 'Eviction' },
  }, view, ctx);
  const budgetChanges: Change[] = [];
  if (!canIgnoreBudget(pod)) {
    const budgets = budgetsGuarding(pod, view.list('PodDisruptionBudget', namespace)) as PodDisruptionBudget[];
    if (budgets.length > 1) throw internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    if (budgets.length === 1) {
      const pdbType = storedTypeOf('PodDisruptionBudget')!;
      // The budget's strategy is the default one: its status is updated, not reported.
      budgetChanges.push(modified(pdbType, spendDisruption(budgets[0], name, ctx.now), budgets[0], `${pdbType.kind}StatusUpdated`));
    }
  }
  const decision = remove(withDisruptionTarget(pod, ctx.now), options);
  const changes = decision.changes.map((c) => ({ ...c, previous: pod, ...(c.type === 'PodDeletionRequested' ? { type: 'PodEvicted' } : {}) }));
  return { changes: [...budgetChanges, ...changes], reply: { code: 201, body: success(undefined, 201) }, warnings };
}
