/**
 * rollingUpdate (pkg/controller/daemon/update.go). Without surge: delete old pods
 * while no more than maxUnavailable nodes are without an available pod (an old pod
 * that is not available anyway may always go). With surge: start a new pod beside an
 * old one on up to maxSurge nodes, and delete the old one once the new is available.
 */
import type { Pod } from '@kubelab/api';
import { isPodAvailable } from '../replicaset/pod-state.js';
import type { DaemonSetAction } from './daemonset-actions.js';
import { daemonPodHash, newDaemonPod } from './daemon-pod.js';
import type { DaemonView } from './daemon-nodes.js';
import { daemonFenceposts } from './daemon-rollout-params.js';

/** findUpdatedPodsOnNode: the node's one new and one old pod, or undefined when it has more. */
function updatedPodsOnNode(view: DaemonView, pods: readonly Pod[]): { newPod?: Pod; oldPod?: Pod } | undefined {
  const live = pods.filter((pod) => !pod.metadata.deletionTimestamp);
  const fresh = live.filter((pod) => daemonPodHash(pod) === view.hash);
  const old = live.filter((pod) => daemonPodHash(pod) !== view.hash);
  if (fresh.length > 1 || old.length > 1) return undefined;
  return { newPod: fresh[0], oldPod: old[0] };
}

/** Every node the update looks at (those that should run a pod or have one), in name order. */
function nodesInPlay(view: DaemonView): [string, Pod[]][] {
  const entries = new Map<string, Pod[]>(view.podsByNode);
  for (const { node, placement } of view.nodes) {
    if (placement.shouldRun && !entries.has(node.metadata.name ?? '')) entries.set(node.metadata.name ?? '', []);
  }
  return [...entries].sort(([a], [b]) => a.localeCompare(b));
}

function withoutSurge(view: DaemonView, maxUnavailable: number, available: (pod: Pod) => boolean): DaemonSetAction[] {
  let unavailable = 0;
  const replacements: Pod[] = [];
  const candidates: Pod[] = [];
  for (const [, pods] of nodesInPlay(view)) {
    const found = updatedPodsOnNode(view, pods);
    if (!found || Boolean(found.newPod) === Boolean(found.oldPod)) unavailable++;
    else if (found.newPod) unavailable += available(found.newPod) ? 0 : 1;
    else if (!available(found.oldPod!)) replacements.push(found.oldPod!);
    else if (unavailable < maxUnavailable) candidates.push(found.oldPod!);
  }
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return [...replacements, ...candidates.slice(0, room)].map((pod) => ({ type: 'DeletePod', pod }));
}

function withSurge(view: DaemonView, maxSurge: number, available: (pod: Pod) => boolean): DaemonSetAction[] {
  let surging = 0;
  const oldToDelete: Pod[] = [];
  const replacementNodes: string[] = [];
  const candidateNodes: string[] = [];
  for (const [nodeName, pods] of nodesInPlay(view)) {
    const found = updatedPodsOnNode(view, pods);
    if (!found) surging++;
    else if (!found.oldPod) continue;
    else if (!found.newPod) {
      if (!available(found.oldPod)) replacementNodes.push(nodeName);
      else if (surging < maxSurge) candidateNodes.push(nodeName);
    } else if (!available(found.newPod)) surging++;
    else oldToDelete.push(found.oldPod);
  }
  const room = Math.min(Math.max(0, maxSurge - surging), candidateNodes.length);
  return [
    ...oldToDelete.map((pod): DaemonSetAction => ({ type: 'DeletePod', pod })),
    ...[...replacementNodes, ...candidateNodes.slice(0, room)].map((nodeName): DaemonSetAction => ({
      type: 'CreatePod', pod: newDaemonPod(view.ds, view.template, view.hash, nodeName), nodeName,
    })),
  ];
}

/** The next step of a RollingUpdate, bounded by maxUnavailable or maxSurge. */
export function rollDaemonPods(view: DaemonView): DaemonSetAction[] {
  const desired = view.nodes.filter(({ placement }) => placement.shouldRun).length;
  const { maxSurge, maxUnavailable } = daemonFenceposts(view.ds, desired);
  const minReadySeconds = Number(view.ds.spec?.minReadySeconds ?? 0);
  const available = (pod: Pod) => isPodAvailable(pod, minReadySeconds, view.clock);
  return maxSurge === 0 ? withoutSurge(view, maxUnavailable, available) : withSurge(view, maxSurge, available);
}
