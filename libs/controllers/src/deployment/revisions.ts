/**
 * The revision bookkeeping of deploymentutil (SetNewReplicaSetAnnotations and friends):
 * `kubectl rollout history/undo` read these annotations, so they follow Kubernetes exactly.
 */
import type { Deployment, KubeObject, ReplicaSet } from '@kubelab/api';
import { maxSurge, desiredReplicas } from './rollout-params.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

/** The deployment controller's limit on the length of revision-history. */
const MAX_REVISION_HISTORY_CHARS = 2000;

/** Deployment annotations that are the controller's own or kubectl apply's, never copied to a ReplicaSet. */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** An object's revision annotation as a number (0 when absent or not a number). */
export function revisionOf(obj: KubeObject): number {
  const value = Number.parseInt(obj.metadata.annotations?.[REVISION_ANNOTATION] ?? '', 10);
  return Number.isNaN(value) ? 0 : value;
}

/** The highest revision among `replicaSets` (0 for none). */
export function maxRevision(replicaSets: readonly ReplicaSet[]): number {
  return Math.max(0, ...replicaSets.map(revisionOf));
}

function annotationsOf(obj: ReplicaSet): Record<string, string> {
  obj.metadata.annotations ??= {};
  return obj.metadata.annotations;
}

/** Copies the Deployment's own annotations (e.g. kubernetes.io/change-cause) onto `rs`. */
function copyDeploymentAnnotations(deployment: Deployment, rs: ReplicaSet): boolean {
  const annotations = annotationsOf(rs);
  let changed = false;
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  return changed;
}

/** Appends `revision` to revision-history, dropping the oldest entries past the length limit. */
function appendRevisionHistory(annotations: Record<string, string>, revision: string): void {
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
  if (history === '') {
    annotations[REVISION_HISTORY_ANNOTATION] = revision;
    return;
  }
  const entries = history.split(',');
  let totalLength = history.length + revision.length + 1;
  let start = 0;
  while (totalLength > MAX_REVISION_HISTORY_CHARS && start < entries.length) {
    totalLength -= entries[start].length + 1;
    start++;
  }
  if (totalLength <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...entries.slice(start), revision].join(',');
}

/** Sets desired-replicas and max-replicas on `rs` from the Deployment; true when they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, deployment: Deployment): boolean {
  const annotations = annotationsOf(rs);
  const desired = String(desiredReplicas(deployment));
  const max = String(desiredReplicas(deployment) + maxSurge(deployment));
  const changed = annotations[DESIRED_REPLICAS_ANNOTATION] !== desired || annotations[MAX_REPLICAS_ANNOTATION] !== max;
  annotations[DESIRED_REPLICAS_ANNOTATION] = desired;
  annotations[MAX_REPLICAS_ANNOTATION] = max;
  return changed;
}

/** Whether desired-replicas/max-replicas on `rs` are out of date for the Deployment. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, deployment: Deployment): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas(deployment)) ||
    annotations[MAX_REPLICAS_ANNOTATION] !== String(desiredReplicas(deployment) + maxSurge(deployment));
}

/** The desired-replicas annotation as a number, when it is one. */
export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const value = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** The max-replicas annotation as a number, when it is one. */
export function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  const value = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION];
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * SetNewReplicaSetAnnotations: the new ReplicaSet gets the Deployment's annotations and
 * `newRevision` when that is higher than its own; a ReplicaSet that already had a
 * revision (rollout undo) keeps the old one in revision-history. Edits `rs`; true when changed.
 */
export function setNewReplicaSetAnnotations(deployment: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(deployment, rs);
  const annotations = annotationsOf(rs);
  const oldRevision = annotations[REVISION_ANNOTATION];
  const oldRevisionNumber = oldRevision === undefined ? 0 : Number.parseInt(oldRevision, 10);
  if (Number.isNaN(oldRevisionNumber)) return false;
  if (oldRevisionNumber < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) appendRevisionHistory(annotations, oldRevision);
  }
  if (!exists && setReplicasAnnotations(rs, deployment)) changed = true;
  return changed;
}
