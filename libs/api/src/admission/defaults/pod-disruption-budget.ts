/**
 * policy/v1 PodDisruptionBudget: no v1 defaulting function exists, but the strategy
 * starts every budget with an empty status whose counters read 0.
 */
import { isPlainObject } from '../../object.js';
import type { PodDisruptionBudget } from '../../typed-objects.js';

/** Gives a PodDisruptionBudget its initial status in place. */
export function defaultPodDisruptionBudget(pdb: PodDisruptionBudget): void {
  if (!isPlainObject(pdb.status)) pdb.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
}
