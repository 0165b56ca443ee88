/**
 * One pass of the StatefulSet controller over its ordinals: the steps decided so far,
 * what it waits for, and the pods as they will be once those steps are done (a new
 * pod in its slot, a deleted one marked terminating), so later rules see them.
 */
import { cloneJson, type KubeObject } from '@kubelab/api';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import { createMissingClaims, updateClaimsForRetentionPolicy } from './stateful-claims.js';
import type { StatefulSetAction } from './statefulset-actions.js';
import { statefulPodEvent } from './statefulset-events.js';

/** A revision as the pass uses it: its name and the template it froze. */
export interface StatefulRevision {
  name: string;
  template: PodTemplateSpec;
}

/** What a pass works from and what it has decided. */
export interface StatefulPass {
  set: KubeObject;
  current: StatefulRevision;
  update: StatefulRevision;
  clock: WorkloadClock;
  /** OrderedReady: one pod at a time, each waiting for the one before. */
  monotonic: boolean;
  /** Slot i holds the pod at ordinal start+i, or undefined when there is none. */
  replicas: (KubeObject | undefined)[];
  /** Pods past the ordinal range, highest ordinal first. */
  condemned: KubeObject[];
  /** The namespace's PersistentVolumeClaims by name, as they will be once the claim updates decided so far are done. */
  claims: Map<string, KubeObject>;
  actions: StatefulSetAction[];
  waitingFor?: string;
  /** The pod whose identity a replica slot waits for: it is still Terminating. */
  heldBy?: string;
}

/**
 * CreateStatefulPod: creates the pod's missing claims, then `pod` in slot `index`, sets the
 * owners of its claims already known as the retention policy wants, and records SuccessfulCreate.
 */
export function createPod(pass: StatefulPass, index: number, pod: KubeObject): void {
  createMissingClaims(pass, pod, true);
  pass.actions.push({ type: 'CreatePod', pod });
  updateClaimsForRetentionPolicy(pass, pod, true);
  pass.actions.push(statefulPodEvent('Create', pod.metadata.name ?? '', pass.set));
  pass.replicas[index] = pod;
}

/** Deletes `pod` (gracefully) and records SuccessfulDelete; returns the pod as it will be: terminating. */
export function deletePod(pass: StatefulPass, pod: KubeObject): KubeObject {
  pass.actions.push({ type: 'DeletePod', pod }, statefulPodEvent('Delete', pod.metadata.name ?? '', pass.set));
  const terminating = cloneJson(pod);
  terminating.metadata.deletionTimestamp = pass.clock.now.toISOString();
  return terminating;
}

/** Notes the first thing the pass waits for. */
export function waitFor(pass: StatefulPass, reason: string): void {
  pass.waitingFor ??= reason;
}
