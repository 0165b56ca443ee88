/**
 * The RollingUpdate half of updateStatefulSet: from the highest ordinal down to the
 * partition, delete the first pod not on the update revision (its slot is refilled
 * from the update revision once it is gone), and wait at any pod that is not healthy
 * (saying so only while an outdated pod is left below it).
 * OnDelete leaves pods alone: they take the new revision when someone deletes them.
 */
import { isHealthy, isTerminating } from './stateful-pod-state.js';
import { podRevision } from './stateful-pod-identity.js';
import { deletePod, waitFor, type StatefulPass } from './stateful-pass.js';

/** Deletes at most one outdated pod, highest ordinal first, down to the partition. */
export function rollStatefulPods(pass: StatefulPass): void {
  const strategy = pass.set.spec?.updateStrategy ?? {};
  if (strategy.type === 'OnDelete') return;
  const partition = Number(strategy.rollingUpdate?.partition ?? 0);
  for (let index = pass.replicas.length - 1; index >= partition; index--) {
    const pod = pass.replicas[index];
    if (!pod) return;
    if (podRevision(pod) !== pass.update.name && !isTerminating(pod)) {
      pass.replicas[index] = deletePod(pass, pod);
      return;
    }
    const outdatedBelow = pass.replicas.slice(partition, index).some((p) => p && podRevision(p) !== pass.update.name);
    if (!isHealthy(pod)) {
      if (!outdatedBelow) return;
      const state = isTerminating(pod) ? 'deleted (Terminating)' : 'Running and Ready';
      waitFor(pass, `waiting for pod ${pod.metadata.name} to be ${state} before updating the next one`);
      return;
    }
  }
}
