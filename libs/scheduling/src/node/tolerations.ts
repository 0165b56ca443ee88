/** Taints and tolerations matched as k8s.io/api's Toleration.ToleratesTaint does. */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';

/** A node taint (spec.taints[]) and a pod toleration (spec.tolerations[]), as kubernetes-types has them. */
export type { Taint, Toleration };

/** True when the toleration covers the taint: matching effect (or any), key (or any with Exists), and value for Equal. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** True when some toleration covers the taint. */
export function tolerated(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

/** The first taint with one of the effects that no toleration covers (FindMatchingUntoleratedTaint). */
export function firstUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  effects: ReadonlySet<string>,
): Taint | undefined {
  return taints.find((taint) => effects.has(taint.effect) && !tolerated(tolerations, taint));
}
