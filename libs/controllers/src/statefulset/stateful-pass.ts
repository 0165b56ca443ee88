/**
 * One pass of the StatefulSet controller over its ordinals: the steps decided so far,
 * what it waits for, and the pods as they will be once those steps are done (a new
 * pod in its slot, a deleted one marked terminating), so later rules see them.
 */
import { cloneJson, type PersistentVolumeClaim, type Pod, type StatefulSet } from '@kubelab/api';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import type { StatefulSetAction } from './statefulset-actions.js';
import { statefulPodEvent } from './statefulset-events.js';

/** A revision as the pass uses it: its name and the template it froze. */
export interface StatefulRevision {
  name: string;
  template: PodTemplateSpec;
}

/** What a pass works from and what it has decided. */
export interface StatefulPass {
  set: StatefulSet;
  current: StatefulRevision;
  update: StatefulRevision;
  clock: WorkloadClock;
  /** OrderedReady: one pod at a time, each waiting for the one before. */
  monotonic: boolean;
  /** Slot i holds the pod at ordinal start+i, or undefined when there is none. */
  replicas: (Pod | undefined)[];
  /** Pods past the ordinal range, highest ordinal first. */
  condemned: Pod[];
  /** The namespace's PersistentVolumeClaims by name, as they will be once the claim updates decided so far are done. */
  claims: Map<string, PersistentVolumeClaim>;
  actions: StatefulSetAction[];
  waitingFor?: string;
  /** The pod whose identity a replica slot waits for: it is still Terminating. */
  heldBy?: string;
}

/** Deletes `pod` (gracefully) and records SuccessfulDelete; returns the pod as it will be: terminating. */
export function deletePod(pass: StatefulPass, pod: Pod): Pod {
  pass.actions.push({ type: 'DeletePod', pod }, statefulPodEvent('Delete', pod.metadata.name ?? '', pass.set));
  const terminating = cloneJson(pod);
  terminating.metadata.deletionTimestamp = pass.clock.now.toISOString();
  return terminating;
}

/** Notes the first thing the pass waits for. */
export function waitFor(pass: StatefulPass, reason: string): void {
  pass.waitingFor ??= reason;
}
