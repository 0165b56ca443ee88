/**
 * maxSurge and maxUnavailable resolved against spec.replicas (deploymentutil.ResolveFenceposts),
 * the numbers every rolling-update step is bounded by.
 */
import type { Deployment } from '@kubelab/api';

/** spec.replicas, defaulted as the API does. */
export function desiredReplicas(deployment: Deployment): number {
  return Number(deployment.spec?.replicas ?? 1);
}

/** RollingUpdate unless the strategy says Recreate (the API defaults to RollingUpdate). */
export function isRollingUpdate(deployment: Deployment): boolean {
  return (deployment.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** intstr.GetScaledValueFromIntOrPercent: an int as is, "25%" of `total` rounded up or down. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value ?? '');
  if (!percent) return 0;
  const exact = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** Surge (rounded up) and unavailability (rounded down); both zero means one unavailable. */
export function fenceposts(deployment: Deployment): { maxSurge: number; maxUnavailable: number } {
  const rolling = deployment.spec?.strategy?.rollingUpdate ?? {};
  const desired = desiredReplicas(deployment);
  const maxSurge = scaledValue(rolling.maxSurge ?? '25%', desired, true);
  const maxUnavailable = scaledValue(rolling.maxUnavailable ?? '25%', desired, false);
  return { maxSurge, maxUnavailable: maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable };
}

/** How many pods above spec.replicas a rollout may run (0 for Recreate). */
export function maxSurge(deployment: Deployment): number {
  return isRollingUpdate(deployment) ? fenceposts(deployment).maxSurge : 0;
}

/** How many of spec.replicas may be unavailable (0 for Recreate or no replicas). */
export function maxUnavailable(deployment: Deployment): number {
  const desired = desiredReplicas(deployment);
  if (!isRollingUpdate(deployment) || desired === 0) return 0;
  return Math.min(fenceposts(deployment).maxUnavailable, desired);
}
