/**
 * PodGC (pkg/controller/podgc) as one pure decision: which pods to force-delete —
 * terminated ones beyond the threshold (evicted, then oldest first), pods of nodes
 * that stayed gone for the 40 s quarantine, terminating pods on out-of-service nodes
 * that are not Ready, terminating pods never scheduled — and which of them to mark
 * Failed first because they had not finished.
 */
import { kubeTime, type Node, type Pod } from '@kubelab/api';

/** Why PodGC removes a pod. */
export type PodGcReason = 'Terminated' | 'Orphaned' | 'Unscheduled' | 'OutOfService';

/** One step for the shell: mark a pod Failed (a strategic merge patch of its status, before deleting it), or force-delete it. */
export type PodGcAction =
  | { type: 'MarkPodFailed'; pod: Pod; patch: Record<string, unknown> }
  | { type: 'ForceDeletePod'; pod: Pod; reason: PodGcReason };

/** PodGC's settings and the quarantine state it carries from one pass to the next. */
export interface PodGcOptions {
  /** Terminated pods kept before the oldest are deleted (kube-controller-manager's default: 12500; 0 disables). */
  terminatedPodGcThreshold: number;
  /** Pod uid → wall ms when it was first seen on a missing node. */
  orphanSince?: ReadonlyMap<string, number>;
}

/** The decision, the updated quarantine state, and when a quarantine ends (wall ms). */
export interface PodGcPlan {
  actions: PodGcAction[];
  orphanSince: ReadonlyMap<string, number>;
  requeueAfterMs?: number;
}

const QUARANTINE_SECONDS = 40;
const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

const isTerminated = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const isEvicted = (pod: Pod) => pod.status?.phase === 'Failed' && pod.status?.reason === 'Evicted';

function evictedThenOldest(a: Pod, b: Pod): number {
  if (isEvicted(a) !== isEvicted(b)) return isEvicted(a) ? -1 : 1;
  const [ta, tb] = [a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? ''];
  if (ta !== tb) return Date.parse(ta) - Date.parse(tb);
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

function isNodeReady(node: Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function terminatedBeyondThreshold(pods: readonly Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isTerminated);
  const excess = terminated.length - threshold;
  return excess > 0 ? terminated.sort(evictedThenOldest).slice(0, excess) : [];
}

function onOutOfServiceNodes(pods: readonly Pod[], nodes: ReadonlyMap<string, Node>): Pod[] {
  return pods.filter((pod) => {
    const node = pod.metadata.deletionTimestamp ? nodes.get(pod.spec?.nodeName ?? '') : undefined;
    return node !== undefined && !isNodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE_TAINT);
  });
}

/** The pod marked Failed (Kubernetes' markFailedAndDeletePodWithCondition, status half). */
/**
 * The strategic merge patch of pods/status by which PodGC marks a pod Failed (utilpod.PatchPodStatus's diff): the phase and,
 * for an orphan, the DisruptionTarget condition, merged by type and kept last; the pod's uid is the precondition. A patch, as upstream, since
 * its role grants patch on pods/status, not update, and a patch leaves the rest of the status as whoever wrote it last left it.
 */
function failedStatusPatch(pod: Pod, now: Date, withCondition: boolean): Record<string, unknown> {
  const condition = { type: 'DisruptionTarget', status: 'True', lastTransitionTime: kubeTime(now), reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };
  if (!withCondition) return { metadata: { uid: pod.metadata.uid }, status: { phase: 'Failed' } };
  const order = [...(pod.status?.conditions ?? []).filter((c) => c.type !== condition.type), condition].map((c) => ({ type: c.type }));
  return { metadata: { uid: pod.metadata.uid }, status: { phase: 'Failed', '$setElementOrder/conditions': order, conditions: [condition] } };
}

/** Orphans past quarantine, the new quarantine state, and the nearest quarantine end. */
function orphans(pods: readonly Pod[], nodes: ReadonlyMap<string, Node>, since: ReadonlyMap<string, number>, clock: { now: Date; timeScale: number }) {
  const nowMs = clock.now.getTime();
  const quarantineMs = (QUARANTINE_SECONDS * 1000) / clock.timeScale;
  const orphanSince = new Map<string, number>();
  const expired: Pod[] = [];
  let requeueAfterMs: number | undefined;
  for (const pod of pods) {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || nodes.has(nodeName)) continue;
    const uid = pod.metadata.uid ?? '';
    const first = since.get(uid) ?? nowMs;
    orphanSince.set(uid, first);
    const remaining = first + quarantineMs - nowMs;
    if (remaining <= 0) expired.push(pod);
    else requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, remaining);
  }
  return { expired, orphanSince, requeueAfterMs };
}

/** One PodGC pass over all pods and nodes. */
export function planPodGc(pods: readonly Pod[], nodes: readonly Node[], options: PodGcOptions, clock: { now: Date; timeScale: number }): PodGcPlan {
  const nodesByName = new Map(nodes.map((node) => [node.metadata.name ?? '', node]));
  const orphaned = orphans(pods, nodesByName, options.orphanSince ?? new Map(), clock);
  const doomed: [Pod, PodGcReason][] = [
    ...terminatedBeyondThreshold(pods, options.terminatedPodGcThreshold).map((pod): [Pod, PodGcReason] => [pod, 'Terminated']),
    ...onOutOfServiceNodes(pods, nodesByName).map((pod): [Pod, PodGcReason] => [pod, 'OutOfService']),
    ...orphaned.expired.map((pod): [Pod, PodGcReason] => [pod, 'Orphaned']),
    ...pods.filter((pod) => pod.metadata.deletionTimestamp && !pod.spec?.nodeName).map((pod): [Pod, PodGcReason] => [pod, 'Unscheduled']),
  ];
  const seen = new Set<string>();
  const actions: PodGcAction[] = [];
  for (const [pod, reason] of doomed) {
    const uid = pod.metadata.uid ?? '';
    if (seen.has(uid)) continue;
    seen.add(uid);
    if (!isTerminated(pod)) actions.push({ type: 'MarkPodFailed', pod, patch: failedStatusPatch(pod, clock.now, reason === 'Orphaned') });
    actions.push({ type: 'ForceDeletePod', pod, reason });
  }
  const plan: PodGcPlan = { actions, orphanSince: orphaned.orphanSince };
  return orphaned.requeueAfterMs === undefined ? plan : { ...plan, requeueAfterMs: orphaned.requeueAfterMs };
}
