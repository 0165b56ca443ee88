/**
 * Taint-based eviction (pkg/controller/tainteviction): a pod on a node with NoExecute
 * taints goes at once if some taint is not tolerated, after the shortest
 * tolerationSeconds of the tolerations used (counted from the taint's timeAdded), or
 * never when those tolerations set no limit.
 */
import type { Pod } from '@kubelab/api';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { NodeLifecycleClock } from './node-lifecycle-types.js';

/** Kubernetes' ToleratesTaint. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

/**
 * Wall ms until the pod must be evicted (0: now), or undefined when it may stay.
 * A taint without timeAdded counts as added long ago.
 */
export function msUntilEviction(pod: Pod, noExecuteTaints: readonly Taint[], clock: NodeLifecycleClock): number | undefined {
  const tolerations = pod.spec?.tolerations ?? [];
  let deadline: number | undefined;
  for (const taint of noExecuteTaints) {
    const toleration = tolerations.find((t) => toleratesTaint(t, taint));
    if (!toleration) return 0;
    if (typeof toleration.tolerationSeconds !== 'number') continue;
    const added = Date.parse(taint.timeAdded ?? '') || 0;
    const due = added + (Math.max(0, toleration.tolerationSeconds) * 1000) / clock.timeScale;
    deadline = Math.min(deadline ?? Infinity, due);
  }
  return deadline === undefined ? undefined : Math.max(0, deadline - clock.now.getTime());
}
