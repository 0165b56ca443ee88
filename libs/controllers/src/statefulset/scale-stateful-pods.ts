/**
 * The scaling half of updateStatefulSet (stateful_set_control.go, processReplica and
 * processCondemned): fill every ordinal, lowest first, replacing finished pods under
 * the same name (claims before pods, a Pending pod's missing claims again); then set the
 * condemned pods' claims' owners for the retention policy and remove the pods past the
 * range, highest first. OrderedReady stops at the first pod not Running, Ready and
 * available, and never replaces a pod until the old one (Terminating) is gone; Parallel
 * acts on every ordinal at once. A pod the pass moves past has its claims' owners put
 * right for the retention policy (the pod written again, as UpdateStatefulPod commits).
 */
import type { Pod } from '@kubelab/api';
import { isFinished, isHealthy, isRunningAndAvailable, isRunningAndReady, isTerminating } from './stateful-pod-state.js';
import { newStatefulSetPod } from './new-stateful-pod.js';
import { claimsMatchRetentionPolicy, createMissingClaims, podClaimIsStale, updateClaimsForRetentionPolicy } from './stateful-claims.js';
import { startOrdinal } from './stateful-pod-identity.js';
import { recreatingPodEvent, statefulPodEvent } from './statefulset-events.js';
import { deletePod, waitFor, type StatefulPass } from './stateful-pass.js';

type Halt = boolean;

/** newVersionedStatefulSetPod: ordinals below the partition keep the current revision. */
function versionedPod(pass: StatefulPass, ordinal: number): Pod {
  const { set } = pass;
  const strategy = set.spec?.updateStrategy ?? { type: 'RollingUpdate' };
  const rolling = (strategy.type ?? 'RollingUpdate') === 'RollingUpdate';
  const start = startOrdinal(set);
  const keepsCurrent = strategy.rollingUpdate
    ? ordinal < start + Number(strategy.rollingUpdate.partition ?? 0)
    : rolling && ordinal < start + Number(set.status?.currentReplicas ?? 0);
  const revision = keepsCurrent ? pass.current : pass.update;
  return newStatefulSetPod(set, revision.template, ordinal, revision.name);
}

const terminatingWait = (pod: Pod) => `waiting for pod ${pod.metadata.name} to be deleted (Terminating)`;

/** Why an ordered set cannot move past `pod` yet, or undefined when it can. */
function notYetAvailable(pass: StatefulPass, pod: Pod): string | undefined {
  const minReadySeconds = Number(pass.set.spec?.minReadySeconds ?? 0);
  if (!isRunningAndReady(pod)) return `waiting for pod ${pod.metadata.name} to be Running and Ready`;
  if (!isRunningAndAvailable(pod, minReadySeconds, pass.clock)) return `waiting for pod ${pod.metadata.name} to be available (minReadySeconds ${minReadySeconds})`;
  return undefined;
}

/** Notes `reason` when there is one; true then (the pass stops). */
function blockedBy(pass: StatefulPass, reason: string | undefined): Halt {
  if (reason === undefined) return false;
  waitFor(pass, reason);
  return true;
}

/** Notes that the slot waits for `pod` to be gone; the pass stops there when ordered. */
function holdFor(pass: StatefulPass, pod: Pod): Halt {
  waitFor(pass, terminatingWait(pod));
  pass.heldBy ??= pod.metadata.name;
  return pass.monotonic;
}

/**
 * CreateStatefulPod: creates the pod's missing claims, then `pod` in slot `index`, sets the
 * owners of its claims already known as the retention policy wants, and records SuccessfulCreate.
 */
function createPod(pass: StatefulPass, index: number, pod: Pod): void {
  createMissingClaims(pass, pod, true);
  pass.actions.push({ type: 'CreatePod', pod });
  updateClaimsForRetentionPolicy(pass, pod, true);
  pass.actions.push(statefulPodEvent('Create', pod.metadata.name ?? '', pass.set));
  pass.replicas[index] = pod;
}

/** Creates the pod of an empty slot, unless a claim of its name still belongs to an earlier pod being taken away. */
function createReplica(pass: StatefulPass, index: number): Halt {
  const pod = versionedPod(pass, startOrdinal(pass.set) + index);
  if (podClaimIsStale(pass, pod)) {
    waitFor(pass, `waiting for the PersistentVolumeClaims of the previous pod ${pod.metadata.name} to be deleted`);
    return pass.monotonic;
  }
  createPod(pass, index, pod);
  return pass.monotonic;
}

/** UpdateStatefulPod for the retention policy: the claims' owners put right, then the pod written and the update recorded. */
function enforceRetentionPolicy(pass: StatefulPass, pod: Pod): void {
  if (claimsMatchRetentionPolicy(pass, pod)) return;
  updateClaimsForRetentionPolicy(pass, pod, true);
  pass.actions.push({ type: 'UpdatePod', pod }, statefulPodEvent('Update', pod.metadata.name ?? '', pass.set));
}

function processReplica(pass: StatefulPass, index: number): Halt {
  const pod = pass.replicas[index];
  if (!pod) return createReplica(pass, index);
  if (isFinished(pod) && !isTerminating(pod)) {
    pass.actions.push(recreatingPodEvent(pod, pass.set));
    return holdFor(pass, (pass.replicas[index] = deletePod(pass, pod)));
  }
  if (pod.status?.phase === 'Pending') {
    createMissingClaims(pass, pod, false);
    updateClaimsForRetentionPolicy(pass, pod, true);
  }
  if (isTerminating(pod)) {
    if (holdFor(pass, pod)) return true;
  } else if (pass.monotonic && blockedBy(pass, notYetAvailable(pass, pod))) return true;
  enforceRetentionPolicy(pass, pod);
  return false;
}

function processCondemned(pass: StatefulPass, pod: Pod, firstUnhealthy: Pod | undefined): Halt {
  if (isTerminating(pod)) {
    if (pass.monotonic) waitFor(pass, terminatingWait(pod));
    return pass.monotonic;
  }
  if (pass.monotonic && pod !== firstUnhealthy && blockedBy(pass, notYetAvailable(pass, pod))) return true;
  deletePod(pass, pod);
  return pass.monotonic;
}

/** Creates, replaces and removes pods for spec.replicas; true when the pass must stop here. */
export function scaleStatefulPods(pass: StatefulPass): Halt {
  const living = [...pass.replicas, ...[...pass.condemned].reverse()];
  const firstUnhealthy = living.find((pod): pod is Pod => pod !== undefined && !isHealthy(pod));
  for (let index = 0; index < pass.replicas.length; index++) {
    if (processReplica(pass, index)) return true;
  }
  for (const pod of pass.condemned) {
    if (!claimsMatchRetentionPolicy(pass, pod)) updateClaimsForRetentionPolicy(pass, pod, false);
  }
  for (const pod of pass.condemned) {
    if (processCondemned(pass, pod, firstUnhealthy)) return true;
  }
  return false;
}
