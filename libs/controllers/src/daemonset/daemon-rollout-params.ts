/**
 * A DaemonSet's rolling-update bounds (util.SurgeCount, util.UnavailableCount,
 * updatedDesiredNodeCounts): both rounded up against the nodes that should run a pod,
 * with one unavailable allowed when both come to zero. Defaults: maxUnavailable 1, maxSurge 0.
 */
import type { DaemonSet } from '@kubelab/api';
import { scaledValue } from '../deployment/rollout-params.js';

/** RollingUpdate unless the strategy says OnDelete (the API defaults to RollingUpdate). */
export function isRollingUpdate(ds: DaemonSet): boolean {
  return (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** maxSurge and maxUnavailable for `desired` nodes. */
export function daemonFenceposts(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  if (!isRollingUpdate(ds)) return { maxSurge: 0, maxUnavailable: 0 };
  const rolling = ds.spec?.updateStrategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(rolling.maxSurge ?? 0, desired, true);
  const maxUnavailable = scaledValue(rolling.maxUnavailable ?? 1, desired, true);
  return { maxSurge, maxUnavailable: desired > 0 && maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable };
}

/** util.AllowsSurge: a surge of at least one pod, counted against a single node. */
export function allowsSurge(ds: DaemonSet): boolean {
  return daemonFenceposts(ds, 1).maxSurge > 0;
}
